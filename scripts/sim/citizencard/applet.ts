/**
 * The social-security card applet the emulators run: a small ISO 7816-4 file system
 * (application "sx1.sh.社会保障" with EF05 / EF06 of TLV records) answering command
 * APDUs the way the chips in `cards.ts` do. Written from PROTOCOLS.md §2, not from the
 * reader's code, so the two check each other.
 */
import { encodeGb } from '../../../native/text/gb-text.js';
import type { CardProfile } from './cards.js';

// Encoded at the first SELECT, not at load: building the GBK encoder takes ~15 ms, on the demo's start path.
let aid: Buffer | null = null;
const applicationId = (): Buffer => (aid ??= Buffer.from(encodeGb('sx1.sh.社会保障', 'gbk')));

type Records = Map<number, Uint8Array>;

function bcd(digits: string): Uint8Array {
  const out = new Uint8Array(digits.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = Number.parseInt(digits.slice(2 * i, 2 * i + 2), 16);
  return out;
}

function padded(text: string, length: number, encoding: 'ascii' | 'gbk'): Uint8Array {
  const out = new Uint8Array(length); // NUL padding, as on real cards
  out.set((encoding === 'gbk' ? encodeGb(text, 'gbk') : Buffer.from(text, 'ascii')).subarray(0, length));
  return out;
}

function filesOf(card: CardProfile): Map<number, Records> {
  const h = card.holder;
  const ef05: Records = new Map([
    [0x01, padded(card.cardIdentifier, 16, 'ascii')],
    [0x03, padded(card.specVersion, 4, 'ascii')],
    [0x05, bcd(card.issue)],
    [0x06, bcd(card.expiry)],
    [0x07, padded(card.cardNumber, 9, 'ascii')],
  ]);
  const ef06: Records = new Map([
    [0x08, padded(h.idNumber, 18, 'ascii')],
    [0x09, padded(h.name, card.nameLength, 'gbk')],
    [0x0a, padded(h.sex, 1, 'ascii')],
    [0x0b, bcd(String(h.nation).padStart(2, '0'))],
    [0x0d, bcd(h.birth)],
  ]);
  return new Map([
    [0xef05, ef05],
    [0xef06, ef06],
  ]);
}

const SW = {
  ok: [0x90, 0x00],
  notFound: [0x6a, 0x82],
  recordNotFound: [0x6a, 0x83],
  invalidated: [0x62, 0x83],
  noCurrentEf: [0x69, 0x86],
  conditions: [0x69, 0x85],
  insNotSupported: [0x6d, 0x00],
  claNotSupported: [0x6e, 0x00],
  wrongLength: [0x67, 0x00],
} as const;

interface Command {
  cla: number;
  ins: number;
  p1: number;
  p2: number;
  data: Uint8Array;
  le: number | undefined;
}

function parseCommand(apdu: Uint8Array): Command | undefined {
  if (apdu.length < 4) return undefined;
  const [cla, ins, p1, p2] = apdu as unknown as [number, number, number, number];
  if (apdu.length === 4) return { cla, ins, p1, p2, data: new Uint8Array(0), le: undefined };
  if (apdu.length === 5) return { cla, ins, p1, p2, data: new Uint8Array(0), le: apdu[4] === 0 ? 256 : apdu[4] };
  const lc = apdu[4] as number;
  if (apdu.length === 5 + lc) return { cla, ins, p1, p2, data: apdu.slice(5), le: undefined };
  if (apdu.length === 6 + lc) {
    const le = apdu[5 + lc] as number;
    return { cla, ins, p1, p2, data: apdu.slice(5, 5 + lc), le: le === 0 ? 256 : le };
  }
  return undefined;
}

function reply(data: Uint8Array | readonly number[], sw: readonly number[]): Uint8Array {
  return Uint8Array.from([...data, ...sw]);
}

export class SocialSecurityApplet {
  private readonly files: Map<number, Records>;
  private appSelected = false;
  private currentEf: number | undefined;
  private pending: Uint8Array | undefined;

  constructor(readonly card: CardProfile) {
    this.files = filesOf(card);
    this.reset();
  }

  /** Power-on / reset: nothing selected (an implicit-application card starts inside it). */
  reset(): void {
    this.appSelected = this.card.implicitApp;
    this.currentEf = undefined;
    this.pending = undefined;
  }

  process(apdu: Uint8Array): Uint8Array {
    const cmd = parseCommand(apdu);
    if (!cmd) return reply([], SW.wrongLength);
    if (cmd.cla !== 0x00) return reply([], SW.claNotSupported);
    if (cmd.ins === 0xc0) return this.getResponse(cmd);
    this.pending = undefined;
    if (this.card.kind === 'wrong') return reply([], cmd.ins === 0xa4 || cmd.ins === 0xb2 ? SW.notFound : SW.insNotSupported);
    if (cmd.ins === 0xa4) return this.select(cmd);
    if (cmd.ins === 0xb2) return this.readRecord(cmd);
    return reply([], SW.insNotSupported);
  }

  private select(cmd: Command): Uint8Array {
    if (cmd.p1 === 0x04) {
      const AID = applicationId();
      if (!equal(cmd.data, AID)) return reply([], SW.notFound);
      if (this.card.kind === 'locked') return reply([], SW.invalidated);
      if (this.card.implicitApp) return reply([], SW.notFound);
      this.appSelected = true;
      this.currentEf = undefined;
      // FCI: 6F { 84 <DF name> }
      return this.answer(Uint8Array.from([0x6f, AID.length + 2, 0x84, AID.length, ...AID]), cmd);
    }
    if (cmd.p1 === 0x02 && cmd.data.length === 2) {
      const fid = ((cmd.data[0] as number) << 8) | (cmd.data[1] as number);
      if (!this.appSelected || this.card.sfiOnly || !this.files.has(fid)) return reply([], SW.notFound);
      this.currentEf = fid;
      return reply([], SW.ok);
    }
    return reply([], SW.notFound);
  }

  private readRecord(cmd: Command): Uint8Array {
    let records: Records | undefined;
    if (cmd.p2 === 0x00) {
      if (this.currentEf === undefined) return reply([], SW.noCurrentEf);
      records = this.files.get(this.currentEf);
    } else if ((cmd.p2 & 0x07) === 0x04) {
      if (!this.appSelected) return reply([], SW.notFound);
      records = this.files.get(0xef00 | (cmd.p2 >> 3));
      if (!records) return reply([], SW.notFound);
    } else {
      return reply([], [0x6a, 0x86]);
    }
    const value = records?.get(cmd.p1);
    if (!value) return reply([], SW.recordNotFound);
    return this.answer(Uint8Array.from([cmd.p1, value.length, ...value]), cmd);
  }

  /** Returns data the way this chip does: direct, 6Cxx on a wrong Le, or 61xx then GET RESPONSE. */
  private answer(data: Uint8Array, cmd: Command): Uint8Array {
    if (this.card.strictLe && cmd.le !== undefined && cmd.le !== data.length) return reply([], [0x6c, data.length & 0xff]);
    if (this.card.t0) {
      this.pending = data;
      return reply([], [0x61, data.length & 0xff]);
    }
    return reply(data, SW.ok);
  }

  private getResponse(cmd: Command): Uint8Array {
    const pending = this.pending;
    if (!pending) return reply([], SW.conditions);
    const le = cmd.le ?? 256;
    if (this.card.strictLe && le > pending.length) return reply([], [0x6c, pending.length & 0xff]);
    const part = pending.subarray(0, le);
    const rest = pending.subarray(le);
    this.pending = rest.length > 0 ? rest.slice() : undefined;
    return reply(part, rest.length > 0 ? [0x61, rest.length & 0xff] : SW.ok);
  }
}

function equal(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((v, i) => v === b[i]);
}
