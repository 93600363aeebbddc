/**
 * `set-log-level` for the whole kiosk: the browser shell (its own main process, which
 * installs the kiosk's log level over the console) on a real mosquitto. Its health goes
 * out every second, each with a debug line; none is written at the starting `info`, and
 * they are after `set-log-level debug` (sent over the broker, audited in the kiosk's store).
 * The change itself is written whatever the level. And it is not the fleet's level alone:
 * at `error`, the bridge's line about a page connection without a credential is not written.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import Database from 'better-sqlite3';
import WebSocket from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HealthMessage, StateMessage } from '../../electron/common/fleet/messages.js';
import { kioskTopics } from '../../electron/common/fleet/topics.js';
import { observeFleet, type FleetObserver } from '../support/fleet-observer.js';
import { startTestBroker, type TestBroker } from '../support/mosquitto.js';
import { until } from '../support/until.js';

const MAIN = path.resolve('electron/browser-shell/main.ts');
const topics = kioskTopics('hall', '330102', 'LOG-K01');
const DEBUG_LINE = /^fleet: health published/;
const BRIDGE_REFUSAL = 'bridge refused a page connection without a valid credential';
let broker: TestBroker;
let fleet: FleetObserver;
let shell: ChildProcess;
let dataDir: string;
const lines: string[] = [];

beforeAll(async () => {
  broker = await startTestBroker();
  fleet = await observeFleet(broker.url);
  const dir = mkdtempSync(path.join(tmpdir(), 'kiosk-fleet-log-'));
  dataDir = path.join(dir, 'var');
  const configFile = path.join(dir, 'kiosk.config.json');
  writeFileSync(configFile, JSON.stringify({
    kioskId: 'LOG-K01',
    hall: { name: '运维测试大厅', regionCode: '330102' },
    devices: { idcard: null, citizencard: null, printer: null },
    central: { url: 'embedded' },
    dataDir,
    fleet: { url: broker.url, healthSeconds: 1, keepAliveSeconds: 5 },
  }));
  shell = spawn(process.execPath, ['--import', 'tsx', MAIN, '--config', configFile, '--no-browser'], {
    env: { ...process.env, KIOSK_CENTRAL_TOKEN: '', KIOSK_ID_HASH_KEY: '' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  createInterface({ input: shell.stdout! }).on('line', (l) => lines.push(l));
  createInterface({ input: shell.stderr! }).on('line', (l) => lines.push(l));
  await fleet.waitFor<StateMessage>(topics.state, (m) => m.state === 'online', 'LOG-K01 online', 60_000);
  await until(() => lines.some((l) => l.startsWith('KIOSK_URL=')), 'the page address in the log', { timeoutMs: 30_000, everyMs: 50 });
}, 90_000);

/** A page connection with no credential: the bridge refuses it (401) and logs that it did (bridge-server.ts). */
function connectWithoutCredential(): Promise<number> {
  const page = new URL(lines.find((l) => l.startsWith('KIOSK_URL='))!.slice('KIOSK_URL='.length));
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(`ws://${page.host}/api`, { origin: page.origin });
    ws.on('error', () => {});
    ws.once('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
    ws.once('open', () => reject(new Error('the bridge took a page connection without a credential')));
  });
}
const refusals = () => lines.filter((l) => l === BRIDGE_REFUSAL).length;

afterAll(async () => {
  if (shell && shell.exitCode === null) {
    const exited = new Promise((resolve) => shell.once('exit', resolve));
    shell.kill('SIGTERM');
    await exited;
  }
  await fleet?.close();
  await broker?.stop();
});

describe('set-log-level for the whole kiosk', () => {
  it('writes the debug lines only after set-log-level debug', async () => {
    // Three health periods at info: health published three times, not one debug line.
    const seen = fleet.on(topics.health).length;
    await until(() => fleet.on(topics.health).length >= seen + 3, 'three health messages', { timeoutMs: 15_000, everyMs: 50 });
    expect(lines.filter((l) => DEBUG_LINE.test(l))).toEqual([]);
    expect(fleet.on<HealthMessage>(topics.health).at(-1)?.logLevel).toBe('info');

    const result = await fleet.send(topics, { command: 'set-log-level', args: { level: 'debug' } });
    expect(result).toMatchObject({ ok: true, code: 'done', detail: 'debug' });
    await until(() => lines.some((l) => DEBUG_LINE.test(l)), 'a debug line from the kiosk', { timeoutMs: 10_000, everyMs: 50 });
    expect(lines).toContain('kiosk log level: debug (fleet command)');
    await until(() => fleet.on<HealthMessage>(topics.health).at(-1)?.logLevel === 'debug', 'health saying debug', { timeoutMs: 10_000, everyMs: 50 });

    const audit = new Database(path.join(dataDir, 'kiosk.sqlite'), { readonly: true });
    try {
      const rows = audit.prepare(`SELECT action, purpose FROM audit_log WHERE subject = ? ORDER BY rowid`).all(result.id) as Array<{ action: string; purpose: string }>;
      expect(rows.map((r) => r.action)).toEqual(['fleet.command.set-log-level', 'fleet.result.set-log-level']);
      expect(rows[1]!.purpose).toBe('ok done: debug');
    } finally {
      audit.close();
    }
  });

  it("gates the kiosk's other lines too: the bridge's refusal is not written at error", async () => {
    expect(await connectWithoutCredential()).toBe(401);
    await until(() => refusals() === 1, 'the refusal written at debug', { timeoutMs: 10_000, everyMs: 20 });
    expect((await fleet.send(topics, { command: 'set-log-level', args: { level: 'error' } })).ok).toBe(true);
    expect(await connectWithoutCredential()).toBe(401);
    expect((await fleet.send(topics, { command: 'set-log-level', args: { level: 'info' } })).ok).toBe(true);
    expect(await connectWithoutCredential()).toBe(401);
    // The kiosk's output is one ordered stream: once the third refusal's line is in, the second's would be before it.
    await until(() => lines.includes('kiosk log level: info (fleet command)') && refusals() >= 2, 'the refusal written at info again', { timeoutMs: 10_000, everyMs: 20 });
    expect(refusals()).toBe(2);
    expect(lines).toContain('kiosk log level: error (fleet command)');
  });
});
