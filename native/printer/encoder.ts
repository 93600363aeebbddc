/**
 * Pure ESC/POS encoder (PROTOCOLS.md §3), a fluent builder after ReceiptPrinterEncoder:
 * each call queues a typed command record; `encode()` turns the queue into bytes.
 * Chinese text is GB18030 (iconv-lite) inside Chinese mode (`FS &`).
 */
import { encodeGb } from '../text/gb-text.js';
import { PROFILE_80MM, type PrinterProfile } from './profiles.js';

export type Alignment = 'left' | 'center' | 'right';
export type QrErrorLevel = 'L' | 'M' | 'Q' | 'H';
export type CutKind = 'full' | 'partial';

export interface QrOptions {
  /** Module size in dots, 1..16 (`GS ( k … 31 43 n`). */
  size?: number;
  errorLevel?: QrErrorLevel;
}

export type EscPosCommand =
  | { kind: 'init' }
  | { kind: 'chinese'; on: boolean }
  | { kind: 'align'; align: Alignment }
  | { kind: 'bold'; on: boolean }
  | { kind: 'underline'; dots: 0 | 1 | 2 }
  | { kind: 'size'; width: number; height: number }
  | { kind: 'text'; text: string }
  | { kind: 'newline'; count: number }
  | { kind: 'feed'; lines: number }
  | { kind: 'qr'; data: string; size: number; errorLevel: QrErrorLevel }
  | { kind: 'cut'; cut: CutKind };

export class EncoderError extends Error {
  override name = 'EncoderError';
}

const ESC = 0x1b;
const FS = 0x1c;
const GS = 0x1d;
const LF = 0x0a;
const ALIGN_CODE: Record<Alignment, number> = { left: 0, center: 1, right: 2 };
const QR_LEVEL_CODE: Record<QrErrorLevel, number> = { L: 0x30, M: 0x31, Q: 0x32, H: 0x33 };
/** `GS ( k` store: pL pH = data length + 3 must fit 16 bits; printers cap QR data at 7089. */
const QR_MAX_BYTES = 7089;

export class EscPosEncoder {
  private readonly commands: EscPosCommand[] = [];
  constructor(readonly profile: PrinterProfile = PROFILE_80MM) {}

  /** `ESC @`: resets modes; Chinese mode is off afterwards. */
  initialize(): this {
    return this.push({ kind: 'init' });
  }

  /** `FS &` / `FS .`: Chinese mode for GB18030 text. No-op on printers without it. */
  chinese(on = true): this {
    return this.profile.chineseMode ? this.push({ kind: 'chinese', on }) : this;
  }

  align(align: Alignment): this {
    return this.push({ kind: 'align', align });
  }

  bold(on = true): this {
    return this.push({ kind: 'bold', on });
  }

  underline(dots: 0 | 1 | 2 = 1): this {
    return this.push({ kind: 'underline', dots });
  }

  /** Character magnification 1..8 in each direction (`GS !`). */
  size(width: number, height = width): this {
    for (const [name, v] of [['width', width], ['height', height]] as const) {
      if (!Number.isInteger(v) || v < 1 || v > 8) throw new EncoderError(`character ${name} ${v} out of range: use 1..8`);
    }
    return this.push({ kind: 'size', width, height });
  }

  text(text: string): this {
    if (/[\n\r]/.test(text)) throw new EncoderError('text contains a line break: use line() or newline()');
    return this.push({ kind: 'text', text });
  }

  /** Text followed by LF. */
  line(text = ''): this {
    if (text) this.text(text);
    return this.newline();
  }

  newline(count = 1): this {
    return this.push({ kind: 'newline', count });
  }

  /** `ESC d n`: print and feed n lines. */
  feed(lines = 1): this {
    if (!Number.isInteger(lines) || lines < 0 || lines > 255) throw new EncoderError(`feed ${lines} out of range: use 0..255`);
    return this.push({ kind: 'feed', lines });
  }

  /** A full-width rule of `char` at normal size, ended by LF. */
  separator(char = '-'): this {
    return this.line(char.repeat(this.profile.charsPerLine));
  }

