/**
 * Disk full at the kiosk, on a real 4 MiB tmpfs holding the kiosk's data: a citizen's
 * ticket is refused with a plain message, the status bar says the kiosk cannot accept,
 * nothing already accepted is lost, and the kiosk accepts again by itself once space
 * is freed. Mounting needs root, as CI and the development machines here run.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ComposedKiosk } from '../../electron/core/compose.js';
import { startCentralSimulator, type CentralSimulator } from '../../scripts/sim/central/server.js';
import { composeTestKiosk, testConfig } from '../support/kiosk.js';
import { InjectedCardReader, residentIdentity } from '../support/injected-reader.js';
import type { SyncStatus } from '../../electron/common/contract.js';

describe('disk full at the kiosk', () => {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'kiosk-full-'));
  const filler = path.join(dataDir, 'filler.bin');
  let central: CentralSimulator;
  let kiosk: ComposedKiosk;
  const reader = new InjectedCardReader();
  const statuses: SyncStatus[] = [];

  beforeAll(async () => {
    if (process.getuid?.() !== 0) throw new Error('this test mounts a tmpfs: run it as root (CI does)');
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=4M', 'tmpfs', dataDir]);
    central = await startCentralSimulator({ dataDir: mkdtempSync(path.join(tmpdir(), 'kiosk-full-central-')) });
    const config = testConfig(dataDir, { devices: { idcard: null, citizencard: null, printer: null }, central: { url: central.url, token: 'disk-full-test' } });
    kiosk = (await composeTestKiosk(config, { devices: { idcard: reader }, spaceCheckMs: 100, heartbeatMs: 200 })).kiosk;
    kiosk.core.events.on('syncStatus', (s) => statuses.push(s));
  });

  afterAll(async () => {
    await kiosk?.close();
    await central?.close();
    try {
      execFileSync('umount', ['-l', dataDir]);
    } catch {
      // not mounted (beforeAll failed before the mount)
    }
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('refuses a ticket plainly when the disk is full, keeps what it had, and resumes when space returns', async () => {
    reader.present(residentIdentity());
    const first = await kiosk.core.takeTicket({ category: null, priority: 'normal', appointmentId: null });
    // Fill the disk: whatever is left goes to a file an operator can delete.
    try {
      writeFileSync(filler, Buffer.alloc(8 * 2 ** 20));
    } catch {
      // ENOSPC: the file holds what fitted, which is the point
    }
    const refused = kiosk.core.takeTicket({ category: null, priority: 'normal', appointmentId: null });
    await expect(refused).rejects.toMatchObject({ code: 'store-full' });
    await expect(refused).rejects.toThrow(/人工窗口|稍后/);
    await expect.poll(() => statuses.at(-1)?.acceptingWrites).toBe(false);
    expect((await kiosk.core.getStatus()).sync.acceptingWrites).toBe(false);

    rmSync(filler);
    await expect.poll(() => statuses.at(-1)?.acceptingWrites, { timeout: 5000 }).toBe(true);
    const second = await kiosk.core.takeTicket({ category: null, priority: 'normal', appointmentId: null });
    expect(second.ticketNo).not.toBe(first.ticketNo);
    expect(kiosk.store.integrityCheck()).toBe('ok');
    await kiosk.forwarder.waitUntilDrained(20_000);
    expect(central.stats().uniqueEffects.ticket).toBe(2);
  });
});
