/**
 * The pluggable local 人证比对 (person–ID comparison): compare the citizen at the camera with
 * the photo on their own ID card, on the kiosk, without the central system.
 *
 * The card's photo comes off the reader WLT-encoded (Identity.photo). WLT is a proprietary
 * wavelet format for which no open decoder exists: the ID-card reader vendors ship one (a
 * licensed native library, usually with their own matcher). So this is only the interface a
 * vendor's decoder and matcher plug into; the kiosk ships none, and the default is the
 * central comparison (config `face.matcher: "central"`, POST /v1/identity/face-verify).
 *
 * To add one: implement LocalFaceMatcher in a module of its own (a native binding to the
 * vendor's SDK), register its factory in LOCAL_FACE_MATCHERS under a name, and set
 * `face.matcher` to that name. A config naming a matcher that is not registered is refused at
 * start-up (startup-checks.ts): a kiosk never silently falls back to another comparison.
 *
 * What an implementation must keep: the decoded photo and the frames live in memory for one
 * comparison only (no file, no log, no cache), and `compare` never throws on a frame without a
 * face (it answers null).
 */

/** A decoded picture: RGBA pixels, row by row (what a canvas or a vendor SDK hands over). */
export interface DecodedImage {
  width: number;
  height: number;
  rgba: Uint8Array;
}

export interface LocalFaceMatcher {
  /** The name `face.matcher` chooses it by. */
  readonly name: string;
  /** The ID card's WLT photo (102×126 on a second-generation card) decoded by the vendor's decoder. */
  decodeWlt(wlt: Uint8Array): Promise<DecodedImage>;
  /**
   * How alike the reference and the best of the frames (JPEG bytes) are, 0 (different) to 1
   * (the same person); null when no frame holds exactly one face.
   */
  compare(reference: DecodedImage, frames: Uint8Array[]): Promise<number | null>;
  /** The vendor's threshold: a score at or above it is a match. */
  readonly matchScore: number;
}

/** The default: the central system compares against its own reference photo. */
export const CENTRAL_FACE_MATCHER = 'central';

/** Registered local matchers by name (none ships: a vendor's SDK is licensed per hall). */
export const LOCAL_FACE_MATCHERS: Readonly<Record<string, () => LocalFaceMatcher>> = {};

/** The names `face.matcher` may take on this build. */
export function knownFaceMatchers(): string[] {
  return [CENTRAL_FACE_MATCHER, ...Object.keys(LOCAL_FACE_MATCHERS)];
}
