/**
 * 刷脸: the face step behind the kiosk API's verifyFace. The page sends a few JPEG frames;
 * the desk has them compared (by the central system, or a local 人证比对 matcher, see
 * face/local-matcher.ts) and, on a match, marks the asking session face-verified.
 *
 * The frames are never written anywhere: no log line, no store row, no outbox record. They
 * are held for the one comparison and dropped after the answer (the decoded buffers zeroed;
 * base64 strings are immutable in JS, so the desk keeps no reference to them). A failure is
 * reported by its kind only, never with a request body.
 */
import type { FaceFrames, FaceOutcome } from '../../common/contract.js';
import type { FaceSubject } from '../../common/central-face.js';
import type { CentralClient } from '../sync/central-client.js';
import { CENTRAL_FACE_MATCHER, LOCAL_FACE_MATCHERS, type LocalFaceMatcher } from '../face/local-matcher.js';

/** Who the frames should show, as the session knows them (from the core, never from the page). */
export interface FaceCandidate {
  sessionId: string;
  /** The central's reference: the ID hash for a card session, the resolve answer's identityRef for a code session. */
  subject: FaceSubject;
  /** The card's WLT photo, for a local matcher; absent for a code session. */
  wltPhoto?: Uint8Array;
}

export interface FaceDeskOptions {
  central: Pick<CentralClient, 'verifyFace'> | null;
  /** config face.matcher: 'central' or a registered local matcher. */
  matcher: string;
  /** How long the central may take to compare (config face.timeoutMs). */
  timeoutMs: number;
  /** Marks the session face-verified; false when that session is no longer the open one. */
  markFaceVerified: (sessionId: string) => boolean;
  /** An audit line without the frames: who (hash), what happened. */
  audit?: (subject: FaceSubject, outcome: FaceOutcome['outcome']) => void;
  /** Where a failed comparison's kind is reported (never a frame, never a body). */
  log?: (message: string) => void;
}

export class FaceDeskError extends Error {
  override readonly name = 'FaceDeskError';
}

export class FaceDesk {
  private readonly local: LocalFaceMatcher | null;

  constructor(private readonly o: FaceDeskOptions) {
    if (o.matcher === CENTRAL_FACE_MATCHER) {
      this.local = null;
    } else {
      const factory = LOCAL_FACE_MATCHERS[o.matcher];
      if (!factory) throw new FaceDeskError(`face.matcher "${o.matcher}" is not a matcher of this build: use "central" or register it in electron/core/face/local-matcher.ts`);
      this.local = factory();
    }
  }

  async verify(frames: FaceFrames, who: FaceCandidate): Promise<FaceOutcome> {
    const jpegs = frames.map((f) => Buffer.from(f, 'base64'));
    let outcome: FaceOutcome['outcome'];
    try {
      outcome = this.local ? await this.compareLocally(jpegs, who) : await this.compareCentrally(frames, who);
    } catch (err) {
      this.o.log?.(`kiosk: face comparison unavailable (${(err as { kind?: string }).kind ?? (err as Error).name})`);
      outcome = 'unavailable';
    } finally {
      for (const jpeg of jpegs) jpeg.fill(0);
      jpegs.length = 0;
    }
    // A late match for a citizen who has gone verifies nobody: the next session is a new one.
    if (outcome === 'match' && !this.o.markFaceVerified(who.sessionId)) outcome = 'unavailable';
    this.o.audit?.(who.subject, outcome);
    return { outcome };
  }

  private async compareCentrally(frames: FaceFrames, who: FaceCandidate): Promise<FaceOutcome['outcome']> {
    if (!this.o.central) return 'unavailable';
    const answer = await this.o.central.verifyFace({ subject: who.subject, frames }, this.o.timeoutMs);
    return answer.result;
  }

  private async compareLocally(jpegs: Buffer[], who: FaceCandidate): Promise<FaceOutcome['outcome']> {
    const matcher = this.local!;
    // A code session has no card photo: a local matcher cannot answer for it.
    if (!who.wltPhoto) return 'unavailable';
    const reference = await matcher.decodeWlt(who.wltPhoto);
    try {
      const score = await matcher.compare(reference, jpegs);
      if (score === null) return 'no-face';
      return score >= matcher.matchScore ? 'match' : 'no-match';
    } finally {
      reference.rgba.fill(0);
    }
  }
}
