/**
 * A fleet operator's view for the tests: an MQTT 5 client subscribed to a filter (default
 * everything) that keeps every message it sees, and sends commands and waits for their
 * one result, as the fleet CLI does.
 */
import mqtt, { type IClientOptions, type MqttClient } from 'mqtt';
import { randomUUID } from 'node:crypto';
import { commandResultSchema, FLEET_SCHEMA_VERSION, type CommandBody, type CommandResult } from '../../electron/common/fleet/messages.js';
import type { KioskTopics } from '../../electron/common/fleet/topics.js';
import { until } from './until.js';

export interface SeenMessage {
  topic: string;
  text: string;
  retain: boolean;
  at: number;
}

export interface FleetObserver {
  client: MqttClient;
  messages: SeenMessage[];
  /** The parsed JSON of the messages seen on one topic. */
  on<T = Record<string, unknown>>(topic: string): T[];
  waitFor<T = Record<string, unknown>>(topic: string, match: (message: T) => boolean, what: string, timeoutMs?: number): Promise<T>;
  /** Sends a command (fresh id, expiring in a minute unless said) and waits for its result. */
  send(topics: KioskTopics, body: CommandBody, options?: { id?: string; expiresAt?: number; timeoutMs?: number }): Promise<CommandResult>;
  close(): Promise<void>;
}

export async function observeFleet(url: string, options: IClientOptions & { filter?: string } = {}): Promise<FleetObserver> {
  const { filter = '#', ...connect } = options;
  const client = await mqtt.connectAsync(url, { protocolVersion: 5, clientId: `observer-${randomUUID().slice(0, 8)}`, reconnectPeriod: 200, ...connect });
  const messages: SeenMessage[] = [];
  client.on('message', (topic, payload, packet) => messages.push({ topic, text: payload.toString('utf8'), retain: packet.retain, at: Date.now() }));
  await client.subscribeAsync(filter, { qos: 1 });
  const on = <T,>(topic: string): T[] => messages.filter((m) => m.topic === topic).map((m) => JSON.parse(m.text) as T);
  const waitFor = async <T,>(topic: string, match: (message: T) => boolean, what: string, timeoutMs = 10_000): Promise<T> => {
    let found: T | undefined;
    await until(() => (found = on<T>(topic).find(match)) !== undefined, what, { timeoutMs, everyMs: 20 });
    return found!;
  };
  return {
    client,
    messages,
    on,
    waitFor,
    async send(topics, body, sendOptions = {}) {
      const id = sendOptions.id ?? `cmd-${randomUUID()}`;
      const expiresAt = sendOptions.expiresAt ?? Date.now() + 60_000;
      const results = () => on<unknown>(topics.cmdResult).map((r) => commandResultSchema.parse(r)).filter((r) => r.id === id);
      // A replayed id already has a result: wait for the next one.
      const already = results().length;
      await client.publishAsync(topics.cmd, JSON.stringify({ v: FLEET_SCHEMA_VERSION, id, expiresAt, ...body }), { qos: 1 });
      await until(() => results().length > already, `the result of command ${id} (${body.command})`, { timeoutMs: sendOptions.timeoutMs ?? 10_000, everyMs: 20 });
      return results().at(-1)!;
    },
    close: () => client.endAsync(true),
  };
}
