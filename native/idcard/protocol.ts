/**
 * Second-generation ID-card reader (SAM module) frame layout, PROTOCOLS.md §1.
 *
 *   request:  AA AA AA 96 69 | LEN_hi LEN_lo | CMD PARA | DATA… | CHK
 *   response: AA AA AA 96 69 | LEN_hi LEN_lo | SW1 SW2 SW3 | DATA… | CHK
 *
 * LEN counts every byte after itself (checksum included); CHK is the XOR of every
 * byte after the preamble up to the last data byte (LEN included).
 */
export const PREAMBLE = Uint8Array.of(0xaa, 0xaa, 0xaa, 0x96, 0x69);
/** Preamble + 2 length bytes: a reader reads these 7, then LEN more. */
export const HEADER_LENGTH = 7;
/**
 * Largest LEN we accept. The biggest real reply (text + photo + fingerprint) is
 * ~2.3 KB; anything much larger is a false preamble inside garbage.
 */
export const DEFAULT_MAX_LEN = 4096;

export const COMMANDS = {
  resetSam: { cmd: 0x10, para: 0xff },
  samStatus: { cmd: 0x11, para: 0xff },
  samId: { cmd: 0x12, para: 0xff },
  findCard: { cmd: 0x20, para: 0x01 },
  selectCard: { cmd: 0x20, para: 0x02 },
  readTextPhoto: { cmd: 0x30, para: 0x01 },
  readTextPhotoFingerprint: { cmd: 0x30, para: 0x10 },
  /** 追加住址; unverified in PROTOCOLS.md, kept for completeness. */
  readExtraAddress: { cmd: 0x30, para: 0x03 },
} as const;
export type CommandName = keyof typeof COMMANDS;

/** XOR of `bytes[from..to)`. */
export function xorChecksum(bytes: Uint8Array, from = 0, to = bytes.length): number {
  let x = 0;
  for (let i = from; i < to; i++) x ^= bytes[i]!;
  return x;
}

/** Builds a whole frame around `body` (CMD PARA DATA for requests, SW1 SW2 SW3 DATA for replies). */
export function buildFrame(body: Uint8Array): Uint8Array {
  const len = body.length + 1;
  if (len > 0xffff) throw new RangeError(`frame body of ${body.length} bytes does not fit a 16-bit length`);
  const frame = new Uint8Array(HEADER_LENGTH + len);
  frame.set(PREAMBLE, 0);
  frame[5] = len >> 8;
  frame[6] = len & 0xff;
  frame.set(body, HEADER_LENGTH);
  frame[frame.length - 1] = xorChecksum(frame, 5, frame.length - 1);
  return frame;
}

export function encodeRequest(name: CommandName, data: Uint8Array = new Uint8Array(0)): Uint8Array {
  const { cmd, para } = COMMANDS[name];
  const body = new Uint8Array(2 + data.length);
  body[0] = cmd;
  body[1] = para;
  body.set(data, 2);
  return buildFrame(body);
}

/** Which command a request frame carries (for the simulator); undefined when unknown. */
export function commandOf(frame: Uint8Array): CommandName | undefined {
  const cmd = frame[HEADER_LENGTH];
  const para = frame[HEADER_LENGTH + 1];
  for (const [name, c] of Object.entries(COMMANDS) as Array<[CommandName, { cmd: number; para: number }]>) {
    if (c.cmd === cmd && c.para === para) return name;
  }
  return undefined;
}

/** Bytes 10 bits each (8N1) at `baud`: how long `byteCount` bytes take on the wire, in ms. */
export function wireTimeMs(byteCount: number, baud: number): number {
  return (byteCount * 10 * 1000) / baud;
}

export function toHex(bytes: Uint8Array): string {
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0').toUpperCase()).join(' ');
}
