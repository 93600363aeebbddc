/**
 * Keeps the browser shell's kiosk window alive on an unattended hall terminal, as the
 * Electron shell's reload/relaunch does: Chromium exiting (a crash, a kill, a staff
 * member's Alt+F4) relaunches it with backoff; a page that has gone from the bridge (a
 * crashed renderer shows "Aw, Snap!" and never reconnects by itself) for longer than a
 * grace period gets its window killed and relaunched. The core and the citizen-facing
 * state live in Node, so a new window picks up where the old one was.
 *
 * A page whose JavaScript hangs while its process lives stops answering the bridge's
 * pings; the bridge closes its socket (bridge-server.ts), and this watchdog sees the page
 * gone like a crashed one.
 */
import type { ChildProcess } from 'node:child_process';
import { rmSync } from 'node:fs';
import { signalWindowGroup } from './chromium-launcher.js';

export interface WindowLaunch {
  browser: ChildProcess | null;
  reason: string;
  userDataDir?: string;
  /** The browser leads its own process group: signals go to the group, helpers included. */
  processGroup?: boolean;
  screenshot?: () => Promise<Uint8Array>;
}

export interface WindowWatchdogOptions {
  launch: () => WindowLaunch;
  pages: { count(): number; onChange(listener: (count: number) => void): () => void };
  log: (line: string) => void;
  /** How long the page may be gone (or take to first connect) before the window is restarted. */
  pageGraceMs?: number;
  backoffMinMs?: number;
  backoffMaxMs?: number;
  /** A window that kept its page this long is healthy again: the backoff starts over. */
  healthyAfterMs?: number;
}

export class WindowWatchdog {
  private browser: ChildProcess | null = null;
  private userDataDir: string | undefined;
  private processGroup = false;
  private screenshotOf: (() => Promise<Uint8Array>) | undefined;
  private stopped = false;
  private restarts = 0;
  /** The window is going because the kiosk asked (restart()): it comes back at once, not as a failure. */
  private plannedRestart = false;
  private pageTimer: NodeJS.Timeout | null = null;
  private relaunchTimer: NodeJS.Timeout | null = null;
  private healthyTimer: NodeJS.Timeout | null = null;
  private readonly unsubscribe: () => void;
  private readonly graceMs: number;

  constructor(private readonly options: WindowWatchdogOptions) {
    this.graceMs = options.pageGraceMs ?? 20_000;
    this.unsubscribe = options.pages.onChange((count) => this.pagesChanged(count));
  }

  /** Starts the window; false when there is none to start (no display, no Chromium). */
  start(): boolean {
    const { browser, reason, userDataDir, processGroup, screenshot } = this.options.launch();
    if (!browser) {
      this.options.log(`no kiosk window (${reason})`);
      return false;
    }
    this.browser = browser;
    this.userDataDir = userDataDir;
    this.processGroup = processGroup ?? false;
    this.screenshotOf = screenshot;
    this.options.log(`kiosk window: ${reason} (pid ${browser.pid ?? '?'})`);
    browser.once('exit', (code, signal) => this.exited(browser, code, signal));
    this.watchForPage();
    return true;
  }

  /** The windows restarted so far (for the log and tests). */
  get restartCount(): number {
    return this.restarts;
  }

  /** A PNG of the window's page now (the fleet's `screenshot`); rejects while there is no window. */
  screenshot(): Promise<Uint8Array> {
    if (!this.browser || !this.screenshotOf) return Promise.reject(new Error('no kiosk window to take a picture of (it is being relaunched)'));
    return this.screenshotOf();
  }

  /** A planned restart (the daily quiet time, operations' command): a fresh window now, no backoff counted. */
  restart(reason: string): boolean {
    if (this.stopped || !this.browser) return false;
    this.options.log(`kiosk window: restarting (${reason})`);
    this.plannedRestart = true;
    this.kill(this.browser, 'SIGTERM');
    return true;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.unsubscribe();
    this.clearTimers();
    const browser = this.browser;
    if (browser && browser.exitCode === null && browser.signalCode === null) {
      const exited = new Promise((resolve) => browser.once('exit', resolve));
      this.kill(browser, 'SIGTERM');
      await exited;
    }
    await this.removeProfile();
  }

  private pagesChanged(count: number): void {
    if (this.stopped) return;
    if (count > 0) {
      if (this.pageTimer) {
        // The page was awaited (first start, or after it went): it is back.
        this.options.log('kiosk page connected');
        clearTimeout(this.pageTimer);
        this.pageTimer = null;
      }
      if (!this.healthyTimer) {
        this.healthyTimer = setTimeout(() => {
          this.healthyTimer = null;
          this.restarts = 0;
        }, this.options.healthyAfterMs ?? 60_000);
      }
    } else {
      if (this.healthyTimer) clearTimeout(this.healthyTimer);
      this.healthyTimer = null;
      this.watchForPage();
    }
  }

  /** No page on the bridge: give the window `graceMs` to (re)connect before restarting it. */
  private watchForPage(): void {
    if (this.pageTimer || this.options.pages.count() > 0) return;
    this.pageTimer = setTimeout(() => {
      this.pageTimer = null;
      if (this.stopped || this.options.pages.count() > 0 || !this.browser) return;
      this.options.log(`kiosk page gone for ${Math.round(this.graceMs / 1000)} s: restarting the window`);
      this.kill(this.browser, 'SIGKILL'); // its 'exit' relaunches
    }, this.graceMs);
  }

  private exited(browser: ChildProcess, code: number | null, signal: NodeJS.Signals | null): void {
    if (browser !== this.browser) return;
    this.browser = null;
    this.screenshotOf = undefined;
    // Helpers left behind by a browser that died (zygote, GPU) go with it.
    if (this.processGroup) signalWindowGroup(browser, 'SIGKILL');
    if (this.stopped) return; // stop() removes the profile once the window is gone
    void this.removeProfile();
    this.clearTimers();
    const min = this.options.backoffMinMs ?? 1000;
    const planned = this.plannedRestart;
    this.plannedRestart = false;
    const delay = planned ? 0 : Math.min(min * 2 ** this.restarts, this.options.backoffMaxMs ?? 30_000);
    if (!planned) this.restarts++;
    this.options.log(`kiosk window exited (${signal ?? `code ${code}`}${planned ? ', as asked' : ''}): relaunching in ${Math.round(delay / 100) / 10} s`);
    this.relaunchTimer = setTimeout(() => {
      this.relaunchTimer = null;
      if (!this.stopped) this.start();
    }, delay);
  }

  private clearTimers(): void {
    for (const timer of [this.pageTimer, this.relaunchTimer, this.healthyTimer]) if (timer) clearTimeout(timer);
    this.pageTimer = this.relaunchTimer = this.healthyTimer = null;
  }

  /** The whole window: Chromium's zygote, renderers and GPU process go with the browser. */
  private kill(browser: ChildProcess, signal: NodeJS.Signals): void {
    if (!(this.processGroup && signalWindowGroup(browser, signal))) browser.kill(signal);
  }

  /** Removes the last launch's profile; helper processes may still write into it for a moment. */
  private async removeProfile(): Promise<void> {
    const dir = this.userDataDir;
    this.userDataDir = undefined;
    if (!dir) return;
    for (let attempt = 1; ; attempt++) {
      try {
        rmSync(dir, { recursive: true, force: true });
        return;
      } catch (err) {
        if (attempt === 5) {
          this.options.log(`could not remove ${dir}: ${(err as Error).message}`);
          return;
        }
        await new Promise((resolve) => setTimeout(resolve, 200 * attempt));
      }
    }
  }
}
