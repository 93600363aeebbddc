/**
 * The kiosk's service side, as the core uses it: whether tickets are issued now (opening
 * hours, out of service), the window restart the shell is asked for, and the daily restart
 * at the quiet time that asks for it.
 */
import type { KioskConfig } from '../../common/config.js';
import type { TypedEmitter } from '../../common/emitter.js';
import { JourneyError } from '../journeys/errors.js';
import { ServiceAvailability } from './availability.js';
import { DailyWindowRestart } from './daily-restart.js';

/** What the core asks of the shell it runs in (never of the page): the shell acts, or logs that it cannot. */
export type ShellRequests = {
  /** Restart the kiosk window (the daily quiet-time restart, operations' command): a fresh page, same core. */
  restartWindow: { reason: string };
};

export interface ServiceDeskOptions {
  config: Pick<KioskConfig, 'service' | 'hall'>;
  /** Opening hours and out of service (compose.ts builds it from the config); absent: built here from the config, in memory. */
  availability?: ServiceAvailability | undefined;
  shellRequests: TypedEmitter<ShellRequests>;
  /** Whether a citizen is in session, and a way to learn when the session ends (the daily restart waits for it). */
  session: { isOpen(): boolean; onEnded(listener: () => void): () => void };
  now: () => number;
  log: (message: string) => void;
}

export class ServiceDesk {
  readonly availability: ServiceAvailability;
  private readonly dailyRestart: DailyWindowRestart | null;

  constructor(private readonly options: ServiceDeskOptions) {
    const { service, hall } = options.config;
    const { now, log } = options;
    this.availability = options.availability ?? new ServiceAvailability({ openingHours: service.openingHours, dailyRestartAt: service.dailyRestartAt, timeZone: hall.timeZone, now, log });
    this.dailyRestart = service.dailyRestartAt
      ? new DailyWindowRestart({ at: service.dailyRestartAt, timeZone: hall.timeZone, session: options.session, restart: (reason) => this.requestWindowRestart(reason), now, log })
      : null;
  }

  start(): void {
    this.availability.start();
    this.dailyRestart?.start();
  }

  stop(): void {
    this.availability.stop();
    this.dailyRestart?.stop();
  }

  /** Nobody would call a ticket taken outside the opening hours, or at a kiosk operations took out. */
  requireTicketsIssued(): void {
    const service = this.availability.current();
    if (!service.inService) throw new JourneyError(service.reason === 'closed' ? 'hall-closed' : 'out-of-service', `no tickets now: the kiosk is ${service.reason}`);
  }

  /** Asks the shell for a fresh window (the core, its session and devices go on). */
  requestWindowRestart(reason: string): void {
    const { shellRequests, log } = this.options;
    if (shellRequests.listenerCount('restartWindow') === 0) {
      log(`kiosk: window restart asked (${reason}) but this shell has no window to restart`);
      return;
    }
    log(`kiosk: restarting the window (${reason})`);
    shellRequests.emit('restartWindow', { reason });
  }
}
