/** The identification rule: which session may act on which matter, and the step that is missing otherwise. */
import { describe, expect, it } from 'vitest';
import type { IdentificationMethod } from '../../common/central-api.js';
import { acceptedIdentification, decide, requireIdentification } from './assurance.js';
import type { SubjectIdentification } from '../session.js';

const idcard: SubjectIdentification = { method: 'idcard', assurance: null, faceVerified: false };
const citizencard: SubjectIdentification = { method: 'citizencard', assurance: null, faceVerified: false };
const code = (assurance: 'low' | 'substantial' | 'high', faceVerified = false): SubjectIdentification => ({ method: 'code', assurance, faceVerified });
const accepts = (...identification: IdentificationMethod[]) => ({ identification });

describe('assurance per matter', () => {
  it('defaults a matter that declares nothing to either card or a code with the face', () => {
    expect(acceptedIdentification({})).toEqual(['idcard', 'citizencard', 'code+face']);
    expect(decide({}, idcard)).toEqual({ allowed: true });
    expect(decide({}, citizencard)).toEqual({ allowed: true });
    expect(decide({}, code('substantial'))).toEqual({ allowed: false, missing: 'needs-face' });
    expect(decide({}, code('substantial', true))).toEqual({ allowed: true });
  });

  it('lets a real-name code act where codes are accepted, and an account-only (low) code only after the face', () => {
    expect(decide(accepts('idcard', 'code'), code('substantial'))).toEqual({ allowed: true });
    expect(decide(accepts('idcard', 'code'), code('low'))).toEqual({ allowed: false, missing: 'needs-face' });
    expect(decide(accepts('idcard', 'code'), code('low', true))).toEqual({ allowed: true });
  });

  it('counts a code the central system vouched for with the face (high) as code+face', () => {
    expect(decide(accepts('code+face'), code('high'))).toEqual({ allowed: true });
    expect(decide(accepts('code+face'), code('substantial'))).toEqual({ allowed: false, missing: 'needs-face' });
  });

  it('asks a code holder for a card where no code is accepted', () => {
    expect(decide(accepts('idcard', 'citizencard'), code('high', true))).toEqual({ allowed: false, missing: 'needs-card' });
  });

  it('asks for the other card, or for a code, when the card used is not accepted', () => {
    expect(decide(accepts('citizencard'), idcard)).toEqual({ allowed: false, missing: 'needs-card' });
    expect(decide(accepts('code'), idcard)).toEqual({ allowed: false, missing: 'needs-code' });
    expect(decide(accepts('idcard'), idcard)).toEqual({ allowed: true });
  });

  it('refuses with a typed error naming the missing step when any matter of a bundle does not allow it', () => {
    const matters = [{ id: 'bundle', identification: ['idcard', 'code'] as IdentificationMethod[] }, { id: 'member', identification: ['idcard', 'code+face'] as IdentificationMethod[] }];
    expect(() => requireIdentification(matters, code('substantial'))).toThrow(expect.objectContaining({ code: 'needs-face', message: expect.stringContaining('member') }));
    expect(() => requireIdentification(matters, idcard)).not.toThrow();
  });
});
