/**
 * The kiosk's view of store-and-forward for the status bar: the forwarder's delivery
 * state plus whether the local store can accept writes (disk full).
 */
import type { SyncStatus } from '../common/contract.js';
import { TypedEmitter } from '../common/emitter.js';
import type { SyncStatusSource } from './kiosk-core.js';
import type { Forwarder } from './sync/forwarder.js';
import type { KioskStore } from './store/kiosk-store.js';

export class SyncLink implements SyncStatusSource {
  private readonly emitter = new TypedEmitter<{ status: SyncStatus }>();
  private acceptingWrites = true;
  private storeMessage: string | undefined;
  private last: SyncStatus | null = null;
  private readonly onForwarderStatus = () => this.publish();
  private readonly onDiskFull = (err: Error) => {
    this.acceptingWrites = false;
    this.storeMessage = err.message;
    this.publish();
  };
  private readonly onCommitted = () => {
    if (!this.acceptingWrites) {
      this.acceptingWrites = true;
      this.storeMessage = undefined;
    }
    this.publish();
  };

  constructor(
    private readonly forwarder: Forwarder,
    private readonly store: KioskStore,
  ) {}

  async start(): Promise<void> {
    this.forwarder.on('status', this.onForwarderStatus);
    this.forwarder.on('delivered', this.onForwarderStatus);
    this.store.on('disk-full', this.onDiskFull);
    this.store.on('committed', this.onCommitted);
    this.forwarder.start();
  }

  async stop(): Promise<void> {
    this.forwarder.off('status', this.onForwarderStatus);
    this.forwarder.off('delivered', this.onForwarderStatus);
    this.store.off('disk-full', this.onDiskFull);
    this.store.off('committed', this.onCommitted);
    await this.forwarder.stop();
  }

  /** A write was refused because the disk is full (the store's own event may come from another path). */
  markNotAccepting(message: string): void {
    this.acceptingWrites = false;
    this.storeMessage = message;
    this.publish();
  }

  status(): SyncStatus {
    const s = this.forwarder.status();
    const message = this.storeMessage ?? s.lastError ?? undefined;
    return {
      online: s.online,
      pending: s.pending,
      oldestPendingAgeMs: s.oldestPendingAgeMs,
      lastSuccessAt: s.lastSuccessAt,
      quarantined: s.quarantined,
      acceptingWrites: this.acceptingWrites,
      ...(message ? { message } : {}),
    };
  }

  onStatus(listener: (status: SyncStatus) => void) {
    return this.emitter.on('status', listener);
  }

  private publish(): void {
    const next = this.status();
    const prev = this.last;
    // Only changes that the status bar shows; a burst of commits must not flood the page.
    if (
      prev &&
      prev.online === next.online &&
      prev.pending === next.pending &&
      prev.quarantined === next.quarantined &&
      prev.acceptingWrites === next.acceptingWrites &&
      prev.message === next.message
    ) {
      return;
    }
    this.last = next;
    this.emitter.emit('status', next);
  }
}
