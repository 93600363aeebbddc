import type { KioskState } from '../../types.js';
import { selectSubjectKey } from '../session/selectors.js';

/** The current subject's overview; null while it is being asked for. */
export const selectOverview = (s: KioskState) => s.overviews[selectSubjectKey(s)] ?? null;
export const selectAppointments = (s: KioskState) => selectOverview(s)?.appointments ?? NONE_APPOINTMENTS;
export const selectEntitlements = (s: KioskState) => selectOverview(s)?.entitlements ?? NONE_ENTITLEMENTS;
export const selectApplicationStatuses = (s: KioskState) => selectOverview(s)?.applications ?? NONE_APPLICATIONS;
/** The first appointment today (预约签到 is offered for it). */
export const selectAppointmentToday = (s: KioskState) => selectAppointments(s)[0] ?? null;

const NONE_APPOINTMENTS: never[] = [];
const NONE_ENTITLEMENTS: never[] = [];
const NONE_APPLICATIONS: never[] = [];
