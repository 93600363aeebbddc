/**
 * 刷脸: the face verification of the central API (POST /v1/identity/face-verify) and the
 * bounds of the frames that cross from the page to the core and on to the central system.
 *
 * A frame is a JPEG as base64 (the page's canvas.toDataURL without its prefix). The bounds
 * keep one verifyFace call inside the loopback bridge's 256 KiB frame: at most 3 frames of
 * at most 72,000 base64 characters (~54 KB of JPEG: a 480×360 frame at quality 0.8 is ~30 KB).
 * Frames are never logged or stored; they live for one request (electron/core/journeys/face-desk.ts).
 */
import { z } from 'zod';
import { idHash } from './central-api.js';

export const FACE_FRAMES_MIN = 1;
export const FACE_FRAMES_MAX = 3;
export const FACE_FRAME_MAX_BASE64 = 72_000;
/** Smaller than any camera frame with a face in it: a 1 KB "JPEG" is not a picture of anyone. */
export const FACE_FRAME_MIN_BASE64 = 1_000;

/** One JPEG frame, base64 (FF D8 FF encodes as "/9j/"). */
export const faceFrame = z
  .string()
  .min(FACE_FRAME_MIN_BASE64)
  .max(FACE_FRAME_MAX_BASE64)
  // The length in the pattern too: a generator of the documented schema (the contract test) makes such strings directly.
  .regex(/^\/9j\/[A-Za-z0-9+/]{996,71996}={0,2}$/, 'a JPEG as base64 (it starts with /9j/)')
  .describe('a JPEG frame as base64, 1,000 to 72,000 characters');
export const faceFrames = z.array(faceFrame).min(FACE_FRAMES_MIN).max(FACE_FRAMES_MAX);

/**
 * Whose face this should be: the ID hash the central already knows for a card session,
 * or the reference the central gave with a resolved identity code (POST /v1/identity/resolve).
 */
export const faceSubject = z.union([
  z.object({ idHash }).strict(),
  z.object({ identityRef: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_.:-]{7,127}$/) }).strict(),
]);
export type FaceSubject = z.infer<typeof faceSubject>;

export const faceVerifyRequest = z.object({ subject: faceSubject, frames: faceFrames }).strict();
export type FaceVerifyRequest = z.infer<typeof faceVerifyRequest>;

export const faceVerifyResponse = z.object({
  /** match: the frames show the reference person; no-match: someone else; no-face: no usable face in any frame. */
  result: z.enum(['match', 'no-match', 'no-face']),
  /** The comparison's distance or score, for the central's own audit; the kiosk shows none of it. */
  score: z.number().optional(),
});
export type FaceVerifyResponse = z.infer<typeof faceVerifyResponse>;

export const facePaths = { faceVerify: '/v1/identity/face-verify' } as const;
