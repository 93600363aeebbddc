/**
 * Fleet: 1,000 simulated kiosks (lightweight MQTT 5 clients in this process, each with its
 * Last Will and a retained state, publishing the real health schema every 10 s) against one
 * mosquitto on this machine. Measures the broker's and the clients' CPU over the run, the
 * alert end-to-end latency (a kiosk's event → an operator's subscription), and the time of
 * `fleet status` over the 1,000 retained kiosks (the CLI process as staff run it, and the
 * same work in process without the process start).
 */
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { promisify } from 'node:util';
import mqtt, { type MqttClient } from 'mqtt';
import { FLEET_SCHEMA_VERSION, type EventMessage, type HealthMessage, type StateMessage } from '../../electron/common/fleet/messages.js';
import { fleetFilter, kioskTopics, type KioskTopics } from '../../electron/common/fleet/topics.js';
import { startTestBroker } from '../../test/support/mosquitto.js';
import { FleetView, statusTable } from '../fleet/fleet-view.js';
import { collectRetained } from '../fleet/retained.js';
import type { BenchResult } from './run.js';
import { percentile } from './stats.js';

export const title = 'Fleet: 1,000 simulated kiosks on one mosquitto';

const KIOSKS = Number(process.env.FLEET_BENCH_KIOSKS ?? 1000);
const HEALTH_MS = 10_000;
const RUN_MS = Number(process.env.FLEET_BENCH_RUN_MS ?? 30_000);
const ALERT_EVERY_MS = 100;

function health(kioskId: string, at: number, startedAt: number): HealthMessage {
  return {
    v: FLEET_SCHEMA_VERSION, kioskId, at, version: '0.1.0', catalogVersion: 7, uptimeSeconds: Math.floor((at - startedAt) / 1000),
    heapUsedBytes: 48_000_000, diskFreeBytes: 20e9,
    devices: [{ device: 'idcard', state: 'ready', code: null }, { device: 'citizencard', state: 'ready', code: null }, { device: 'printer', state: 'ready', code: null }],
    paper: 'ok',
    outbox: { online: true, pending: 0, oldestPendingAgeMs: null, quarantined: 0, acceptingWrites: true, lastSuccessAt: at },
    inSession: false, service: { inService: true, reason: 'open', opensAt: null, closesAt: at + 3_600_000, dailyRestartAt: null }, logLevel: 'info',
  };
}

