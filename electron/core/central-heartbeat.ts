/**
 * Online/offline by asking the central system, not the OS: a kiosk whose cable is in
 * but whose hall gateway is down must still know it is offline.
 */
import type { SyncStatus } from '../common/contract.js';
import { TypedEmitter } from '../common/emitter.js';
import type { SyncStatusSource } from './kiosk-core.js';

export interface HeartbeatOptions {
  baseUrl: string;
  path?: string;
  token?: string;
  intervalMs?: number;
  timeoutMs?: number;
  /** Consecutive failures before declaring offline (one lost packet is not an outage). */
  failuresBeforeOffline?: number;
}

export class CentralHeartbeat implements SyncStatusSource {
  private readonly emitter = new TypedEmitter<{ status: SyncStatus }>();
  private current: SyncStatus = {
    online: false,
    pending: 0,
    oldestPendingAgeMs: null,
    lastSuccessAt: null,
    quarantined: 0,
    acceptingWrites: true,
    message: 'connecting to the central system',
  };
  private failures = 0;
  private timer: NodeJS.Timeout | null = null;
  private stopped = true;

  constructor(private readonly options: HeartbeatOptions) {}

  async start(): Promise<void> {
    this.stopped = false;
    await this.beat();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  status(): SyncStatus {
    return this.current;
  }

  onStatus(listener: (status: SyncStatus) => void) {
    return this.emitter.on('status', listener);
  }

  private async beat(): Promise<void> {
    const { baseUrl, path = '/v1/heartbeat', token, timeoutMs = 3000 } = this.options;
    try {
      const res = await fetch(new URL(path, baseUrl), {
        method: 'GET',
        headers: token ? { authorization: `Bearer ${token}` } : {},
        signal: AbortSignal.timeout(timeoutMs),
      });
      if (!res.ok) throw new Error(`HTTP ${res.status}`);
      await res.arrayBuffer();
      this.failures = 0;
      this.update({ online: true, lastSuccessAt: Date.now(), message: undefined });
    } catch (err) {
      this.failures += 1;
      if (this.failures >= (this.options.failuresBeforeOffline ?? 2) || !this.current.online) {
        this.update({ online: false, message: `central system unreachable at ${baseUrl}: ${(err as Error).message}` });
      }
    }
    if (!this.stopped) this.timer = setTimeout(() => void this.beat(), this.options.intervalMs ?? 5000);
  }

  private update(patch: Partial<SyncStatus>): void {
    const next = { ...this.current, ...patch };
    const changed = next.online !== this.current.online || next.message !== this.current.message;
    this.current = next;
    if (changed) this.emitter.emit('status', next);
  }
}
