/**
 * The driver's conversation against a scripted in-memory transport (one layer, so a
 * stand-in is right here; the real PTY runs are in test/e2e/idcard.test.ts).
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { IdCardDriver, type DriverStatus, type IdCardRead } from './driver.js';
import type { SamTransport, TransportSink } from './transport.js';
import { hex, readReply, REPLIES, REQUESTS, RESIDENT_ZHANG, textBlock } from './test-vectors.js';
import { until } from '../../test/support/until.js';

type Responder = (request: string) => Uint8Array | undefined;

class ScriptedTransport implements SamTransport {
  readonly description = 'memory';
  sink: TransportSink | undefined;
  requests: string[] = [];
  constructor(private readonly respond: Responder) {}
  open(sink: TransportSink): Promise<void> {
    this.sink = sink;
    return Promise.resolve();
  }
  write(frame: Uint8Array): Promise<void> {
    const key = Array.from(frame, (b) => b.toString(16).padStart(2, '0').toUpperCase()).join(' ');
    this.requests.push(key);
    const reply = this.respond(key);
    if (reply) setImmediate(() => this.sink?.data(reply));
    return Promise.resolve();
  }
  close(): Promise<void> {
    return Promise.resolve();
  }
}

const fast = { pollIntervalMs: 5, commandTimeoutMs: 50, readTimeoutMs: 100, reconnectMinMs: 10, reconnectMaxMs: 40 };

describe('IdCardDriver', () => {
  let driver: IdCardDriver | undefined;
  afterEach(async () => driver?.stop());

  function start(respond: Responder, transports: ScriptedTransport[] = []) {
    const cards: IdCardRead[] = [];
    const statuses: DriverStatus[] = [];
    const readErrors: string[] = [];
    driver = new IdCardDriver({
      ...fast,
      transport: () => {
        const t = new ScriptedTransport(respond);
        transports.push(t);
        return t;
      },
    });
    driver.on('card', (c) => cards.push(c));
    driver.on('status', (s) => statuses.push(s));
    driver.on('readError', (e) => readErrors.push(e));
    driver.start();
    return { cards, statuses, readErrors, transports };
  }

  it('resends a command the reader reported a checksum error for', async () => {
    let complaints = 1;
    const { cards } = start((req) => {
      if (req === REQUESTS.findCard) return REPLIES.found;
      if (req === REQUESTS.selectCard) return REPLIES.selected;
      if (req === REQUESTS.readTextPhoto) return complaints-- > 0 ? REPLIES.readerChecksumError : readReply(textBlock(RESIDENT_ZHANG));
      return REPLIES.samOk;
    });
    await until(() => cards.length === 1, 'card');
    expect(cards[0]!.identity.name).toBe('张三');
  });

  it('resends after a corrupted reply and after silence, within the retry bound', async () => {
    let step = 0;
    const { cards } = start((req) => {
      if (req === REQUESTS.findCard) return REPLIES.found;
      if (req === REQUESTS.selectCard) {
        step++;
        if (step === 1) return hex('AA AA AA 96 69 00 0C 00 00 90 00 00 00 00 00 00 00 00 9D'); // bad CHK
        if (step === 2) return undefined; // no answer
        return REPLIES.selected;
      }
      if (req === REQUESTS.readTextPhoto) return readReply(textBlock(RESIDENT_ZHANG));
      return REPLIES.samOk;
    });
    await until(() => cards.length === 1, 'card');
    expect(step).toBe(3);
  });

  it('reports a SAM fault, then ready once the SAM recovers', async () => {
    let faulty = true;
    const { statuses } = start((req) => {
      if (req === REQUESTS.samStatus) return faulty ? REPLIES.samSelfTestFailed : REPLIES.samOk;
      if (req === REQUESTS.findCard) return REPLIES.noCard;
      return REPLIES.samOk;
    });
    await until(() => statuses.some((s) => s.state === 'sam-fault'), 'sam-fault');
    expect(statuses.find((s) => s.state === 'sam-fault')!.message).toContain('self-test');
    faulty = false;
    await until(() => statuses.at(-1)?.state === 'ready', 'ready');
  });

  it('treats a reader that stops answering as lost and reconnects', async () => {
    let silent = false;
    const transports: ScriptedTransport[] = [];
    const { statuses } = start((req) => (silent ? undefined : req === REQUESTS.findCard ? REPLIES.noCard : REPLIES.samOk), transports);
    await until(() => statuses.some((s) => s.state === 'ready'), 'ready');
    silent = true;
    await until(() => statuses.some((s) => s.state === 'reconnecting'), 'reconnecting');
    expect(statuses.find((s) => s.state === 'reconnecting')!.message).toContain('not answering');
    silent = false;
    await until(() => statuses.at(-1)?.state === 'ready' && transports.length >= 2, 'ready again');
  });

  it('says no-device when the reader never answers', async () => {
    const { statuses } = start(() => undefined);
    await until(() => statuses.some((s) => s.state === 'no-device'), 'no-device');
    expect(statuses.find((s) => s.state === 'no-device')!.message).toContain('check the cable');
  });

  it('gives up on an unreadable card after the bounded attempts, until it is removed', async () => {
    let reads = 0;
    let present = true;
    const { readErrors, cards } = start((req) => {
      if (req === REQUESTS.findCard) return present ? REPLIES.found : REPLIES.noCard;
      if (req === REQUESTS.selectCard) return REPLIES.selected;
      if (req === REQUESTS.readTextPhoto) {
        reads++;
        return hex('AA AA AA 96 69 00 04 00 00 41 45'); // read failed
      }
      return REPLIES.samOk;
    });
    await until(() => readErrors.length === 1, 'read error');
    expect(readErrors[0]).toContain('hold the card still');
    const readsThen = reads;
    await new Promise((r) => setTimeout(r, 60));
    expect(reads).toBe(readsThen);
    present = false;
    await new Promise((r) => setTimeout(r, 30));
    present = true;
    await until(() => reads > readsThen, 'a new attempt after removal');
    expect(cards).toHaveLength(0);
  });
});

describe('reconnect backoff', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('doubles the wait between attempts from the minimum up to the cap', async () => {
    vi.useFakeTimers();
    const openedAt: number[] = [];
    const driver = new IdCardDriver({
      reconnectMinMs: 100,
      reconnectMaxMs: 400,
      transport: () => ({
        description: '/dev/ttyUSB0',
        open: () => {
          openedAt.push(Date.now());
          return Promise.reject(new Error('cannot open ID reader on /dev/ttyUSB0'));
        },
        write: () => Promise.resolve(),
        close: () => Promise.resolve(),
      }),
    });
    const start = Date.now();
    driver.start();
    await vi.advanceTimersByTimeAsync(2000);
    await driver.stop();
    const gaps = openedAt.slice(1).map((t, i) => t - openedAt[i]!);
    expect(openedAt[0]).toBe(start);
    expect(gaps.slice(0, 6)).toEqual([100, 200, 400, 400, 400, 400]);
    expect(driver.status().state).toBe('stopped');
  });
});

describe('idle polling', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('asks an empty reader for a card every 50 ms unless told otherwise (the card-to-screen bench\'s choice)', async () => {
    vi.useFakeTimers();
    const findsAt: number[] = [];
    let sink: TransportSink | undefined;
    const driver = new IdCardDriver({
      transport: () => ({
        description: '/dev/ttyUSB0',
        open: (s) => {
          sink = s;
          return Promise.resolve();
        },
        write: (frame) => {
          const request = Array.from(frame, (b) => b.toString(16).padStart(2, '0').toUpperCase()).join(' ');
          if (request === REQUESTS.findCard) findsAt.push(Date.now());
          const reply = request === REQUESTS.findCard ? REPLIES.noCard : REPLIES.samOk;
          queueMicrotask(() => sink?.data(reply));
          return Promise.resolve();
        },
        close: () => Promise.resolve(),
      }),
    });
    driver.start();
    await vi.advanceTimersByTimeAsync(1000);
    await driver.stop();
    const gaps = findsAt.slice(1).map((t, i) => t - findsAt[i]!);
    expect(findsAt.length).toBeGreaterThanOrEqual(20);
    expect(Math.max(...gaps)).toBe(50);
  });
});
