import { describe, expect, it } from 'vitest';
import { KioskCore } from './kiosk-core.js';
import { ageOn } from './session.js';
import { TypedEmitter } from '../common/emitter.js';
import { testConfig } from '../../test/support/kiosk.js';
import type { CardReaderDevice } from './devices/types.js';
import type { CardReadEvent, Identity } from '../common/identity.js';
import type { DeviceStatus } from '../common/device-status.js';
import type { SessionView, SyncStatus } from '../common/contract.js';

const syncStatus: SyncStatus = { online: true, pending: 0, oldestPendingAgeMs: null, lastSuccessAt: null, quarantined: 0, acceptingWrites: true };

function fakeReader(device: 'idcard' | 'citizencard') {
  const events = new TypedEmitter<{ card: CardReadEvent; removed: undefined; status: DeviceStatus }>();
  const reader: CardReaderDevice = {
    start: async () => events.emit('status', { device, state: 'ready', message: 'ok', at: 1 }),
    stop: async () => {},
    status: () => ({ device, state: 'ready', message: 'ok', at: 1 }),
    onStatus: (l) => events.on('status', l),
    onCard: (l) => events.on('card', l),
    onCardRemoved: (l) => events.on('removed', () => l()),
  };
  return { reader, events };
}

const identity = (): Identity => ({
  cardType: 'resident',
  name: '王小明',
  sex: 'male',
  nation: '汉',
  birthDate: '1950-03-07',
  address: '浙江省杭州市上城区解放路1号',
  idNumber: '330102195003071234',
  idNumberValid: true,
  issuer: '杭州市公安局上城分局',
  validFrom: '2015-01-01',
  validTo: 'long-term',
  extra: {},
});

function makeCore() {
  const id = fakeReader('idcard');
  const cc = fakeReader('citizencard');
  const core = new KioskCore({
    config: testConfig('/tmp/k'),
    shell: 'browser',
    devices: { idcard: id.reader, citizencard: cc.reader },
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
    id.events.emit('card', { source: 'idcard', identity: identity(), readAt: 1 });
    expect(sessions).toHaveLength(1);
    const view = sessions[0]!;
    expect(view.citizen).toEqual({ displayName: '王**', maskedIdNumber: '330***********1234', cardType: 'resident', age: 76, elderly: true, idNumberValid: true });
    expect(JSON.stringify(view)).not.toContain('330102195003071234');
    expect(JSON.stringify(view)).not.toContain('解放路');
  });

  it('clears the identity when the session ends', async () => {
    const { core, id, sessions } = makeCore();
    await core.start();
    const card = identity();
    id.events.emit('card', { source: 'idcard', identity: card, readAt: 1 });
    await core.endSession('finished');
    expect(sessions.at(-1)).toBeNull();
    expect(core.sessions.current()).toBeNull();
    expect(card.idNumber).toBe('');
    expect((await core.getStatus()).session).toBeNull();
  });

  it('ends a citizen-card session when the card is pulled out, not an ID-card one', async () => {
    const { core, id, cc, sessions } = makeCore();
    await core.start();
    id.events.emit('card', { source: 'idcard', identity: identity(), readAt: 1 });
    id.events.emit('removed', undefined);
    expect(core.sessions.current()).not.toBeNull();
    cc.events.emit('card', { source: 'citizencard', identity: { ...identity(), cardType: 'social-security' }, readAt: 2 });
    cc.events.emit('removed', undefined);
    await expect.poll(() => sessions.at(-1)).toBeNull();
  });

  it('reports unconfigured devices as disabled', async () => {
    const core = new KioskCore({
      config: testConfig('/tmp/k'),
      shell: 'browser',
      devices: {},
      sync: { start: async () => {}, stop: async () => {}, status: () => syncStatus, onStatus: () => () => {} },
    });
    expect((await core.getStatus()).devices.map((d) => d.state)).toEqual(['disabled', 'disabled', 'disabled']);
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
