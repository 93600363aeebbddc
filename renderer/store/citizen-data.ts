/**
 * Everything the store knows about the citizen (and their principals), reset in one place.
 * Ending a session returns every citizen field to its initial value, and the screen to
 * attract; kiosk-level state (devices, network, kiosk info, the public catalog) stays.
 */
import type { KioskState } from './types.js';
import { initialSessionState } from './slices/session/state.js';
import { initialOverviewState } from './slices/overview/state.js';
import { initialJourneyState } from './slices/journey/state.js';
import { initialApplicationState } from './slices/application/state.js';
import { initialMattersBrowsingState } from './slices/matters/state.js';
import { initialMaintenanceState } from './slices/maintenance/state.js';
import { initialCodesState } from './slices/codes/state.js';
import { initialFaceState } from './slices/face/state.js';

export function clearedCitizenData(s: KioskState): Partial<KioskState> {
  return {
    ...initialSessionState,
    ...initialOverviewState,
    ...initialJourneyState,
    ...initialApplicationState,
    ...initialMattersBrowsingState,
    // A citizen arriving or leaving also closes the staff screen (the core locks it too).
    ...initialMaintenanceState,
    ...initialCodesState,
    // The face step ends with the session (its screen unmounts and releases the camera).
    ...initialFaceState,
    screen: 'attract',
    problem: null,
    notice: null,
    // The next citizen starts in the kiosk's own language and standard mode.
    elderlyMode: false,
    locale: s.kioskInfo?.locale ?? 'zh-CN',
  };
}
