import type { FaceFrames } from '../../../../electron/common/contract.js';
import type { SliceCreator } from '../../types.js';
import { callForSession } from '../../call.js';
import { releaseCamera } from '../../../face/camera.js';
import { initialFaceState, type FaceResult, type FaceResume, type FaceState } from './state.js';

export interface FaceActions {
  /** The core answered needs-face: ask for consent, then carry on with `resume` after a match. */
  faceStepRequested(resume: FaceResume): void;
  faceConsentGiven(): void;
  /** 不同意: no camera; the card is offered instead. */
  faceConsentDeclined(): void;
  faceCameraFailed(): void;
  /** The camera screen captured its frames (the camera is already released). */
  faceFramesCaptured(frames: FaceFrames): Promise<void>;
  /** Leaves the face step for the citizen's home. */
  faceStepLeft(): void;
}

export const createFaceSlice: SliceCreator<FaceState & FaceActions> = (set, get, client) => {
  const finish = (result: FaceResult) => {
    releaseCamera();
    set((s) => (s.face ? { face: { ...s.face, phase: 'result', result } } : {}));
  };
  return {
    ...initialFaceState,
    faceStepRequested: (resume) => {
      set({ face: { phase: 'consent', resume, result: null } });
      get().navigate('face');
    },
    faceConsentGiven: () => set((s) => (s.face ? { face: { ...s.face, phase: 'camera' } } : {})),
    faceConsentDeclined: () => finish('declined'),
    faceCameraFailed: () => finish('camera-failed'),
    faceFramesCaptured: async (frames) => {
      releaseCamera();
      const step = get().face;
      if (!step) return;
      set({ face: { ...step, phase: 'checking' } });
      const answer = await callForSession(get, set, 'verifyFace', (sessionId) => client.verifyFace(frames, sessionId));
      // The frames go with this call: nothing of them stays in the store.
      frames.length = 0;
      if (!get().face) return;
      const outcome = answer?.value.outcome ?? 'unavailable';
      if (outcome !== 'match') return finish(outcome);
      set({ face: null, problem: null });
      if (step.resume === 'submit') await get().applicationSubmitted();
      else get().handlingStarted();
    },
    faceStepLeft: () => {
      releaseCamera();
      set({ face: null });
      get().navigate('citizen-home');
    },
  };
};
