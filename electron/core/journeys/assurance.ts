/**
 * May this session act on this matter? Each matter declares the identification it
 * accepts (catalog `identification`; absent: DEFAULT_IDENTIFICATION). The answer is
 * either yes or the one step that is missing, so the page asks for it (swipe a card,
 * verify the face, scan a code) instead of refusing outright. A queue ticket needs any
 * identification and never comes here.
 */
import { DEFAULT_IDENTIFICATION, type IdentificationMethod, type Matter } from '../../common/central-api.js';
import type { SubjectIdentification } from '../session.js';
import { JourneyError } from './errors.js';


export type MissingStep = 'needs-card' | 'needs-face' | 'needs-code';
export type AssuranceDecision = { allowed: true } | { allowed: false; missing: MissingStep };

export function acceptedIdentification(matter: Pick<Matter, 'identification'>): readonly IdentificationMethod[] {
  return matter.identification ?? DEFAULT_IDENTIFICATION;
}

/** What this identification counts as: a card is what it is; a code counts as code+face once the face matched. */
function satisfies(who: SubjectIdentification): IdentificationMethod[] {
  if (who.method !== 'code') return [who.method];
  // A code the central system holds only for an account (low) is no real-name identification.
  if (who.assurance === 'low') return who.faceVerified ? ['code'] : [];
  if (who.faceVerified || who.assurance === 'high') return ['code', 'code+face'];
  return ['code'];
}

export function decide(matter: Pick<Matter, 'identification'>, who: SubjectIdentification): AssuranceDecision {
  const accepted = acceptedIdentification(matter);
  const have = satisfies(who);
  if (accepted.some((m) => have.includes(m))) return { allowed: true };
  // The cheapest step that would do: the face for a code holder, else a card, else a code.
  if (who.method === 'code' && (accepted.includes('code+face') || accepted.includes('code'))) return { allowed: false, missing: 'needs-face' };
  if (accepted.includes('idcard') || accepted.includes('citizencard')) return { allowed: false, missing: 'needs-card' };
  return { allowed: false, missing: who.method === 'code' ? 'needs-face' : 'needs-code' };
}

/** Refuses (typed, naming the missing step) unless every matter allows this identification. */
export function requireIdentification(matters: Array<Pick<Matter, 'identification' | 'id'>>, who: SubjectIdentification): void {
  for (const m of matters) {
    const decision = decide(m, who);
    if (!decision.allowed) {
      throw new JourneyError(decision.missing, `${m.id} accepts ${acceptedIdentification(m).join(', ')}; this session was identified by ${describe(who)}`);
    }
  }
}

function describe(who: SubjectIdentification): string {
  if (who.method !== 'code') return who.method;
  return `code (assurance ${who.assurance ?? 'unknown'}${who.faceVerified ? ', face verified' : ''})`;
}
