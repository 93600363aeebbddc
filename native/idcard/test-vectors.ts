/**
 * Byte vectors for tests, written from PROTOCOLS.md §1 (not produced by the codec).
 * Imported only by *.test.ts files.
 */
export const hex = (s: string) => Uint8Array.from(s.trim().split(/\s+/).map((h) => parseInt(h, 16)));

export const REPLIES = {
  samOk: hex('AA AA AA 96 69 00 04 00 00 90 94'),
  samSelfTestFailed: hex('AA AA AA 96 69 00 04 00 00 60 64'),
  found: hex('AA AA AA 96 69 00 08 00 00 9F 00 00 00 00 97'),
  noCard: hex('AA AA AA 96 69 00 04 00 00 80 84'),
  selected: hex('AA AA AA 96 69 00 0C 00 00 90 00 00 00 00 00 00 00 00 9C'),
  readerChecksumError: hex('AA AA AA 96 69 00 04 00 00 10 14'),
};

export const REQUESTS = {
  resetSam: 'AA AA AA 96 69 00 03 10 FF EC',
  samStatus: 'AA AA AA 96 69 00 03 11 FF ED',
  findCard: 'AA AA AA 96 69 00 03 20 01 22',
  selectCard: 'AA AA AA 96 69 00 03 20 02 21',
  readTextPhoto: 'AA AA AA 96 69 00 03 30 01 32',
};

/** 256 bytes of UCS-2 LE spaces with `fields` written at their byte offsets. */
export function textBlock(fields: Array<[offset: number, value: string]>): Uint8Array {
  const bytes = new Uint8Array(256);
  for (let i = 0; i < 256; i += 2) bytes[i] = 0x20;
  for (const [offset, value] of fields) {
    for (let i = 0; i < value.length; i++) {
      const code = value.charCodeAt(i);
      bytes[offset + 2 * i] = code & 0xff;
      bytes[offset + 2 * i + 1] = code >> 8;
    }
  }
  return bytes;
}

export const RESIDENT_ZHANG: Array<[number, string]> = [
  [0, '张三'], [30, '1'], [32, '01'], [36, '19850315'], [52, '浙江省杭州市西湖区文三路1号'],
  [122, '330106198503151238'], [158, '杭州市公安局西湖分局'], [188, '20150101'], [204, '20350101'],
];

/** The 1295-byte read reply: header `AA AA AA 96 69 05 08 00 00 90 01 00 04 00`, text, photo, XOR. */
export function readReply(text: Uint8Array, photoByte = 0x5a): Uint8Array {
  const frame = new Uint8Array(1295);
  frame.set(hex('AA AA AA 96 69 05 08 00 00 90 01 00 04 00'));
  frame.set(text, 14);
  frame.fill(photoByte, 270, 1294);
  let x = 0;
  for (let i = 5; i < 1294; i++) x ^= frame[i]!;
  frame[1294] = x;
  return frame;
}
