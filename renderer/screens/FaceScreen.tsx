import { useKiosk } from '../hooks.js';
import { selectFacePhase } from '../store/slices/face/selectors.js';
import { FaceConsent } from './face/FaceConsent.js';
import { FaceCamera } from './face/FaceCamera.js';
import { FaceResultView } from './face/FaceResultView.js';

/** 刷脸: consent first, then the camera, then (for anything but a match) the result with the card offered. */
export function FaceScreen() {
  const phase = useKiosk(selectFacePhase);
  if (phase === 'consent') return <FaceConsent />;
  if (phase === 'camera' || phase === 'checking') return <FaceCamera />;
  if (phase === 'result') return <FaceResultView />;
  return null;
}
