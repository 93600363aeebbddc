import { afterEach, describe, expect, it, vi } from 'vitest';
import iconv from 'iconv-lite';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { scryptSync } from 'node:crypto';
import type { SyncStatus } from '../../common/contract.js';
import type { PrintOutcome, PrinterDevice } from '../devices/types.js';
import { LOCKOUT_MS, MAX_PIN_FAILURES, MaintenanceDesk, UNLOCKED_IDLE_MS, type MaintenanceDeskOptions } from './maintenance-desk.js';
import { DEMO_MAINTENANCE_PIN, hashMaintenancePin, maintenanceStartupNote, verifyMaintenancePin } from './pin.js';
import { cheapPinHash, memoryLockout } from './lockout.test-support.js';
import { KioskStore } from '../store/kiosk-store.js';
import { DEV_ID_HASH_KEY } from '../store/crypto.js';
import { parseKioskConfig } from '../../common/config.js';
import { maintenancePinSchema } from '../../common/contract.js';

const PIN_HASH = cheapPinHash('246810');
const SYNC: SyncStatus = { online: true, pending: 2, oldestPendingAgeMs: 1500, lastSuccessAt: 10, quarantined: 1, acceptingWrites: true };
const current = { devices: [], sync: SYNC };
const stores: KioskStore[] = [];
afterEach(() => {
  for (const s of stores.splice(0)) if (s.db.open) s.close();
});

function desk(over: Partial<MaintenanceDeskOptions> = {}) {
  let now = 1_000_000;
  const audit = vi.fn();
  const syncNow = vi.fn();
  const d = new MaintenanceDesk({
    pinHash: PIN_HASH,
    kioskId: 'K1',
    version: '1.2.3',
    shell: 'browser',
    centralUrl: 'https://central.test',
    outbox: { quarantined: () => [{ seq: 7, kind: 'application', idempotencyKey: 'K1-7', reason: 'unknown matter x' }], freeBytes: () => 5 * 2 ** 30, audit },
    lockout: memoryLockout(),
    syncNow,
    now: () => now,
    ...over,
  });
  return { d, audit, syncNow, advance: (ms: number) => (now += ms) };
}

function fakePrinter(outcome: PrintOutcome): PrinterDevice & { printed: Uint8Array[] } {
  const printed: Uint8Array[] = [];
  return {
    printed,
    print: async (bytes) => {
      printed.push(bytes);
      return outcome;
    },
    paperWidth: () => 58,
  } as PrinterDevice & { printed: Uint8Array[] };
}

describe('the maintenance PIN', () => {
  it('is kept as a salted scrypt hash that names its cost and verifies only the same PIN', async () => {
    expect(PIN_HASH).toMatch(/^scrypt\$16384\$8\$1\$[0-9a-f]{32}\$[0-9a-f]{64}$/);
    expect(cheapPinHash('246810')).not.toBe(PIN_HASH); // a fresh salt each time
    expect(await verifyMaintenancePin('246810', PIN_HASH)).toBe(true);
    expect(await verifyMaintenancePin('246811', PIN_HASH)).toBe(false);
    expect(await verifyMaintenancePin('246810', 'sha1:00:00')).toBe(false);
  });

  it('hashes at N=2^17, r=8 by default (beyond Node\'s default scrypt memory limit)', async () => {
    const salt = Buffer.alloc(16, 7);
    const hash = hashMaintenancePin('246810', { salt });
    const expected = scryptSync('246810', salt, 32, { N: 2 ** 17, r: 8, p: 1, maxmem: 2 ** 28 }).toString('hex');
    expect(hash).toBe(`scrypt$131072$8$1$${'07'.repeat(16)}$${expected}`);
    expect(await verifyMaintenancePin('246810', hash)).toBe(true);
  });

  it('still verifies a hash of the first format (N=2^14), and the start-up note asks for a new one', async () => {
    // Written by the first maintenance-pin (scrypt:<salt>:<hash>, N=2^14, r=8, p=1) for the PIN 000000.
    const legacy = 'scrypt:2d89b255211402e89dbeed5479328dad:6db4107e678d395c0ed6a3cb06502b998cdfc73856e30bb11ab234674a4136f2';
    expect(await verifyMaintenancePin('000000', legacy)).toBe(true);
    expect(await verifyMaintenancePin('000001', legacy)).toBe(false);
    expect(maintenanceStartupNote(legacy)).toContain('old cost N=16384');
  });

  it('refuses a hash that asks for an unbounded cost instead of computing it', async () => {
    const salt = '00'.repeat(16);
    const hash = 'ab'.repeat(32);
    for (const cost of ['4194304$8$1', '131073$8$1', '131072$99$1', '131072$8$9', '1024$8$1']) {
      expect(await verifyMaintenancePin('246810', `scrypt$${cost}$${salt}$${hash}`), cost).toBe(false);
    }
    const config = (pinHash: string) => () =>
      parseKioskConfig({ kioskId: 'K1', hall: { name: 'h', regionCode: '330102' }, devices: { idcard: null, citizencard: null, printer: null }, central: { url: 'embedded' }, maintenance: { pinHash } });
    expect(config(`scrypt$4194304$8$1$${salt}$${hash}`)).toThrow(/maintenance-pin/);
    expect(config(`scrypt$131072$8$1$${salt}$${hash}`)).not.toThrow();
  });

  it('is 6 to 12 digits on the wire: a 4-digit PIN never reaches the desk', async () => {
    expect(maintenancePinSchema.safeParse('2468').success).toBe(false);
    expect(maintenancePinSchema.safeParse('24680').success).toBe(false);
    expect(maintenancePinSchema.safeParse('246802').success).toBe(true);
  });

  it('warns at start-up while the demo PIN is still set', async () => {
    expect(maintenanceStartupNote(cheapPinHash(DEMO_MAINTENANCE_PIN))).toContain('WARNING: the PIN is the demo 000000');
    expect(maintenanceStartupNote(hashMaintenancePin('246810'))).toBe('maintenance screen: hold the kiosk label 3 s');
    expect(maintenanceStartupNote(null)).toContain('off');
  });
});

