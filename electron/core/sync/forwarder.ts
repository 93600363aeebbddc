/**
 * Store-and-forward: drains the outbox to the central API in per-kiosk sequence order.
 * One batch is in flight at a time (that is what keeps central's order equal to the
 * kiosk's; throughput comes from batch size). Per record: applied or duplicate →
 * delivered (personal data wiped); rejected → quarantined with an alert, the queue goes
 * on. Whole-batch failures: network, timeout, 5xx, 429 → retry with exponential backoff
 * and jitter (Retry-After honoured); a 4xx → the batch is re-sent one record at a time
 * to find the poison record; 401/403 → alert and slow retry (the capped step). Each
 * failed attempt is recorded on its records (attempts, last error, next attempt). State
 * lives in SQLite, so a restart resumes where it stopped. Online/offline comes from
 * heartbeats, and at once from any desk's call: a network failure or timeout marks the
 * link offline (and a heartbeat confirms it), an answer marks it online.
 */
import { EventEmitter } from 'node:events';
import { centralPaths, type HeartbeatResponse, type SyncRecord } from '../../common/central-api.js';
import type { KioskStore } from '../store/kiosk-store.js';
import { backoffDelay } from './backoff.js';
import { CentralError, type CentralClient, type LinkEvidence } from './central-client.js';
import { describeDeliveryError, describeRejection } from './delivery-error.js';
import type { QuarantineAlert, SyncStatus } from './sync-status.js';

export interface ForwarderOptions {
  store: KioskStore;
  client: CentralClient;
  batchSize?: number;
  backoffBaseMs?: number;
  backoffMaxMs?: number;
  heartbeatIntervalMs?: number;
  /** Consecutive failed heartbeats before the kiosk says it is offline. */
  offlineAfterFailures?: number;
  /** How often to look for new records when nobody called kick(). */
  idlePollMs?: number;
  /** How often the retention backstop (store.purgeExpired) runs; first run at start. */
  purgeIntervalMs?: number;
  random?: () => number;
  now?: () => number;
}

export interface ForwarderEvents {
  status: [SyncStatus];
  quarantined: [QuarantineAlert];
  alert: [string];
  delivered: [number];
  /** Central's heartbeat reply (its catalog version, its clock). */
  heartbeat: [HeartbeatResponse];
}

const LAST_SUCCESS = 'last_success_at';

export class Forwarder extends EventEmitter<ForwarderEvents> {
  private readonly store: KioskStore;
  private readonly client: CentralClient;
  private readonly batchSize: number;
  private readonly now: () => number;
  private running = false;
  private loopDone: Promise<void> | null = null;
  private wake: (() => void) | null = null;
  private attempts = 0;
  private retryAt: number | null = null;
  private lastError: string | null = null;
  private online = false;
  private heartbeatFailures = 0;
  private heartbeatTimer: NodeJS.Timeout | null = null;
  private firstBeat: NodeJS.Immediate | null = null;
  private beating = false;
  private stopEvidence: (() => void) | null = null;
  private purgeTimer: NodeJS.Timeout | null = null;
  /** Records left to send one by one after a whole-batch 4xx. */
  private isolating = 0;

  constructor(private readonly options: ForwarderOptions) {
    super();
    this.store = options.store;
    this.client = options.client;
    this.batchSize = options.batchSize ?? 500;
    this.now = options.now ?? Date.now;
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.stopEvidence = this.client.onLinkEvidence((evidence) => this.linkEvidence(evidence));
    this.loopDone = this.loop();
    const every = this.options.heartbeatIntervalMs ?? 5000;
    // The first heartbeat goes out on the next turn of the event loop, not inside start():
    // its fetch loads Node's HTTP client, which a kiosk need not wait for to serve citizens.
    this.firstBeat = setImmediate(() => void this.beat());
    this.heartbeatTimer = setInterval(() => void this.beat(), every);
    this.purge();
    this.purgeTimer = setInterval(() => this.purge(), this.options.purgeIntervalMs ?? 3_600_000);
  }

