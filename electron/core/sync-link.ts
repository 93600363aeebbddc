/**
 * The kiosk's view of store-and-forward for the status bar: the forwarder's delivery
 * state plus whether the local store can accept writes (disk full).
 */
import type { SyncStatus } from '../common/contract.js';
import { TypedEmitter } from '../common/emitter.js';
import type { SyncStatusSource } from './kiosk-core.js';
import type { Forwarder } from './sync/forwarder.js';
import type { KioskStore } from './store/kiosk-store.js';

/** Space freed, beyond what was free when a write failed, after which the kiosk accepts again. */
export const RESUME_MARGIN_BYTES = 2 ** 20;

export class SyncLink implements SyncStatusSource {
  private readonly emitter = new TypedEmitter<{ status: SyncStatus }>();
  private acceptingWrites = true;
  private spaceWatch: NodeJS.Timeout | null = null;
  private storeMessage: string | undefined;
  private last: SyncStatus | null = null;
  private readonly onForwarderStatus = () => this.publish();
  private readonly onDiskFull = (err: Error) => this.markNotAccepting(err.message);
  private readonly onCommitted = () => {
    if (!this.acceptingWrites) this.resumeAccepting();
    this.publish();
  };

  constructor(
    private readonly forwarder: Forwarder,
    private readonly store: KioskStore,
    /** How often a kiosk that cannot accept looks for free space again. */
    private readonly spaceCheckMs = 10_000,
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
    this.stopSpaceWatch();
    await this.forwarder.stop();
  }

  /**
   * A write was refused because the disk is full. The kiosk says it cannot accept, and
   * watches the free space so it says so again by itself when an operator frees some
   * (nobody would try a write while the screen says the kiosk cannot take one).
   */
  markNotAccepting(message: string): void {
    this.acceptingWrites = false;
    this.storeMessage = message;
    if (!this.spaceWatch) {
      const resumeAt = this.store.freeBytes() + RESUME_MARGIN_BYTES;
      this.spaceWatch = setInterval(() => {
        if (this.store.freeBytes() >= resumeAt) {
          this.resumeAccepting();
          this.publish();
        }
      }, this.spaceCheckMs);
      this.spaceWatch.unref();
    }
    this.publish();
  }

  private resumeAccepting(): void {
    this.acceptingWrites = true;
    this.storeMessage = undefined;
    this.stopSpaceWatch();
  }

  private stopSpaceWatch(): void {
    if (this.spaceWatch) clearInterval(this.spaceWatch);
    this.spaceWatch = null;
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