describe('MaintenanceDesk', () => {
  it('opens with the right PIN and shows devices, outbox and disk, never before', async () => {
    const { d, audit } = desk();
    expect(() => d.view(current)).toThrow(/locked: enter the staff PIN/);
    expect(await d.unlock('246810', false)).toEqual({ ok: true });
    expect(d.view(current)).toMatchObject({ kioskId: 'K1', version: '1.2.3', sync: SYNC, quarantined: [{ seq: 7 }], freeDiskBytes: 5 * 2 ** 30 });
    expect(audit).toHaveBeenCalledWith('maintenance.unlocked', 'staff PIN');
  });

  it('counts wrong PINs down, then locks the pad out for a while', async () => {
    const { d, advance } = desk();
    for (let i = 1; i < MAX_PIN_FAILURES; i++) {
      expect(await d.unlock('000000', false)).toMatchObject({ ok: false, reason: 'wrong-pin', attemptsLeft: MAX_PIN_FAILURES - i });
    }
    expect(await d.unlock('000000', false)).toMatchObject({ ok: false, reason: 'locked-out', retryAfterSeconds: LOCKOUT_MS / 1000 });
    expect(await d.unlock('246810', false)).toMatchObject({ ok: false, reason: 'locked-out' }); // even the right PIN
    advance(LOCKOUT_MS);
    expect(await d.unlock('246810', false)).toEqual({ ok: true });
  });

  it('keeps the lockout across a restart: the wrong-PIN count and the lockout are in the store', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'maintenance-lockout-'));
    let now = 1_000_000;
    const openDesk = () => {
      const store = KioskStore.open({ dataDir, kioskId: 'K1', idHashKey: DEV_ID_HASH_KEY, now: () => now });
      stores.push(store);
      const d = desk({ lockout: store.maintenanceLockout, now: () => now }).d;
      return { store, d };
    };
    let { store, d } = openDesk();
    for (let i = 1; i < MAX_PIN_FAILURES; i++) await d.unlock('000000', false);
    store.close();
    ({ store, d } = openDesk()); // the count survived: one more wrong PIN locks the pad
    expect(await d.unlock('000000', false)).toMatchObject({ ok: false, reason: 'locked-out' });
    store.close();
    ({ store, d } = openDesk());
    now += LOCKOUT_MS - 60_000;
    expect(await d.unlock('246810', false)).toMatchObject({ ok: false, reason: 'locked-out', retryAfterSeconds: 60 });
    now += 60_000;
    expect(await d.unlock('246810', false)).toEqual({ ok: true });
    expect(store.maintenanceLockout.load()).toEqual({ failures: 0, lockedUntil: 0 });
  });

  it('writes one audit row per lockout, not one per try refused while locked out', async () => {
    const { d, audit, advance } = desk();
    for (let i = 0; i < MAX_PIN_FAILURES; i++) await d.unlock('000000', false);
    const rowsAtLockout = audit.mock.calls.length;
    expect(audit.mock.calls.filter(([, detail]) => detail === 'wrong-pin')).toHaveLength(MAX_PIN_FAILURES - 1);
    expect(audit).toHaveBeenLastCalledWith('maintenance.refused', 'locked-out');
    for (let i = 0; i < 200; i++) expect(await d.unlock('246810', false)).toMatchObject({ reason: 'locked-out' });
    expect(audit.mock.calls.length).toBe(rowsAtLockout);
    // The next lockout's row says how many tries were refused in between.
    advance(LOCKOUT_MS);
    for (let i = 0; i < MAX_PIN_FAILURES; i++) await d.unlock('000000', false);
    expect(audit).toHaveBeenLastCalledWith('maintenance.refused', 'locked-out (and 200 more refused since the last row)');
  });

  it('bounds the rows of refusals that check no PIN (none configured, a citizen present)', async () => {
    const { d, audit } = desk({ pinHash: null });
    for (let i = 0; i < 100; i++) await d.unlock('246810', false);
    expect(audit).toHaveBeenCalledTimes(1);
    const present = desk();
    for (let i = 0; i < 100; i++) await present.d.unlock('246810', true);
    expect(present.audit).toHaveBeenCalledTimes(1);
  });

  it('checks one PIN at a time: tries sent together cannot get past the lockout', async () => {
    const { d } = desk();
    const answers = await Promise.all(Array.from({ length: 12 }, () => d.unlock('000000', false)));
    expect(answers.filter((a) => !a.ok && a.reason === 'wrong-pin')).toHaveLength(MAX_PIN_FAILURES - 1);
    expect(answers.filter((a) => !a.ok && a.reason === 'locked-out')).toHaveLength(12 - (MAX_PIN_FAILURES - 1));
  });

  it('refuses without a configured PIN and while a citizen is at the kiosk', async () => {
    expect(await desk({ pinHash: null }).d.unlock('246810', false)).toMatchObject({ ok: false, reason: 'not-configured' });
    const { d } = desk();
    expect(await d.unlock('246810', true)).toMatchObject({ ok: false, reason: 'citizen-present' });
    expect(d.unlocked).toBe(false);
  });

  it('locks itself when nobody uses it, and each use keeps it open', async () => {
    const { d, advance } = desk();
    await d.unlock('246810', false);
    advance(UNLOCKED_IDLE_MS - 1000);
    d.view(current);
    advance(UNLOCKED_IDLE_MS - 1000);
    expect(d.unlocked).toBe(true);
    advance(2000);
    expect(() => d.view(current)).toThrow(/locked/);
    await d.unlock('246810', false);
    d.lock();
    expect(d.unlocked).toBe(false);
  });

  it('prints a test page naming the kiosk, and passes a printer failure on as its code', async () => {
    const printer = fakePrinter({ ok: true, nearEnd: false });
    const { d, audit } = desk({ printer });
    await d.unlock('246810', false);
    expect(await d.act('test-print')).toEqual({ action: 'test-print', ok: true, code: 'printed' });
    expect(iconv.decode(Buffer.from(printer.printed[0]!), 'gb18030')).toContain('维护测试 K1');
    expect(audit).toHaveBeenCalledWith('maintenance.test-print', 'staff action');

    const out = desk({ printer: fakePrinter({ ok: false, failure: 'paper-out', message: 'paper out' }) }).d;
    await out.unlock('246810', false);
    expect(await out.act('test-print')).toEqual({ action: 'test-print', ok: false, code: 'paper-out' });
    const none = desk().d;
    await none.unlock('246810', false);
    expect(await none.act('test-print')).toEqual({ action: 'test-print', ok: false, code: 'no-printer' });
  });

  it('pushes the outbox now', async () => {
    const { d, syncNow } = desk();
    await expect(d.act('sync-now')).rejects.toThrow(/locked/);
    await d.unlock('246810', false);
    expect(await d.act('sync-now')).toEqual({ action: 'sync-now', ok: true, code: 'sync-started' });
    expect(syncNow).toHaveBeenCalledOnce();
  });
});
