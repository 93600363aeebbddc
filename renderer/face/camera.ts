/**
 * The kiosk's camera, for the face step only. Every track the page opens is in one registry,
 * and every way the step can end (done, declined, the session over, idle, the screen gone)
 * calls releaseCamera, which stops them all: no device stays held between citizens.
 * The registry's count is on <html data-camera-tracks> so a test (or staff tools) can see it.
 */
const liveTracks = new Set<MediaStreamTrack>();

function publish(): void {
  if (typeof document === 'undefined') return; // the store's tests run without a page
  document.documentElement.dataset.cameraTracks = String([...liveTracks].filter((t) => t.readyState === 'live').length);
}

export class CameraUnavailableError extends Error {
  override readonly name = 'CameraUnavailableError';
}

/** Opens the front camera (one video track, no audio). */
export async function openCamera(): Promise<MediaStream> {
  if (!navigator.mediaDevices?.getUserMedia) throw new CameraUnavailableError('this page has no camera access (getUserMedia)');
  let stream: MediaStream;
  try {
    stream = await navigator.mediaDevices.getUserMedia({ audio: false, video: { width: { ideal: 640 }, height: { ideal: 480 }, facingMode: 'user' } });
  } catch (err) {
    throw new CameraUnavailableError(`the camera did not open (${(err as Error).name})`);
  }
  for (const track of stream.getTracks()) {
    liveTracks.add(track);
    track.addEventListener('ended', () => {
      liveTracks.delete(track);
      publish();
    });
  }
  publish();
  return stream;
}

/** Stops every track the page opened (idempotent): the camera's light goes off. */
export function releaseCamera(): void {
  for (const track of liveTracks) track.stop();
  liveTracks.clear();
  publish();
}

/** How many camera tracks are live now. */
export function liveCameraTracks(): number {
  return [...liveTracks].filter((t) => t.readyState === 'live').length;
}
