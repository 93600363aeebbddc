import type { FaceOutcome } from '../../../../electron/common/contract.js';

/** consent → camera (guiding, capturing) → checking (the core compares) → result (anything but a match). */
export type FacePhase = 'consent' | 'camera' | 'checking' | 'result';
/** What the face step was asked for, so it carries on there after a match. */
export type FaceResume = 'handling' | 'submit';
/** The comparison's answer, or the citizen said no, or the camera would not open. */
export type FaceResult = FaceOutcome['outcome'] | 'declined' | 'camera-failed';

export interface FaceState {
  face: { phase: FacePhase; resume: FaceResume; result: FaceResult | null } | null;
}

export const initialFaceState: FaceState = { face: null };
