/**
 * Whether the kiosk serves citizens now. Two things decide it: the hall's opening hours
 * (outside them no ticket is issued: nobody would call it; self-service goes on), and
 * operations taking the kiosk out of service (the fleet's command: no new session at
 * all, the attract screen shows their message). Out of service outlives a restart: a
 * kiosk taken out because something is wrong must not come back by crashing.
 *
 * One timer, set for the next opening or closing, announces the change as it happens.
 */
import type { ServiceState } from '../../common/contract.js';
import { nextWallTime, openingState, type OpeningHours } from '../../common/service-hours.js';
import { TypedEmitter } from '../../common/emitter.js';
import type { OutOfServiceRecord, ServiceStateFile } from './service-state-file.js';

export type { ServiceState };
export type ServiceMessage = NonNullable<ServiceState['message']>;

export interface ServiceAvailabilityOptions {
  openingHours: OpeningHours | null;
  dailyRestartAt: string | null;
  timeZone: string;
  /** Where out-of-service is kept across restarts; absent: in memory only (tests, shells' unit tests). */
  file?: ServiceStateFile;
  now?: () => number;
  log?: (line: string) => void;
}

/** Timers are re-armed at least this often: a clock step (NTP) or a long sleep cannot leave a stale state for long. */
const MAX_TIMER_MS = 60 * 60_000;

export class ServiceAvailability {
  private readonly events = new TypedEmitter<{ change: ServiceState }>();
  private readonly now: () => number;
  private readonly log: (line: string) => void;
  private outOfService: OutOfServiceRecord | null;
  private timer: NodeJS.Timeout | null = null;
  private last: ServiceState | null = null;

  constructor(private readonly options: ServiceAvailabilityOptions) {
    this.now = options.now ?? (() => Date.now());
    this.log = options.log ?? ((line) => console.info(line));
    const loaded = options.file?.load() ?? { outOfService: null };
    this.outOfService = loaded.outOfService;
    if (loaded.problem) this.log(`kiosk: ${loaded.problem}`);
    if (this.outOfService) this.log('kiosk: out of service (as operations left it before the restart)');
  }

  current(now = this.now()): ServiceState {
    const { openingHours, dailyRestartAt, timeZone } = this.options;
    const hours = openingState(openingHours, timeZone, now);
    const restartAt = dailyRestartAt ? nextWallTime(dailyRestartAt, timeZone, now) : null;
    if (this.outOfService) {
      return { inService: false, reason: 'out-of-service', message: this.outOfService.message, opensAt: null, closesAt: null, dailyRestartAt: restartAt };
    }
    if (!hours.open) return { inService: false, reason: 'closed', message: null, opensAt: hours.opensAt, closesAt: null, dailyRestartAt: restartAt };
    return { inService: true, reason: 'open', message: null, opensAt: null, closesAt: hours.closesAt, dailyRestartAt: restartAt };
  }

  /** Operations take the kiosk out of service; the attract screen shows `message` (operations' words, both languages). */
  setOutOfService(message: ServiceMessage): void {
    this.outOfService = { message, since: this.now() };
    this.options.file?.save({ outOfService: this.outOfService });
    this.log('kiosk: taken out of service by operations');
    this.announce();
  }

  backInService(): void {
    if (!this.outOfService) return;
    this.outOfService = null;
    this.options.file?.save({ outOfService: null });
    this.log('kiosk: back in service');
    this.announce();
  }

  onChange(listener: (state: ServiceState) => void): () => void {
    return this.events.on('change', listener);
  }

  /** Starts announcing the opening hours' changes as they happen. */
  start(): void {
    this.last = this.current();
    this.arm();
  }

  stop(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  private arm(): void {
    this.stop();
    const state = this.last ?? this.current();
    const next = state.opensAt ?? state.closesAt;
    const delay = next === null ? MAX_TIMER_MS : Math.min(Math.max(next - this.now(), 0) + 5, MAX_TIMER_MS);
    this.timer = setTimeout(() => this.announce(), delay);
    this.timer.unref();
  }

  /** Emits the state when it differs from the last one emitted (the restart time moving on is no change). */
  private announce(): void {
    const state = this.current();
    const last = this.last;
    this.last = state;
    const changed = !last || last.inService !== state.inService || last.reason !== state.reason || last.opensAt !== state.opensAt
      || last.closesAt !== state.closesAt || JSON.stringify(last.message) !== JSON.stringify(state.message);
    if (this.timer) this.arm();
    if (changed) this.events.emit('change', state);
  }
}