  qr(data: string, options: QrOptions = {}): this {
    const size = options.size ?? 6;
    if (!Number.isInteger(size) || size < 1 || size > 16) throw new EncoderError(`QR module size ${size} out of range: use 1..16`);
    if (!this.profile.qr) throw new EncoderError(`printer profile ${this.profile.id} has no QR support`);
    return this.push({ kind: 'qr', data, size, errorLevel: options.errorLevel ?? 'M' });
  }

  cut(cut: CutKind = 'partial'): this {
    return this.profile.cutter ? this.push({ kind: 'cut', cut }) : this.feed(4);
  }

  /** The queued records (for inspection and tests of the layout layer). */
  queued(): readonly EscPosCommand[] {
    return this.commands;
  }

  encode(): Uint8Array {
    const chunks: Uint8Array[] = [];
    let chinese = false;
    for (const command of this.commands) {
      if (command.kind === 'init') chinese = false;
      if (command.kind === 'chinese') chinese = command.on && this.profile.chineseMode;
      chunks.push(encodeCommand(command, chinese));
    }
    return concat(chunks);
  }

  private push(command: EscPosCommand): this {
    this.commands.push(command);
    return this;
  }
}

function encodeCommand(command: EscPosCommand, chinese: boolean): Uint8Array {
  switch (command.kind) {
    case 'init':
      return bytes(ESC, 0x40);
    case 'chinese':
      return command.on ? bytes(FS, 0x26) : bytes(FS, 0x2e);
    case 'align':
      return bytes(ESC, 0x61, ALIGN_CODE[command.align]);
    case 'bold':
      return bytes(ESC, 0x45, command.on ? 1 : 0);
    case 'underline':
      return bytes(ESC, 0x2d, command.dots);
    case 'size':
      return bytes(GS, 0x21, ((command.width - 1) << 4) | (command.height - 1));
    case 'text':
      return encodeText(command.text, chinese);
    case 'newline':
      return new Uint8Array(command.count).fill(LF);
    case 'feed':
      return bytes(ESC, 0x64, command.lines);
    case 'qr':
      return encodeQr(command.data, command.size, command.errorLevel);
    case 'cut':
      return bytes(GS, 0x56, command.cut === 'full' ? 0 : 1);
  }
}

/** GB18030 inside Chinese mode; outside it only ASCII prints, anything else becomes '?'. */
export function encodeText(text: string, chinese: boolean): Uint8Array {
  if (chinese) return encodeGb(text, 'gb18030');
  return Uint8Array.from([...text].map((ch) => {
    const code = ch.codePointAt(0) ?? 0x3f;
    return code >= 0x20 && code < 0x7f ? code : 0x3f;
  }));
}

function encodeQr(data: string, size: number, errorLevel: QrErrorLevel): Uint8Array {
  const payload = encodeGb(data, 'gb18030');
  if (payload.length === 0) throw new EncoderError('QR payload is empty');
  if (payload.length > QR_MAX_BYTES) throw new EncoderError(`QR payload of ${payload.length} bytes is too long: keep it under ${QR_MAX_BYTES}`);
  const storeLength = payload.length + 3;
  return concat([
    bytes(GS, 0x28, 0x6b, 0x04, 0x00, 0x31, 0x41, 0x32, 0x00), // model 2
    bytes(GS, 0x28, 0x6b, 0x03, 0x00, 0x31, 0x43, size),
    bytes(GS, 0x28, 0x6b, 0x03, 0x00, 0x31, 0x45, QR_LEVEL_CODE[errorLevel]),
    bytes(GS, 0x28, 0x6b, storeLength & 0xff, storeLength >> 8, 0x31, 0x50, 0x30),
    payload,
    bytes(GS, 0x28, 0x6b, 0x03, 0x00, 0x31, 0x51, 0x30),
  ]);
}

function bytes(...values: number[]): Uint8Array {
  return Uint8Array.from(values);
}

export function concat(chunks: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
  let offset = 0;
  for (const chunk of chunks) {
    out.set(chunk, offset);
    offset += chunk.length;
  }
  return out;
}
