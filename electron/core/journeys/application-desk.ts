/**
 * Simple matters without paper proofs (无证明城市). Each former proof of a matter is
 * satisfied as the catalog says: removed, a signed commitment, a live data check, or a
 * department verification. A data check that cannot be made offline falls back to the
 * matter's declared fallback; the application goes to the outbox either way, and a
 * receipt prints. A 一件事 bundle fans out to one application per department matter.
 */
import { randomUUID } from 'node:crypto';
import type { Matter, MatterProof, ProofRecord, ProofType } from '../../common/central-api.js';
import type { Identity } from '../../common/identity.js';
import type { DataCheckView, ProofOutcome, SubmissionOutcome, SubmitApplicationRequest } from '../../common/journey-schemas.js';
import { CentralError } from '../sync/central-client.js';
import type { ProofLine } from '../printing/models.js';
import type { MatterCatalog } from './catalog.js';
import { JourneyError } from './errors.js';
import type { JourneyState } from './journey-state.js';
import type { DeskOptions } from './desk-options.js';
import { guardStoreWrite } from './store-guard.js';
import { hallDay } from '../store/kiosk-store.js';
import type { SubjectHandle } from '../session.js';

export interface ApplicationDeskOptions extends DeskOptions {
  catalog: MatterCatalog;
  state: JourneyState;
}

export interface Applicant {
  subject: Identity;
  /** The agent (代办) when acting for a principal. */
  agent: Identity | null;
  /** The session and subject that asked: every answer is applied to them only. */
  handle: SubjectHandle;
}

/** What the citizen reads of each proof's outcome: [Chinese, English]. */
const FALLBACK_SUMMARY = {
  commitment: ['暂时连不上中心系统，本项改为告知承诺，不影响您办理。', 'The central system cannot be reached: this proof becomes a signed commitment; your application goes ahead.'],
  'department-verification': ['暂时连不上中心系统，本项改为部门核验，结果将短信通知您。', 'The central system cannot be reached: the department will verify this proof and send you a text message.'],
} as const;
const OUTCOME_SUMMARY = {
  removed: ['该证明已直接取消', 'This proof is no longer needed'],
  commitment: ['已签署告知承诺', 'Commitment signed'],
  verification: ['已提交部门核验', 'Sent to the department for verification'],
  verificationFallback: ['已转部门核验', 'Passed to the department for verification'],
  notFound: ['数据未查到，已转部门核验', 'No record found: passed to the department for verification'],
} as const;

const sessionEnded = () => new JourneyError('no-session', 'the session that asked for this data check has ended');

export class ApplicationDesk {
  private readonly now: () => number;

  constructor(private readonly o: ApplicationDeskOptions) {
    this.now = o.now ?? Date.now;
  }

  async runDataCheck(applicant: Applicant, matterId: string, proofType: ProofType): Promise<DataCheckView> {
    const proof = this.proofOf(this.o.catalog.get(matterId), proofType);
    if (proof.satisfiedBy !== 'data-check') {
      throw new JourneyError('unknown-matter', `proof ${proofType} of ${matterId} is not satisfied by a data check`);
    }
    const fallback = proof.fallback ?? 'department-verification';
    // Held as a string: the session's Identity is scrubbed if it ends during the await.
    const idNumber = applicant.subject.idNumber;
    const idHash = this.o.store.idHash(idNumber);
    this.o.store.audit('kiosk', 'data-check.request', idHash, matterId, `数据查验 ${proofType}`);
    try {
      if (!this.o.central) throw new CentralError('network', 'no central system configured');
      const response = await this.o.central.dataCheck({ idHash, proofType });
      // The citizen who asked has gone (or another swiped): their answer goes nowhere.
      if (!this.o.state.recordDataCheck(applicant.handle, matterId, proofType, { status: response.result, response })) throw sessionEnded();
      await guardStoreWrite(
        () =>
          this.o.store.recordVerificationResult({
            id: response.reference,
            idNumber,
            proofType,
            method: 'data-check',
            state: response.result,
            reference: response.reference,
          }),
        this.o.onStoreFull,
      );
      return {
        matterId,
        proofType,
        status: response.result,
        summary: response.summary,
        summaryEn: response.summaryEn ?? null,
        fallback: response.result === 'confirmed' ? null : 'department-verification',
      };
    } catch (err) {
      if (err instanceof JourneyError) throw err;
      const retryable = !(err instanceof CentralError) || err.retryable;
      if (!retryable) throw err;
      if (!this.o.state.recordDataCheck(applicant.handle, matterId, proofType, { status: 'unavailable', response: null })) throw sessionEnded();
      const [summary, summaryEn] = FALLBACK_SUMMARY[fallback];
      return { matterId, proofType, status: 'unavailable', summary, summaryEn, fallback };
    }
  }

