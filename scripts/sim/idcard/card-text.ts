/** The simulator's side of the 256-byte text block: lays a person out as a card does. */
import type { SimPerson } from './people.js';

type Field = [offset: number, length: number, value: string];

function layout(p: SimPerson): Field[] {
  const x = p.extra ?? {};
  switch (p.kind) {
    case 'resident':
    case 'J': {
      const fields: Field[] = [
        [0, 30, p.name], [30, 2, p.sex], [32, 4, p.nation], [36, 16, p.birth], [52, 70, p.address],
        [122, 36, p.idNumber], [158, 30, p.issuer], [188, 16, p.validFrom], [204, 16, p.validTo],
      ];
      if (p.kind === 'J') fields.push([220, 18, x.passNumber ?? ''], [238, 4, x.issueCount ?? ''], [248, 2, 'J']);
      return fields;
    }
    case 'I':
      return [
        [0, 120, x.englishName ?? ''], [120, 2, p.sex], [122, 30, p.idNumber], [152, 6, x.nationality ?? ''],
        [158, 30, p.name], [188, 16, p.validFrom], [204, 16, p.validTo], [220, 16, p.birth],
        [236, 4, x.cardVersion ?? ''], [240, 8, p.issuer], [248, 2, 'I'],
      ];
    case 'Y': {
      const english = x.englishName ?? '';
      return [
        [0, 30, p.name], [30, 2, p.sex], [32, 4, x.renewalCount ?? ''], [36, 16, p.birth],
        [52, 70, english.slice(0, 35)], [220, 22, english.slice(35)], [122, 36, p.idNumber],
        [158, 30, p.issuer], [188, 16, p.validFrom], [204, 16, p.validTo], [242, 6, x.nationality ?? ''], [248, 2, 'Y'],
      ];
    }
  }
}

/** UCS-2 LE, each field padded with spaces to its length. */
export function encodeCardText(p: SimPerson): Uint8Array {
  const bytes = new Uint8Array(256);
  for (let i = 0; i < 256; i += 2) bytes[i] = 0x20;
  for (const [offset, length, value] of layout(p)) {
    const chars = Math.min(value.length, length / 2);
    for (let i = 0; i < chars; i++) {
      const code = value.charCodeAt(i);
      bytes[offset + 2 * i] = code & 0xff;
      bytes[offset + 2 * i + 1] = code >> 8;
    }
  }
  return bytes;
}

/** A stand-in for the WLT photo: 1024 bytes derived from the ID number (opaque to everyone). */
export function fakePhoto(p: SimPerson): Uint8Array {
  const photo = new Uint8Array(1024);
  let seed = 0;
  for (const ch of p.idNumber) seed = (seed * 31 + ch.charCodeAt(0)) >>> 0;
  for (let i = 0; i < photo.length; i++) {
    seed = (seed * 1103515245 + 12345) >>> 0;
    photo[i] = seed >>> 24;
  }
  photo.set([0x57, 0x4c, 0x54], 0); // "WLT"
  return photo;
}
