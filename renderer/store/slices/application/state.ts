import type { ProofType } from '../../../../electron/common/central-api.js';
import type { DataCheckView, SubmissionOutcome } from '../../../../electron/common/journey-schemas.js';
import type { SubjectKey } from '../session/selectors.js';

/** A proof of one department matter: `${matterId}/${proofType}` (a 一件事 has several matters). */
export type ProofKey = `${string}/${ProofType}`;

/** A matter being handled at the kiosk, from the first data check to the submit. */
export interface ApplicationDraft {
  subjectKey: SubjectKey;
  matterId: string;
  /** 数据查验 answers, per department matter and proof. */
  checks: Partial<Record<ProofKey, DataCheckView>>;
  /** Checks whose call failed outright: the matter's declared fallback applies. */
  failedChecks: ProofKey[];
  /** 告知承诺 confirmed by the deliberate gesture, in order. */
  commitments: ProofType[];
  answers: Record<string, string>;
}

export interface ApplicationState {
  draft: ApplicationDraft | null;
  /** Submitted applications (receipts) in this session, per person. */
  submissions: Partial<Record<SubjectKey, SubmissionOutcome[]>>;
}

export const initialApplicationState: ApplicationState = { draft: null, submissions: {} };
