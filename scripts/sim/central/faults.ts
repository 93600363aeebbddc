/**
 * Run-time fault injection of the central simulator (POST /admin/faults). Each /v1
 * request rolls the dice once per fault kind, in this order: hard down (connection
 * reset), latency, timeout (no answer until the client gives up), error status
 * (500/503/429 with Retry-After), then after the write committed: duplicate delivery
 * (the request applied a second time, as a retrying proxy would) and a dropped response.
 */
import { z } from 'zod';

export const faultConfig = z.object({
  down: z.boolean().default(false),
  errorRates: z.object({
    500: z.number().min(0).max(1).default(0),
    503: z.number().min(0).max(1).default(0),
    429: z.number().min(0).max(1).default(0),
  }).default({ 500: 0, 503: 0, 429: 0 }),
  retryAfterSeconds: z.number().min(0).default(1),
  latencyMs: z.tuple([z.number().min(0), z.number().min(0)]).default([0, 0]),
  timeoutRate: z.number().min(0).max(1).default(0),
  /** How long a "timed out" request is held before its socket is destroyed. */
  timeoutHoldMs: z.number().int().min(0).default(30_000),
  dropAfterCommitRate: z.number().min(0).max(1).default(0),
  duplicateDeliveryRate: z.number().min(0).max(1).default(0),
});
export type FaultConfig = z.infer<typeof faultConfig>;
export type FaultPatch = z.input<typeof faultConfig>;

export const NO_FAULTS: FaultConfig = faultConfig.parse({});

export interface FaultCounters {
  down: number;
  latency: number;
  timeout: number;
  status500: number;
  status503: number;
  status429: number;
  droppedAfterCommit: number;
  duplicateDeliveries: number;
}

export class FaultInjector {
  config: FaultConfig = NO_FAULTS;
  readonly counters: FaultCounters = {
    down: 0, latency: 0, timeout: 0, status500: 0, status503: 0, status429: 0, droppedAfterCommit: 0, duplicateDeliveries: 0,
  };

  constructor(private readonly random: () => number = Math.random) {}

  /** Merges a patch into the current configuration (a full replace when `reset`). */
  apply(patch: unknown, reset = false): FaultConfig {
    const base = reset ? {} : this.config;
    const merged = { ...base, ...(patch as object) };
    this.config = faultConfig.parse(merged);
    return this.config;
  }

  latency(): number {
    const [min, max] = this.config.latencyMs;
    if (max <= 0) return 0;
    this.counters.latency++;
    return min + this.random() * Math.max(0, max - min);
  }

  roll(rate: number): boolean {
    return rate > 0 && this.random() < rate;
  }

  /** The injected error status for this request, if any. */
  errorStatus(): 500 | 503 | 429 | null {
    for (const status of [500, 503, 429] as const) {
      if (this.roll(this.config.errorRates[status])) {
        this.counters[`status${status}`]++;
        return status;
      }
    }
    return null;
  }
}
