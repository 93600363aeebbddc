/**
 * A real mosquitto for the fleet tests and the bench: `/usr/sbin/mosquitto -c <tmp conf>`
 * on free loopback ports, never the system service. Two listeners: a plain one (anonymous,
 * for tests that are not about security) and a TLS one that requires a client certificate
 * from the hall CA (test/support/pki.ts), takes its CN as the username, and applies the
 * per-kiosk ACL: a kiosk writes only its own state / health / events / cmd/result and
 * reads only its own cmd; the fleet operator (CN fleet-operator) reads and sends all.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import { tmpdir, userInfo } from 'node:os';
import path from 'node:path';
import type { FleetChannel } from '../../electron/common/fleet/topics.js';
import type { TestPki } from './pki.js';
import { until } from './until.js';

export const MOSQUITTO = '/usr/sbin/mosquitto';
/** The CN (and so the username) of the fleet operator's certificate. */
export const FLEET_OPERATOR = 'fleet-operator';

const KIOSK_WRITES: FleetChannel[] = ['state', 'health', 'events', 'cmd/result'];
const KIOSK_READS: FleetChannel[] = ['cmd'];

export interface TestBroker {
  /** mqtt://127.0.0.1:<port>, anonymous. */
  url: string;
  /** mqtts://127.0.0.1:<port>, client certificate required, ACL applied; undefined without a PKI. */
  tlsUrl: string | undefined;
  /** What mosquitto wrote (its log), for a failing test's message. */
  log(): string;
  /** The running broker's process id (the bench reads its CPU time). */
  pid(): number;
  /** Stops the broker (SIGTERM; SIGKILL if it lingers). */
  stop(): Promise<void>;
  /** Starts it again on the same ports (retained messages are gone: no persistence). */
  start(): Promise<void>;
}

export interface BrokerOptions {
  /** With a PKI: the TLS listener with the ACL. */
  pki?: TestPki;
  topicPrefix?: string;
  /** Extra lines for the configuration's global part (e.g. max_connections for the bench). */
  extra?: string[];
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

function accepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

export function aclLines(prefix: string): string[] {
  return [
    `user ${FLEET_OPERATOR}`,
    `topic readwrite ${prefix}/#`,
    '',
    // %u: the username, which is the kiosk id from its certificate's CN.
    ...KIOSK_WRITES.map((channel) => `pattern write ${prefix}/+/%u/${channel}`),
    ...KIOSK_READS.map((channel) => `pattern read ${prefix}/+/%u/${channel}`),
  ];
}

export async function startTestBroker(options: BrokerOptions = {}): Promise<TestBroker> {
  const dir = mkdtempSync(path.join(tmpdir(), 'kiosk-mosquitto-'));
  const plainPort = await freePort();
  const tlsPort = options.pki ? await freePort() : undefined;
  // Run as whoever runs the tests: as root, mosquitto would otherwise drop to its own user,
  // which cannot read the temporary configuration, ACL and keys.
  const lines = [`user ${userInfo().username}`, 'per_listener_settings true', 'persistence false', 'log_dest stderr', 'log_type error', 'log_type warning', 'log_type notice',
    ...(options.extra ?? []),
    `listener ${plainPort} 127.0.0.1`, 'allow_anonymous true'];
  if (options.pki && tlsPort) {
    const acl = path.join(dir, 'acl');
    writeFileSync(acl, `${aclLines(options.topicPrefix ?? 'hall').join('\n')}\n`);
    lines.push(`listener ${tlsPort} 127.0.0.1`, `cafile ${options.pki.caFile}`, `certfile ${options.pki.server.certFile}`,
      `keyfile ${options.pki.server.keyFile}`, 'require_certificate true', 'use_identity_as_username true', 'allow_anonymous false', `acl_file ${acl}`);
  }
  const conf = path.join(dir, 'mosquitto.conf');
  writeFileSync(conf, `${lines.join('\n')}\n`);

  let child: ChildProcess | null = null;
  let output = '';
  const start = async () => {
    const started = spawn(MOSQUITTO, ['-c', conf], { stdio: ['ignore', 'ignore', 'pipe'] });
    child = started;
    started.stderr!.on('data', (chunk: Buffer) => {
      output = (output + chunk.toString('utf8')).slice(-20_000);
    });
    await until(async () => {
      if (started.exitCode !== null) throw new Error(`mosquitto exited with ${started.exitCode}: ${output}`);
      return (await accepts(plainPort)) && (tlsPort === undefined || (await accepts(tlsPort)));
    }, 'mosquitto to accept connections', { timeoutMs: 10_000, everyMs: 20 });
  };
  const stop = async () => {
    const running = child;
    child = null;
    if (!running || running.exitCode !== null) return;
    const exited = new Promise((resolve) => running.once('exit', resolve));
    running.kill('SIGTERM');
    const timer = setTimeout(() => running.kill('SIGKILL'), 3000);
    await exited;
    clearTimeout(timer);
  };
  await start();
  return {
    url: `mqtt://127.0.0.1:${plainPort}`,
    tlsUrl: tlsPort ? `mqtts://127.0.0.1:${tlsPort}` : undefined,
    log: () => output,
    pid: () => {
      const running = child as ChildProcess | null;
      if (!running?.pid) throw new Error('mosquitto is not running');
      return running.pid;
    },
    stop,
    start,
  };
}
