/**
 * The citizen's session: the only place the full identity lives, for as long as the
 * citizen stands at the kiosk. The renderer gets a masked view; ending the session
 * drops every reference (and overwrites the strings we own) so nothing outlives it.
 */
import { randomUUID } from 'node:crypto';
import type { CardReadEvent, Identity } from '../common/identity.js';
import type { CitizenView, SessionView } from '../common/contract.js';
import type { AssuranceLevel } from '../common/central-identity.js';
import { maskIdNumber, maskName } from '../common/masking.js';

/** How the session's citizen identified: a card on a reader, or an identity code (扫码). */
export type SessionSource = CardReadEvent['source'] | 'code';

/** A citizen identified by a code: the central system's answer, held by the core only. */
export interface CodeIdentification {
  identity: Identity;
  /** The central system's reference to this identification (for the face verification). */
  identityRef: string;
  assurance: AssuranceLevel;
}

/** How the subject acting now identified (journeys/assurance.ts decides what that allows). */
export interface SubjectIdentification {
  method: SessionSource;
  assurance: AssuranceLevel | null;
  faceVerified: boolean;
}

export const ELDERLY_AGE = 70;

/** Whole years between an ISO birth date and `now` (local calendar). */
export function ageOn(birthDate: string, now: Date): number {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(birthDate);
  if (!m) return 0;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  let age = now.getFullYear() - y;
  if (now.getMonth() + 1 < mo || (now.getMonth() + 1 === mo && now.getDate() < d)) age -= 1;
  return Math.max(0, age);
}

export function citizenView(identity: Identity, now: Date): CitizenView {
  const age = ageOn(identity.birthDate, now);
  return {
    displayName: maskName(identity.name),
    maskedIdNumber: maskIdNumber(identity.idNumber),
    cardType: identity.cardType,
    age,
    elderly: age >= ELDERLY_AGE,
    idNumberValid: identity.idNumberValid,
  };
}

/** How long a session may sit idle before the core ends it (config `session.*`). */
export interface IdleTimeouts {
  idleSeconds: number;
  /** Elderly mode (chosen on screen, or a card holder of 70 or more) waits longer. */
  elderlyIdleSeconds: number;
}

/**
 * Who asked: one session and one subject in it (the agent or principal i), captured
 * before an await so the answer is applied to them and nobody else. Once that session
 * has ended (or another has started) the handle is dead and refuses every write.
 */
export class SubjectHandle {
  constructor(
    readonly sessionId: string,
    readonly principal: number | null,
    private readonly openSessionId: () => string | null,
    /** Aborted when that session ends: a call waiting on the network need not wait on. */
    readonly ended: AbortSignal = new AbortController().signal,
  ) {}

  /** Keeps each subject of each session apart in journey state. */
  get key(): string {
    return `${this.sessionId}/${this.principal === null ? 'agent' : `principal:${this.principal}`}`;
  }

  /** Whether the session that asked is still the one open at the kiosk. */
  isLive(): boolean {
    return this.openSessionId() === this.sessionId;
  }
}

interface ActiveSession {
  id: string;
  startedAt: number;
  /** The core ends the session at this time (ms) unless activity moves it on. */
  idleDeadlineAt: number;
  /** Elderly mode: the longer idle timeout applies. */
  elderlyMode: boolean;
  source: SessionSource;
  citizen: Identity;
  /** A code's assurance level (null for a card) and its central reference. */
  assurance: AssuranceLevel | null;
  identityRef: string | null;
  /** The face step passed for the session's citizen (set by the face step through the core). */
  faceVerified: boolean;
  /** 代办: principals identified by the agent in this session, each kept apart, and the card each used. */
  principals: Identity[];
  principalSources: SessionSource[];
  activePrincipal: number | null;
  proxyMode: boolean;
  /** Aborted when the session ends (SubjectHandle.ended). */
  ending: AbortController;
}

export class SessionManager {
  private active: ActiveSession | null = null;

  constructor(
    private readonly now: () => number = Date.now,
    private readonly timeouts: IdleTimeouts = { idleSeconds: 90, elderlyIdleSeconds: 180 },
  ) {}

  /** A card read with no session starts one; a read during a session is handled by the caller. */
  start(event: CardReadEvent): SessionView {
    return this.open(event.source, event.identity, null, null);
  }

  /** A resolved identity code starts a session just as a card does (masked view only to the page). */
  startByCode(code: CodeIdentification): SessionView {
    return this.open('code', code.identity, code.assurance, code.identityRef);
  }

  private open(source: SessionSource, citizen: Identity, assurance: AssuranceLevel | null, identityRef: string | null): SessionView {
    this.end();
    const startedAt = this.now();
    const elderlyMode = ageOn(citizen.birthDate, new Date(startedAt)) >= ELDERLY_AGE;
    this.active = {
      // Random, never reused: a late answer for an ended session can never match a new one.
      id: randomUUID(),
      startedAt,
      idleDeadlineAt: startedAt + this.idleMs(elderlyMode),
      elderlyMode,
      source,
      citizen,
      assurance,
      identityRef,
      faceVerified: false,
      principals: [],
      principalSources: [],
      activePrincipal: null,
      proxyMode: false,
      ending: new AbortController(),
    };
    return this.view()!;
  }

