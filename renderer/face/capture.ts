/**
 * A frame of the video as a JPEG (base64, without the data: prefix), inside the bounds the
 * core and the central accept (electron/common/central-face.ts): scaled to 480 px wide and,
 * if still too large, encoded again at a lower quality. Nothing is drawn anywhere visible or kept.
 */
import { FACE_FRAME_MAX_BASE64 } from '../../electron/common/central-face.js';

const FRAME_WIDTH = 480;
const QUALITIES = [0.85, 0.7, 0.55, 0.4];

export function captureFrame(video: HTMLVideoElement): string | null {
  if (!video.videoWidth || !video.videoHeight) return null;
  const width = Math.min(FRAME_WIDTH, video.videoWidth);
  const height = Math.round((video.videoHeight * width) / video.videoWidth);
  const canvas = document.createElement('canvas');
  canvas.width = width;
  canvas.height = height;
  const ctx = canvas.getContext('2d');
  if (!ctx) return null;
  ctx.drawImage(video, 0, 0, width, height);
  try {
    for (const quality of QUALITIES) {
      const base64 = canvas.toDataURL('image/jpeg', quality).replace(/^data:image\/jpeg;base64,/, '');
      if (base64.length <= FACE_FRAME_MAX_BASE64) return base64;
    }
    return null;
  } finally {
    // The pixels go with the canvas: shrink it so its buffer is freed now, not at the next GC.
    canvas.width = 0;
    canvas.height = 0;
  }
}
