/** What the device diagnostics (idcard, citizen-card, scanner) share: options, JSON lines, the wait loop. */
import { parseArgs, type ParseArgsConfig } from 'node:util';
import type { Identity } from '../../electron/common/identity.js';
import { maskIdNumber, maskName } from '../../electron/common/masking.js';

/** `--timeout <s>` → ms, undefined when absent, or an error message. */
export function parseTimeout(value: string | undefined): number | undefined | { error: string } {
  if (value === undefined) return undefined;
  const ms = Number(value) * 1000;
  return ms > 0 ? ms : { error: '--timeout must be a number of seconds' };
}

type ParseArgsOptionsConfig = NonNullable<ParseArgsConfig['options']>;

/** The values `parseArgs` gives for `options`, parsed strictly. */
export type CliValues<O extends ParseArgsOptionsConfig> = ReturnType<typeof parseArgs<{ args: string[]; options: O; strict: true }>>['values'];

/**
 * Parses a device CLI's `argv` strictly against `options` (which include `--timeout <s>`):
 * the values and the timeout in ms, or the error message with `usage` after it.
 */
export function parseCliArgs<O extends ParseArgsOptionsConfig & { timeout: { type: 'string' } }>(
  argv: string[],
  options: O,
  usage: string,
): { values: CliValues<O>; timeoutMs: number | undefined } | string {
  let values: CliValues<O>;
  try {
    ({ values } = parseArgs({ args: argv, options, strict: true }));
  } catch (err) {
    return `${(err as Error).message}\n${usage}`;
  }
  const timeoutMs = parseTimeout((values as { timeout?: string }).timeout);
  if (typeof timeoutMs === 'object') return `${timeoutMs.error}\n${usage}`;
  return { values, timeoutMs };
}

/** `--port <path> [--baud n]` → a serial config, or an error message. */
export function parseSerial(port: string, baudText: string): { transport: 'serial'; port: string; baud: number } | { error: string } {
  const baud = Number(baudText);
  if (!Number.isInteger(baud) || baud <= 0) return { error: '--baud must be a positive integer' };
  return { transport: 'serial', port, baud };
}

/** `--hid <vid:pid>` (hex) → an HID config, or an error message. */
export function parseHid(text: string): { transport: 'hid'; vendorId: number; productId: number } | { error: string } {
  const m = /^([0-9a-f]{1,4}):([0-9a-f]{1,4})$/i.exec(text);
  if (!m) return { error: '--hid takes <vid:pid> in hex, e.g. 10c4:0007' };
  return { transport: 'hid', vendorId: parseInt(m[1]!, 16), productId: parseInt(m[2]!, 16) };
}

/** Extra fields that say nothing about the person (codes, versions, dates of the card itself). */
const PLAIN_EXTRA = new Set(['region', 'specVersion', 'cardVersion', 'nationality', 'issueDate', 'expiryDate', 'issueCount', 'renewalCount']);
const NAME_EXTRA = new Set(['englishName', 'chineseName']);

/** 1949-12-31 → 1949-**-** (the year is enough to see the card was read right). */
function maskBirthDate(date: string): string {
  return /^\d{4}-\d{2}-\d{2}$/.test(date) ? `${date.slice(0, 4)}-**-**` : date.replace(/\d/g, '*');
}

/** The first three characters (the province, in most cases), the rest starred. */
function maskAddress(address: string): string {
  const chars = [...address.trim()];
  return chars.length <= 3 ? '*'.repeat(chars.length) : chars.slice(0, 3).join('') + '*'.repeat(chars.length - 3);
}

function maskExtra(extra: Record<string, string>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(extra).map(([key, value]) => [key, PLAIN_EXTRA.has(key) ? value : NAME_EXTRA.has(key) ? maskName(value) : maskIdNumber(value)]),
  );
}

/**
 * The fields an installer checks. The terminal may be watched or logged: name, birth
 * date, address, ID number and the card's personal numbers are masked unless --reveal.
 */
export function identityJson(id: Identity, reveal: boolean): Record<string, unknown> {
  return {
    cardType: id.cardType,
    name: reveal ? id.name : maskName(id.name),
    sex: id.sex,
    nation: id.nation,
    birthDate: reveal ? id.birthDate : maskBirthDate(id.birthDate),
    address: reveal ? id.address : maskAddress(id.address),
    idNumber: reveal ? id.idNumber : maskIdNumber(id.idNumber),
    idNumberValid: id.idNumberValid,
    issuer: id.issuer,
    validFrom: id.validFrom,
    validTo: id.validTo,
    extra: reveal ? id.extra : maskExtra(id.extra),
  };
}

export interface WaitOptions {
  once: boolean;
  timeoutMs: number | undefined;
  waiting: string;
  /** What the timeout says did not come: 'card' unless given. */
  awaited?: string;
  start(): void | Promise<void>;
  stop(): Promise<void>;
}

/**
 * Runs a reader (of cards or codes) until --once is satisfied, the timeout passes or Ctrl+C.
 * `wire` attaches the reader's listeners and calls `done(code)` when a --once read is over.
 */
export function waitForReads(options: WaitOptions, wire: (done: (code: number) => void) => void): Promise<number> {
  return new Promise<number>((resolve) => {
    let finished = false;
    const finish = async (code: number) => {
      if (finished) return;
      finished = true;
      await options.stop();
      resolve(code);
    };
    wire((code) => void finish(code));
    if (options.timeoutMs) {
      setTimeout(() => {
        console.error(`no ${options.awaited ?? 'card'} within ${options.timeoutMs! / 1000} s`);
        void finish(options.once ? 1 : 0);
      }, options.timeoutMs).unref();
    }
    process.once('SIGINT', () => void finish(0));
    console.error(`${options.waiting} (Ctrl+C to stop)`);
    void options.start();
  });
}
