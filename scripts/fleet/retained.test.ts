import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { collectRetained, type RetainedClient } from './retained.js';

/** A broker as the CLI sees it: a subscription's retained messages queued at SUBSCRIBE, delivered in order with what follows. */
class FakeBroker extends EventEmitter implements RetainedClient {
  readonly options = { clientId: 'fleet-cli-test' };
  readonly queue: Array<[string, Buffer]> = [];
  subscribed: string[] = [];
  constructor(private readonly retained: Array<[string, string]>, private readonly echoes = true) {
    super();
  }
  async subscribeAsync(filters: string[] | string): Promise<unknown> {
    this.subscribed.push(...[filters].flat());
    for (const [topic, text] of this.retained) this.queue.push([topic, Buffer.from(text)]);
    this.deliverSlowly();
    return [];
  }
  async publishAsync(topic: string, payload: string): Promise<unknown> {
    if (this.echoes && this.subscribed.includes(topic)) this.queue.push([topic, Buffer.from(payload)]);
    return undefined;
  }
  async unsubscribeAsync(): Promise<unknown> {
    return undefined;
  }
  /** Delivers the queue in order, one message every 5 ms (with publishes queued behind it). */
  private deliverSlowly(): void {
    const next = this.queue.shift();
    if (!next) return;
    setTimeout(() => {
      this.emit('message', ...next);
      this.deliverSlowly();
    }, 5);
  }
}

describe('collectRetained', () => {
  it('ends when its echo comes back, with every retained message before it and not the echo', async () => {
    const retained: Array<[string, string]> = Array.from({ length: 40 }, (_, i) => [`hall/330102/K-${i}/state`, `{"n":${i}}`]);
    const broker = new FakeBroker(retained);
    const seen: string[] = [];
    await collectRetained(broker, 'hall', ['hall/+/+/state'], (topic) => seen.push(topic));
    expect(seen).toEqual(retained.map(([topic]) => topic));
    expect(broker.subscribed).toEqual(['hall/+/+/state', 'hall/_operator/fleet-cli-test']);
    expect(broker.listenerCount('message')).toBe(0);
  });

  it('says what to check when the broker never echoes (an ACL without the operator)', async () => {
    const broker = new FakeBroker([], false);
    await expect(collectRetained(broker, 'hall', ['hall/+/+/state'], () => {}, 100)).rejects.toThrow(/did not echo.*may this operator publish and subscribe under hall\//);
  });
});
