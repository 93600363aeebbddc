/**
 * The application against conversations written by hand from PROTOCOLS.md §2 (not by the
 * project's emulator), so a bug shared by reader and emulator cannot hide here.
 */
import { describe, expect, it } from 'vitest';
import { script } from './apdu-script.test-support.js';
import { readSocialSecurityCard } from './social-security.js';

const SELECT_APP = '00 A4 04 00 0F 73 78 31 2E 73 68 2E C9 E7 BB E1 B1 A3 D5 CF';
// "330100D156000005" and "330106198503127318" in ASCII; 张伟 in GBK is D5 C5 CE B0.
const IDENTIFIER = '01 10 33 33 30 31 30 30 44 31 35 36 30 30 30 30 30 35';
const ID_NUMBER = '08 12 33 33 30 31 30 36 31 39 38 35 30 33 31 32 37 33 31 38';
const NAME = `09 1E D5 C5 CE B0 ${'00 '.repeat(26)}`;

const EF05_BY_SELECT: [string, string][] = [
  ['00 A4 02 00 02 EF 05', '90 00'],
  ['00 B2 01 00 12', `${IDENTIFIER} 90 00`],
  ['00 B2 03 00 06', '03 04 33 2E 30 30 90 00'],
  ['00 B2 05 00 06', '05 04 20 20 01 15 90 00'],
  ['00 B2 06 00 06', '06 04 20 30 01 15 90 00'],
  ['00 B2 07 00 0B', '07 09 41 30 31 32 33 34 35 36 37 90 00'],
];
const EF06_BY_SELECT: [string, string][] = [
  ['00 A4 02 00 02 EF 06', '90 00'],
  ['00 B2 08 00 14', `${ID_NUMBER} 90 00`],
  ['00 B2 09 00 20', `${NAME} 90 00`],
  ['00 B2 0A 00 03', '0A 01 31 90 00'],
  ['00 B2 0B 00 03', '0B 01 01 90 00'],
  ['00 B2 0D 00 06', '0D 04 19 85 03 12 90 00'],
];

describe('social-security card from hand-written APDU conversations', () => {
  it('reads every field through SELECT', async () => {
    const card = await readSocialSecurityCard(script([[SELECT_APP, '90 00'], ...EF05_BY_SELECT, ...EF06_BY_SELECT]));
    expect(card).toMatchObject({
      cardIdentifier: '330100D156000005',
      region: '330100',
      specVersion: '3.00',
      issueDate: '2020-01-15',
      expiryDate: '2030-01-15',
      cardNumber: 'A01234567',
      idNumber: '330106198503127318',
      name: '张伟',
      sex: 'male',
      nation: '汉',
      birthDate: '1985-03-12',
      access: 'select',
    });
  });

  it('reads by SFI (P2 2C for EF05, 34 for EF06) when SELECT EF fails', async () => {
    const t = script([
      [SELECT_APP, '90 00'],
      ['00 A4 02 00 02 EF 05', '6A 82'],
      ['00 B2 01 2C 12', `${IDENTIFIER} 90 00`],
      ['00 B2 03 2C 06', '6A 83'], // no version record: tolerated
      ['00 B2 05 2C 06', '05 04 20 20 01 15 90 00'],
      ['00 B2 06 2C 06', '06 04 20 30 01 15 90 00'],
      ['00 B2 07 2C 0B', '07 09 41 30 31 32 33 34 35 36 37 90 00'],
      ['00 A4 02 00 02 EF 06', '6A 82'],
      ['00 B2 08 34 14', `${ID_NUMBER} 90 00`],
      ['00 B2 09 34 20', `${NAME} 90 00`],
      ['00 B2 0A 34 03', '0A 01 32 90 00'],
      ['00 B2 0B 34 03', '6A 83'],
      ['00 B2 0D 34 06', '6A 83'],
    ]);
    const card = await readSocialSecurityCard(t);
    expect(card).toMatchObject({ specVersion: '', sex: 'female', nation: '', access: 'sfi', name: '张伟' });
    expect(card.birthDate).toBeUndefined();
  });

  it('follows T=0 61xx with GET RESPONSE inside the application', async () => {
    const t = script([
      // FCI 6F 11 { 84 0F <AID> } is 19 bytes: 61 13.
      [SELECT_APP, '61 13'],
      ['00 C0 00 00 13', '6F 11 84 0F 73 78 31 2E 73 68 2E C9 E7 BB E1 B1 A3 D5 CF 90 00'],
      ...EF05_BY_SELECT,
      ...EF06_BY_SELECT,
    ]);
    expect((await readSocialSecurityCard(t)).name).toBe('张伟');
  });

  it('says locked for 6283 at application select, without reading further', async () => {
    const t = script([[SELECT_APP, '62 83']]);
    await expect(readSocialSecurityCard(t)).rejects.toMatchObject({ code: 'card-locked' });
    expect(t.sent).toHaveLength(1);
  });

  it('does not call a bank card locked when it answers 6A81 (function not supported)', async () => {
    const t = script([
      [SELECT_APP, '6A 81'],
      ['00 B2 01 2C 12', '6A 81'],
    ]);
    await expect(readSocialSecurityCard(t)).rejects.toMatchObject({ code: 'wrong-card' });
  });

  it('says locked for 6A81 on a record once the application was selected', async () => {
    const t = script([
      [SELECT_APP, '90 00'],
      ['00 A4 02 00 02 EF 05', '90 00'],
      ['00 B2 01 00 12', '6A 81'],
    ]);
    await expect(readSocialSecurityCard(t)).rejects.toMatchObject({ code: 'card-locked', message: expect.stringMatching(/READ RECORD 01 answered 6A81/) });
  });

  it('says wrong card when neither the application nor EF05 by SFI exists', async () => {
    const t = script([
      [SELECT_APP, '6A 82'],
      ['00 B2 01 2C 12', '6A 82'],
    ]);
    await expect(readSocialSecurityCard(t)).rejects.toMatchObject({ code: 'wrong-card' });
  });

  it('refuses spec version 4.00 as unsupported', async () => {
    const t = script([
      [SELECT_APP, '90 00'],
      ['00 A4 02 00 02 EF 05', '90 00'],
      ['00 B2 01 00 12', `${IDENTIFIER} 90 00`],
      ['00 B2 03 00 06', '03 04 34 2E 30 30 90 00'],
    ]);
    await expect(readSocialSecurityCard(t)).rejects.toMatchObject({ code: 'unsupported-version' });
  });

  it('says read-failed for a truncated record instead of decoding its tag as text', async () => {
    const t = script([
      [SELECT_APP, '90 00'],
      ['00 A4 02 00 02 EF 05', '90 00'],
      ['00 B2 01 00 12', '01 10 33 33 30 90 00'],
    ]);
    await expect(readSocialSecurityCard(t)).rejects.toMatchObject({ code: 'read-failed', message: expect.stringMatching(/record 01 of EF05 is malformed/) });
  });
});