/** user+system CPU of a process in ms, from /proc (clock ticks of 10 ms on Linux). */
function processCpuMs(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

interface SimKiosk {
  client: MqttClient;
  topics: KioskTopics;
  kioskId: string;
}

async function connectKiosk(url: string, i: number, startedAt: number): Promise<SimKiosk> {
  const kioskId = `BENCH-${String(i).padStart(4, '0')}`;
  const topics = kioskTopics('hall', String(330100 + (i % 20)), kioskId);
  const will: StateMessage = { v: FLEET_SCHEMA_VERSION, kioskId, state: 'offline', at: Date.now() };
  const client = await mqtt.connectAsync(url, {
    protocolVersion: 5, clientId: kioskId, keepalive: 30, reconnectPeriod: 0,
    will: { topic: topics.state, payload: Buffer.from(JSON.stringify(will)), qos: 1, retain: true },
  });
  const online: StateMessage = { ...will, state: 'online', at: Date.now() };
  await client.publishAsync(topics.state, JSON.stringify(online), { qos: 1, retain: true });
  await client.publishAsync(topics.health, JSON.stringify(health(kioskId, Date.now(), startedAt)), { qos: 1, retain: true });
  return { client, topics, kioskId };
}

export async function bench(): Promise<BenchResult> {
  const broker = await startTestBroker({ extra: ['max_connections -1', 'max_queued_messages 10000'] });
  const pid = broker.pid();
  const kiosks: SimKiosk[] = [];
  const startedAt = Date.now();
  try {
    for (let i = 0; i < KIOSKS; i += 50) {
      kiosks.push(...(await Promise.all(Array.from({ length: Math.min(50, KIOSKS - i) }, (_, j) => connectKiosk(broker.url, i + j, startedAt)))));
    }
    const connectMs = Date.now() - startedAt;
    const operator = await mqtt.connectAsync(broker.url, { protocolVersion: 5, clientId: 'bench-operator', reconnectPeriod: 0 });
    const latencies: number[] = [];
    operator.on('message', (_topic, payload) => {
      const event = JSON.parse(payload.toString('utf8')) as EventMessage;
      latencies.push(Date.now() - event.at);
    });
    await operator.subscribeAsync(fleetFilter('hall', 'events'), { qos: 1 });

    // The steady state: health every 10 s from each kiosk (staggered), an alert every 100 ms.
    const brokerCpu0 = processCpuMs(pid);
    const clientCpu0 = process.cpuUsage();
    const run0 = performance.now();
    const timers = kiosks.map((k, i) =>
      setTimeout(() => {
        const publish = () => k.client.publish(k.topics.health, JSON.stringify(health(k.kioskId, Date.now(), startedAt)), { qos: 1, retain: true });
        publish();
        const every = setInterval(publish, HEALTH_MS);
        timers.push(every as unknown as NodeJS.Timeout);
      }, (i * HEALTH_MS) / kiosks.length),
    );
    let sent = 0;
    const alerts = setInterval(() => {
      const k = kiosks[Math.floor(Math.random() * kiosks.length)]!;
      const event: EventMessage = { v: FLEET_SCHEMA_VERSION, kioskId: k.kioskId, code: 'paper-near-end', level: 'warning', at: Date.now(), device: 'printer', detail: null };
      k.client.publish(k.topics.events, JSON.stringify(event), { qos: 1 });
      sent++;
    }, ALERT_EVERY_MS);
    await new Promise((resolve) => setTimeout(resolve, RUN_MS));
    clearInterval(alerts);
    for (const t of timers) clearInterval(t);
    const runMs = performance.now() - run0;
    const brokerCpuMs = processCpuMs(pid) - brokerCpu0;
    const clientCpu = process.cpuUsage(clientCpu0);
    await new Promise((resolve) => setTimeout(resolve, 500));
    await operator.endAsync();

    // fleet status over the retained messages: in process (the CLI's own collection), then the CLI as staff run it.
    const status0 = performance.now();
    const view = new FleetView('hall');
    const client = await mqtt.connectAsync(broker.url, { protocolVersion: 5, clientId: 'bench-status', reconnectPeriod: 0 });
    const connected = performance.now();
    let parseMs = 0;
    await collectRetained(client, 'hall', [fleetFilter('hall', 'state'), fleetFilter('hall', 'health')], (topic, payload) => {
      const t0 = performance.now();
      view.take(topic, payload);
      parseMs += performance.now() - t0;
    });
    const table = statusTable(view);
    const inProcessMs = performance.now() - status0;
    await client.endAsync();
    const cli0 = performance.now();
    const { stdout } = await promisify(execFile)('npm', ['run', '-s', 'fleet', '--', 'status', '--broker', broker.url], { maxBuffer: 64 * 2 ** 20 });
    const cliMs = performance.now() - cli0;
    const cliRows = stdout.split('\n').filter((l) => l.startsWith('BENCH-')).length;
    // What the process start alone costs on this machine now: npm, Node and the CLI's bundle (no broker: it fails at once).
    const start0 = performance.now();
    await promisify(execFile)('npm', ['run', '-s', 'fleet', '--', 'status', '--broker', 'mqtt://127.0.0.1:1']).catch(() => undefined);
    const startMs = performance.now() - start0;

    const p50 = percentile(latencies, 50);
    const p99 = percentile(latencies, 99);
    const cores = (ms: number) => `${((ms / runMs) * 100).toFixed(1)} % of one core`;
    return {
      rows: [
        { measure: `connect ${KIOSKS} kiosks (Will, retained state + health)`, result: `${connectMs} ms` },
        { measure: `broker CPU, steady state (${KIOSKS} health / 10 s + 10 alerts/s, ${Math.round(runMs / 1000)} s)`, result: cores(brokerCpuMs) },
        { measure: `${KIOSKS} clients' CPU (this process)`, result: cores((clientCpu.user + clientCpu.system) / 1000) },
        { measure: `alert end to end, p50 / p99 (${latencies.length} of ${sent})`, result: `${p50} / ${p99} ms`, limit: '1000 ms', ratio: Number((p99 / 1000).toFixed(3)), goal: 'p99 ≤ 1 s', met: p99 <= 1000 ? 'yes' : 'no' },
        { measure: `fleet status, in process (${view.rows.size} rows, ${table.length} chars): connect / all retained in / of which parsing`, result: `${Math.round(inProcessMs)} ms: ${Math.round(connected - status0)} / ${Math.round(inProcessMs - (connected - status0))} / ${Math.round(parseMs)} ms` },
        { measure: 'npm run -s fleet start alone (npm, Node, the CLI bundle; no broker), same moment', result: `${Math.round(startMs)} ms` },
        { measure: `npm run -s fleet -- status, whole process (${cliRows} rows)`, result: `${Math.round(cliMs)} ms`, limit: '2000 ms', ratio: Number((cliMs / 2000).toFixed(2)), goal: '≤ 2 s for 1,000 kiosks', met: cliMs <= 2000 ? 'yes' : 'no' },
      ],
      notes: [
        'One machine: the broker, the 1,000 clients and the operator share its 2 cores; a hall broker runs apart from its kiosks.',
        'The CLI row includes starting npm and Node on the bundle dist/node/fleet-cli.mjs (the row above it, measured at the same moment); the end of the retained burst is the echo of its own marker (scripts/fleet/retained.ts), no quiet wait.',
      ],
    };
  } finally {
    await Promise.allSettled(kiosks.map((k) => k.client.endAsync(true)));
    await broker.stop();
  }
}
