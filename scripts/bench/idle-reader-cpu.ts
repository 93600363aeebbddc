/**
 * Child process of the card-to-screen benchmark: the core's ID-card reader alone, polling
 * a reader with no card on it, so its CPU time is the idle polling's and nothing else's
 * (the simulator answering runs in the parent). Prints one JSON line:
 * `{ "cpuMs", "userMs", "systemMs", "wallMs", "from", "to" }` over the measured window, after the
 * reader is ready (`from`/`to`: performance.timeOrigin + now, so the parent can count the
 * polls its simulator answered in the window).
 *
 *   tsx scripts/bench/idle-reader-cpu.ts --port <pty> --baud 115200 --interval 50 --seconds 30
 *   tsx scripts/bench/idle-reader-cpu.ts --seconds 30          (no reader: the baseline)
 */
import { parseArgs } from 'node:util';
import { createIdCardReader } from '../../electron/core/devices/idcard.js';
import { until } from '../../test/support/until.js';

const { values } = parseArgs({ options: { port: { type: 'string' }, baud: { type: 'string', default: '115200' }, interval: { type: 'string' }, seconds: { type: 'string', default: '30' } } });
const seconds = Number(values.seconds);
if (!(seconds > 0)) throw new Error(`--seconds must be a positive number, got ${values.seconds}`);

const reader = values.port
  ? createIdCardReader({ transport: 'serial', port: values.port, baud: Number(values.baud) }, { pollIntervalMs: Number(values.interval ?? 250) })
  : null;
if (reader) {
  await reader.start();
  await until(() => reader.status().state === 'ready', 'the ID reader ready', { timeoutMs: 15_000, everyMs: 50 });
}
const cpu0 = process.cpuUsage();
const wall0 = performance.now();
const from = performance.timeOrigin + wall0;
await new Promise((r) => setTimeout(r, seconds * 1000));
const cpu = process.cpuUsage(cpu0);
const wallMs = performance.now() - wall0;
const to = from + wallMs;
await reader?.stop();
console.log(JSON.stringify({ cpuMs: (cpu.user + cpu.system) / 1000, userMs: cpu.user / 1000, systemMs: cpu.system / 1000, wallMs, from, to }));
