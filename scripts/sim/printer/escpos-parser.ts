/**
 * Streaming ESC/POS parser for the printer simulator: chunks in, typed events out.
 * Commands split across chunks wait for their remaining bytes; text runs are passed on
 * raw (GB18030 multi-byte characters never contain bytes below 0x20, so a control byte
 * always ends a run). Unknown ESC/GS/FS sequences are reported, not fatal.
 */
export type EscPosEvent =
  | { type: 'init' }
  | { type: 'chinese'; on: boolean }
  | { type: 'align'; align: 'left' | 'center' | 'right' }
  | { type: 'bold'; on: boolean }
  | { type: 'underline'; on: boolean }
  | { type: 'size'; width: number; height: number }
  | { type: 'text'; bytes: Uint8Array }
  | { type: 'newline' }
  | { type: 'feed'; lines: number }
  | { type: 'qr-model'; model: number }
  | { type: 'qr-size'; size: number }
  | { type: 'qr-level'; level: 'L' | 'M' | 'Q' | 'H' }
  | { type: 'qr-store'; data: Uint8Array }
  | { type: 'qr-print' }
  | { type: 'cut'; full: boolean }
  | { type: 'status-query'; n: number }
  | { type: 'unknown'; bytes: Uint8Array };

type Step = { consumed: number; event?: EscPosEvent } | 'incomplete';

const ALIGNS = ['left', 'center', 'right'] as const;
const LEVELS = ['L', 'M', 'Q', 'H'] as const;
/** ESC commands with one parameter byte whose value this simulator ignores. */
const ESC_ONE_PARAM_IGNORED = new Set([0x21, 0x33, 0x4a, 0x4d, 0x52, 0x74, 0x56, 0x7b, 0x20, 0x47]);

export class EscPosStreamParser {
  private buffer = new Uint8Array(0);

  constructor(private readonly emit: (event: EscPosEvent) => void) {}

  push(chunk: Uint8Array): void {
    const merged = new Uint8Array(this.buffer.length + chunk.length);
    merged.set(this.buffer);
    merged.set(chunk, this.buffer.length);
    let i = 0;
    while (i < merged.length) {
      const step = parseAt(merged, i);
      if (step === 'incomplete') break;
      if (step.event) this.emit(step.event);
      i += step.consumed;
    }
    this.buffer = merged.slice(i);
  }

  /** Bytes held back waiting for the rest of a command. */
  pendingBytes(): number {
    return this.buffer.length;
  }
}

function parseAt(b: Uint8Array, i: number): Step {
  const first = b[i] ?? 0;
  const need = (n: number): boolean => i + n <= b.length;
  const at = (k: number): number => b[i + k] ?? 0;
  if (first >= 0x20) {
    let end = i;
    while (end < b.length && (b[end] ?? 0) >= 0x20) end++;
    return { consumed: end - i, event: { type: 'text', bytes: b.slice(i, end) } };
  }
  switch (first) {
    case 0x0a:
      return { consumed: 1, event: { type: 'newline' } };
    case 0x10: // DLE EOT n (real-time status)
      if (!need(3)) return 'incomplete';
      if (at(1) === 0x04) return { consumed: 3, event: { type: 'status-query', n: at(2) } };
      return { consumed: 1, event: { type: 'unknown', bytes: b.slice(i, i + 1) } };
    case 0x1b:
      return parseEsc(b, i, need, at);
    case 0x1c:
      if (!need(2)) return 'incomplete';
      if (at(1) === 0x26) return { consumed: 2, event: { type: 'chinese', on: true } };
      if (at(1) === 0x2e) return { consumed: 2, event: { type: 'chinese', on: false } };
      if (at(1) === 0x21 || at(1) === 0x2d) return need(3) ? { consumed: 3 } : 'incomplete';
      return { consumed: 2, event: { type: 'unknown', bytes: b.slice(i, i + 2) } };
    case 0x1d:
      return parseGs(b, i, need, at);
    default:
      return { consumed: 1 }; // CR, HT and other single controls: nothing to print
  }
}

function parseEsc(b: Uint8Array, i: number, need: (n: number) => boolean, at: (k: number) => number): Step {
  if (!need(2)) return 'incomplete';
  const op = at(1);
  if (op === 0x40) return { consumed: 2, event: { type: 'init' } };
  if (op === 0x32) return { consumed: 2 };
  if (!need(3)) return 'incomplete';
  const n = at(2);
  switch (op) {
    case 0x61:
      return { consumed: 3, event: { type: 'align', align: ALIGNS[n % 48 > 2 ? 0 : n % 48] ?? 'left' } };
    case 0x45:
      return { consumed: 3, event: { type: 'bold', on: (n & 1) === 1 } };
    case 0x2d:
      return { consumed: 3, event: { type: 'underline', on: n % 48 !== 0 } };
    case 0x64:
      return { consumed: 3, event: { type: 'feed', lines: n } };
    default:
      if (ESC_ONE_PARAM_IGNORED.has(op)) return { consumed: 3 };
      return { consumed: 2, event: { type: 'unknown', bytes: b.slice(i, i + 2) } };
  }
}

function parseGs(b: Uint8Array, i: number, need: (n: number) => boolean, at: (k: number) => number): Step {
  if (!need(3)) return 'incomplete';
  const op = at(1);
  const n = at(2);
  switch (op) {
    case 0x21:
      return { consumed: 3, event: { type: 'size', width: ((n >> 4) & 7) + 1, height: (n & 7) + 1 } };
    case 0x56: // GS V m, or GS V m n for m = 65/66
      if (n === 0x41 || n === 0x42) return need(4) ? { consumed: 4, event: { type: 'cut', full: n === 0x41 } } : 'incomplete';
      return { consumed: 3, event: { type: 'cut', full: n === 0 || n === 0x30 } };
    case 0x28: {
      if (!need(5)) return 'incomplete';
      const length = at(3) | (at(4) << 8);
      if (!need(5 + length)) return 'incomplete';
      const body = b.slice(i + 5, i + 5 + length);
      return { consumed: 5 + length, event: n === 0x6b ? qrEvent(body) : { type: 'unknown', bytes: b.slice(i, i + 5 + length) } };
    }
    case 0x42: case 0x48: case 0x66: case 0x68: case 0x77: case 0x61:
      return { consumed: 3 };
    default:
      return { consumed: 2, event: { type: 'unknown', bytes: b.slice(i, i + 2) } };
  }
}

/** `GS ( k` body: cn (0x31 = QR) fn params. */
function qrEvent(body: Uint8Array): EscPosEvent {
  const [cn, fn, p] = [body[0], body[1], body[2] ?? 0];
  if (cn !== 0x31) return { type: 'unknown', bytes: body };
  switch (fn) {
    case 0x41:
      return { type: 'qr-model', model: p - 0x30 };
    case 0x43:
      return { type: 'qr-size', size: p };
    case 0x45:
      return { type: 'qr-level', level: LEVELS[p - 0x30] ?? 'L' };
    case 0x50:
      return { type: 'qr-store', data: body.slice(3) };
    case 0x51:
      return { type: 'qr-print' };
    default:
      return { type: 'unknown', bytes: body };
  }
}
