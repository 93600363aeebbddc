/**
 * The social-security card (社会保障卡 / 市民卡) application, PROTOCOLS.md §2:
 * select the application by AID, then EF05 (card data) and EF06 (holder data), and
 * read their TLV records. Where a SELECT fails the records are read by SFI instead.
 */
import { describeStatus, hexOf, readRecordById, readRecordBySfi, selectByAid, selectFile, toHex, type ResponseApdu } from './apdu.js';
import { CitizenCardError } from './errors.js';
import { asciiText, bcdDate, gbkText, nationName, smallCode } from './fields.js';
import { findTag, parseTlv } from './tlv.js';
import { transmit, type ApduTransport } from './transmit.js';
import type { Sex } from '../../electron/common/identity.js';

/** "sx1.sh.社会保障" with the Chinese part in GBK. */
export const SSC_AID = Uint8Array.of(0x73, 0x78, 0x31, 0x2e, 0x73, 0x68, 0x2e, 0xc9, 0xe7, 0xbb, 0xe1, 0xb1, 0xa3, 0xd5, 0xcf);

export interface ElementaryFile {
  fileId: number;
  sfi: number;
}
export const EF05: ElementaryFile = { fileId: 0xef05, sfi: 5 };
export const EF06: ElementaryFile = { fileId: 0xef06, sfi: 6 };

/** Record ids and value lengths; a READ RECORD asks for Le = length + 2 (tag and length bytes). */
export const RECORDS = {
  cardIdentifier: { id: 0x01, length: 16 },
  specVersion: { id: 0x03, length: 4 },
  issueDate: { id: 0x05, length: 4 },
  expiryDate: { id: 0x06, length: 4 },
  cardNumber: { id: 0x07, length: 9 },
  idNumber: { id: 0x08, length: 18 },
  name: { id: 0x09, length: 30 },
  sex: { id: 0x0a, length: 1 },
  nation: { id: 0x0b, length: 1 },
  birthDate: { id: 0x0d, length: 4 },
} as const;
type RecordSpec = (typeof RECORDS)[keyof typeof RECORDS];

/** Major spec versions this kiosk reads (EF05 record 03: "2.00", "3.00"). */
export const SUPPORTED_MAJOR_VERSIONS = [2, 3];

export interface SocialSecurityCard {
  cardIdentifier: string;
  /** Administrative division code of the issuing region: the identifier's first six digits. */
  region: string;
  specVersion: string;
  cardNumber: string;
  issueDate?: string;
  expiryDate?: string;
  idNumber: string;
  name: string;
  sex: Sex;
  nationCode?: number;
  nation: string;
  birthDate?: string;
  /** How the records were reached: SELECT by file id, or READ RECORD by SFI. */
  access: 'select' | 'sfi';
}

/** Statuses a selected social-security application uses for "blocked by the issuer". */
const LOCKED = new Set([0x6283, 0x6a81, 0x9303]);
/**
 * At the application SELECT, 6A81 also means "function not supported" on other cards
 * (bank cards), so only the unambiguous ones say locked there.
 */
const LOCKED_AT_SELECT = new Set([0x6283, 0x9303]);

function isOk(r: ResponseApdu): boolean {
  return r.sw1 === 0x90 || (r.sw1 === 0x62 && r.sw !== 0x6283);
}

function lockedError(r: ResponseApdu, step: string): CitizenCardError {
  return new CitizenCardError('card-locked', `social-security card locked (${step} answered ${hexOf(r.sw)}: ${describeStatus(r.sw)}): send the citizen to a staffed counter`);
}

class FileReader {
  constructor(
    private readonly transport: ApduTransport,
    private readonly file: ElementaryFile,
    readonly access: 'select' | 'sfi',
    /** False when reading by SFI without a confirmed application: locks are then not ours to claim. */
    private readonly appConfirmed: boolean,
  ) {}

  /** The record's value, or undefined when the card has no such record (6A83). */
  async read(spec: RecordSpec): Promise<Uint8Array | undefined> {
    const le = spec.length + 2;
    const command = this.access === 'select' ? readRecordById(spec.id, le) : readRecordBySfi(this.file.sfi, spec.id, le);
    const r = await transmit(this.transport, command);
    if ((this.appConfirmed ? LOCKED : LOCKED_AT_SELECT).has(r.sw)) throw lockedError(r, `READ RECORD ${hex2(spec.id)}`);
    if (r.sw === 0x6a83 || r.sw === 0x6a88) return undefined;
    if (!isOk(r)) {
      throw new CitizenCardError(
        'read-failed',
        `record ${hex2(spec.id)} of EF${hex2(this.file.fileId & 0xff)} unreadable (${hexOf(r.sw)}: ${describeStatus(r.sw)}): ask the citizen to re-insert the card`,
      );
    }
    // Records are TLV with the record id as tag; a few cards return the bare value.
    const tagged = parseTlvOrUndefined(r.data);
    const value = tagged && findTag(tagged, spec.id);
    if (value) return value;
    if (r.data.length === spec.length) return r.data;
    if (r.data.length === 0) return undefined;
    throw new CitizenCardError(
      'read-failed',
      `record ${hex2(spec.id)} of EF${hex2(this.file.fileId & 0xff)} is malformed (${toHex(r.data.subarray(0, 8))}${r.data.length > 8 ? ' …' : ''}): ask the citizen to re-insert the card`,
    );
  }
}

