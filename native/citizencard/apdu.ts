/**
 * ISO 7816-4 command and response APDUs (short form only: citizen cards never need
 * extended length). Pure: no I/O, no Node APIs.
 */

export interface CommandApdu {
  cla: number;
  ins: number;
  p1: number;
  p2: number;
  data?: Uint8Array;
  /** Expected response length; 0 means 256 (short APDU). Absent: no Le byte. */
  le?: number;
}

export interface ResponseApdu {
  data: Uint8Array;
  sw1: number;
  sw2: number;
  /** sw1 << 8 | sw2, e.g. 0x9000. */
  sw: number;
}

export const INS = {
  select: 0xa4,
  readRecord: 0xb2,
  getResponse: 0xc0,
} as const;

/** A response shorter than the two status bytes, or a command that cannot be encoded. */
export class ApduFormatError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ApduFormatError';
  }
}

function byte(value: number, what: string): number {
  if (!Number.isInteger(value) || value < 0 || value > 0xff) {
    throw new ApduFormatError(`${what} must be a byte (0..255), got ${value}`);
  }
  return value;
}

export function encodeCommand(cmd: CommandApdu): Uint8Array {
  const data = cmd.data ?? new Uint8Array(0);
  if (data.length > 255) throw new ApduFormatError(`command data is ${data.length} bytes; short APDUs carry at most 255`);
  const out: number[] = [byte(cmd.cla, 'CLA'), byte(cmd.ins, 'INS'), byte(cmd.p1, 'P1'), byte(cmd.p2, 'P2')];
  if (data.length > 0) out.push(data.length, ...data);
  if (cmd.le !== undefined) {
    if (!Number.isInteger(cmd.le) || cmd.le < 0 || cmd.le > 256) throw new ApduFormatError(`Le must be 0..256, got ${cmd.le}`);
    out.push(cmd.le & 0xff);
  }
  return Uint8Array.from(out);
}

export function parseResponse(bytes: Uint8Array): ResponseApdu {
  if (bytes.length < 2) {
    throw new ApduFormatError(`response of ${bytes.length} byte(s) has no status word (need at least SW1 SW2)`);
  }
  const sw1 = bytes[bytes.length - 2] as number;
  const sw2 = bytes[bytes.length - 1] as number;
  return { data: bytes.slice(0, bytes.length - 2), sw1, sw2, sw: (sw1 << 8) | sw2 };
}

/** SELECT by application identifier (DF name): `00 A4 04 00 Lc AID`. */
export function selectByAid(aid: Uint8Array): CommandApdu {
  return { cla: 0x00, ins: INS.select, p1: 0x04, p2: 0x00, data: aid };
}

/** SELECT an elementary file by its 2-byte file id under the current DF: `00 A4 02 00 02 FID`. */
export function selectFile(fileId: number): CommandApdu {
  if (!Number.isInteger(fileId) || fileId < 0 || fileId > 0xffff) throw new ApduFormatError(`file id must be 0..0xFFFF, got ${fileId}`);
  return { cla: 0x00, ins: INS.select, p1: 0x02, p2: 0x00, data: Uint8Array.of(fileId >> 8, fileId & 0xff) };
}

/**
 * READ RECORD by record identifier in the currently selected EF: `00 B2 <id> 00 <Le>`
 * (the form the social-security card specification uses).
 */
export function readRecordById(recordId: number, le: number): CommandApdu {
  return { cla: 0x00, ins: INS.readRecord, p1: byte(recordId, 'record id'), p2: 0x00, le };
}

/**
 * READ RECORD by number from the EF with short file identifier `sfi`, without selecting it:
 * P2 = SFI << 3 | 0b100 ("record number in P1"), e.g. `00 B2 07 2C 0B` for EF05.
 */
export function readRecordBySfi(sfi: number, recordNumber: number, le: number): CommandApdu {
  if (!Number.isInteger(sfi) || sfi < 1 || sfi > 30) throw new ApduFormatError(`SFI must be 1..30, got ${sfi}`);
  return { cla: 0x00, ins: INS.readRecord, p1: byte(recordNumber, 'record number'), p2: (sfi << 3) | 0x04, le };
}

/** GET RESPONSE after a `61xx` status: `00 C0 00 00 xx`. */
export function getResponse(length: number): CommandApdu {
  return { cla: 0x00, ins: INS.getResponse, p1: 0x00, p2: 0x00, le: length };
}

const exactMeanings: Record<number, string> = {
  0x9000: 'success',
  0x6281: 'part of the returned data may be corrupted',
  0x6282: 'end of file or record reached before Le bytes',
  0x6283: 'selected file invalidated (card or application locked)',
  0x6700: 'wrong length',
  0x6881: 'logical channel not supported',
  0x6882: 'secure messaging not supported',
  0x6981: 'command incompatible with file structure',
  0x6982: 'security status not satisfied',
  0x6983: 'authentication method blocked',
  0x6984: 'referenced data invalidated',
  0x6985: 'conditions of use not satisfied',
  0x6986: 'command not allowed (no current EF)',
  0x6a80: 'incorrect parameters in the data field',
  0x6a81: 'function not supported (card or application locked)',
  0x6a82: 'file or application not found',
  0x6a83: 'record not found',
  0x6a84: 'not enough memory space in the file',
  0x6a86: 'incorrect parameters P1-P2',
  0x6a88: 'referenced data not found',
  0x6b00: 'wrong parameters P1-P2',
  0x6d00: 'instruction code not supported',
  0x6e00: 'class not supported',
  0x6f00: 'no precise diagnosis',
  0x9303: 'application permanently locked',
};

/** A short English meaning of a status word, for logs and error messages. */
export function describeStatus(sw: number): string {
  const exact = exactMeanings[sw];
  if (exact) return exact;
  const sw1 = sw >> 8;
  const sw2 = sw & 0xff;
  if (sw1 === 0x61) return `${sw2 === 0 ? 256 : sw2} more byte(s) available (GET RESPONSE)`;
  if (sw1 === 0x6c) return `wrong Le: resend with Le = ${sw2 === 0 ? 256 : sw2}`;
  if (sw1 === 0x63 && (sw2 & 0xf0) === 0xc0) return `verification failed, ${sw2 & 0x0f} tries left`;
  if (sw1 === 0x62 || sw1 === 0x63) return 'warning: non-volatile memory state changed or unchanged';
  if (sw1 === 0x64 || sw1 === 0x65) return 'execution error';
  return 'unknown status';
}

export function hexOf(sw: number): string {
  return sw.toString(16).toUpperCase().padStart(4, '0');
}

export function toHex(bytes: Uint8Array): string {
  return Array.from(bytes, (b) => b.toString(16).toUpperCase().padStart(2, '0')).join(' ');
}
