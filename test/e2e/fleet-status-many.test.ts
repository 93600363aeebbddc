/**
 * `fleet status` over more kiosks than mosquitto queues for one client: 1,000 kiosks'
 * retained state and health (2,000 messages) on a broker with mosquitto's default
 * max_queued_messages (1000). Read at QoS 1 the broker dropped the deliveries past its
 * queue, and 980 rows had no health; read at QoS 0 (scripts/fleet/retained.ts) every row
 * is whole, and the CLI knows it has them all by its echo, not by a silence.
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import mqtt from 'mqtt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FLEET_SCHEMA_VERSION, type HealthMessage, type StateMessage } from '../../electron/common/fleet/messages.js';
import { kioskTopics } from '../../electron/common/fleet/topics.js';
import { startTestBroker, type TestBroker } from '../support/mosquitto.js';

const KIOSKS = 1000;
let broker: TestBroker;

function health(kioskId: string, at: number): HealthMessage {
  return {
    v: FLEET_SCHEMA_VERSION, kioskId, at, version: '0.1.0', catalogVersion: 7, uptimeSeconds: 60, heapUsedBytes: 48_000_000, diskFreeBytes: 20e9,
    devices: [{ device: 'idcard', state: 'ready', code: null }, { device: 'printer', state: 'ready', code: null }],
    paper: 'ok',
    outbox: { online: true, pending: 0, oldestPendingAgeMs: null, quarantined: 0, acceptingWrites: true, lastSuccessAt: at },
    inSession: false, service: null, logLevel: 'info',
  };
}

beforeAll(async () => {
  broker = await startTestBroker(); // mosquitto's defaults: max_queued_messages 1000
  const publisher = await mqtt.connectAsync(broker.url, { protocolVersion: 5, clientId: 'many-kiosks' });
  const at = Date.now();
  await Promise.all(Array.from({ length: KIOSKS }, (_, i) => {
    const kioskId = `MANY-${String(i).padStart(4, '0')}`;
    const topics = kioskTopics('hall', '330102', kioskId);
    const state: StateMessage = { v: FLEET_SCHEMA_VERSION, kioskId, state: 'online', at };
    return Promise.all([
      publisher.publishAsync(topics.state, JSON.stringify(state), { qos: 1, retain: true }),
      publisher.publishAsync(topics.health, JSON.stringify(health(kioskId, at)), { qos: 1, retain: true }),
    ]);
  }));
  await publisher.endAsync();
}, 60_000);

afterAll(async () => {
  await broker?.stop();
});

describe('fleet status over 1,000 kiosks on a default mosquitto', () => {
  it('shows every kiosk with its health', async () => {
    const { stdout } = await promisify(execFile)(process.execPath, ['scripts/fleet/fleet.mjs', 'status', '--broker', broker.url], { timeout: 60_000, maxBuffer: 16 * 2 ** 20 });
    const rows = stdout.split('\n').filter((line) => line.startsWith('MANY-'));
    expect(rows).toHaveLength(KIOSKS);
    // A row without health shows '-' for its devices.
    expect(rows.filter((row) => !/^MANY-\d{4}\s+330102\s+online\s+id:ok pr:ok\s+ok\s/.test(row))).toEqual([]);
    expect(stdout).toContain(`${KIOSKS} kiosks, ${KIOSKS} online`);
  });
});
