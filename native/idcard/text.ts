/**
 * Decoding of the 256-byte UCS-2 LE text block into an `Identity`, for the four card
 * layouts of PROTOCOLS.md §1 (resident, J, I, Y). Field offsets are data, not code.
 */
import type { IdCardType, Identity } from '../../electron/common/identity.js';
import { isValidGb11643 } from './gb11643.js';
import { NATION_CODES, SEX_CODES } from './tables.js';

export const TEXT_LENGTH = 256;
/** Where the card type letter sits (space for resident cards). */
const CARD_TYPE_FIELD: Field = [248, 2];

type Field = readonly [offset: number, length: number];

const UTF16 = new TextDecoder('utf-16le');

/** Reads one UCS-2 LE field and trims the space / NUL padding. */
export function readField(text: Uint8Array, [offset, length]: Field): string {
  return trimPadding(UTF16.decode(text.subarray(offset, offset + length))).replace(/^[\s\u3000]+/u, '');
}

/** Cards pad with spaces; some writers pad with NUL or the ideographic space. */
function trimPadding(s: string): string {
  let end = s.length;
  while (end > 0 && (s.charCodeAt(end - 1) === 0 || /[\s\u3000]/u.test(s[end - 1]!))) end--;
  return s.slice(0, end);
}

function rawField(text: Uint8Array, [offset, length]: Field): string {
  return UTF16.decode(text.subarray(offset, offset + length));
}

export interface DecodedText {
  identity: Identity;
  /** Fields that did not decode cleanly (unknown code, malformed date, bad check digit). */
  warnings: string[];
}

export function cardTypeOf(text: Uint8Array): IdCardType | undefined {
  const letter = readField(text, CARD_TYPE_FIELD);
  if (letter === '') return 'resident';
  if (letter === 'J') return 'hk-mo-tw-residence';
  if (letter === 'I') return 'foreign-permanent-2017';
  if (letter === 'Y') return 'foreign-permanent-2023';
  return undefined;
}

/** 'YYYYMMDD' → 'YYYY-MM-DD'; '长期' → 'long-term'; anything else kept as is with a warning. */
export function decodeDate(raw: string, field: string, warnings: string[], allowLongTerm = false): string {
  if (allowLongTerm && raw === '长期') return 'long-term';
  const m = /^(\d{4})(\d{2})(\d{2})$/.exec(raw);
  if (m) {
    const [, y, mo, d] = m;
    const date = new Date(`${y}-${mo}-${d}T00:00:00Z`);
    if (!Number.isNaN(date.getTime()) && date.getUTCDate() === Number(d)) return `${y}-${mo}-${d}`;
  }
  warnings.push(`${field} "${raw}" is not a date`);
  return raw;
}

function decodeSex(raw: string, warnings: string[]): Identity['sex'] {
  const sex = SEX_CODES[raw];
  if (sex) return sex;
  warnings.push(`sex code "${raw}" is unknown`);
  return 'unknown';
}

function decodeNation(raw: string, warnings: string[]): string {
  const nation = NATION_CODES[raw];
  if (nation !== undefined) return nation;
  if (raw !== '') warnings.push(`nation code "${raw}" is unknown`);
  return raw;
}

function checkIdNumber(id: string, warnings: string[]): boolean {
  const valid = isValidGb11643(id);
  if (!valid) warnings.push(`ID number check digit (GB 11643) does not match`);
  return valid;
}

/** Resident cards and J permits share the first 220 bytes. */
function decodeResidentLike(text: Uint8Array, cardType: IdCardType, warnings: string[]): Identity {
  const idNumber = readField(text, [122, 36]);
  return {
    cardType,
    name: readField(text, [0, 30]),
    sex: decodeSex(readField(text, [30, 2]), warnings),
    nation: decodeNation(readField(text, [32, 4]), warnings),
    birthDate: decodeDate(readField(text, [36, 16]), 'birth date', warnings),
    address: readField(text, [52, 70]),
    idNumber,
    idNumberValid: checkIdNumber(idNumber, warnings),
    issuer: readField(text, [158, 30]),
    validFrom: decodeDate(readField(text, [188, 16]), 'valid-from', warnings),
    validTo: decodeDate(readField(text, [204, 16]), 'valid-to', warnings, true),
    extra: {},
  };
}

function decodeForeign2017(text: Uint8Array, warnings: string[]): Identity {
  const englishName = readField(text, [0, 120]);
  const chineseName = readField(text, [158, 30]);
  const idNumber = readField(text, [122, 30]);
  return {
    cardType: 'foreign-permanent-2017',
    name: chineseName || englishName,
    sex: decodeSex(readField(text, [120, 2]), warnings),
    nation: '',
    birthDate: decodeDate(readField(text, [220, 16]), 'birth date', warnings),
    address: '',
    idNumber,
    // The 2017 card number (15 characters) has no GB 11643 check digit to verify.
    idNumberValid: true,
    issuer: readField(text, [240, 8]),
    validFrom: decodeDate(readField(text, [188, 16]), 'valid-from', warnings),
    validTo: decodeDate(readField(text, [204, 16]), 'valid-to', warnings, true),
    extra: {
      englishName,
      chineseName,
      nationality: readField(text, [152, 6]),
      cardVersion: readField(text, [236, 4]),
    },
  };
}

function decodeForeign2023(text: Uint8Array, warnings: string[]): Identity {
  const chineseName = readField(text, [0, 30]);
  // The continuation goes on mid-word where the 35 characters at 52 end: join raw.
  const englishName = trimPadding(rawField(text, [52, 70]) + rawField(text, [220, 22]));
  const idNumber = readField(text, [122, 36]);
  return {
    cardType: 'foreign-permanent-2023',
    name: chineseName || englishName,
    sex: decodeSex(readField(text, [30, 2]), warnings),
    nation: '',
    birthDate: decodeDate(readField(text, [36, 16]), 'birth date', warnings),
    address: '',
    idNumber,
    idNumberValid: checkIdNumber(idNumber, warnings),
    // Not in the published layout; read where resident cards keep it (empty if absent).
    issuer: readField(text, [158, 30]),
    validFrom: decodeDate(readField(text, [188, 16]), 'valid-from', warnings),
    validTo: decodeDate(readField(text, [204, 16]), 'valid-to', warnings, true),
    extra: {
      englishName,
      chineseName,
      renewalCount: readField(text, [32, 4]),
      nationality: readField(text, [242, 6]),
    },
  };
}

export type TextDecodeResult = ({ ok: true } & DecodedText) | { ok: false; message: string };

export function decodeCardText(text: Uint8Array): TextDecodeResult {
  if (text.length < TEXT_LENGTH) return { ok: false, message: `text block of ${text.length} bytes is shorter than 256` };
  const cardType = cardTypeOf(text);
  if (!cardType) {
    return { ok: false, message: `card type "${readField(text, CARD_TYPE_FIELD)}" is not recognised: use a second-generation ID card or a residence card` };
  }
  const warnings: string[] = [];
  let identity: Identity;
  if (cardType === 'foreign-permanent-2017') identity = decodeForeign2017(text, warnings);
  else if (cardType === 'foreign-permanent-2023') identity = decodeForeign2023(text, warnings);
  else {
    identity = decodeResidentLike(text, cardType, warnings);
    if (cardType === 'hk-mo-tw-residence') {
      identity.extra = { passNumber: readField(text, [220, 18]), issueCount: readField(text, [238, 4]) };
    }
  }
  return { ok: true, identity, warnings };
}
