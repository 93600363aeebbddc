/**
 * Keeps the kiosk page alive unattended: a crashed or hung renderer is reloaded; if it
 * keeps failing within a short window, the whole app is relaunched (a clean GPU/process
 * state is the best remaining remedy when nobody is there to press a key).
 */
import type { AppLike, BrowserWindowLike } from './electron-api.js';

export interface WatchdogOptions {
  /** Failures within `windowMs` that turn a reload into a relaunch. */
  maxFailures?: number;
  windowMs?: number;
  /** How long an unresponsive page may hang before it is reloaded. */
  unresponsiveGraceMs?: number;
  now?: () => number;
  log?: (message: string) => void;
}

export class RendererWatchdog {
  private failures: number[] = [];
  private hangTimer: ReturnType<typeof setTimeout> | null = null;
  private readonly maxFailures: number;
  private readonly windowMs: number;
  private readonly graceMs: number;
  private readonly now: () => number;
  private readonly log: (message: string) => void;

  constructor(
    private readonly app: AppLike,
    private readonly win: BrowserWindowLike,
    options: WatchdogOptions = {},
  ) {
    this.maxFailures = options.maxFailures ?? 3;
    this.windowMs = options.windowMs ?? 5 * 60_000;
    this.graceMs = options.unresponsiveGraceMs ?? 10_000;
    this.now = options.now ?? Date.now;
    this.log = options.log ?? ((m) => console.error(m));
    const contents = win.webContents;
    contents.on('render-process-gone', (_event, details) => {
      if (details.reason === 'clean-exit') return;
      this.failed(`renderer gone (${details.reason}, exit ${details.exitCode})`);
    });
    contents.on('unresponsive', () => {
      this.clearHang();
      this.hangTimer = setTimeout(() => this.failed('renderer unresponsive'), this.graceMs);
    });
    contents.on('responsive', () => this.clearHang());
  }

  private clearHang(): void {
    if (this.hangTimer) clearTimeout(this.hangTimer);
    this.hangTimer = null;
  }

  private failed(reason: string): void {
    this.clearHang();
    const now = this.now();
    this.failures = [...this.failures.filter((t) => now - t < this.windowMs), now];
    if (this.failures.length >= this.maxFailures) {
      this.log(`${reason}: ${this.failures.length} failures in ${this.windowMs / 1000}s, relaunching the kiosk`);
      this.app.relaunch();
      this.app.exit(0);
      return;
    }
    this.log(`${reason}: reloading the kiosk page`);
    if (!this.win.isDestroyed()) this.win.webContents.reload();
  }
}
