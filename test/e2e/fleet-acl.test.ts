/**
 * The fleet broker's security with the hall PKI (test/support/pki.ts, the same CA as the
 * central's mutual TLS): a kiosk connects over TLS with its client certificate (CN = kiosk
 * id = username); the per-kiosk ACL lets it publish only under its own topics and read
 * only its own commands; the fleet operator's certificate may send commands; a
 * certificate from another CA does not get in.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import mqtt from 'mqtt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { kioskTopics } from '../../electron/common/fleet/topics.js';
import type { StateMessage } from '../../electron/common/fleet/messages.js';
import type { StartedKiosk } from '../../electron/core/startup/start-kiosk.js';
import type { RunningDemo } from '../../scripts/sim/demo.js';
import { composeTestKiosk, testConfig } from '../support/kiosk.js';
import { makeTestPki, type CertFiles, type TestPki } from '../support/pki.js';
import { FLEET_OPERATOR, startTestBroker, type TestBroker } from '../support/mosquitto.js';
import { TEST_FLEET_BACKOFF, testFleetConfig } from '../support/fleet-kiosk.js';
import { observeFleet, type FleetObserver } from '../support/fleet-observer.js';
import { until } from '../support/until.js';

const REGION = '330102';
const A = kioskTopics('hall', REGION, 'ACL-K01');
let pki: TestPki;
let broker: TestBroker;
let kiosk: StartedKiosk<RunningDemo>;
let operator: FleetObserver;

const tlsOf = (files: CertFiles) => ({ ca: readFileSync(pki.caFile), cert: readFileSync(files.certFile), key: readFileSync(files.keyFile), rejectUnauthorized: true });

beforeAll(async () => {
  pki = makeTestPki();
  broker = await startTestBroker({ pki });
  const client = pki.client('ACL-K01');
  const config = testConfig(mkdtempSync(path.join(tmpdir(), 'kiosk-fleet-acl-')), {
    kioskId: 'ACL-K01',
    devices: { idcard: null, citizencard: null, printer: null },
    fleet: { ...testFleetConfig(broker.tlsUrl!, { healthSeconds: 5, keepAliveSeconds: 5 }), tls: { caFile: pki.caFile, ...client } },
  });
  kiosk = await composeTestKiosk(config, { heartbeatMs: 200, fleetBackoff: TEST_FLEET_BACKOFF });
  operator = await observeFleet(broker.tlsUrl!, tlsOf(pki.client(FLEET_OPERATOR)));
}, 60_000);

afterAll(async () => {
  await operator?.close();
  await kiosk?.close();
  await broker?.stop();
});

describe('fleet broker TLS and per-kiosk ACL', () => {
  it('a kiosk connects with its client certificate and publishes its state; the operator reads it', async () => {
    await operator.waitFor<StateMessage>(A.state, (m) => m.state === 'online', 'ACL-K01 online over TLS');
    await operator.waitFor(A.health, () => true, 'ACL-K01 health over TLS');
  });

  it("the operator's certificate may send a command and gets its result", async () => {
    expect(await operator.send(A, { command: 'upload-now', args: {} })).toMatchObject({ ok: true, code: 'done', kioskId: 'ACL-K01' });
  });

  it("another kiosk's credentials cannot publish to ACL-K01's topics nor read its commands", async () => {
    const intruder = await mqtt.connectAsync(broker.tlsUrl!, { protocolVersion: 5, clientId: 'intruder-k02', reconnectPeriod: 0, ...tlsOf(pki.client('ACL-K02')) });
    try {
      const seen: string[] = [];
      intruder.on('message', (topic) => seen.push(topic));
      // mosquitto grants the subscriptions and applies the ACL to each message it would deliver.
      await intruder.subscribeAsync(A.cmd, { qos: 1 });
      await intruder.subscribeAsync('hall/#', { qos: 1 });
      // Publishing as ACL-K01 is refused (PUBACK 0x87) and nobody receives it.
      const forged = { v: 1, kioskId: 'ACL-K01', state: 'offline', at: Date.now() };
      await expect(intruder.publishAsync(A.state, JSON.stringify(forged), { qos: 1, retain: true })).rejects.toMatchObject({ code: 0x87 });
      await expect(intruder.publishAsync(A.events, JSON.stringify({ v: 1, kioskId: 'ACL-K01', code: 'paper-out' }), { qos: 1 })).rejects.toMatchObject({ code: 0x87 });
      const result = await operator.send(A, { command: 'in-service', args: {} });
      expect(result.kioskId).toBe('ACL-K01'); // answered (refused or not) by the kiosk itself
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(seen.filter((topic) => topic === A.cmd)).toEqual([]);
      expect(operator.on<StateMessage>(A.state).map((m) => m.state)).not.toContain('offline');
      expect(operator.on(A.events).filter((e) => (e as { code?: string }).code === 'paper-out')).toEqual([]);
      // Its own topics are its to write.
      const own = kioskTopics('hall', REGION, 'ACL-K02');
      await expect(intruder.publishAsync(own.state, JSON.stringify({ ...forged, kioskId: 'ACL-K02', state: 'online' }), { qos: 1 })).resolves.toBeDefined();
    } finally {
      await intruder.endAsync(true);
    }
  });

  it('a certificate from another CA does not get in', async () => {
    const foreign = pki.client('ACL-K03', { foreign: true });
    const attempt = mqtt.connectAsync(broker.tlsUrl!, { protocolVersion: 5, clientId: 'foreign-k03', reconnectPeriod: 0, connectTimeout: 5000, ...tlsOf(foreign) });
    await expect(attempt).rejects.toThrow();
  });

  it('the retained state on the broker is still the kiosk\'s own', async () => {
    const fresh = await observeFleet(broker.tlsUrl!, { ...tlsOf(pki.client(FLEET_OPERATOR)), filter: A.state });
    try {
      await until(() => fresh.on(A.state).length > 0, 'the retained state');
      expect(fresh.on<StateMessage>(A.state).at(-1)!.state).toBe('online');
    } finally {
      await fresh.close();
    }
  });
});
