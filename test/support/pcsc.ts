/**
 * A real pcscd with Debian's vsmartcard vpcd driver for the citizen-card tests.
 * pcscd 1.9 always serves /run/pcscd/pcscd.comm, so there is one per machine: when one
 * is already running we reuse it (its vpcd port from the reader.conf on its command line,
 * else /etc/reader.conf.d/vpcd); else we
 * start `pcscd --foreground` with a reader.conf of our own on free TCP ports and stop
 * it in teardown. Needs root and the apt packages of scripts/system-deps.sh.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pcscdAnswers } from '../../native/citizencard/pcsc-terminal.js';
import { until } from './until.js';

export const PCSCD_SOCKET = '/run/pcscd/pcscd.comm';
const SYSTEM_VPCD_CONF = '/etc/reader.conf.d/vpcd';
const VPCD_DRIVER = '/usr/lib/pcsc/drivers/serial/libifdvpcd.so';

export interface PcscdHandle {
  /** TCP port of the reader "Virtual PCD 00 00" (the next port is "… 00 01"). */
  readonly vpcdPort: number;
  readonly readerName: string;
  /** True when this handle started pcscd (and so may stop and restart it). */
  readonly owned: boolean;
  /** Stops pcscd: every PC/SC reader disappears, as when the reader is unplugged. */
  stopDaemon(): Promise<void>;
  /** Starts it again (after stopDaemon, or taking over a reused one). */
  startDaemon(): Promise<void>;
  close(): Promise<void>;
}

/** The pcscd already running, if any, and the reader.conf it was given (-c / --config). */
function runningPcscd(): { pid: number; args: string[]; config: string | undefined } | undefined {
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      if (readFileSync(`/proc/${entry}/comm`, 'utf8').trim() !== 'pcscd') continue;
      const args = readFileSync(`/proc/${entry}/cmdline`, 'utf8').split('\0').filter((a) => a !== '');
      const at = args.findIndex((a) => a === '-c' || a === '--config');
      return { pid: Number(entry), args, config: at >= 0 ? args[at + 1] : undefined };
    } catch {
      // the process ended while we looked
    }
  }
  return undefined;
}

/** vpcd's port in a reader.conf (CHANNELID), by default the system's /etc/reader.conf.d/vpcd. */
function vpcdPortOf(config: string | undefined): number {
  const file = config ?? SYSTEM_VPCD_CONF;
  const text = existsSync(file) ? readFileSync(file, 'utf8') : '';
  const m = /^\s*CHANNELID\s+(0x[0-9a-f]+|\d+)/im.exec(text);
  return m?.[1] ? Number(m[1]) : 0x8c7b;
}

/** Two consecutive free ports: vpcd listens on port and port + 1 (two slots). */
async function freePortPair(): Promise<number> {
  for (let attempt = 0; attempt < 20; attempt++) {
    const port = await listenFree(0);
    if (port < 65535 && (await canListen(port + 1))) return port;
  }
  throw new Error('no two consecutive free TCP ports for vpcd');
}

function listenFree(port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(port, '0.0.0.0', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

async function canListen(port: number): Promise<boolean> {
  return listenFree(port).then(
    () => true,
    () => false,
  );
}

export async function startPcscd(): Promise<PcscdHandle> {
  if (!existsSync(VPCD_DRIVER)) throw new Error(`vsmartcard-vpcd is not installed (${VPCD_DRIVER}): run \`bash scripts/system-deps.sh\` as root`);
  const dir = mkdtempSync(path.join(tmpdir(), 'pcscd-'));
  let child: ChildProcess | undefined;
  let owned = false;
  /** The command line of a pcscd we stopped, to start it again as it was. */
  let tookOver: string[] | undefined;
  // A pcscd left running (the system's, or one from an interrupted run): use its vpcd port.
  let port = vpcdPortOf(runningPcscd()?.config);

  async function startOwn(): Promise<void> {
    if (existsSync(PCSCD_SOCKET) && !(await pcscdAnswers(PCSCD_SOCKET))) unlinkSync(PCSCD_SOCKET); // stale, from a killed pcscd
    const conf = path.join(dir, 'reader.conf');
    writeFileSync(conf, `FRIENDLYNAME "Virtual PCD"\nDEVICENAME   /dev/null:${port}\nLIBPATH      ${VPCD_DRIVER}\nCHANNELID    ${port}\n`);
    const args = ['--foreground', '--config', conf, ...(process.env.KIOSK_PCSCD_APDU_LOG ? ['--apdu', '--debug'] : [])];
    const proc = spawn('pcscd', args, { stdio: ['ignore', 'pipe', 'pipe'] });
    const log = createWriteStream(path.join(dir, 'pcscd.log'), { flags: 'a' });
    proc.stdout?.pipe(log);
    proc.stderr?.pipe(log);
    const failed = new Promise<never>((_, reject) => {
      proc.once('error', (err) => reject(new Error(`cannot start pcscd (${err.message}): run \`bash scripts/system-deps.sh\` as root`)));
      proc.once('exit', (code) => reject(new Error(`pcscd exited with ${code} at start; log: ${path.join(dir, 'pcscd.log')}`)));
    });
    failed.catch(() => undefined);
    child = proc;
    owned = true;
    await Promise.race([until(() => pcscdAnswers(PCSCD_SOCKET, 200), 'pcscd to open its socket', { timeoutMs: 10_000, everyMs: 50 }), failed]);
  }

  async function stopOwn(): Promise<void> {
    const proc = child;
    child = undefined;
    if (!proc || proc.exitCode !== null) return;
    const gone = new Promise<void>((r) => proc.once('exit', () => r()));
    proc.kill('SIGTERM');
    const timer = setTimeout(() => proc.kill('SIGKILL'), 5000);
    await gone;
    clearTimeout(timer);
  }

  async function stopSystem(): Promise<void> {
    const running = runningPcscd();
    if (!running) throw new Error('pcscd answers but no pcscd process is visible: stop it by hand to run this test');
    process.kill(running.pid, 'SIGTERM');
    tookOver = running.args;
    await until(async () => !(await pcscdAnswers(PCSCD_SOCKET, 200)), 'the running pcscd to stop', { timeoutMs: 10_000, everyMs: 50 });
  }

  if (!(await pcscdAnswers(PCSCD_SOCKET))) {
    port = await freePortPair();
    await startOwn();
  }

  return {
    get vpcdPort() {
      return port;
    },
    readerName: 'Virtual PCD 00 00',
    get owned() {
      return owned;
    },
    async stopDaemon() {
      if (owned) await stopOwn();
      else await stopSystem();
    },
    async startDaemon() {
      if (child) return;
      await startOwn();
    },
    async close() {
      await stopOwn();
      if (tookOver) {
        // Give the machine its daemon back, started as it was.
        const [command = 'pcscd', ...args] = tookOver;
        spawn(command, args, { stdio: 'ignore', detached: true }).unref();
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
