/**
 * A citizen's identity as read from a card. This full form lives only in the core
 * (Node) for the length of a session; the renderer sees `CitizenView` (masked).
 */
export type IdCardType =
  | 'resident' // 居民身份证
  | 'hk-mo-tw-residence' // 港澳台居民居住证 (J)
  | 'foreign-permanent-2017' // 外国人永久居留身份证 2017 (I)
  | 'foreign-permanent-2023' // 外国人永久居留身份证 2023 (Y)
  | 'social-security'; // 社会保障卡 / 市民卡 (CPU card)

/** GB/T 2261.1 sex codes as printed on the card. */
export type Sex = 'unknown' | 'male' | 'female' | 'unspecified';

export interface Identity {
  cardType: IdCardType;
  /** Chinese name (for I cards: the Chinese name if present, else the English name). */
  name: string;
  sex: Sex;
  /** Nation (民族) in Chinese, e.g. "汉"; empty for foreigners. */
  nation: string;
  /** ISO date YYYY-MM-DD. */
  birthDate: string;
  address: string;
  /** ID number / card number exactly as on the card (18 chars for residents). */
  idNumber: string;
  /** False when the GB 11643 check digit does not match (reported, not hidden). */
  idNumberValid: boolean;
  issuer: string;
  /** ISO date YYYY-MM-DD. */
  validFrom: string;
  /** ISO date YYYY-MM-DD, or 'long-term' for 长期. */
  validTo: string;
  /** Fields only some card types carry (pass number, English name, nationality, card number…). */
  extra: Record<string, string>;
}

export type IdentitySource = 'idcard' | 'citizencard';

export interface CardReadEvent {
  source: IdentitySource;
  identity: Identity;
  /** Opaque photo bytes (WLT) when the reader returned them; never stored, never sent to the renderer. */
  photo?: Uint8Array;
  readAt: number;
}