  async submit(applicant: Applicant, request: SubmitApplicationRequest): Promise<SubmissionOutcome> {
    const top = this.o.catalog.get(request.matterId);
    if (top.handling !== 'kiosk') {
      throw new JourneyError('not-at-kiosk', top.windowReason ?? `${top.name} cannot be done at the kiosk: take a window ticket`);
    }
    const members = this.o.catalog.expand(top);
    // Captured now: the session's Identity is scrubbed if it ends while the receipt prints.
    const holder = { idNumber: applicant.subject.idNumber, name: applicant.subject.name };
    const agentIdNumber = applicant.agent?.idNumber ?? null;
    // Resolve every proof first: a missing commitment refuses the whole submission before anything is written.
    const resolved = members.map((m) => ({ matter: m, proofs: m.proofs.map((p) => this.resolve(applicant, m, p, request.commitments)) }));
    const accepted = await Promise.all(
      resolved.map(({ matter, proofs }) =>
        guardStoreWrite(
          () =>
            this.o.store.submitApplication({
              applicationId: randomUUID(),
              matterId: matter.id,
              matterVersion: matter.version,
              applicant: holder,
              agentIdNumber,
              proofs: proofs.map((p) => p.record),
              answers: request.answers,
            }),
          this.o.onStoreFull,
        ),
      ),
    );
    const submittedAt = this.now();
    const applications = resolved.map(({ matter, proofs }, i) => {
      const record = accepted[i]!;
      return {
        applicationId: record.id,
        applicationNo: `SQ${hallDay(submittedAt, this.o.timeZone).replaceAll('-', '')}${this.o.kioskId.replace(/[^A-Za-z0-9]/g, '').slice(-3)}${String(record.seq).padStart(6, '0')}`,
        matterId: matter.id,
        matterName: matter.name,
        proofs: proofs.map((p) => p.outcome),
        state: proofs.some((p) => p.outcome.satisfiedBy === 'department-verification') ? ('awaiting-verification' as const) : ('accepted' as const),
      };
    });
    const model = this.receiptModel(top, holder.idNumber, applications, resolved, submittedAt);
    const print = await this.o.print.print({ kind: 'receipt', model }, applicant.handle);
    return { applications, bundle: members.length > 1 || Boolean(top.bundleOf?.length), print };
  }

  private proofOf(matter: Matter, proofType: ProofType): MatterProof {
    const proof = matter.proofs.find((p) => p.proofType === proofType);
    if (!proof) throw new JourneyError('unknown-matter', `${matter.id} has no proof ${proofType}`);
    return proof;
  }

