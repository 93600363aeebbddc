/**
 * Runs a citizen-card reader: polls card presence, reads each inserted card once,
 * reports removal, and keeps the reader's own typed status (not-started / ready /
 * no-reader / reconnecting / reader-fault; the core maps it to the status bar's
 * DeviceStatus, electron/core/devices/citizencard.ts) while re-opening it with backoff
 * when it or pcscd goes away.
 */
import type { CardReadEvent } from '../../electron/common/identity.js';
import { CitizenCardError } from './errors.js';
import { socialSecurityIdentity } from './identity.js';
import { readSocialSecurityCard, type SocialSecurityCard } from './social-security.js';
import type { CardTerminal } from './terminal.js';

export interface CitizenCardDriverOptions {
  /** How often card presence is checked. */
  pollMs?: number;
  /** First and longest pause between attempts to re-open a lost reader. */
  reconnectMinMs?: number;
  reconnectMaxMs?: number;
  now?: () => number;
}

export type CitizenCardReaderState = 'not-started' | 'ready' | 'no-reader' | 'reconnecting' | 'reader-fault';

export interface CitizenCardDriverStatus {
  state: CitizenCardReaderState;
  /** Why the reader is not ready: the CitizenCardError code (reader-unavailable, reader-timeout, reader-error…). */
  reason?: string;
  /** One plain sentence saying what to do. */
  message: string;
  port: string;
  at: number;
}

export interface CitizenCardDriverEvents {
  status: (status: CitizenCardDriverStatus) => void;
  card: (event: CardReadEvent, card: SocialSecurityCard) => void;
  /** A card was inserted but could not be used (wrong card, locked, unsupported, read failed). */
  cardError: (error: CitizenCardError) => void;
  /** The card behind the last card or cardError event left the reader. */
  cardRemoved: () => void;
}

type Listeners = { [K in keyof CitizenCardDriverEvents]: Set<CitizenCardDriverEvents[K]> };

export class CitizenCardDriver {
  private readonly listeners: Listeners = { status: new Set(), card: new Set(), cardError: new Set(), cardRemoved: new Set() };
  private current: CitizenCardDriverStatus;
  private running = false;
  private loop: Promise<void> | undefined;
  private wake: (() => void) | undefined;
  private opened = false;
  private everReady = false;
  /** A card is in the reader and has been dealt with (read, or its error reported). */
  private cardHandled = false;
  private readonly now: () => number;

  constructor(
    private readonly terminal: CardTerminal,
    private readonly options: CitizenCardDriverOptions = {},
  ) {
    this.now = options.now ?? Date.now;
    this.current = this.makeStatus('not-started', undefined, `citizen-card reader at ${terminal.location} not started yet`);
  }

  on<K extends keyof CitizenCardDriverEvents>(event: K, listener: CitizenCardDriverEvents[K]): () => void {
    const set = this.listeners[event] as Set<CitizenCardDriverEvents[K]>;
    set.add(listener);
    return () => set.delete(listener);
  }

  status(): CitizenCardDriverStatus {
    return this.current;
  }

  async start(): Promise<void> {
    if (this.running) return;
    this.running = true;
    this.loop = this.run();
  }

  async stop(): Promise<void> {
    this.running = false;
    this.wake?.();
    await this.loop;
    this.loop = undefined;
    if (this.opened) await this.terminal.close().catch(() => undefined);
    this.opened = false;
  }

  private async run(): Promise<void> {
    const min = this.options.reconnectMinMs ?? 500;
    const max = this.options.reconnectMaxMs ?? 5000;
    let backoff = min;
    while (this.running) {
      try {
        if (!this.opened) {
          await this.terminal.open();
          this.opened = true;
        }
        const presence = await this.terminal.presence();
        // The reader answers: ready (before the card event), except that a fault is cleared
        // only by a whole clean cycle, so a reader that answers but fails each read does not flap.
        if (this.current.state !== 'reader-fault') this.markReady();
        if (presence === 'present' && !this.cardHandled) await this.readCard();
        else if (presence === 'absent' && this.cardHandled) this.cardLeft();
        backoff = min;
        this.markReady();
      } catch (err) {
        this.opened = false;
        await this.terminal.close().catch(() => undefined);
        this.readerLost(err);
        await this.sleep(backoff);
        backoff = Math.min(backoff * 2, max);
        continue;
      }
      await this.sleep(this.options.pollMs ?? 250);
    }
  }

  /** A listener's bug must not pass for a card or reader failure, nor stop the loop. */
  private emit<K extends keyof CitizenCardDriverEvents>(event: K, ...args: Parameters<CitizenCardDriverEvents[K]>): void {
    for (const listener of this.listeners[event]) {
      try {
        (listener as (...a: Parameters<CitizenCardDriverEvents[K]>) => void)(...args);
      } catch (err) {
        console.error(`citizen-card ${event} listener failed:`, err);
      }
    }
  }

  private markReady(): void {
    this.everReady = true;
    this.setStatus('ready', undefined, `citizen-card reader ${this.terminal.location} ready`);
  }

  /** Reads the card; reader faults propagate (the loop re-opens), card faults become cardError. */
  private async readCard(): Promise<void> {
    const session = await this.terminal.connect().catch((err: unknown) => {
      if (err instanceof CitizenCardError && (err.code === 'card-removed' || err.code === 'read-failed')) return err;
      throw err;
    });
    if (session instanceof CitizenCardError) {
      this.cardFailed(session);
      return;
    }
    try {
      const card = await readSocialSecurityCard(session);
      this.cardHandled = true;
      const event: CardReadEvent = { source: 'citizencard', identity: socialSecurityIdentity(card), readAt: this.now() };
      this.emit('card', event, card);
    } catch (err) {
      const error = err instanceof CitizenCardError ? err : new CitizenCardError('read-failed', String(err), { cause: err });
      if (error.code === 'reader-unavailable' || error.code === 'reader-timeout' || error.code === 'reader-error') throw error;
      this.cardFailed(error);
    } finally {
      await session.close().catch(() => undefined);
    }
  }

  private cardFailed(error: CitizenCardError): void {
    // Reported once per insertion, even 'card-removed': the card is read again only after the
    // reader has seen the slot empty, so a glitching card cannot flood the screen with errors.
    this.cardHandled = true;
    this.emit('cardError', error);
  }

  /** The card that produced the last card or cardError event left (or the reader went away). */
  private cardLeft(): void {
    if (!this.cardHandled) return;
    this.cardHandled = false;
    this.emit('cardRemoved');
  }

  private readerLost(err: unknown): void {
    // The card's identity is no longer vouched for once the reader is gone.
    this.cardLeft();
    const message = err instanceof Error ? err.message : String(err);
    const code = err instanceof CitizenCardError ? err.code : 'reader-error';
    if (code === 'reader-error') this.setStatus('reader-fault', code, message);
    else this.setStatus(this.everReady ? 'reconnecting' : 'no-reader', code, message);
  }

  private setStatus(state: CitizenCardReaderState, reason: string | undefined, message: string): void {
    if (this.current.state === state && this.current.reason === reason && this.current.message === message) return;
    this.current = this.makeStatus(state, reason, message);
    this.emit('status', this.current);
  }

  private makeStatus(state: CitizenCardReaderState, reason: string | undefined, message: string): CitizenCardDriverStatus {
    const status: CitizenCardDriverStatus = { state, message, port: this.terminal.location, at: this.now() };
    if (reason) status.reason = reason;
    return status;
  }

  private sleep(ms: number): Promise<void> {
    if (!this.running) return Promise.resolve();
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        resolve();
      }
      this.wake = done;
    });
  }
}