function parseTlvOrUndefined(data: Uint8Array): ReturnType<typeof parseTlv> | undefined {
  try {
    return parseTlv(data);
  } catch {
    return undefined;
  }
}

async function openFile(transport: ApduTransport, file: ElementaryFile, appSelected: boolean): Promise<FileReader> {
  if (appSelected) {
    const r = await transmit(transport, selectFile(file.fileId));
    if (LOCKED.has(r.sw)) throw lockedError(r, `SELECT EF${hex2(file.fileId & 0xff)}`);
    if (isOk(r)) return new FileReader(transport, file, 'select', true);
  }
  return new FileReader(transport, file, 'sfi', appSelected);
}

/** Reads the card; every failure is a CitizenCardError. */
export async function readSocialSecurityCard(transport: ApduTransport): Promise<SocialSecurityCard> {
  try {
    return await readCard(transport);
  } catch (err) {
    if (err instanceof CitizenCardError) throw err;
    const reason = err instanceof Error ? err.message : String(err);
    throw new CitizenCardError('read-failed', `citizen card gave an unreadable answer (${reason}): ask the citizen to re-insert the card`, { cause: err });
  }
}

async function readCard(transport: ApduTransport): Promise<SocialSecurityCard> {
  const app = await transmit(transport, selectByAid(SSC_AID));
  if (LOCKED_AT_SELECT.has(app.sw)) throw lockedError(app, 'SELECT application');
  const appSelected = isOk(app);

  const ef05 = await openFile(transport, EF05, appSelected);
  let identifierBytes: Uint8Array | undefined;
  try {
    identifierBytes = await ef05.read(RECORDS.cardIdentifier);
  } catch (err) {
    // Without the application the first read decides: a card that knows neither is not ours.
    if (!appSelected && err instanceof CitizenCardError && err.code === 'read-failed') throw wrongCard(app);
    throw err;
  }
  if (!appSelected && identifierBytes === undefined) throw wrongCard(app);

  const specVersion = text(await ef05.read(RECORDS.specVersion));
  const major = Number.parseInt(specVersion, 10);
  if (specVersion !== '' && !SUPPORTED_MAJOR_VERSIONS.includes(major)) {
    throw new CitizenCardError('unsupported-version', `social-security card spec version "${specVersion}" is not supported (reads ${SUPPORTED_MAJOR_VERSIONS.map((v) => `${v}.x`).join(', ')})`);
  }
  const cardIdentifier = identifier(identifierBytes);
  const issue = await ef05.read(RECORDS.issueDate);
  const expiry = await ef05.read(RECORDS.expiryDate);
  const cardNumber = text(await ef05.read(RECORDS.cardNumber));

  const ef06 = await openFile(transport, EF06, appSelected);
  const idNumber = text(await ef06.read(RECORDS.idNumber)).toUpperCase();
  const nameBytes = await ef06.read(RECORDS.name);
  const name = nameBytes ? gbkText(nameBytes) : '';
  if (idNumber === '' || name === '') {
    throw new CitizenCardError('read-failed', 'citizen card has no ID number or name in EF06: the card may be damaged; ask the citizen to use the ID card');
  }
  const sexBytes = await ef06.read(RECORDS.sex);
  const nationBytes = await ef06.read(RECORDS.nation);
  const birth = await ef06.read(RECORDS.birthDate);
  const nationCode = nationBytes ? smallCode(nationBytes) : undefined;

  const card: SocialSecurityCard = {
    cardIdentifier,
    region: /^\d{6}/.exec(cardIdentifier)?.[0] ?? '',
    specVersion,
    cardNumber,
    idNumber,
    name,
    sex: sexOf(sexBytes ? smallCode(sexBytes) : undefined),
    nation: nationCode === undefined ? '' : nationName(nationCode),
    access: ef05.access === 'select' && ef06.access === 'select' ? 'select' : 'sfi',
  };
  const issueDate = issue && bcdDate(issue);
  const expiryDate = expiry && bcdDate(expiry);
  const birthDate = birth && bcdDate(birth);
  if (issueDate) card.issueDate = issueDate;
  if (expiryDate) card.expiryDate = expiryDate;
  if (birthDate) card.birthDate = birthDate;
  if (nationCode !== undefined) card.nationCode = nationCode;
  return card;
}

function wrongCard(app: ResponseApdu): CitizenCardError {
  return new CitizenCardError('wrong-card', `card is not a social-security card (application select answered ${hexOf(app.sw)}: ${describeStatus(app.sw)}, and EF05 is not readable by SFI)`);
}

function text(value: Uint8Array | undefined): string {
  return value ? (asciiText(value) ?? '') : '';
}

/** The card identifier is ASCII on most cards; print binary ones as hex so nothing is lost. */
function identifier(value: Uint8Array | undefined): string {
  if (!value) return '';
  return asciiText(value) ?? Array.from(value, (b) => b.toString(16).toUpperCase().padStart(2, '0')).join('');
}

function sexOf(code: number | undefined): Sex {
  if (code === 1) return 'male';
  if (code === 2) return 'female';
  if (code === 9) return 'unspecified';
  return 'unknown';
}

function hex2(n: number): string {
  return n.toString(16).toUpperCase().padStart(2, '0');
}
