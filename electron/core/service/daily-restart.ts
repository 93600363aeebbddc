/**
 * The window's daily restart at a quiet hall time (service.dailyRestartAt): a page that
 * has run all day starts again with fresh memory, as kiosk operators do against the
 * white screens long-running kiosk browsers end in. Never in front of a citizen: when
 * a session is open at that time, the restart waits until it ends.
 */
import { nextWallTime } from '../../common/service-hours.js';

export interface DailyRestartOptions {
  /** 'HH:MM' in the hall's time zone. */
  at: string;
  timeZone: string;
  /** Whether a citizen is in session, and a way to learn when the session ends. */
  session: { isOpen(): boolean; onEnded(listener: () => void): () => void };
  restart: (reason: string) => void;
  now?: () => number;
  log?: (line: string) => void;
}

const MAX_TIMER_MS = 60 * 60_000;

export class DailyWindowRestart {
  private timer: NodeJS.Timeout | null = null;
  private waitingForSession: (() => void) | null = null;
  private due: number | null = null;
  private readonly now: () => number;

  constructor(private readonly options: DailyRestartOptions) {
    this.now = options.now ?? (() => Date.now());
  }

  start(): void {
    this.due = nextWallTime(this.options.at, this.options.timeZone, this.now());
    this.arm();
  }

  stop(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.waitingForSession?.();
    this.waitingForSession = null;
    this.due = null;
  }

  private arm(): void {
    if (this.due === null) return;
    const wait = this.due - this.now();
    if (wait > 0) {
      // Capped: a clock stepped by NTP is seen within the hour.
      this.timer = setTimeout(() => this.arm(), Math.min(wait, MAX_TIMER_MS));
      this.timer.unref();
      return;
    }
    this.timer = null;
    if (this.options.session.isOpen()) {
      this.options.log?.('kiosk: daily window restart waits for the citizen in session');
      this.waitingForSession = this.options.session.onEnded(() => {
        this.waitingForSession?.();
        this.waitingForSession = null;
        this.fire();
      });
      return;
    }
    this.fire();
  }

  private fire(): void {
    this.options.restart('daily restart at the quiet time');
    // The next one is tomorrow's: computed after now, so a restart that ran late is not run twice.
    this.due = nextWallTime(this.options.at, this.options.timeZone, this.now());
    this.arm();
  }
}
