/**
 * What the camera screen tells the citizen, from the faces the local presence check found in
 * one frame and the one before: exactly one face, centred, close enough, holding still. Pure,
 * so the rule is tested without a camera (guidance.test.ts).
 */
export interface FaceBox {
  x: number;
  y: number;
  width: number;
  height: number;
}

export type Guidance = 'no-face' | 'several-faces' | 'off-centre' | 'too-far' | 'too-close' | 'moving' | 'ok';

/** The face's width as a share of the frame's: a kiosk camera at arm's length sees ~30 %. */
const MIN_FACE_SHARE = 0.2;
const MAX_FACE_SHARE = 0.8;
/** How far (as a share of the frame) the face's centre may sit from the frame's centre. */
const MAX_CENTRE_OFFSET = 0.2;
/** How far the face's centre may move between two checks (share of the face's width) and still be still. */
const MAX_MOVEMENT = 0.15;

export function guidanceFor(faces: readonly FaceBox[], frame: { width: number; height: number }, previous: FaceBox | null): Guidance {
  if (faces.length === 0) return 'no-face';
  if (faces.length > 1) return 'several-faces';
  const face = faces[0]!;
  const share = face.width / frame.width;
  if (share < MIN_FACE_SHARE) return 'too-far';
  if (share > MAX_FACE_SHARE) return 'too-close';
  const cx = (face.x + face.width / 2) / frame.width - 0.5;
  const cy = (face.y + face.height / 2) / frame.height - 0.5;
  if (Math.abs(cx) > MAX_CENTRE_OFFSET || Math.abs(cy) > MAX_CENTRE_OFFSET) return 'off-centre';
  if (!previous) return 'moving';
  const moved = Math.hypot(face.x + face.width / 2 - (previous.x + previous.width / 2), face.y + face.height / 2 - (previous.y + previous.height / 2));
  return moved / face.width > MAX_MOVEMENT ? 'moving' : 'ok';
}
