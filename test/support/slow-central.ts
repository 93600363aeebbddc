/**
 * A central client whose every answer the test releases by hand: for unit tests that
 * interleave citizens while a central call is still in flight. Only the calls the
 * journeys make are implemented; each is queued until `answer` or `fail` releases it.
 */
import type { CentralClient } from '../../electron/core/sync/central-client.js';

interface PendingCall {
  method: string;
  args: unknown[];
  resolve: (value: unknown) => void;
  reject: (error: Error) => void;
}

export class SlowCentral {
  readonly calls: PendingCall[] = [];

  private call(method: string, args: unknown[]): Promise<never> {
    return new Promise((resolve, reject) => this.calls.push({ method, args, resolve: resolve as (v: unknown) => void, reject }));
  }

  /** The oldest unanswered call of `method`, released with `value`. */
  answer(method: string, value: unknown): void {
    this.take(method).resolve(value);
  }

  fail(method: string, error: Error): void {
    this.take(method).reject(error);
  }

  pending(method: string): number {
    return this.calls.filter((c) => c.method === method).length;
  }

  private take(method: string): PendingCall {
    const i = this.calls.findIndex((c) => c.method === method);
    if (i < 0) throw new Error(`no ${method} call in flight`);
    return this.calls.splice(i, 1)[0]!;
  }

  asClient(): CentralClient {
    const method = (name: string) => (...args: unknown[]) => this.call(name, args);
    return {
      dataCheck: method('dataCheck'),
      appointmentsToday: method('appointmentsToday'),
      entitlements: method('entitlements'),
      applicationStatus: method('applicationStatus'),
      queueState: method('queueState'),
      catalog: method('catalog'),
    } as unknown as CentralClient;
  }
}
