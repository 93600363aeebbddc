import type { MatterProof } from '../../../../electron/common/central-api.js';
import type { MatterView, SubmissionOutcome } from '../../../../electron/common/journey-schemas.js';
import type { Screen } from '../ui/state.js';
import type { KioskState } from '../../types.js';
import { findMatter, subMattersOf } from '../matters/selectors.js';
import { selectSubjectKey } from '../session/selectors.js';
import type { ApplicationDraft, ProofKey } from './state.js';

/** One former proof of one department matter, as the core resolves it at submit. */
export interface ProofItem {
  key: ProofKey;
  matter: MatterView;
  proof: MatterProof;
}

/**
 * The proofs a submission resolves: a simple matter's own, or for a 一件事 bundle those of
 * each department matter it fans out to (the core checks and resolves them per matter).
 */
export function proofItems(catalog: MatterView[] | null, matter: MatterView): ProofItem[] {
  const members = matter.bundleOf?.length ? subMattersOf(catalog, matter) : [matter];
  return members.flatMap((m) => m.proofs.map((proof) => ({ key: `${m.id}/${proof.proofType}` as ProofKey, matter: m, proof })));
}

export const selectDraft = (s: KioskState) => s.draft;
export const selectDraftMatter = (s: KioskState) => findMatter(s.catalog, s.draft?.matterId ?? null);

export const dataCheckItems = (items: ProofItem[]): ProofItem[] => items.filter((i) => i.proof.satisfiedBy === 'data-check');

/** A data check is settled once it answered or its call failed. */
const checkSettled = (draft: ApplicationDraft, item: ProofItem) => draft.checks[item.key] !== undefined || draft.failedChecks.includes(item.key);

/** How a data-check proof ends up when the check did not confirm it (null: confirmed or not yet known). */
export function fallbackOf(draft: ApplicationDraft, item: ProofItem): 'commitment' | 'department-verification' | null {
  const check = draft.checks[item.key];
  if (check) return check.status === 'confirmed' ? null : (check.fallback ?? item.proof.fallback ?? 'department-verification');
  return draft.failedChecks.includes(item.key) ? (item.proof.fallback ?? 'department-verification') : null;
}

/**
 * 告知承诺 the citizen must confirm: commitment proofs, and data checks that fell back to a
 * commitment. One confirmation per proof type (the core records commitments by type).
 */
export function requiredCommitments(draft: ApplicationDraft, items: ProofItem[]): ProofItem[] {
  const needed = items.filter(
    (i) => i.proof.satisfiedBy === 'commitment' || (i.proof.satisfiedBy === 'data-check' && fallbackOf(draft, i) === 'commitment'),
  );
  return needed.filter((item, index) => needed.findIndex((other) => other.proof.proofType === item.proof.proofType) === index);
}

export interface CheckProgress {
  done: number;
  total: number;
}

export const checkProgress = (draft: ApplicationDraft, items: ProofItem[]): CheckProgress => {
  const checks = dataCheckItems(items);
  return { done: checks.filter((i) => checkSettled(draft, i)).length, total: checks.length };
};

/** The draft's proof items (memoised on the draft's matter and the catalog). */
let lastKey: [MatterView[] | null, string | null] = [null, null];
let lastItems: ProofItem[] = [];
export const selectDraftItems = (s: KioskState): ProofItem[] => {
  const matterId = s.draft?.matterId ?? null;
  if (lastKey[0] !== s.catalog || lastKey[1] !== matterId) {
    lastKey = [s.catalog, matterId];
    const matter = findMatter(s.catalog, matterId);
    lastItems = matter ? proofItems(s.catalog, matter) : [];
  }
  return lastItems;
};

/** The commitment to show now (the first not yet confirmed), or null when all are confirmed. */
export const selectNextCommitment = (s: KioskState): ProofItem | null => {
  const draft = s.draft;
  if (!draft) return null;
  return requiredCommitments(draft, selectDraftItems(s)).find((i) => !draft.commitments.includes(i.proof.proofType)) ?? null;
};

/** Where handling continues: unsettled data checks, then commitments, then the form. */
export function nextHandlingScreen(s: KioskState): Screen {
  const draft = s.draft;
  if (!draft || !selectDraftMatter(s)) return 'matter-detail';
  if (dataCheckItems(selectDraftItems(s)).some((i) => !checkSettled(draft, i))) return 'data-check';
  if (selectNextCommitment(s)) return 'commitment';
  return 'application-form';
}

/** The subject's latest receipt. */
export const selectLastSubmission = (s: KioskState): SubmissionOutcome | null =>
  s.submissions[selectSubjectKey(s)]?.at(-1) ?? null;