  private purge(): void {
    try {
      const wiped = this.store.purgeExpired();
      if (wiped > 0) this.emit('alert', `retention backstop wiped personal data of ${wiped} record(s) older than the retention period`);
    } catch (err) {
      this.emit('alert', `retention purge failed: ${(err as Error).message}`);
    }
  }

  async stop(): Promise<void> {
    this.running = false;
    this.stopEvidence?.();
    this.stopEvidence = null;
    if (this.firstBeat) clearImmediate(this.firstBeat);
    this.firstBeat = null;
    if (this.heartbeatTimer) clearInterval(this.heartbeatTimer);
    if (this.purgeTimer) clearInterval(this.purgeTimer);
    this.heartbeatTimer = null;
    this.purgeTimer = null;
    this.wake?.();
    await this.loopDone;
  }

  /** New records were written, or the network came back: try now. */
  kick(resetBackoff = false): void {
    if (resetBackoff) this.retryAt = null;
    this.wake?.();
  }

  status(): SyncStatus {
    const counts = this.store.outbox.counts();
    const last = this.store.getSyncState(LAST_SUCCESS);
    return {
      online: this.online,
      pending: counts.pending,
      oldestPendingAgeMs: counts.oldestPendingCreatedAt === null ? null : Math.max(0, this.now() - counts.oldestPendingCreatedAt),
      lastSuccessAt: last === null ? null : Number(last),
      quarantined: counts.quarantined,
      delivered: counts.delivered,
      lastError: this.lastError,
      retryAt: this.retryAt,
    };
  }

