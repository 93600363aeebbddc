import { describe, expect, it } from 'vitest';
import type { Identity } from '../../electron/common/identity.js';
import { identityJson } from './card-cli.js';

const zhang: Identity = {
  cardType: 'resident',
  name: '张三丰',
  sex: 'male',
  nation: '汉',
  birthDate: '1949-12-31',
  address: '北京市东城区景山前街4号',
  idNumber: '11010519491231002X',
  idNumberValid: true,
  issuer: '北京市公安局东城分局',
  validFrom: '2010-01-01',
  validTo: 'long-term',
  extra: {},
};
const chan: Identity = {
  ...zhang,
  cardType: 'hk-mo-tw-residence',
  name: '陈大文',
  idNumber: '810000199001011230',
  extra: { passNumber: 'H12345678', issueCount: '01', englishName: 'CHAN TAI MAN' },
};

describe('the installer CLI output', () => {
  it('masks name, birth date, address, ID number and personal card numbers without --reveal', () => {
    expect(identityJson(zhang, false)).toEqual({
      cardType: 'resident',
      name: '张**',
      sex: 'male',
      nation: '汉',
      birthDate: '1949-**-**',
      address: '北京市*********',
      idNumber: '110***********002X',
      idNumberValid: true,
      issuer: '北京市公安局东城分局',
      validFrom: '2010-01-01',
      validTo: 'long-term',
      extra: {},
    });
    expect(identityJson(chan, false).extra).toEqual({ passNumber: 'H******78', issueCount: '01', englishName: 'C*** T** M**' });
    const printed = JSON.stringify([identityJson(zhang, false), identityJson(chan, false)]);
    for (const secret of ['张三丰', '1949-12-31', '景山前街', '11010519491231002X', 'H12345678', '陈大文', 'CHAN TAI MAN']) expect(printed).not.toContain(secret);
  });

  it('shows everything as read with --reveal', () => {
    expect(identityJson(zhang, true)).toMatchObject({ name: '张三丰', birthDate: '1949-12-31', address: '北京市东城区景山前街4号', idNumber: '11010519491231002X' });
    expect(identityJson(chan, true).extra).toEqual(chan.extra);
  });
});