  current(): ActiveSession | null {
    return this.active;
  }

  /** The identity the citizen is acting for now: the active principal, else the card holder. */
  subject(): Identity | null {
    if (!this.active) return null;
    const p = this.active.activePrincipal;
    return p === null ? this.active.citizen : (this.active.principals[p] ?? null);
  }

  /** How the subject acting now identified: the session's citizen, or a principal by their card. */
  identification(): SubjectIdentification | null {
    const s = this.active;
    if (!s) return null;
    if (s.activePrincipal !== null) return { method: s.principalSources[s.activePrincipal] ?? 'idcard', assurance: null, faceVerified: false };
    return { method: s.source, assurance: s.assurance, faceVerified: s.faceVerified };
  }

  /** The central reference of a code-identified session (for the face verification); null for a card or another session. */
  identityRef(sessionId: string): string | null {
    return this.active?.id === sessionId ? this.active.identityRef : null;
  }

  /**
   * The face step passed for this session's citizen (called by the face step in the core,
   * never by the page directly). False when that session is no longer the open one.
   */
  markFaceVerified(sessionId: string): boolean {
    if (this.active?.id !== sessionId) return false;
    this.active.faceVerified = true;
    return true;
  }

  /** The session and subject a call acts for, to hold across its awaits; null with no session. */
  handle(): SubjectHandle | null {
    if (!this.active) return null;
    return new SubjectHandle(this.active.id, this.active.activePrincipal, () => this.active?.id ?? null, this.active.ending.signal);
  }

  /**
   * Activity in the session (a touch on the page, a call, a card): the idle deadline moves
   * to a full timeout from now. `elderlyMode` is the page's mode when it says so.
   * Returns false when no session is open.
   */
  touch(elderlyMode?: boolean): boolean {
    if (!this.active) return false;
    if (elderlyMode !== undefined) this.active.elderlyMode = elderlyMode;
    this.active.idleDeadlineAt = this.now() + this.idleMs(this.active.elderlyMode);
    return true;
  }

  /** When the open session's idle deadline falls (ms), or null with no session. */
  idleDeadline(): number | null {
    return this.active?.idleDeadlineAt ?? null;
  }

  private idleMs(elderlyMode: boolean): number {
    return (elderlyMode ? this.timeouts.elderlyIdleSeconds : this.timeouts.idleSeconds) * 1000;
  }

  /** The agent, when the subject is a principal (代办); null otherwise. */
  agentFor(): Identity | null {
    return this.active && this.active.activePrincipal !== null ? this.active.citizen : null;
  }

  setProxyMode(on: boolean): SessionView {
    if (!this.active) throw new Error('no session: the agent must identify first');
    this.active.proxyMode = on;
    return this.view()!;
  }

  /** A principal's card read in proxy mode: the same card twice selects it again rather than adding a copy. */
  addPrincipal(identity: Identity, source: SessionSource = 'idcard'): SessionView {
    if (!this.active) throw new Error('no session: the agent must identify first');
    const existing = this.active.principals.findIndex((p) => p.idNumber === identity.idNumber);
    if (existing >= 0) {
      scrub(identity);
      this.active.activePrincipal = existing;
    } else {
      this.active.principals.push(identity);
      this.active.principalSources.push(source);
      this.active.activePrincipal = this.active.principals.length - 1;
    }
    return this.view()!;
  }

  selectPrincipal(index: number | null): SessionView {
    if (!this.active) throw new Error('no session');
    if (index !== null && !this.active.principals[index]) throw new Error(`no principal ${index} in this session`);
    this.active.activePrincipal = index;
    return this.view()!;
  }

  view(): SessionView | null {
    const s = this.active;
    if (!s) return null;
    const now = new Date(this.now());
    return {
      sessionId: s.id,
      startedAt: s.startedAt,
      idleDeadlineAt: s.idleDeadlineAt,
      source: s.source,
      faceVerified: s.faceVerified,
      citizen: citizenView(s.citizen, now),
      principals: s.principals.map((p) => citizenView(p, now)),
      activePrincipal: s.activePrincipal,
      proxyMode: s.proxyMode,
    };
  }

  /** Clears the citizen's data. Returns whether a session was open. */
  end(): boolean {
    const s = this.active;
    if (!s) return false;
    for (const identity of [s.citizen, ...s.principals]) scrub(identity);
    s.principals.length = 0;
    s.identityRef = null;
    this.active = null;
    s.ending.abort();
    return true;
  }
}

/** JS strings are immutable; we can at least drop every field so no reference survives. */
function scrub(identity: Identity): void {
  const fields = identity as unknown as Record<string, unknown>;
  for (const key of Object.keys(fields)) fields[key] = key === 'extra' ? {} : '';
}
