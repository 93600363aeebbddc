import type { MatterProof } from '../../../../electron/common/central-api.js';
import type { SubmissionOutcome } from '../../../../electron/common/journey-schemas.js';
import type { Screen } from '../ui/state.js';
import type { KioskState } from '../../types.js';
import { findMatter } from '../matters/selectors.js';
import { selectSubjectKey } from '../session/selectors.js';
import type { ApplicationDraft } from './state.js';

export const selectDraft = (s: KioskState) => s.draft;
export const selectDraftMatter = (s: KioskState) => findMatter(s.catalog, s.draft?.matterId ?? null);

export const dataCheckProofs = (proofs: MatterProof[]): MatterProof[] => proofs.filter((p) => p.satisfiedBy === 'data-check');

/** A data check is settled once it answered or its call failed. */
const checkSettled = (draft: ApplicationDraft, p: MatterProof) => draft.checks[p.proofType] !== undefined || draft.failedChecks.includes(p.proofType);

/** How a data-check proof ends up when the check did not confirm it (null: confirmed or not yet known). */
export function fallbackOf(draft: ApplicationDraft, p: MatterProof): 'commitment' | 'department-verification' | null {
  const check = draft.checks[p.proofType];
  if (check) return check.status === 'confirmed' ? null : (check.fallback ?? p.fallback ?? null);
  return draft.failedChecks.includes(p.proofType) ? (p.fallback ?? null) : null;
}

/** 告知承诺 the citizen must confirm: commitment proofs, and data checks that fell back to a commitment. */
export function requiredCommitments(draft: ApplicationDraft, proofs: MatterProof[]): MatterProof[] {
  return proofs.filter(
    (p) => p.satisfiedBy === 'commitment' || (p.satisfiedBy === 'data-check' && fallbackOf(draft, p) === 'commitment'),
  );
}

export interface CheckProgress {
  done: number;
  total: number;
}

export const checkProgress = (draft: ApplicationDraft, proofs: MatterProof[]): CheckProgress => {
  const checks = dataCheckProofs(proofs);
  return { done: checks.filter((p) => checkSettled(draft, p)).length, total: checks.length };
};

/** The commitment to show now (the first not yet confirmed), or null when all are confirmed. */
export const selectNextCommitment = (s: KioskState): MatterProof | null => {
  const draft = s.draft;
  const matter = selectDraftMatter(s);
  if (!draft || !matter) return null;
  return requiredCommitments(draft, matter.proofs).find((p) => !draft.commitments.includes(p.proofType)) ?? null;
};

/** Where handling continues: unsettled data checks, then commitments, then the form. */
export function nextHandlingScreen(s: KioskState): Screen {
  const draft = s.draft;
  const matter = selectDraftMatter(s);
  if (!draft || !matter) return 'matter-detail';
  if (dataCheckProofs(matter.proofs).some((p) => !checkSettled(draft, p))) return 'data-check';
  if (selectNextCommitment(s)) return 'commitment';
  return 'application-form';
}

/** The subject's latest receipt. */
export const selectLastSubmission = (s: KioskState): SubmissionOutcome | null =>
  s.submissions[selectSubjectKey(s)]?.at(-1) ?? null;
