/**
 * The fleet CLI for hall staff (README "Fleet operations"), reading the broker's retained
 * messages:
 *   npm run -s fleet -- status                       one row per kiosk (online, devices, paper, outbox, service, last seen)
 *   npm run -s fleet -- watch                        alerts and state changes as they arrive
 *   npm run -s fleet -- send <kioskId> <command> [args]   sends a command and waits for its result
 * Broker: --broker mqtts://host:8883 (or FLEET_BROKER) with the operator's --ca/--cert/--key
 * (or FLEET_CA/FLEET_CERT/FLEET_KEY); topics under --prefix (default hall).
 */
import { randomUUID } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import mqtt, { type MqttClient } from 'mqtt';
import { commandBodySchema, commandResultSchema, FLEET_SCHEMA_VERSION, stateMessageSchema, type CommandResult } from '../../electron/common/fleet/messages.js';
import { fleetFilter, kioskTopics } from '../../electron/common/fleet/topics.js';
import { alertLine, FleetView, statusTable } from './fleet-view.js';
import { collectRetained } from './retained.js';

const USAGE = `usage: npm run -s fleet -- status [--json] | watch | send <kioskId> <command> [args]
  commands: out-of-service --zh <text> --en <text> | in-service | restart-window | refresh-catalog | upload-now
            | print-test-page | screenshot [--out file.png] | set-log-level <debug|info|warn|error>
  options:  --broker <url> --ca <file> --cert <file> --key <file> --prefix <hall> --timeout <s> --expires <s>`;

class UsageError extends Error {}

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    broker: { type: 'string' }, prefix: { type: 'string', default: 'hall' },
    ca: { type: 'string' }, cert: { type: 'string' }, key: { type: 'string' },
    timeout: { type: 'string', default: '15' }, expires: { type: 'string', default: '60' },
    json: { type: 'boolean', default: false }, zh: { type: 'string' }, en: { type: 'string' }, out: { type: 'string' },
  },
});
const prefix = values.prefix;

async function connect(): Promise<MqttClient> {
  const url = values.broker ?? process.env.FLEET_BROKER;
  if (!url) throw new UsageError('name the broker: --broker mqtts://host:8883 or FLEET_BROKER');
  const file = (name: 'ca' | 'cert' | 'key', env: string) => {
    const path = values[name] ?? process.env[env];
    return path ? { [name]: readFileSync(path) } : {};
  };
  return mqtt.connectAsync(url, {
    protocolVersion: 5, clientId: `fleet-cli-${randomUUID().slice(0, 8)}`, reconnectPeriod: 0, connectTimeout: 10_000,
    ...file('ca', 'FLEET_CA'), ...file('cert', 'FLEET_CERT'), ...file('key', 'FLEET_KEY'),
  });
}

async function status(): Promise<void> {
  const client = await connect();
  const view = new FleetView(prefix);
  await collectRetained(client, prefix, [fleetFilter(prefix, 'state'), fleetFilter(prefix, 'health')], (topic, payload) => view.take(topic, payload));
  await client.endAsync();
  console.log(values.json ? JSON.stringify([...view.rows.values()]) : statusTable(view));
}

async function watch(): Promise<void> {
  const client = await connect();
  client.on('message', (topic, payload, packet) => {
    if (packet.retain) return; // what happened before we looked is in `status`
    const line = alertLine(topic, payload, prefix);
    if (line) console.log(line);
  });
  await client.subscribeAsync([fleetFilter(prefix, 'events'), fleetFilter(prefix, 'state')], { qos: 1 });
  console.error(`watching ${prefix}/… (Ctrl-C to stop)`);
  await new Promise<void>((resolve) => process.once('SIGINT', resolve));
  await client.endAsync();
}

function commandArgs(command: string, rest: string[]): unknown {
  if (command === 'out-of-service') {
    if (!values.zh || !values.en) throw new UsageError('out-of-service needs the message for citizens: --zh <中文> --en <English>');
    return { message: { zh: values.zh, en: values.en } };
  }
  if (command === 'set-log-level') return { level: rest[0] };
  return {};
}

async function send(kioskId: string | undefined, command: string | undefined, rest: string[]): Promise<number> {
  if (!kioskId || !command) throw new UsageError('send needs a kiosk id and a command');
  const body = commandBodySchema.safeParse({ command, args: commandArgs(command, rest) });
  if (!body.success) throw new UsageError(`${command}: ${body.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  const client = await connect();
  try {
    // The kiosk's region comes from its retained state.
    let regionCode: string | null = null;
    await collectRetained(client, prefix, [`${prefix}/+/${kioskId}/state`], (topic, payload) => {
      if (stateMessageSchema.safeParse(JSON.parse(payload.toString('utf8'))).success) regionCode = topic.split('/').at(-3) ?? null;
    });
    if (!regionCode) throw new UsageError(`no kiosk ${kioskId} under ${prefix}/ on this broker (no retained state)`);
    const topics = kioskTopics(prefix, regionCode, kioskId);
    const id = `cli-${randomUUID()}`;
    const result = new Promise<CommandResult>((resolve) => {
      client.on('message', (topic, payload) => {
        if (topic !== topics.cmdResult) return;
        const parsed = commandResultSchema.safeParse(JSON.parse(payload.toString('utf8')));
        if (parsed.success && parsed.data.id === id) resolve(parsed.data);
      });
    });
    await client.subscribeAsync(topics.cmdResult, { qos: 1 });
    const expiresAt = Date.now() + Number(values.expires) * 1000;
    await client.publishAsync(topics.cmd, JSON.stringify({ v: FLEET_SCHEMA_VERSION, id, expiresAt, ...body.data }), { qos: 1 });
    const timeoutMs = Number(values.timeout) * 1000;
    const answer = await Promise.race([result, new Promise<null>((resolve) => setTimeout(() => resolve(null), timeoutMs).unref())]);
    if (!answer) {
      console.error(`no result from ${kioskId} in ${values.timeout} s (command ${id}; it expires at ${new Date(expiresAt).toISOString()})`);
      return 2;
    }
    const { screenshot, ...shown } = answer;
    if (screenshot && values.out) {
      writeFileSync(values.out, Buffer.from(screenshot.base64, 'base64'));
      console.error(`screenshot written to ${values.out}`);
    }
    console.log(JSON.stringify(shown));
    return answer.ok ? 0 : 1;
  } finally {
    await client.endAsync();
  }
}

async function main(): Promise<number> {
  const [verb, ...rest] = positionals;
  if (verb === 'status') return status().then(() => 0);
  if (verb === 'watch') return watch().then(() => 0);
  if (verb === 'send') return send(rest[0], rest[1], rest.slice(2));
  throw new UsageError(verb ? `unknown: ${verb}` : 'what to do?');
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    if (err instanceof UsageError) console.error(`${err.message}\n${USAGE}`);
    else console.error(`fleet: ${(err as Error).message}`);
    process.exit(err instanceof UsageError ? 64 : 1);
  },
);
