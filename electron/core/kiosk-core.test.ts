import { describe, expect, it } from 'vitest';
import { KioskCore } from './kiosk-core.js';
import { ageOn } from './session.js';
import { TypedEmitter } from '../common/emitter.js';
import { testConfig } from '../../test/support/kiosk.js';
import { InjectedCardReader, residentIdentity as identity } from '../../test/support/injected-reader.js';
import type { SessionView, SyncStatus } from '../common/contract.js';
import { MaintenanceDesk } from './maintenance/maintenance-desk.js';
import { cheapPinHash, memoryLockout } from './maintenance/lockout.test-support.js';

const syncStatus: SyncStatus = { online: true, pending: 0, oldestPendingAgeMs: null, lastSuccessAt: null, quarantined: 0, acceptingWrites: true };

function makeCore() {
  const id = new InjectedCardReader('idcard');
  const cc = new InjectedCardReader('citizencard');
  const maintenance = new MaintenanceDesk({
    pinHash: cheapPinHash('246802'), kioskId: 'K1', version: '0', shell: 'browser', centralUrl: 'embedded',
    outbox: { quarantined: () => [], freeBytes: () => null, audit: () => {} }, lockout: memoryLockout(), syncNow: () => {},
  });
  const core = new KioskCore({
    maintenance,
    config: testConfig('/tmp/k'),
    shell: 'browser',
    devices: { idcard: id, citizencard: cc },
    sync: { start: async () => {}, stop: async () => {}, status: () => syncStatus, onStatus: (l) => new TypedEmitter<{ s: SyncStatus }>().on('s', l) },
    now: () => Date.parse('2026-11-23T10:00:00+08:00'),
  });
  const sessions: Array<SessionView | null> = [];
  core.events.on('session', (s) => sessions.push(s));
  return { core, id, cc, sessions };
}

describe('KioskCore', () => {
  it('starts a session with a masked view on a card read', async () => {
    const { core, id, sessions } = makeCore();
    await core.start();
    id.present(identity());
    expect(sessions).toHaveLength(1);
    const view = sessions[0]!;
    expect(view.citizen).toEqual({ displayName: '王**', maskedIdNumber: '330***********1232', cardType: 'resident', age: 76, elderly: true, idNumberValid: true });
    expect(JSON.stringify(view)).not.toContain('330102195003071232');
    expect(JSON.stringify(view)).not.toContain('解放路');
  });

  it('clears the identity when the session ends', async () => {
    const { core, id, sessions } = makeCore();
    await core.start();
    const card = identity();
    id.present(card);
    await core.endSession('finished');
    expect(sessions.at(-1)).toBeNull();
    expect(core.sessions.current()).toBeNull();
    expect(card.idNumber).toBe('');
    expect((await core.getStatus()).session).toBeNull();
  });

  it('ends a citizen-card session when the card is pulled out, not an ID-card one', async () => {
    const { core, id, cc, sessions } = makeCore();
    await core.start();
    id.present(identity());
    id.remove();
    expect(core.sessions.current()).not.toBeNull();
    cc.present({ ...identity({ idNumber: '330102199007042349', name: '李梅' }), cardType: 'social-security' });
    cc.remove();
    await expect.poll(() => sessions.at(-1)).toBeNull();
  });

  it('keeps the maintenance screen and a citizen apart: no unlock during a session, a swipe locks it', async () => {
    const { core, id } = makeCore();
    await core.start();
    expect(await core.unlockMaintenance('246802')).toEqual({ ok: true });
    expect((await core.getMaintenanceView()).devices.map((d) => d.device)).toEqual(['idcard', 'citizencard', 'printer', 'scanner']);
    id.present(identity());
    await expect(core.getMaintenanceView()).rejects.toMatchObject({ code: 'maintenance-locked' });
    expect(await core.unlockMaintenance('246802')).toMatchObject({ ok: false, reason: 'citizen-present' });
    await core.endSession('finished');
    expect(await core.unlockMaintenance('246802')).toEqual({ ok: true });
    await core.lockMaintenance();
    await expect(core.runMaintenanceAction('sync-now')).rejects.toMatchObject({ code: 'maintenance-locked' });
  });

  it('reports unconfigured devices as disabled', async () => {
    const core = new KioskCore({
      config: testConfig('/tmp/k'),
      shell: 'browser',
      devices: {},
      sync: { start: async () => {}, stop: async () => {}, status: () => syncStatus, onStatus: () => () => {} },
    });
    expect((await core.getStatus()).devices.map((d) => d.state)).toEqual(['disabled', 'disabled', 'disabled', 'disabled']);
    expect(await core.unlockMaintenance('246802')).toMatchObject({ ok: false, reason: 'not-configured' });
  });
});

describe('ageOn', () => {
  it('counts whole years by the calendar', () => {
    const now = new Date(2026, 10, 23);
    expect(ageOn('1956-11-23', now)).toBe(70);
    expect(ageOn('1956-11-24', now)).toBe(69);
    expect(ageOn('not a date', now)).toBe(0);
  });
});

describe('KioskCore proxy handling (代办)', () => {
  it('keeps each principal apart and clears them all at the end', async () => {
    const { core, id, sessions } = makeCore();
    await core.start();
    id.present(identity({ name: '代办人', idNumber: '330106198503151238', birthDate: '1985-03-15' }));
    await core.setProxyMode(true);
    const principals = ['330102199007042349', '330105197811223458', '330106199202084566'];
    for (const idNumber of principals) id.present(identity({ idNumber }));
    id.present(identity({ idNumber: principals[0]! }));
    const view = sessions.at(-1)!;
    expect(view.proxyMode).toBe(true);
    expect(view.principals.map((p) => p.maskedIdNumber)).toEqual(['330***********2349', '330***********3458', '330***********4566']);
    expect(view.activePrincipal).toBe(0);
    expect(core.sessions.subject()?.idNumber).toBe(principals[0]);
    expect(core.sessions.handle()?.principal).toBe(0);
    expect(core.sessions.agentFor()?.name).toBe('代办人');
    await core.selectPrincipal(null);
    expect(core.sessions.subject()?.name).toBe('代办人');
    await expect(core.selectPrincipal(7)).rejects.toThrow();
    await core.endSession('finished');
    expect(core.sessions.current()).toBeNull();
  });

  it('tells the citizen when a card could not be read', async () => {
    const { core, id } = makeCore();
    const notices: string[] = [];
    core.events.on('notice', (n) => notices.push(n.code));
    await core.start();
    id.fail(new Error('read failed'));
    expect(notices).toEqual(['card-read-failed']);
  });
});