  private resolve(applicant: Applicant, matter: Matter, proof: MatterProof, commitments: ProofType[]): { record: ProofRecord; outcome: ProofOutcome; line: ProofLine } {
    const base = { proofType: proof.proofType, formerProof: proof.formerProof, formerProofEn: proof.formerProofEn ?? null };
    const verification = (fellBack: boolean, [summary, summaryEn]: readonly [string, string]) => {
      const promisedBy = this.now() + (proof.promisedMinutes ?? 24 * 60) * 60_000;
      return {
        record: { proofType: proof.proofType, satisfiedBy: 'department-verification' as const, detail: null },
        outcome: { ...base, satisfiedBy: 'department-verification' as const, fellBack, promisedBy, summary, summaryEn },
        line: { name: proof.formerProof, resolution: { kind: 'department-verification' as const, department: matter.category, promisedBy } },
      };
    };
    const commitment = (fellBack: boolean) => {
      if (!commitments.includes(proof.proofType)) {
        throw new JourneyError('commitment-required', `the citizen must confirm the commitment for ${proof.formerProof}`);
      }
      const text = proof.commitmentText ?? `本人承诺${proof.formerProof}所涉情况属实。`;
      return {
        record: { proofType: proof.proofType, satisfiedBy: 'commitment' as const, detail: text },
        outcome: { ...base, satisfiedBy: 'commitment' as const, fellBack, promisedBy: null, summary: OUTCOME_SUMMARY.commitment[0], summaryEn: OUTCOME_SUMMARY.commitment[1] },
        line: { name: proof.formerProof, resolution: { kind: 'commitment' as const } },
      };
    };
    switch (proof.satisfiedBy) {
      case 'removed':
        return {
          record: { proofType: proof.proofType, satisfiedBy: 'removed', detail: null },
          outcome: { ...base, satisfiedBy: 'removed', fellBack: false, promisedBy: null, summary: OUTCOME_SUMMARY.removed[0], summaryEn: OUTCOME_SUMMARY.removed[1] },
          line: { name: proof.formerProof, resolution: { kind: 'removed' } },
        };
      case 'commitment':
        return commitment(false);
      case 'department-verification':
        return verification(false, OUTCOME_SUMMARY.verification);
      case 'data-check': {
        const check = this.o.state.dataCheck(applicant.handle, matter.id, proof.proofType);
        if (check?.status === 'confirmed' && check.response) {
          return {
            record: { proofType: proof.proofType, satisfiedBy: 'data-check', detail: check.response.reference },
            outcome: { ...base, satisfiedBy: 'data-check', fellBack: false, promisedBy: null, summary: check.response.summary, summaryEn: check.response.summaryEn ?? null },
            line: { name: proof.formerProof, resolution: { kind: 'data-check', source: check.response.summary } },
          };
        }
        // Not checked, not found, or the centre was unreachable: the matter's fallback applies.
        const fallback = check?.status === 'unavailable' || !check ? (proof.fallback ?? 'department-verification') : 'department-verification';
        return fallback === 'commitment' ? commitment(true) : verification(true, check?.status === 'not-found' ? OUTCOME_SUMMARY.notFound : OUTCOME_SUMMARY.verificationFallback);
      }
    }
  }

  private receiptModel(
    top: Matter,
    idNumber: string,
    applications: SubmissionOutcome['applications'],
    resolved: Array<{ matter: Matter; proofs: Array<{ line: ProofLine; record: ProofRecord }> }>,
    submittedAt: number,
  ) {
    const first = applications[0]!;
    const commitmentText = resolved.flatMap((r) => r.proofs).find((p) => p.record.satisfiedBy === 'commitment')?.record.detail ?? undefined;
    const verifying = applications.some((a) => a.state === 'awaiting-verification');
    const trackingUrl = `${this.o.trackingBaseUrl}?application=${encodeURIComponent(first.applicationId)}`;
    return {
      hallName: this.o.hallName,
      matter: applications.length > 1 ? `${top.name}（${applications.length}个部门事项并联办理）` : top.name,
      applicationNumber: applications.length > 1 ? `${first.applicationNo} 等${applications.length}件` : first.applicationNo,
      idNumber,
      submittedAt,
      timeZone: this.o.timeZone,
      kioskId: this.o.kioskId,
      proofs: resolved.flatMap((r) => r.proofs.map((p) => p.line)),
      ...(commitmentText ? { commitmentText } : {}),
      nextSteps: verifying
        ? ['部门核验完成后将短信通知您', '也可扫码或再次刷卡查询办理进度']
        : ['申请已受理，办理结果将短信通知您', '可扫码或再次刷卡查询办理进度'],
      trackingUrl,
      evaluationUrl: `${this.o.trackingBaseUrl}?evaluate=${encodeURIComponent(first.applicationId)}`,
    };
  }
}
