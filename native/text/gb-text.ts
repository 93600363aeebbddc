/**
 * Chinese text in the national-standard encodings the devices speak: GB18030 for the
 * printer's Chinese mode, GBK for the text fields of citizen cards.
 *
 * Decoding is Node's own TextDecoder. Only
 * encoding needs iconv-lite, whose code tables are 540 KB of JavaScript and whose GB18030
 * codec takes ~40 ms to build: both happen at the first encode (or at loadGbEncoder, when a
 * citizen is identified), never at start, where every kiosk would pay them.
 */
import { createRequire } from 'node:module';

export type GbEncoding = 'gbk' | 'gb18030';

interface Iconv {
  encode(text: string, encoding: string): Buffer;
}
let iconv: Iconv | null = null;

export function encodeGb(text: string, encoding: GbEncoding): Uint8Array {
  iconv ??= createRequire(import.meta.url)('iconv-lite') as Iconv;
  return new Uint8Array(iconv.encode(text, encoding));
}

/** Builds the encoder now, so the next encode (a citizen's ticket) does not wait for it. */
export function loadGbEncoder(encoding: GbEncoding): void {
  encodeGb('中', encoding);
}

// GB18030 is a superset of GBK, so one decoder reads both (as WHATWG's "gbk" does). Node's
// "gbk" decoder is ICU's code page 936 instead, which turns a stray 0xFF into U+F8F5.
const decoder = new TextDecoder('gb18030');

/** GBK or GB18030 bytes to text; an invalid sequence becomes U+FFFD instead of throwing. */
export function decodeGb(bytes: Uint8Array): string {
  return decoder.decode(bytes);
}
