import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { KioskStore } from '../store/kiosk-store.js';
import { DEV_ID_HASH_KEY } from '../store/crypto.js';
import { MAX_COMMAND_LIFETIME_MS, StoredCommandLedger } from './command-ledger.js';

const stores: KioskStore[] = [];
const open = (dataDir: string) => {
  const store = KioskStore.open({ dataDir, kioskId: 'FLEET-K09', idHashKey: DEV_ID_HASH_KEY });
  stores.push(store);
  return store;
};
afterEach(() => {
  for (const s of stores.splice(0)) s.close();
});

describe('the fleet command ledger in the store', () => {
  it('knows an id again after the kiosk restarts', () => {
    const dir = mkdtempSync(join(tmpdir(), 'fleet-ledger-'));
    const first = open(dir);
    expect(new StoredCommandLedger(first.statements).remember('cmd-00000001', 'upload-now', 1_000)).toBe(true);
    expect(new StoredCommandLedger(first.statements).remember('cmd-00000001', 'upload-now', 2_000)).toBe(false);
    first.close();
    stores.pop();
    expect(new StoredCommandLedger(open(dir).statements).remember('cmd-00000001', 'upload-now', 3_000)).toBe(false);
  });

  it('forgets ids older than a command may live (those are refused as expired anyway)', () => {
    const store = open(mkdtempSync(join(tmpdir(), 'fleet-ledger-')));
    const ledger = new StoredCommandLedger(store.statements);
    ledger.remember('cmd-old-0001', 'in-service', 1_000);
    ledger.remember('cmd-new-0001', 'in-service', 1_000 + MAX_COMMAND_LIFETIME_MS);
    const later = 2_000 + MAX_COMMAND_LIFETIME_MS;
    expect(ledger.remember('cmd-newest01', 'in-service', later)).toBe(true);
    expect((store.db.prepare('SELECT id FROM fleet_commands ORDER BY id').all() as Array<{ id: string }>).map((r) => r.id)).toEqual(['cmd-new-0001', 'cmd-newest01']);
  });
});
