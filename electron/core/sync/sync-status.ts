/** What the status bar and the admin screen show about store-and-forward. */
export interface SyncStatus {
  /** From heartbeats and deliveries, not from the OS network state. */
  online: boolean;
  pending: number;
  /** Age of the oldest record still waiting, ms (null when nothing waits). */
  oldestPendingAgeMs: number | null;
  /** Epoch ms of the last batch central acknowledged (survives restarts). */
  lastSuccessAt: number | null;
  quarantined: number;
  delivered: number;
  /** Why the last attempt failed (null after a success). */
  lastError: string | null;
  /** Epoch ms before which the forwarder will not try again (backoff), or null. */
  retryAt: number | null;
}

export interface QuarantineAlert {
  seq: number;
  idempotencyKey: string;
  kind: string;
  reason: string;
}
