import { describe, expect, it } from 'vitest';
import { SocialSecurityApplet } from '../../scripts/sim/citizencard/applet.js';
import { cardByKey } from '../../scripts/sim/citizencard/cards.js';
import { CitizenCardError } from './errors.js';
import { socialSecurityIdentity } from './identity.js';
import { readSocialSecurityCard } from './social-security.js';
import type { ApduTransport } from './transmit.js';

/** The emulator's applet in-process: the application layer against a card written separately. */
function cardTransport(key: string): ApduTransport & { log: string[] } {
  const applet = new SocialSecurityApplet(cardByKey(key));
  const log: string[] = [];
  return {
    log,
    async transmit(command) {
      const answer = applet.process(command);
      log.push(Buffer.from(command).toString('hex').slice(0, 8) + '→' + Buffer.from(answer.subarray(-2)).toString('hex'));
      return answer;
    },
  };
}

async function failure(key: string): Promise<CitizenCardError> {
  try {
    await readSocialSecurityCard(cardTransport(key));
  } catch (err) {
    if (err instanceof CitizenCardError) return err;
    throw err;
  }
  throw new Error(`card ${key} was read without error`);
}

describe('social-security card application', () => {
  it('reads a 3.00 card through SELECT and maps it to an Identity', async () => {
    const card = await readSocialSecurityCard(cardTransport('zhang-wei'));
    expect(card).toEqual({
      cardIdentifier: '330100D156000005',
      region: '330100',
      specVersion: '3.00',
      cardNumber: 'A01234567',
      issueDate: '2020-01-15',
      expiryDate: '2030-01-15',
      idNumber: '330106198503127318',
      name: '张伟',
      sex: 'male',
      nationCode: 1,
      nation: '汉',
      birthDate: '1985-03-12',
      access: 'select',
    });
    const identity = socialSecurityIdentity(card);
    expect(identity).toMatchObject({
      cardType: 'social-security',
      name: '张伟',
      idNumber: '330106198503127318',
      idNumberValid: true,
      validFrom: '2020-01-15',
      validTo: '2030-01-15',
      extra: { cardNumber: 'A01234567', region: '330100', specVersion: '3.00', cardIdentifier: '330100D156000005' },
    });
  });
  it('reads a T=0 card answering 61xx and 6Cxx', async () => {
    const t = cardTransport('ma-li');
    const card = await readSocialSecurityCard(t);
    expect(card).toMatchObject({ name: '马丽', sex: 'female', nation: '回', specVersion: '2.00', idNumber: '640104199207180020' });
    expect(t.log.some((l) => l.endsWith('→6c16'))).toBe(true);
    expect(t.log.some((l) => l.startsWith('00c00000'))).toBe(true);
  });
  it('falls back to SFI reads when SELECT EF fails', async () => {
    const card = await readSocialSecurityCard(cardTransport('bao-yun'));
    expect(card).toMatchObject({ name: '包云', nation: '蒙古', idNumber: '15010220010105062X', access: 'sfi' });
  });
  it('reads by SFI when the application select fails but the application is current', async () => {
    const card = await readSocialSecurityCard(cardTransport('chen-jian'));
    expect(card).toMatchObject({ name: '陈建', region: '440300', access: 'sfi' });
  });
  it('reports a locked card', async () => {
    const err = await failure('locked');
    expect(err.code).toBe('card-locked');
    expect(err.message).toMatch(/6283/);
    expect(err.citizenMessage).toMatch(/锁定/);
  });
  it('reports a card that is not a social-security card', async () => {
    const err = await failure('bank-card');
    expect(err.code).toBe('wrong-card');
    expect(err.citizenMessage).toMatch(/不是社会保障卡/);
  });
  it('reports an unsupported spec version before reading personal data', async () => {
    const t = cardTransport('old-version');
    const err = await failure('old-version');
    expect(err.code).toBe('unsupported-version');
    expect(err.message).toMatch(/"1\.00"/);
    await expect(readSocialSecurityCard(t)).rejects.toThrow(CitizenCardError);
    expect(t.log.some((l) => l.startsWith('00a40200') && l.includes('ef06'))).toBe(false);
  });
  it('wraps transport failures as read-failed', async () => {
    const broken: ApduTransport = { transmit: async () => Uint8Array.of(0x90) };
    await expect(readSocialSecurityCard(broken)).rejects.toMatchObject({ code: 'read-failed' });
  });
});