  /** Resolves when nothing is pending (quarantined records do not count), or rejects after timeoutMs. */
  async waitUntilDrained(timeoutMs: number): Promise<SyncStatus> {
    const deadline = this.now() + timeoutMs;
    for (;;) {
      const s = this.status();
      if (s.pending === 0) return s;
      if (this.now() > deadline) throw new Error(`outbox not drained after ${timeoutMs} ms: ${s.pending} pending, last error: ${s.lastError ?? 'none'}`);
      this.kick();
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  /** One delivery attempt of the next batch; returns how many records were settled. */
  async deliverOnce(): Promise<number> {
    const size = this.isolating > 0 ? 1 : this.batchSize;
    const records = this.store.outbox.pendingBatch(size);
    if (records.length === 0) return 0;
    try {
      const response = await this.client.sendBatch({ kioskId: this.store.kioskId, records });
      const settled = this.settle(records, response.results);
      if (this.isolating > 0) this.isolating--;
      this.attempts = 0;
      this.retryAt = null;
      this.lastError = null;
      this.setOnline(true);
      this.emit('delivered', settled);
      return settled;
    } catch (err) {
      this.fail(records, err);
      return 0;
    } finally {
      this.emit('status', this.status());
    }
  }

  private settle(records: SyncRecord[], results: Array<{ idempotencyKey: string; outcome: string; reason?: string | undefined }>): number {
    const byKey = new Map(results.map((r) => [r.idempotencyKey, r]));
    const delivered: number[] = [];
    const poisoned: QuarantineAlert[] = [];
    for (const record of records) {
      const result = byKey.get(record.idempotencyKey);
      if (!result) break; // central did not answer for it: keep it (and what follows) for the next attempt, in order
      if (result.outcome === 'applied' || result.outcome === 'duplicate') delivered.push(record.seq);
      else poisoned.push({ seq: record.seq, idempotencyKey: record.idempotencyKey, kind: record.kind, reason: describeRejection(result.reason) });
    }
    this.store.db.transaction(() => {
      this.store.outbox.markDelivered(delivered, this.now());
      for (const p of poisoned) this.store.outbox.quarantine(p.seq, p.reason);
      this.store.setSyncState(LAST_SUCCESS, String(this.now())); // same transaction: one fsync per batch
    }).immediate();
    for (const p of poisoned) this.quarantineAlert(p);
    return delivered.length + poisoned.length;
  }

  private fail(records: SyncRecord[], err: unknown): void {
    const error = err instanceof CentralError ? err : new CentralError('network', String(err));
    const described = describeDeliveryError(error);
    this.lastError = described;
    if (error.kind === 'rejected' && records.length > 1) {
      // A 4xx for the whole batch: find the poison record by sending one at a time.
      this.isolating = records.length;
      return;
    }
    if (error.kind === 'rejected') {
      const [record] = records;
      if (record) {
        this.store.outbox.quarantine(record.seq, described);
        this.quarantineAlert({ seq: record.seq, idempotencyKey: record.idempotencyKey, kind: record.kind, reason: described });
      }
      if (this.isolating > 0) this.isolating--;
      return;
    }
    if (error.kind === 'network' || error.kind === 'timeout') this.setOnline(false);
    if (error.kind === 'auth') this.emit('alert', described);
    this.attempts++;
    const maxMs = this.options.backoffMaxMs ?? 60_000;
    const jitter = this.options.random ? { random: this.options.random } : {};
    // A refused token will not mend itself in seconds: retry slowly (the capped step) until an operator fixes it.
    const backoff = error.kind === 'auth'
      ? backoffDelay(1, { baseMs: maxMs, maxMs, ...jitter })
      : backoffDelay(this.attempts, { baseMs: this.options.backoffBaseMs ?? 500, maxMs, ...jitter });
    this.retryAt = this.now() + Math.max(backoff, error.retryAfterMs ?? 0);
    this.store.outbox.markAttempt(records.map((r) => r.seq), described, this.retryAt);
  }

  /** A desk's call answered or failed: the status bar shows it now, not after the next heartbeats. */
  private linkEvidence(evidence: LinkEvidence): void {
    if (!this.running || evidence.path === centralPaths.heartbeat) return; // heartbeats keep their own count
    if (evidence.reachable) {
      this.heartbeatFailures = 0;
      const cameBack = !this.online;
      this.setOnline(true);
      if (cameBack) this.kick(true);
      return;
    }
    if (!this.online) return;
    this.setOnline(false);
    void this.beat(); // confirm (or refute) at once
  }

  private quarantineAlert(alert: QuarantineAlert): void {
    this.emit('quarantined', alert);
    this.emit('alert', `record #${alert.seq} (${alert.kind}) quarantined: ${alert.reason}. The rest of the queue goes on; an operator must review it.`);
  }

  private async loop(): Promise<void> {
    while (this.running) {
      const waitFor = this.retryAt === null ? 0 : this.retryAt - this.now();
      if (waitFor > 0) {
        await this.sleep(waitFor);
        continue;
      }
      this.retryAt = null;
      let settled = 0;
      try {
        settled = await this.deliverOnce();
      } catch (err) {
        this.lastError = `forwarder: ${describeDeliveryError(err)}`;
        this.emit('alert', this.lastError);
        this.retryAt = this.now() + 1000;
      }
      if (settled === 0 && this.retryAt === null && this.isolating === 0) await this.sleep(this.options.idlePollMs ?? 1000);
    }
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      function done(): void {
        clearTimeout(timer);
        resolve();
      }
      this.wake = () => {
        this.wake = null;
        done();
      };
    });
  }

  private async beat(): Promise<void> {
    if (!this.running || this.beating) return; // one heartbeat in flight: a hung central must not pile them up
    this.beating = true;
    const counts = this.store.outbox.counts();
    let reply: HeartbeatResponse | null = null;
    try {
      reply = await this.client.heartbeat({
        kioskId: this.store.kioskId,
        pending: counts.pending,
        oldestPendingAgeMs: counts.oldestPendingCreatedAt === null ? null : Math.max(0, this.now() - counts.oldestPendingCreatedAt),
        sentAt: new Date(this.now()).toISOString(),
      });
      if (!this.running) return;
      this.heartbeatFailures = 0;
      const cameBack = !this.online;
      this.setOnline(true);
      if (cameBack && counts.pending > 0) this.kick(true);
    } catch {
      if (!this.running) return;
      this.heartbeatFailures++;
      if (this.heartbeatFailures >= (this.options.offlineAfterFailures ?? 2)) this.setOnline(false);
    } finally {
      this.beating = false;
    }
    if (reply && this.running) this.emit('heartbeat', reply);
  }

  private setOnline(online: boolean): void {
    if (this.online === online) return;
    this.online = online;
    if (this.running) this.emit('status', this.status());
  }
}
