/**
 * Reads a PNG far enough to know it is one and whole: the signature, the IHDR's size and
 * pixel format, and the IDAT stream inflated to exactly the bytes that size needs (one
 * filter byte per row). No image library: node:zlib does the decoding.
 */
import { inflateSync } from 'node:zlib';

export interface DecodedPng {
  width: number;
  height: number;
}

const SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
/** Bytes per pixel of the 8-bit colour types: grey, RGB, -, palette, grey+alpha, -, RGBA. */
const CHANNELS: Record<number, number> = { 0: 1, 2: 3, 3: 1, 4: 2, 6: 4 };

export function decodePng(bytes: Uint8Array): DecodedPng {
  const png = Buffer.from(bytes);
  if (!png.subarray(0, 8).equals(SIGNATURE)) throw new Error('not a PNG (signature)');
  let width = 0;
  let height = 0;
  let channels = 0;
  const idat: Buffer[] = [];
  for (let at = 8; at < png.length; ) {
    const length = png.readUInt32BE(at);
    const type = png.toString('latin1', at + 4, at + 8);
    const data = png.subarray(at + 8, at + 8 + length);
    if (type === 'IHDR') {
      width = data.readUInt32BE(0);
      height = data.readUInt32BE(4);
      if (data[8] !== 8 || CHANNELS[data[9]!] === undefined || data[12] !== 0) throw new Error(`PNG format not read here (depth ${data[8]}, colour ${data[9]}, interlace ${data[12]})`);
      channels = CHANNELS[data[9]!]!;
    }
    if (type === 'IDAT') idat.push(data);
    if (type === 'IEND') break;
    at += 12 + length;
  }
  const pixels = inflateSync(Buffer.concat(idat));
  if (pixels.length !== height * (1 + width * channels)) throw new Error(`PNG ${width}×${height}: ${pixels.length} bytes of pixels, not ${height * (1 + width * channels)}`);
  return { width, height };
}
