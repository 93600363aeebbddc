import { describe, expect, it, vi } from 'vitest';
import iconv from 'iconv-lite';
import type { SyncStatus } from '../../common/contract.js';
import type { PrintOutcome, PrinterDevice } from '../devices/types.js';
import { LOCKOUT_MS, MAX_PIN_FAILURES, MaintenanceDesk, UNLOCKED_IDLE_MS, type MaintenanceDeskOptions } from './maintenance-desk.js';
import { DEMO_MAINTENANCE_PIN, hashMaintenancePin, maintenanceStartupNote, verifyMaintenancePin } from './pin.js';

const PIN_HASH = hashMaintenancePin('246810');
const SYNC: SyncStatus = { online: true, pending: 2, oldestPendingAgeMs: 1500, lastSuccessAt: 10, quarantined: 1, acceptingWrites: true };
const current = { devices: [], sync: SYNC };

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
  it('is kept as a salted scrypt hash that verifies only the same PIN', () => {
    expect(PIN_HASH).toMatch(/^scrypt:[0-9a-f]{32}:[0-9a-f]{64}$/);
    expect(hashMaintenancePin('246810')).not.toBe(PIN_HASH); // a fresh salt each time
    expect(verifyMaintenancePin('246810', PIN_HASH)).toBe(true);
    expect(verifyMaintenancePin('246811', PIN_HASH)).toBe(false);
    expect(verifyMaintenancePin('246810', 'sha1:00:00')).toBe(false);
  });

  it('warns at start-up while the demo PIN is still set', () => {
    expect(maintenanceStartupNote(hashMaintenancePin(DEMO_MAINTENANCE_PIN))).toContain('WARNING: the PIN is the demo 000000');
    expect(maintenanceStartupNote(PIN_HASH)).toBe('maintenance screen: hold the kiosk label 3 s');
    expect(maintenanceStartupNote(null)).toContain('off');
  });
});

describe('MaintenanceDesk', () => {
  it('opens with the right PIN and shows devices, outbox and disk, never before', () => {
    const { d, audit } = desk();
    expect(() => d.view(current)).toThrow(/locked: enter the staff PIN/);
    expect(d.unlock('246810', false)).toEqual({ ok: true });
    expect(d.view(current)).toMatchObject({ kioskId: 'K1', version: '1.2.3', sync: SYNC, quarantined: [{ seq: 7 }], freeDiskBytes: 5 * 2 ** 30 });
    expect(audit).toHaveBeenCalledWith('maintenance.unlocked', 'staff PIN');
  });

  it('counts wrong PINs down, then locks the pad out for a while', () => {
    const { d, advance } = desk();
    for (let i = 1; i < MAX_PIN_FAILURES; i++) {
      expect(d.unlock('000000', false)).toMatchObject({ ok: false, reason: 'wrong-pin', attemptsLeft: MAX_PIN_FAILURES - i });
    }
    expect(d.unlock('000000', false)).toMatchObject({ ok: false, reason: 'locked-out', retryAfterSeconds: LOCKOUT_MS / 1000 });
    expect(d.unlock('246810', false)).toMatchObject({ ok: false, reason: 'locked-out' }); // even the right PIN
    advance(LOCKOUT_MS);
    expect(d.unlock('246810', false)).toEqual({ ok: true });
  });

  it('refuses without a configured PIN and while a citizen is at the kiosk', () => {
    expect(desk({ pinHash: null }).d.unlock('246810', false)).toMatchObject({ ok: false, reason: 'not-configured' });
    const { d } = desk();
    expect(d.unlock('246810', true)).toMatchObject({ ok: false, reason: 'citizen-present' });
    expect(d.unlocked).toBe(false);
  });

  it('locks itself when nobody uses it, and each use keeps it open', () => {
    const { d, advance } = desk();
    d.unlock('246810', false);
    advance(UNLOCKED_IDLE_MS - 1000);
    d.view(current);
    advance(UNLOCKED_IDLE_MS - 1000);
    expect(d.unlocked).toBe(true);
    advance(2000);
    expect(() => d.view(current)).toThrow(/locked/);
    d.unlock('246810', false);
    d.lock();
    expect(d.unlocked).toBe(false);
  });

  it('prints a test page naming the kiosk, and passes a printer failure on as its code', async () => {
    const printer = fakePrinter({ ok: true, nearEnd: false });
    const { d, audit } = desk({ printer });
    d.unlock('246810', false);
    expect(await d.act('test-print')).toEqual({ action: 'test-print', ok: true, code: 'printed' });
    expect(iconv.decode(Buffer.from(printer.printed[0]!), 'gb18030')).toContain('维护测试 K1');
    expect(audit).toHaveBeenCalledWith('maintenance.test-print', 'staff action');

    const out = desk({ printer: fakePrinter({ ok: false, failure: 'paper-out', message: 'paper out' }) }).d;
    out.unlock('246810', false);
    expect(await out.act('test-print')).toEqual({ action: 'test-print', ok: false, code: 'paper-out' });
    const none = desk().d;
    none.unlock('246810', false);
    expect(await none.act('test-print')).toEqual({ action: 'test-print', ok: false, code: 'no-printer' });
  });

  it('pushes the outbox now', async () => {
    const { d, syncNow } = desk();
    await expect(d.act('sync-now')).rejects.toThrow(/locked/);
    d.unlock('246810', false);
    expect(await d.act('sync-now')).toEqual({ action: 'sync-now', ok: true, code: 'sync-started' });
    expect(syncNow).toHaveBeenCalledOnce();
  });
});
