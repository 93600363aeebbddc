/**
 * The synthetic cards the emulators hold. People are invented; their ID numbers carry
 * valid GB 11643 check digits (computed by hand). Each card also says how its chip
 * behaves, so the reader's fallbacks (61xx, 6Cxx, SFI reads, locks) all get exercised.
 */

export interface CardHolder {
  name: string;
  idNumber: string;
  /** GB/T 2261.1: '1' male, '2' female. */
  sex: '1' | '2';
  /** GB 3304 nation code (1 = 汉). */
  nation: number;
  birth: string; // YYYYMMDD
}

export interface CardProfile {
  key: string;
  label: string;
  /** 'ssc' answers like a social-security card; 'wrong' is a bank card; 'locked' is blocked. */
  kind: 'ssc' | 'wrong' | 'locked';
  atr: Uint8Array;
  /** Answers every data-bearing command with 61xx (a T=0 chip). */
  t0: boolean;
  /** Answers a READ RECORD with the wrong Le with 6Cxx instead of the data. */
  strictLe: boolean;
  /** SELECT EF05/EF06 by file id fails (6A82); records only by SFI. */
  sfiOnly: boolean;
  /** SELECT by AID fails (6A82) but the application is already current: SFI reads work. */
  implicitApp: boolean;
  specVersion: string;
  /** Bytes of the name record (30 in the spec; some 2.00 cards use 20, so a reader's Le is wrong). */
  nameLength: number;
  cardIdentifier: string;
  cardNumber: string;
  issue: string; // YYYYMMDD
  expiry: string; // YYYYMMDD
  holder: CardHolder;
}

/** T=1 only: TS 3B, T0 80 (TD1 follows), TD1 01 (T=1), TCK 81. */
const ATR_T1 = Uint8Array.of(0x3b, 0x80, 0x01, 0x81);
/** T=0 (no interface bytes), two historical bytes "SS". */
const ATR_T0 = Uint8Array.of(0x3b, 0x02, 0x53, 0x53);

const base = { t0: false, strictLe: false, sfiOnly: false, implicitApp: false, specVersion: '3.00', nameLength: 30, atr: ATR_T1 } as const;

export const CARDS: readonly CardProfile[] = [
  {
    ...base,
    key: 'zhang-wei',
    label: '张伟 (3.00, T=1, select)',
    kind: 'ssc',
    cardIdentifier: '330100D156000005',
    cardNumber: 'A01234567',
    issue: '20200115',
    expiry: '20300115',
    holder: { name: '张伟', idNumber: '330106198503127318', sex: '1', nation: 1, birth: '19850312' },
  },
  {
    ...base,
    key: 'ma-li',
    label: '马丽 (2.00, T=0 61xx, strict Le 6Cxx)',
    kind: 'ssc',
    atr: ATR_T0,
    t0: true,
    strictLe: true,
    specVersion: '2.00',
    nameLength: 20,
    cardIdentifier: '640100D156000005',
    cardNumber: 'B76543210',
    issue: '20150601',
    expiry: '20250601',
    holder: { name: '马丽', idNumber: '640104199207180020', sex: '2', nation: 3, birth: '19920718' },
  },
  {
    ...base,
    key: 'bao-yun',
    label: '包云 (3.00, SFI only)',
    kind: 'ssc',
    sfiOnly: true,
    cardIdentifier: '150100D156000005',
    cardNumber: 'C11223344',
    issue: '20210301',
    expiry: '20310301',
    holder: { name: '包云', idNumber: '15010220010105062X', sex: '2', nation: 2, birth: '20010105' },
  },
  {
    ...base,
    key: 'chen-jian',
    label: '陈建 (3.00, implicit application, SFI)',
    kind: 'ssc',
    implicitApp: true,
    cardIdentifier: '440300D156000005',
    cardNumber: 'D55667788',
    issue: '20190909',
    expiry: '20290909',
    holder: { name: '陈建', idNumber: '440305197809234015', sex: '1', nation: 1, birth: '19780923' },
  },
  {
    ...base,
    key: 'locked',
    label: '锁定卡 (application blocked)',
    kind: 'locked',
    cardIdentifier: '110100D156000005',
    cardNumber: 'E00000001',
    issue: '20180101',
    expiry: '20280101',
    holder: { name: '刘洋', idNumber: '11010519491231002X', sex: '1', nation: 1, birth: '19491231' },
  },
  {
    ...base,
    key: 'old-version',
    label: '1.00 版 (unsupported)',
    kind: 'ssc',
    specVersion: '1.00',
    cardIdentifier: '310100D156000005',
    cardNumber: 'F00000002',
    issue: '20050101',
    expiry: '20150101',
    holder: { name: '周敏', idNumber: '310115199001011232', sex: '2', nation: 1, birth: '19900101' },
  },
  {
    ...base,
    key: 'bank-card',
    label: 'bank card (not a social-security card)',
    kind: 'wrong',
    cardIdentifier: '',
    cardNumber: '',
    issue: '',
    expiry: '',
    holder: { name: '', idNumber: '', sex: '1', nation: 1, birth: '' },
  },
];

export function cardByKey(key: string): CardProfile {
  const card = CARDS.find((c) => c.key === key);
  if (!card) throw new Error(`no simulated card "${key}"; known: ${CARDS.map((c) => c.key).join(', ')}`);
  return card;
}
