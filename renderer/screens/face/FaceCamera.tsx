import { useEffect, useRef, useState } from 'react';
import { useKiosk, useT } from '../../hooks.js';
import { selectFacePhase } from '../../store/slices/face/selectors.js';
import { openCamera, releaseCamera } from '../../face/camera.js';
import { captureFrame } from '../../face/capture.js';
import { guidanceFor, type FaceBox, type Guidance } from '../../face/guidance.js';
import { SubjectBanner } from '../../components/SubjectBanner.js';
import '../../face/face.css';

/** Frames sent per attempt: two good ones are enough, and one call stays well inside the bridge's frame. */
const FRAMES_TO_SEND = 2;
const CHECK_EVERY_MS = 250;

/**
 * The camera with the local presence check: it guides the citizen (one face, centred, close
 * enough, still) and captures frames only while all of that holds. The camera is released
 * when the frames are taken, and whenever this screen goes (session end, idle, leaving).
 */
export function FaceCamera() {
  const t = useT();
  const phase = useKiosk(selectFacePhase);
  const captured = useKiosk((s) => s.faceFramesCaptured);
  const failed = useKiosk((s) => s.faceCameraFailed);
  const leave = useKiosk((s) => s.faceStepLeft);
  const video = useRef<HTMLVideoElement>(null);
  const [guidance, setGuidance] = useState<Guidance | 'starting'>('starting');

  useEffect(() => {
    let cancelled = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const frames: string[] = [];
    let previous: FaceBox | null = null;
    const run = async () => {
      const el = video.current;
      if (!el) return;
      const stream = await openCamera();
      if (cancelled) return releaseCamera();
      el.srcObject = stream;
      await el.play();
      // Lazy: face-api, TensorFlow.js and the model load only when a citizen reaches this screen.
      const { createDetector } = await import('../../face/presence-detector.js');
      const detect = await createDetector();
      const check = async () => {
        if (cancelled) return;
        const faces = await detect(el);
        if (cancelled) return;
        const now = guidanceFor(faces, { width: el.videoWidth, height: el.videoHeight }, previous);
        previous = faces.length === 1 ? faces[0]! : null;
        setGuidance(now);
        const frame = now === 'ok' ? captureFrame(el) : null;
        if (frame) frames.push(frame);
        if (frames.length >= FRAMES_TO_SEND) {
          el.srcObject = null;
          releaseCamera();
          void captured(frames.splice(0));
          return;
        }
        timer = setTimeout(() => void check(), CHECK_EVERY_MS);
      };
      await check();
    };
    run().catch(() => {
      if (!cancelled) failed();
    });
    return () => {
      cancelled = true;
      clearTimeout(timer);
      frames.length = 0;
      releaseCamera();
    };
  }, [captured, failed]);

  const checking = phase === 'checking';
  return (
    <main className="screen face face-camera" data-testid="screen-face-camera" data-guidance={checking ? 'checking' : guidance}>
      <SubjectBanner />
      <h2>{t('face.cameraTitle')}</h2>
      <div className="face-frame">
        <video ref={video} className="face-video" muted playsInline aria-hidden="true" />
        <div className="face-oval" aria-hidden="true" />
      </div>
      <p className="hint face-guidance" data-testid="face-guidance" role="status">
        {checking ? t('face.checking') : t(`face.guide.${guidance}`)}
      </p>
      <nav className="nav-row">
        <button type="button" className="big-button secondary small" data-testid="face-cancel" onClick={leave} disabled={checking}>
          {t('face.cancel')}
        </button>
      </nav>
    </main>
  );
}
