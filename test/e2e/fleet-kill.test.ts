/**
 * A kiosk that dies without a word: the browser shell (electron/browser-shell/main.ts, a
 * real child process on a demo config with a fleet section) is killed with SIGKILL, and the
 * broker announces it offline by itself, from the Last Will, once the keep-alive runs out.
 * Started again, it is online again and says it recovered from a crash.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { kioskTopics } from '../../electron/common/fleet/topics.js';
import type { EventMessage, StateMessage } from '../../electron/common/fleet/messages.js';
import { startTestBroker, type TestBroker } from '../support/mosquitto.js';
import { observeFleet, type FleetObserver } from '../support/fleet-observer.js';
import { until } from '../support/until.js';

const MAIN = path.resolve('electron/browser-shell/main.ts');
const KEEP_ALIVE_SECONDS = 2;
const topics = kioskTopics('hall', '330102', 'KILL-K01');
let broker: TestBroker;
let fleet: FleetObserver;
let configFile: string;
const shells: ChildProcess[] = [];

function startShell(): ChildProcess {
  const shell = spawn(process.execPath, ['--import', 'tsx', MAIN, '--config', configFile, '--no-browser'], {
    env: { ...process.env, KIOSK_CENTRAL_TOKEN: '', KIOSK_ID_HASH_KEY: '' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  createInterface({ input: shell.stdout! }).on('line', () => undefined);
  createInterface({ input: shell.stderr! }).on('line', () => undefined);
  shells.push(shell);
  return shell;
}

beforeAll(async () => {
  broker = await startTestBroker();
  fleet = await observeFleet(broker.url);
  const dir = mkdtempSync(path.join(tmpdir(), 'kiosk-fleet-kill-'));
  configFile = path.join(dir, 'kiosk.config.json');
  writeFileSync(configFile, JSON.stringify({
    kioskId: 'KILL-K01',
    hall: { name: '运维测试大厅', regionCode: '330102' },
    devices: { idcard: null, citizencard: null, printer: null },
    central: { url: 'embedded' },
    dataDir: path.join(dir, 'var'),
    fleet: { url: broker.url, healthSeconds: 5, keepAliveSeconds: KEEP_ALIVE_SECONDS },
  }));
}, 30_000);

afterAll(async () => {
  for (const shell of shells) if (shell.exitCode === null && shell.signalCode === null) shell.kill('SIGKILL');
  await fleet?.close();
  await broker?.stop();
});

describe('a kiosk killed with SIGKILL', () => {
  it('is announced offline by the broker (its Last Will) within the keep-alive window', async () => {
    const shell = startShell();
    await fleet.waitFor<StateMessage>(topics.state, (m) => m.state === 'online', 'KILL-K01 online', 60_000);
    const onlineCount = fleet.on(topics.state).length;
    const killedAt = Date.now();
    shell.kill('SIGKILL');
    // MQTT: the broker gives up 1.5 keep-alives after the last packet; the wait is generous for a loaded machine.
    await until(() => fleet.on<StateMessage>(topics.state).slice(onlineCount).some((m) => m.state === 'offline'), 'the broker publishing KILL-K01 offline', { timeoutMs: 20_000, everyMs: 20 });
    const offline = fleet.messages.filter((m) => m.topic === topics.state).slice(onlineCount).find((m) => (JSON.parse(m.text) as StateMessage).state === 'offline')!;
    // The Will was written when the kiosk connected: the dead kiosk did not send this itself.
    expect((JSON.parse(offline.text) as StateMessage).at).toBeLessThan(killedAt);
    console.info(`fleet kill -9: offline announced ${offline.at - killedAt} ms after the kill (keep-alive ${KEEP_ALIVE_SECONDS} s)`);
  });

  it('started again, it is online and says it recovered from a crash', async () => {
    const count = fleet.on(topics.state).length;
    startShell();
    await until(() => fleet.on<StateMessage>(topics.state).slice(count).some((m) => m.state === 'online'), 'KILL-K01 online again', { timeoutMs: 60_000, everyMs: 50 });
    await fleet.waitFor<EventMessage>(topics.events, (e) => e.code === 'crash-recovered', 'the crash-recovered alert');
  });
});
