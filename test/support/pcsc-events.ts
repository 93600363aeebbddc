/**
 * Records a citizen-card reader's events in order so a test can await the next one
 * of a kind. The wait limit only turns a hang into a clear failure.
 */
import type { DeviceStatus } from '../../electron/common/device-status.js';
import type { CardReadEvent } from '../../electron/common/identity.js';
import type { CitizenCardReaderDevice } from '../../electron/core/devices/citizencard.js';
import type { CitizenCardError } from '../../native/citizencard/errors.js';

export type ReaderEvent =
  | { kind: 'card'; event: CardReadEvent }
  | { kind: 'removed' }
  | { kind: 'error'; error: CitizenCardError }
  | { kind: 'status'; status: DeviceStatus };

export class ReaderEvents {
  readonly all: ReaderEvent[] = [];
  private cursor = 0;
  private waiter: (() => void) | undefined;

  constructor(device: CitizenCardReaderDevice) {
    device.onCard((event) => this.push({ kind: 'card', event }));
    device.onCardRemoved(() => this.push({ kind: 'removed' }));
    device.onCardError((error) => this.push({ kind: 'error', error }));
    device.onStatus((status) => this.push({ kind: 'status', status }));
  }

  private push(e: ReaderEvent): void {
    this.all.push(e);
    this.waiter?.();
  }

  /** Next event matching `match` after the previous one returned; skips others. */
  async next<K extends ReaderEvent['kind']>(
    kind: K,
    match: (e: Extract<ReaderEvent, { kind: K }>) => boolean = () => true,
    limitMs = 20_000,
  ): Promise<Extract<ReaderEvent, { kind: K }>> {
    const deadline = Date.now() + limitMs;
    for (;;) {
      while (this.cursor < this.all.length) {
        const e = this.all[this.cursor++] as ReaderEvent;
        if (e.kind === kind && match(e as Extract<ReaderEvent, { kind: K }>)) return e as Extract<ReaderEvent, { kind: K }>;
      }
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`no "${kind}" event; got: ${this.all.map(describe).join(', ')}`);
      await new Promise<void>((resolve) => {
        const t = setTimeout(resolve, left);
        this.waiter = () => {
          clearTimeout(t);
          resolve();
        };
      });
    }
  }

  /** Events of a kind seen so far. */
  count(kind: ReaderEvent['kind']): number {
    return this.all.filter((e) => e.kind === kind).length;
  }
}

function describe(e: ReaderEvent): string {
  if (e.kind === 'status') return `status:${e.status.state}`;
  if (e.kind === 'error') return `error:${e.error.code}`;
  if (e.kind === 'card') return `card:${e.event.identity.name}`;
  return e.kind;
}
