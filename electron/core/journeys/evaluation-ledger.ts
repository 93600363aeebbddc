/**
 * 好差评 may rate only what this kiosk served in the open session: a ticket or an
 * application it issued, or the session itself, each once. Without this, any caller
 * could write evaluations without a citizen (a flood fills the outbox and the disk).
 */
import type { EvaluationRequest } from '../../common/journey-schemas.js';

type Subject = Pick<EvaluationRequest, 'subjectType' | 'subjectId'>;

const keyOf = (s: Subject) => `${s.subjectType}:${s.subjectId}`;

export class EvaluationLedger {
  private sessionId: string | null = null;
  private open = new Set<string>();
  private used = new Set<string>();

  /** The session's own subject (as the page names it) is open from its start. */
  private forSession(sessionId: string): void {
    if (this.sessionId === sessionId) return;
    this.sessionId = sessionId;
    this.open = new Set([keyOf({ subjectType: 'session', subjectId: sessionId.slice(0, 64) })]);
    this.used = new Set();
  }

  served(sessionId: string, subject: Subject): void {
    this.forSession(sessionId);
    this.open.add(keyOf(subject));
  }

  /** True once per served subject of this session; then it is spent. */
  take(sessionId: string, subject: Subject): boolean {
    this.forSession(sessionId);
    const key = keyOf(subject);
    if (!this.open.has(key) || this.used.has(key)) return false;
    this.used.add(key);
    return true;
  }
}
