/**
 * The core owns the session's idle deadline (fake timers): it ends the session and
 * scrubs the identity at the deadline with no page connected; page activity
 * (touchSession) and session calls move it on; a page that reconnects reads the same
 * deadline, never a fresh one.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { KioskCore } from './kiosk-core.js';
import { TypedEmitter } from '../common/emitter.js';
import type { SessionView, SyncStatus } from '../common/contract.js';
import { testConfig } from '../../test/support/kiosk.js';
import { InjectedCardReader, residentIdentity } from '../../test/support/injected-reader.js';

const syncStatus: SyncStatus = { online: true, pending: 0, oldestPendingAgeMs: null, lastSuccessAt: null, quarantined: 0, acceptingWrites: true };
const ADULT = { name: '张三', idNumber: '330106198503151238', birthDate: '1985-03-15' };
const ELDER = { name: '王小明', idNumber: '330102195003071232', birthDate: '1950-03-07' };

async function makeCore() {
  const reader = new InjectedCardReader('idcard');
  const logs: string[] = [];
  const core = new KioskCore({
    config: testConfig('/tmp/k', { session: { idleSeconds: 60, elderlyIdleSeconds: 120, warningSeconds: 10 } }),
    shell: 'browser',
    devices: { idcard: reader },
    sync: { start: async () => {}, stop: async () => {}, status: () => syncStatus, onStatus: (l) => new TypedEmitter<{ s: SyncStatus }>().on('s', l) },
    log: (m) => logs.push(m),
  });
  const sessions: Array<SessionView | null> = [];
  core.events.on('session', (s) => sessions.push(s));
  await core.start();
  return { core, reader, sessions, logs };
}

beforeEach(() => {
  vi.useFakeTimers({ now: Date.parse('2026-11-23T10:00:00+08:00') });
});
afterEach(() => {
  vi.useRealTimers();
});

describe('the core-owned idle deadline', () => {
  it('ends the session and scrubs the identity at the deadline, with no page connected', async () => {
    const { core, reader, sessions, logs } = await makeCore();
    const card = residentIdentity(ADULT);
    reader.present(card);
    expect(sessions.at(-1)?.idleDeadlineAt).toBe(Date.now() + 60_000);
    await vi.advanceTimersByTimeAsync(59_999);
    expect(core.sessions.current()).not.toBeNull();
    await vi.advanceTimersByTimeAsync(1);
    expect(core.sessions.current()).toBeNull();
    expect(sessions.at(-1)).toBeNull();
    expect(card.idNumber).toBe('');
    expect(card.name).toBe('');
    expect(logs).toEqual(['kiosk: session ended at its idle deadline by the core']);
  });

  it('moves the deadline on for page activity and for every session call', async () => {
    const { core, reader } = await makeCore();
    reader.present(residentIdentity(ADULT));
    await vi.advanceTimersByTimeAsync(50_000);
    const touched = await core.touchSession({ elderlyMode: false });
    expect(touched?.idleDeadlineAt).toBe(Date.now() + 60_000);
    await vi.advanceTimersByTimeAsync(50_000);
    await core.setProxyMode(false); // a session call is activity too
    await vi.advanceTimersByTimeAsync(59_000);
    expect(core.sessions.current()).not.toBeNull();
    await vi.advanceTimersByTimeAsync(1_000);
    expect(core.sessions.current()).toBeNull();
  });

  it('waits the elderly timeout for a card holder of 70 or more, and when the page shows elderly mode', async () => {
    const { core, reader } = await makeCore();
    reader.present(residentIdentity(ELDER));
    expect((await core.getStatus()).session?.idleDeadlineAt).toBe(Date.now() + 120_000);
    await core.endSession('finished');
    reader.present(residentIdentity(ADULT));
    expect((await core.touchSession({ elderlyMode: true }))?.idleDeadlineAt).toBe(Date.now() + 120_000);
    await vi.advanceTimersByTimeAsync(119_000);
    expect(core.sessions.current()).not.toBeNull();
    await vi.advanceTimersByTimeAsync(1_000);
    expect(core.sessions.current()).toBeNull();
  });

  it('gives a page that reconnects the deadline as it stands, not a fresh one', async () => {
    const { core, reader } = await makeCore();
    reader.present(residentIdentity(ADULT));
    const deadline = (await core.getStatus()).session!.idleDeadlineAt;
    await vi.advanceTimersByTimeAsync(40_000);
    // A restarted page reads the state (getStatus, getKioskInfo): neither is activity.
    await core.getKioskInfo();
    expect((await core.getStatus()).session?.idleDeadlineAt).toBe(deadline);
    await vi.advanceTimersByTimeAsync(20_000);
    expect((await core.getStatus()).session).toBeNull();
  });

  it('answers touchSession with null and starts nothing when no session is open', async () => {
    const { core, sessions } = await makeCore();
    expect(await core.touchSession({ elderlyMode: false })).toBeNull();
    expect(sessions).toEqual([]);
  });

  it("gives the next citizen their own full timeout after the previous one's session", async () => {
    const { core, reader } = await makeCore();
    reader.present(residentIdentity(ADULT));
    await vi.advanceTimersByTimeAsync(50_000);
    reader.present(residentIdentity(ELDER));
    await vi.advanceTimersByTimeAsync(20_000); // past the first citizen's deadline
    expect(core.sessions.current()?.citizen.name).toBe('王小明');
    await vi.advanceTimersByTimeAsync(100_000);
    expect(core.sessions.current()).toBeNull();
  });
});
