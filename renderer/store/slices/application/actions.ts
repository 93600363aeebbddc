import type { SliceCreator } from '../../types.js';
import type { ProofType } from '../../../../electron/common/central-api.js';
import { callForSession } from '../../call.js';
import { selectMatter } from '../matters/selectors.js';
import { selectSessionId, selectSubjectKey } from '../session/selectors.js';
import { dataCheckItems, nextHandlingScreen, selectDraftItems, selectDraftMatter } from './selectors.js';
import { initialApplicationState, type ApplicationDraft, type ApplicationState } from './state.js';

export interface ApplicationActions {
  /** 开始办理 on a matter the kiosk can do: data checks, then commitments, then the form. */
  handlingStarted(): void;
  /** Runs every 数据查验 of the matter in turn (progress shows as each answers). */
  dataChecksRequested(): Promise<void>;
  /** Moves on to the next step the matter still needs. */
  handlingContinued(): void;
  /** 告知承诺 confirmed by press-and-hold. */
  commitmentConfirmed(proofType: ProofType): void;
  answerChosen(question: string, answer: string): void;
  /** One submit, for a simple matter or a whole 一件事 bundle: the receipt follows. */
  applicationSubmitted(): Promise<void>;
}

export const createApplicationSlice: SliceCreator<ApplicationState & ApplicationActions> = (set, get, client) => {
  const updateDraft = (matterId: string, change: (d: ApplicationDraft) => Partial<ApplicationDraft>) =>
    set((s) => (s.draft?.matterId === matterId ? { draft: { ...s.draft, ...change(s.draft) } } : {}));

  return {
    ...initialApplicationState,
    handlingStarted: () => {
      const matter = selectMatter(get());
      if (!matter || matter.handling !== 'kiosk' || !selectSessionId(get())) return;
      const draft: ApplicationDraft = {
        subjectKey: selectSubjectKey(get()),
        matterId: matter.id,
        checks: {},
        failedChecks: [],
        commitments: [],
        answers: {},
      };
      set({ draft });
      get().handlingContinued();
      if (get().screen === 'data-check') void get().dataChecksRequested();
    },
    dataChecksRequested: async () => {
      const matter = selectDraftMatter(get());
      if (!matter) return;
      // One after another: the citizen watches each answer arrive, and a slow centre is not hit in bursts.
      for (const item of dataCheckItems(selectDraftItems(get()))) {
        const draft = get().draft;
        if (draft?.matterId !== matter.id) return;
        if (draft.checks[item.key] || draft.failedChecks.includes(item.key)) continue;
        const result = await callForSession(get, set, 'runDataCheck', (sessionId) =>
          client.runDataCheck({ matterId: item.matter.id, proofType: item.proof.proofType }, sessionId),
        );
        if (!selectSessionId(get())) return;
        // The matter wants the face first (刷脸): ask for it, and start the checks again after a match.
        if (!result && get().problem?.code === 'needs-face') return get().faceStepRequested('handling');
        if (result) updateDraft(matter.id, (d) => ({ checks: { ...d.checks, [item.key]: result.value } }));
        else updateDraft(matter.id, (d) => ({ failedChecks: [...d.failedChecks, item.key] }));
      }
    },
    handlingContinued: () => get().navigate(nextHandlingScreen(get())),
    commitmentConfirmed: (proofType) => {
      const draft = get().draft;
      if (!draft || draft.commitments.includes(proofType)) return;
      updateDraft(draft.matterId, (d) => ({ commitments: [...d.commitments, proofType] }));
      get().handlingContinued();
    },
    answerChosen: (question, answer) => {
      const draft = get().draft;
      if (draft) updateDraft(draft.matterId, (d) => ({ answers: { ...d.answers, [question]: answer } }));
    },
    applicationSubmitted: async () => {
      const draft = get().draft;
      if (!draft) return;
      const request = { matterId: draft.matterId, commitments: draft.commitments, answers: draft.answers };
      const result = await callForSession(get, set, 'submitApplication', (sessionId) => client.submitApplication(request, sessionId));
      if (!result && get().problem?.code === 'needs-face') return get().faceStepRequested('submit');
      if (!result) return;
      const outcome = result.value;
      set((s) => ({
        draft: null,
        submissions: { ...s.submissions, [draft.subjectKey]: [...(s.submissions[draft.subjectKey] ?? []), outcome] },
        history: [
          ...s.history,
          ...outcome.applications.map((a) => ({ subjectType: 'application' as const, subjectId: a.applicationId })),
        ],
      }));
      get().navigate('receipt');
    },
  };
};
