/**
 * The kiosk's MQTT 5 link to the fleet broker. Birth and death after Sparkplug: on every
 * connect it publishes `state` online (retained) and its current health, and the broker
 * holds a retained `state` offline as the Last Will, published by itself when the kiosk
 * stops answering keep-alives. While the broker is away nothing is queued: alerts of that
 * time are dropped, and on reconnect (with backoff) the kiosk publishes its state as it is
 * now, not a backlog. The broker being down never stops the kiosk serving citizens.
 */
import mqtt, { type MqttClient } from 'mqtt';
import { FLEET_SCHEMA_VERSION, type CommandResult, type EventMessage, type HealthMessage, type LogLevel, type StateMessage } from '../../common/fleet/messages.js';
import type { KioskTopics } from '../../common/fleet/topics.js';
import type { FleetTlsMaterial } from './fleet-tls.js';
import { healthKey } from './health.js';

export interface FleetAgentOptions {
  url: string;
  kioskId: string;
  topics: KioskTopics;
  keepAliveSeconds: number;
  healthSeconds: number;
  tls?: FleetTlsMaterial | undefined;
  /** The health as it is now (health.ts gatherHealth). */
  health(): HealthMessage;
  /** Runs one `cmd` payload and gives its one result (commands.ts). */
  command(payload: Buffer): Promise<CommandResult>;
  log(line: string, level?: LogLevel): void;
  /** After each birth (state and health published). */
  onConnect?(): void;
  /** Reconnect delays: doubling from minMs up to maxMs while the broker stays away. */
  backoff?: { minMs: number; maxMs: number };
  now?: () => number;
}

const json = (message: object) => JSON.stringify(message);

export class FleetAgent {
  private client: MqttClient | null = null;
  private healthTimer: NodeJS.Timeout | null = null;
  private lastHealthKey: string | null = null;
  private readonly now: () => number;
  private readonly backoff: { minMs: number; maxMs: number };
  private everConnected = false;
  private lastError: string | null = null;

  constructor(private readonly options: FleetAgentOptions) {
    this.now = options.now ?? Date.now;
    this.backoff = options.backoff ?? { minMs: 1000, maxMs: 60_000 };
  }

  get connected(): boolean {
    return this.client?.connected ?? false;
  }

  /** Connects in the background: a broker that is down is retried, never an error to the kiosk. */
  start(): void {
    const { url, kioskId, topics, keepAliveSeconds, tls } = this.options;
    const will: StateMessage = { v: FLEET_SCHEMA_VERSION, kioskId, state: 'offline', at: this.now() };
    const client = mqtt.connect(url, {
      protocolVersion: 5,
      clientId: `kiosk-${kioskId}`,
      clean: true,
      keepalive: keepAliveSeconds,
      reconnectPeriod: this.backoff.minMs,
      connectTimeout: 10_000,
      // Nothing waits for the broker: what happened while it was away is not sent later.
      queueQoSZero: false,
      resubscribe: false,
      will: { topic: topics.state, payload: Buffer.from(json(will)), qos: 1, retain: true },
      ...(tls ? { ca: tls.ca, cert: tls.cert, key: tls.key, rejectUnauthorized: true } : {}),
    });
    this.client = client;
    client.on('connect', () => this.connectedNow(client));
    client.on('close', () => {
      // Back off while the broker stays away (mqtt.js reads the period at each retry).
      client.options.reconnectPeriod = Math.min(this.backoff.maxMs, Math.max(this.backoff.minMs, (client.options.reconnectPeriod ?? 0) * 2));
    });
    client.on('error', (err) => {
      if (err.message !== this.lastError) this.options.log(`fleet: broker ${url}: ${err.message}`);
      this.lastError = err.message;
    });
    client.on('message', (topic, payload) => {
      if (topic === topics.cmd) void this.runCommand(payload);
    });
    this.healthTimer = setInterval(() => this.publishHealth(true), this.options.healthSeconds * 1000);
    this.healthTimer.unref();
  }

  /** Publishes the health when something that matters changed (or when forced). */
  publishHealth(force = false): void {
    if (!this.connected) return;
    const health = this.options.health();
    const key = healthKey(health);
    if (!force && key === this.lastHealthKey) return;
    this.lastHealthKey = key;
    this.options.log(`fleet: health published (${force ? 'period or birth' : 'changed'}; outbox ${health.outbox.pending})`, 'debug');
    this.publish(this.options.topics.health, health, true);
  }

  /** An alert, now or never: one raised while the broker is away is not kept. */
  publishEvent(event: EventMessage): void {
    if (this.connected) this.publish(this.options.topics.events, event, false);
  }

  /** A deliberate stop: `offline` retained (no Will needed), then a clean disconnect. */
  async stop(): Promise<void> {
    if (this.healthTimer) clearInterval(this.healthTimer);
    this.healthTimer = null;
    const client = this.client;
    this.client = null;
    if (!client) return;
    if (client.connected) {
      const offline: StateMessage = { v: FLEET_SCHEMA_VERSION, kioskId: this.options.kioskId, state: 'offline', at: this.now() };
      await client.publishAsync(this.options.topics.state, json(offline), { qos: 1, retain: true }).catch(() => undefined);
    }
    await client.endAsync(true).catch(() => undefined);
  }

  private connectedNow(client: MqttClient): void {
    client.options.reconnectPeriod = this.backoff.minMs;
    this.lastError = null;
    this.options.log(`fleet: ${this.everConnected ? 'reconnected to' : 'connected to'} ${this.options.url} as ${this.options.kioskId}`);
    this.everConnected = true;
    const online: StateMessage = { v: FLEET_SCHEMA_VERSION, kioskId: this.options.kioskId, state: 'online', at: this.now() };
    this.publish(this.options.topics.state, online, true);
    this.lastHealthKey = null;
    this.publishHealth(true);
    client.subscribe(this.options.topics.cmd, { qos: 1 }, (err) => {
      if (err) this.options.log(`fleet: cannot subscribe to ${this.options.topics.cmd}: ${err.message}`);
    });
    this.options.onConnect?.();
  }

  private async runCommand(payload: Buffer): Promise<void> {
    const result = await this.options.command(payload);
    if (this.connected) this.publish(this.options.topics.cmdResult, result, false);
    // A command changes what health says (service state, log level): say so now.
    this.publishHealth();
  }

  private publish(topic: string, message: object, retain: boolean): void {
    this.client?.publish(topic, json(message), { qos: 1, retain }, (err) => {
      if (err) this.options.log(`fleet: publish to ${topic} failed: ${err.message}`);
    });
  }
}
