/**
 * BER-TLV parsing as the social-security card uses it: records come back as
 * `tag | length | value` (e.g. `07 09 <9 bytes>`). Tags of one or more bytes
 * (low 5 bits 1F → more tag bytes), lengths short or `81 xx` / `82 xx xx`.
 */

export interface Tlv {
  tag: number;
  value: Uint8Array;
}

export class TlvError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TlvError';
  }
}

/** Parses a sequence of TLVs; padding bytes `00` / `FF` between objects are skipped. */
export function parseTlv(bytes: Uint8Array): Tlv[] {
  const out: Tlv[] = [];
  let i = 0;
  while (i < bytes.length) {
    const first = bytes[i] as number;
    if (first === 0x00 || first === 0xff) {
      i++;
      continue;
    }
    let tag = first;
    i++;
    if ((first & 0x1f) === 0x1f) {
      let more = true;
      let count = 0;
      while (more) {
        if (i >= bytes.length) throw new TlvError(`tag starting ${hex(first)} is cut off at byte ${i}`);
        if (++count > 3) throw new TlvError(`tag starting ${hex(first)} is longer than 4 bytes`);
        const b = bytes[i++] as number;
        tag = tag * 256 + b;
        more = (b & 0x80) !== 0;
      }
    }
    if (i >= bytes.length) throw new TlvError(`tag ${hex(tag)} has no length byte`);
    let length = bytes[i++] as number;
    if (length === 0x81 || length === 0x82) {
      const n = length - 0x80;
      if (i + n > bytes.length) throw new TlvError(`length of tag ${hex(tag)} is cut off`);
      length = 0;
      for (let k = 0; k < n; k++) length = length * 256 + (bytes[i++] as number);
    } else if (length > 0x80) {
      throw new TlvError(`tag ${hex(tag)} has an unsupported length form ${hex(length)}`);
    }
    if (i + length > bytes.length) {
      throw new TlvError(`tag ${hex(tag)} says ${length} byte(s) but only ${bytes.length - i} remain`);
    }
    out.push({ tag, value: bytes.slice(i, i + length) });
    i += length;
  }
  return out;
}

export function findTag(tlvs: readonly Tlv[], tag: number): Uint8Array | undefined {
  return tlvs.find((t) => t.tag === tag)?.value;
}

function hex(n: number): string {
  return n.toString(16).toUpperCase().padStart(2, '0');
}
