/**
 * Decoding of the social-security card's record values: BCD dates, GBK text, codes.
 * Pure; each decoder is tolerant of the padding variants seen on real cards.
 */
import { decodeGb } from '../text/gb-text.js';

/** BCD `20 24 01 31` → '2024-01-31'; undefined when the digits are not a real date. */
export function bcdDate(value: Uint8Array): string | undefined {
  if (value.length !== 4) return undefined;
  const digits = bcdDigits(value);
  if (!digits || !/^\d{8}$/.test(digits)) return undefined;
  return isoDate(digits);
}

/** BCD bytes to their decimal digits; undefined when a nibble is not 0-9. */
export function bcdDigits(value: Uint8Array): string | undefined {
  let out = '';
  for (const b of value) {
    const hi = b >> 4;
    const lo = b & 0x0f;
    if (hi > 9 || lo > 9) return undefined;
    out += `${hi}${lo}`;
  }
  return out;
}

/** 'YYYYMMDD' → 'YYYY-MM-DD' when it is a calendar date, else undefined. */
export function isoDate(yyyymmdd: string): string | undefined {
  const m = /^(\d{4})(\d{2})(\d{2})$/.exec(yyyymmdd);
  if (!m) return undefined;
  const [, y, mo, d] = m as unknown as [string, string, string, string];
  const date = new Date(Date.UTC(Number(y), Number(mo) - 1, Number(d)));
  if (date.getUTCFullYear() !== Number(y) || date.getUTCMonth() !== Number(mo) - 1 || date.getUTCDate() !== Number(d)) {
    return undefined;
  }
  return `${y}-${mo}-${d}`;
}

/** Text fields: GBK, padded with NUL, spaces or FF on the right. */
export function gbkText(value: Uint8Array): string {
  let end = value.length;
  while (end > 0) {
    const b = value[end - 1] as number;
    if (b === 0x00 || b === 0x20 || b === 0xff) end--;
    else break;
  }
  return decodeGb(value.subarray(0, end)).trim();
}

/** ASCII (alphanumeric) fields; non-printable bytes make it undefined. */
export function asciiText(value: Uint8Array): string | undefined {
  const text = gbkText(value);
  return /^[\x20-\x7e]*$/.test(text) ? text : undefined;
}

/** A one-byte code stored either as an ASCII digit ('1') or as a binary/BCD value (0x01). */
export function smallCode(value: Uint8Array): number | undefined {
  if (value.length === 0) return undefined;
  const text = asciiText(value);
  if (text !== undefined && /^\d{1,2}$/.test(text)) return Number(text);
  if (value.length === 1) {
    const digits = bcdDigits(value);
    return digits === undefined ? undefined : Number(digits);
  }
  return undefined;
}

const GB11643_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const GB11643_CHECK = '10X98765432';

/** GB 11643 check of an 18-character ID number (weights mod 11). */
export function isValidIdNumber(idNumber: string): boolean {
  if (!/^\d{17}[\dX]$/.test(idNumber)) return false;
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(idNumber[i]) * (GB11643_WEIGHTS[i] as number);
  return GB11643_CHECK[sum % 11] === idNumber[17];
}

/** GB 3304 nation codes in their official order (01 汉 … 56 基诺). */
const NATIONS = [
  '汉', '蒙古', '回', '藏', '维吾尔', '苗', '彝', '壮', '布依', '朝鲜', '满', '侗', '瑶', '白', '土家', '哈尼',
  '哈萨克', '傣', '黎', '傈僳', '佤', '畲', '高山', '拉祜', '水', '东乡', '纳西', '景颇', '柯尔克孜', '土', '达斡尔',
  '仫佬', '羌', '布朗', '撒拉', '毛南', '仡佬', '锡伯', '阿昌', '普米', '塔吉克', '怒', '乌孜别克', '俄罗斯', '鄂温克',
  '德昂', '保安', '裕固', '京', '塔塔尔', '独龙', '鄂伦春', '赫哲', '门巴', '珞巴', '基诺',
];

export function nationName(code: number): string {
  if (code >= 1 && code <= NATIONS.length) return NATIONS[code - 1] as string;
  if (code === 97) return '其他';
  if (code === 98) return '外国血统中国籍人士';
  return '';
}
