/**
 * Real-time status codec (`DLE EOT n`, PROTOCOLS.md §3). Each query is answered with
 * one byte; a reply is valid only when (b & 0x93) == 0x12, anything else is noise.
 */
export type StatusQuery = 1 | 2 | 3 | 4;
export const STATUS_QUERIES: readonly StatusQuery[] = [1, 2, 3, 4];

export function encodeStatusQuery(n: StatusQuery): Uint8Array {
  return Uint8Array.of(0x10, 0x04, n);
}

export function isValidStatusByte(b: number): boolean {
  return (b & 0x93) === 0x12;
}

export interface PrinterStatusFlags {
  /** n=1 bit 3. */
  offline: boolean;
  /** n=2 bit 2. */
  coverOpen: boolean;
  /** n=2 bit 5 (printing stopped at paper end) or n=4 bits 5-6 (paper sensor: out). */
  paperOut: boolean;
  /** n=4 bits 2-3. */
  paperNearEnd: boolean;
  /** n=2 bit 6. */
  error: boolean;
  /** n=3 bit 3. */
  cutterError: boolean;
  /** n=3 bit 5. */
  unrecoverableError: boolean;
  /** n=3 bit 6. */
  autoRecoverableError: boolean;
}

export const ALL_CLEAR: PrinterStatusFlags = Object.freeze({
  offline: false,
  coverOpen: false,
  paperOut: false,
  paperNearEnd: false,
  error: false,
  cutterError: false,
  unrecoverableError: false,
  autoRecoverableError: false,
});

export class StatusByteError extends Error {
  override name = 'StatusByteError';
}

/** Flags carried by one reply byte to query n; throws on an invalid byte. */
export function decodeStatusByte(n: StatusQuery, b: number): Partial<PrinterStatusFlags> {
  if (!isValidStatusByte(b)) {
    throw new StatusByteError(`0x${b.toString(16).padStart(2, '0')} is not a DLE EOT ${n} reply: (b & 0x93) must be 0x12`);
  }
  switch (n) {
    case 1:
      return { offline: (b & 0x08) !== 0 };
    case 2:
      return { coverOpen: (b & 0x04) !== 0, paperOut: (b & 0x20) !== 0, error: (b & 0x40) !== 0 };
    case 3:
      return { cutterError: (b & 0x08) !== 0, unrecoverableError: (b & 0x20) !== 0, autoRecoverableError: (b & 0x40) !== 0 };
    case 4:
      return { paperNearEnd: (b & 0x0c) !== 0, paperOut: (b & 0x60) !== 0 };
  }
}

/** Combines the four replies (in any order) into one set of flags. */
export function decodeStatus(replies: ReadonlyMap<StatusQuery, number>): PrinterStatusFlags {
  const flags: PrinterStatusFlags = { ...ALL_CLEAR };
  for (const [n, b] of replies) {
    const part = decodeStatusByte(n, b);
    // paperOut may be reported by n=2 and n=4: either is enough.
    for (const [key, value] of Object.entries(part) as [keyof PrinterStatusFlags, boolean][]) {
      flags[key] = flags[key] || value;
    }
  }
  return flags;
}

/** The reply byte a printer in `flags` state sends to query n (used by the simulator). */
export function encodeStatusByte(n: StatusQuery, flags: PrinterStatusFlags): number {
  let b = 0x12;
  switch (n) {
    case 1:
      if (flags.offline || flags.coverOpen || flags.paperOut || flags.error) b |= 0x08;
      break;
    case 2:
      if (flags.coverOpen) b |= 0x04;
      if (flags.paperOut) b |= 0x20;
      if (flags.error || flags.cutterError || flags.unrecoverableError || flags.autoRecoverableError) b |= 0x40;
      break;
    case 3:
      if (flags.cutterError) b |= 0x08;
      if (flags.unrecoverableError) b |= 0x20;
      if (flags.autoRecoverableError) b |= 0x40;
      break;
    case 4:
      if (flags.paperNearEnd || flags.paperOut) b |= 0x0c;
      if (flags.paperOut) b |= 0x60;
      break;
  }
  return b;
}

export type PrinterProblem = 'offline' | 'cover-open' | 'paper-out' | 'cutter-error' | 'error';

/** The one problem that stops printing, most specific first; null when printable. */
export function problemOf(flags: PrinterStatusFlags): PrinterProblem | null {
  if (flags.coverOpen) return 'cover-open';
  if (flags.paperOut) return 'paper-out';
  if (flags.cutterError) return 'cutter-error';
  if (flags.error || flags.unrecoverableError || flags.autoRecoverableError) return 'error';
  if (flags.offline) return 'offline';
  return null;
}
