/**
 * Collects the retained messages of a subscription, and knows when it has them all
 * without waiting for the broker to fall silent: after the subscription, the CLI publishes
 * one message to its own echo topic (topics.ts operatorEchoTopic). The broker sends a
 * subscription's retained messages while it handles the SUBSCRIBE, before it reads the
 * PUBLISH that follows on the same connection, and one connection's messages in order:
 * when the echo comes back, every retained message is in.
 *
 * All at QoS 0: a QoS 1 delivery goes through the broker's per-client queue, which
 * mosquitto caps at max_queued_messages (1000 by default) and drops beyond, so a hall of
 * 600 kiosks (1,200 retained messages) would lose rows, and the echo with them. A snapshot
 * read once loses nothing at QoS 0 but with its connection.
 */
import { randomUUID } from 'node:crypto';
import { operatorEchoTopic } from '../../electron/common/fleet/topics.js';

/** The slice of an mqtt.js client this needs (a fake in the unit test). */
export interface RetainedClient {
  on(event: 'message', listener: (topic: string, payload: Buffer) => void): unknown;
  removeListener(event: 'message', listener: (topic: string, payload: Buffer) => void): unknown;
  subscribeAsync(filters: string[] | string, options: { qos: 0 }): Promise<unknown>;
  publishAsync(topic: string, payload: string, options: { qos: 0 }): Promise<unknown>;
  unsubscribeAsync(topic: string): Promise<unknown>;
  readonly options: { clientId?: string };
}

export async function collectRetained(
  client: RetainedClient,
  prefix: string,
  filters: string[],
  take: (topic: string, payload: Buffer) => void,
  timeoutMs = 15_000,
): Promise<void> {
  const echo = operatorEchoTopic(prefix, client.options.clientId ?? `fleet-cli-${randomUUID().slice(0, 8)}`);
  const marker = randomUUID();
  let listener!: (topic: string, payload: Buffer) => void;
  const echoed = new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the broker did not echo this CLI's marker on ${echo} in ${timeoutMs / 1000} s: may this operator publish and subscribe under ${prefix}/?`)), timeoutMs);
    timer.unref();
    listener = (topic, payload) => {
      if (topic !== echo) return take(topic, payload);
      if (payload.toString('utf8') !== marker) return;
      clearTimeout(timer);
      resolve();
    };
  });
  client.on('message', listener);
  try {
    await client.subscribeAsync([...filters, echo], { qos: 0 });
    await client.publishAsync(echo, marker, { qos: 0 });
    await echoed;
  } finally {
    client.removeListener('message', listener);
  }
  await client.unsubscribeAsync(echo).catch(() => undefined);
}
