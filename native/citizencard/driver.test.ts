import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { SocialSecurityApplet } from '../../scripts/sim/citizencard/applet.js';
import { cardByKey } from '../../scripts/sim/citizencard/cards.js';
import { CitizenCardDriver, type CitizenCardDriverStatus } from './driver.js';
import { CitizenCardError } from './errors.js';
import type { CardPresence, CardSession, CardTerminal } from './terminal.js';

/** An in-memory reader slot holding the emulator's applet: the driver's logic without I/O. */
class FakeTerminal implements CardTerminal {
  readonly location = 'fake-reader';
  card: SocialSecurityApplet | undefined;
  attached = true;
  /** Another program holds the card: connect fails at reader level. */
  heldElsewhere = false;
  opens = 0;
  async open(): Promise<void> {
    this.opens++;
    if (!this.attached) throw new CitizenCardError('reader-unavailable', 'no reader attached: plug it in');
  }
  async close(): Promise<void> {}
  async presence(): Promise<CardPresence> {
    if (!this.attached) throw new CitizenCardError('reader-unavailable', 'reader was unplugged');
    return this.card ? 'present' : 'absent';
  }
  async connect(): Promise<CardSession> {
    const applet = this.card;
    if (!applet) throw new CitizenCardError('card-removed', 'card left');
    if (this.heldElsewhere) throw new CitizenCardError('reader-error', 'another program holds the card in fake-reader: close it');
    applet.reset();
    return { atr: applet.card.atr, protocol: 'T=1', transmit: async (c) => applet.process(c), close: async () => {} };
  }
  insert(key: string): void {
    this.card = new SocialSecurityApplet(cardByKey(key));
  }
}

describe('CitizenCardDriver', () => {
  let terminal: FakeTerminal;
  let driver: CitizenCardDriver;
  const log: string[] = [];
  const statuses: CitizenCardDriverStatus[] = [];

  beforeEach(() => {
    vi.useFakeTimers();
    log.length = 0;
    statuses.length = 0;
    terminal = new FakeTerminal();
    driver = new CitizenCardDriver(terminal, { pollMs: 100, reconnectMinMs: 500, reconnectMaxMs: 2000 });
    driver.on('card', (e) => log.push(`card:${e.identity.name}`));
    driver.on('cardError', (e) => log.push(`error:${e.code}`));
    driver.on('cardRemoved', () => log.push('removed'));
    driver.on('status', (s) => statuses.push(s));
  });
  afterEach(async () => {
    await driver.stop();
    vi.useRealTimers();
  });

  it('emits one card event per insertion however long the card stays', async () => {
    await driver.start();
    terminal.insert('zhang-wei');
    await vi.advanceTimersByTimeAsync(2000);
    expect(log).toEqual(['card:张伟']);
    terminal.card = undefined;
    await vi.advanceTimersByTimeAsync(200);
    terminal.insert('ma-li');
    await vi.advanceTimersByTimeAsync(200);
    expect(log).toEqual(['card:张伟', 'removed', 'card:马丽']);
  });

  it('reports an unusable card once, and its removal', async () => {
    await driver.start();
    terminal.insert('locked');
    await vi.advanceTimersByTimeAsync(1000);
    terminal.card = undefined;
    await vi.advanceTimersByTimeAsync(200);
    expect(log).toEqual(['error:card-locked', 'removed']);
  });

  it('goes no-device, then ready when the reader appears, with growing pauses between attempts', async () => {
    terminal.attached = false;
    await driver.start();
    await vi.advanceTimersByTimeAsync(0);
    expect(driver.status()).toMatchObject({ state: 'no-reader', reason: 'reader-unavailable', port: 'fake-reader' });
    await vi.advanceTimersByTimeAsync(500 + 1000 + 2000 + 2000);
    expect(terminal.opens).toBe(5); // at 0, 500, 1500, 3500, 5500 ms: backoff doubles up to its cap
    terminal.attached = true;
    await vi.advanceTimersByTimeAsync(2000);
    expect(driver.status().state).toBe('ready');
    expect(statuses.map((s) => s.state)).toEqual(['no-reader', 'ready']);
  });

  it('withdraws the card and reconnects when the reader is lost, then reads the card again', async () => {
    await driver.start();
    terminal.insert('bao-yun');
    await vi.advanceTimersByTimeAsync(200);
    terminal.attached = false;
    await vi.advanceTimersByTimeAsync(200);
    expect(driver.status().state).toBe('reconnecting');
    expect(statuses.find((s) => s.state === 'reconnecting')?.message).toBe('reader was unplugged');
    terminal.attached = true;
    await vi.advanceTimersByTimeAsync(1000);
    expect(driver.status().state).toBe('ready');
    expect(log).toEqual(['card:包云', 'removed', 'card:包云']);
  });

  it('reports fault with backoff, without flapping to ready, while another program holds the card', async () => {
    terminal.heldElsewhere = true;
    terminal.insert('zhang-wei');
    await driver.start();
    await vi.advanceTimersByTimeAsync(3000);
    expect(terminal.opens).toBe(3); // at 0, 500, 1500 ms; the next at 3500
    expect(statuses.map((s) => s.state)).toEqual(['ready', 'reader-fault']); // and no ready between the retries
    expect(driver.status().message).toMatch(/another program/);
    terminal.heldElsewhere = false;
    await vi.advanceTimersByTimeAsync(1000);
    expect(log).toEqual(['card:张伟']);
    expect(driver.status().state).toBe('ready');
  });

  it('keeps running when a listener throws, and does not report it as a card failure', async () => {
    const quiet = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    driver.on('card', () => {
      throw new Error('bug in a listener');
    });
    await driver.start();
    terminal.insert('zhang-wei');
    await vi.advanceTimersByTimeAsync(300);
    terminal.card = undefined;
    await vi.advanceTimersByTimeAsync(300);
    expect(log).toEqual(['card:张伟', 'removed']);
    expect(quiet).toHaveBeenCalledOnce();
    quiet.mockRestore();
  });
});
