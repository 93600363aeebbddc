import type { CitizenView } from '../../../../electron/common/contract.js';
import type { KioskState } from '../../types.js';

/** Whose data a record belongs to: the card holder, or principal i in 代办. Keeps each person's data apart. */
export type SubjectKey = 'holder' | `principal-${number}`;

export const selectCitizen = (s: KioskState) => s.session?.citizen ?? null;
export const selectIdentified = (s: KioskState): boolean => s.session !== null;
export const selectSessionId = (s: KioskState): string | null => s.session?.sessionId ?? null;
export const selectPrincipals = (s: KioskState): CitizenView[] => s.session?.principals ?? NO_PRINCIPALS;
export const selectActivePrincipal = (s: KioskState): number | null => s.session?.activePrincipal ?? null;
export const selectProxyMode = (s: KioskState): boolean => s.session?.proxyMode ?? false;

export const subjectKeyOf = (activePrincipal: number | null): SubjectKey =>
  activePrincipal === null ? 'holder' : `principal-${activePrincipal}`;

export const selectSubjectKey = (s: KioskState): SubjectKey => subjectKeyOf(selectActivePrincipal(s));

/** The person the citizen is acting for now: the active principal (代办), else the card holder. */
export const selectSubject = (s: KioskState): CitizenView | null => {
  const session = s.session;
  if (!session) return null;
  const p = session.activePrincipal;
  return p === null ? session.citizen : (session.principals[p] ?? null);
};

const NO_PRINCIPALS: CitizenView[] = [];
