import { createHmac } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { DEMO_MAINTENANCE_PIN, hashMaintenancePin } from './pin.js';
import type * as PinModule from './pin.js';
import { demoPinVerdict, PIN_VERDICT_FILE } from './pin-verdict.js';

// Counts the scrypt runs: the point of the verdict file is to skip them.
const { verifyCalls } = vi.hoisted(() => ({ verifyCalls: { count: 0 } }));
vi.mock('./pin.js', async (importOriginal) => {
  const original = await importOriginal<typeof PinModule>();
  return {
    ...original,
    verifyMaintenancePin: async (pin: string, hash: string) => {
      verifyCalls.count++;
      return original.verifyMaintenancePin(pin, hash);
    },
  };
});

// The lowest cost a hash may name: these tests are about the verdict file, not scrypt.
const CHEAP = { N: 2 ** 14, r: 8, p: 1 };
const KEY = Buffer.alloc(32, 0x5a);
const demoHash = hashMaintenancePin(DEMO_MAINTENANCE_PIN, { cost: CHEAP });
const ownHash = hashMaintenancePin('27182818', { cost: CHEAP });
const fresh = () => mkdtempSync(path.join(tmpdir(), 'pin-verdict-'));

describe('the demo PIN verdict kept per hash', () => {
  beforeEach(() => {
    verifyCalls.count = 0;
  });

  it('hashes the PIN once per hash, then answers from the file', async () => {
    const dir = fresh();
    expect(await demoPinVerdict(ownHash, dir, KEY)).toBe('own');
    expect(await demoPinVerdict(ownHash, dir, KEY)).toBe('own');
    expect(verifyCalls.count).toBe(1);

    const demoDir = fresh();
    expect(await demoPinVerdict(demoHash, demoDir, KEY)).toBe('demo');
    expect(await demoPinVerdict(demoHash, demoDir, KEY)).toBe('demo');
    expect(verifyCalls.count).toBe(2);
  });

  it('hashes again for a new PIN hash', async () => {
    const dir = fresh();
    expect(await demoPinVerdict(ownHash, dir, KEY)).toBe('own');
    // The demo PIN set again with a new salt: the kept verdict is for another hash.
    expect(await demoPinVerdict(demoHash, dir, KEY)).toBe('demo');
    expect(verifyCalls.count).toBe(2);
  });

  it('does not believe a verdict made without this kiosk\'s key, nor a garbled file', async () => {
    const dir = fresh();
    const file = path.join(dir, PIN_VERDICT_FILE);
    // "own" for the demo PIN's hash, sealed with another key: what a copied or hand-made file would say.
    const forged = createHmac('sha256', Buffer.alloc(32, 1)).update(`maintenance-pin-verdict\0own\0${demoHash}`).digest('hex');
    writeFileSync(file, `${forged}\n`);
    expect(await demoPinVerdict(demoHash, dir, KEY)).toBe('demo');
    writeFileSync(file, 'not a verdict');
    expect(await demoPinVerdict(demoHash, dir, Buffer.alloc(32, 2))).toBe('demo');
    expect(verifyCalls.count).toBe(2);
    // Each recomputation replaced the file with this key's seal.
    expect(readFileSync(file, 'utf8').trim()).toBe(createHmac('sha256', Buffer.alloc(32, 2)).update(`maintenance-pin-verdict\0demo\0${demoHash}`).digest('hex'));
  });

  it('still answers where the verdict cannot be kept', async () => {
    // A data directory under a plain file cannot be made, even by root.
    const blocker = path.join(fresh(), 'a-file');
    writeFileSync(blocker, '');
    expect(await demoPinVerdict(demoHash, path.join(blocker, 'data'), KEY)).toBe('demo');
    expect(await demoPinVerdict(demoHash, path.join(blocker, 'data'), KEY)).toBe('demo');
    expect(verifyCalls.count).toBe(2);
  });
});
