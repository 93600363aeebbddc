/** Handling a matter: data checks with progress and offline fallbacks, commitments, one submit (also for bundles). */
import { describe, expect, it } from 'vitest';
import { connectStore, createKioskUiStore } from './index.js';
import { callError, fakeClient, sessionView, settle, submission } from './testing/fake-client.js';
import { checkProgress, selectDraftItems, selectLastSubmission, selectNextCommitment } from './slices/application/selectors.js';

async function identified() {
  const fake = fakeClient();
  const store = createKioskUiStore(fake.client);
  await connectStore(store, fake.client);
  fake.emit('session', sessionView());
  await settle();
  return { ...fake, store, s: () => store.getState() };
}

const unavailable = (matterId: string, proofType: string, fallback: 'commitment' | 'department-verification') => ({
  matterId,
  proofType: proofType as never,
  status: 'unavailable' as const,
  summary: '暂时连不上中心系统',
  summaryEn: 'The central system cannot be reached',
  fallback,
});

describe('handling a matter at the kiosk', () => {
  it('runs each data check in turn, then goes straight to the form when all are confirmed', async () => {
    const { s, fns } = await identified();
    s().matterChosen('residence-permit');
    expect(s().screen).toBe('matter-detail');
    s().handlingStarted();
    expect(s().screen).toBe('data-check');
    await settle();
    await settle();
    expect(fns.runDataCheck.mock.calls.map((c) => c[0])).toEqual([
      { matterId: 'residence-permit', proofType: 'residence' },
      { matterId: 'residence-permit', proofType: 'social-insurance' },
    ]);
    expect(checkProgress(s().draft!, selectDraftItems(s()))).toEqual({ done: 2, total: 2 });
    s().handlingContinued();
    expect(s().screen).toBe('application-form');
    await s().applicationSubmitted();
    expect(fns.submitApplication).toHaveBeenCalledWith({ matterId: 'residence-permit', commitments: [], answers: {} }, 'session-1');
    expect(s().screen).toBe('receipt');
    expect(s().draft).toBeNull();
  });

  it('offline: a check that falls back to a commitment asks for it; one that falls back to verification does not', async () => {
    const { s, fns } = await identified();
    fns.runDataCheck
      .mockResolvedValueOnce(unavailable('residence-permit', 'residence', 'commitment'))
      .mockResolvedValueOnce(unavailable('residence-permit', 'social-insurance', 'department-verification'));
    s().matterChosen('residence-permit');
    s().handlingStarted();
    await settle();
    await settle();
    s().handlingContinued();
    expect(s().screen).toBe('commitment');
    expect(selectNextCommitment(s())?.proof.commitmentText).toContain('本人承诺在本市连续居住满半年');
    s().commitmentConfirmed('residence');
    expect(s().screen).toBe('application-form');
    s().answerChosen('delivery', 'mail');
    await s().applicationSubmitted();
    expect(fns.submitApplication).toHaveBeenCalledWith({ matterId: 'residence-permit', commitments: ['residence'], answers: { delivery: 'mail' } }, 'session-1');
  });

  it('a data check whose call fails counts as settled with the matter’s own fallback, and says why', async () => {
    const { s, fns } = await identified();
    fns.runDataCheck.mockRejectedValueOnce(callError('internal-error'));
    s().matterChosen('elderly-card');
    s().handlingStarted();
    await settle();
    expect(s().draft?.failedChecks).toEqual(['elderly-card/household']);
    expect(s().problem?.code).toBe('internal-error');
    s().handlingContinued();
    expect(selectNextCommitment(s())?.proof.proofType).toBe('household');
  });

  it('a commitment-only matter goes to the commitment first, and records it once', async () => {
    const { s, fns } = await identified();
    s().matterChosen('student-loan-hardship');
    s().handlingStarted();
    expect(s().screen).toBe('commitment');
    expect(fns.runDataCheck).not.toHaveBeenCalled();
    s().commitmentConfirmed('financial-hardship');
    s().commitmentConfirmed('financial-hardship');
    expect(s().draft?.commitments).toEqual(['financial-hardship']);
    expect(s().screen).toBe('application-form');
  });

  it('a window matter cannot be started here', async () => {
    const { s } = await identified();
    s().matterChosen('passport');
    s().handlingStarted();
    expect(s().draft).toBeNull();
    expect(s().screen).toBe('matter-detail');
  });

  it('a 一件事 bundle checks each department matter’s proofs and submits once', async () => {
    const { s, fns } = await identified();
    fns.submitApplication.mockResolvedValueOnce(submission(['household-registration-proof', 'social-insurance-proof', 'kinship-proof']));
    s().matterChosen('newborn-bundle');
    s().handlingStarted();
    await settle();
    await settle();
    expect(fns.runDataCheck.mock.calls.map((c) => c[0])).toEqual([
      { matterId: 'household-registration-proof', proofType: 'household' },
      { matterId: 'social-insurance-proof', proofType: 'social-insurance' },
    ]);
    s().handlingContinued();
    expect(s().screen).toBe('application-form');
    await s().applicationSubmitted();
    expect(fns.submitApplication).toHaveBeenCalledTimes(1);
    expect(selectLastSubmission(s())?.applications).toHaveLength(3);
    expect(s().history.map((h) => h.subjectId)).toEqual(['app-0', 'app-1', 'app-2']);
  });

  it('a refused submit keeps the draft, so the citizen can fix it', async () => {
    const { s, fns } = await identified();
    fns.submitApplication.mockRejectedValueOnce(callError('commitment-required'));
    s().matterChosen('kinship-proof');
    s().handlingStarted();
    await s().applicationSubmitted();
    expect(s().draft?.matterId).toBe('kinship-proof');
    expect(s().problem?.code).toBe('commitment-required');
    expect(s().screen).toBe('application-form');
  });
});
