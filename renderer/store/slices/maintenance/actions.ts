import type { MaintenanceAction } from '../../../../electron/common/contract.js';
import type { SliceCreator } from '../../types.js';
import { errorCode } from '../ui/actions.js';
import { selectMaintenanceAvailable } from './selectors.js';
import { initialMaintenanceState, type MaintenanceState } from './state.js';

/** The staff maintenance screen: PIN pad, then devices, outbox and two actions. */
export interface MaintenanceActions {
  /** The long press on the status bar's kiosk label (attract screen only). */
  maintenanceRequested(): void;
  maintenancePinEntered(pin: string): Promise<void>;
  maintenanceRefreshed(): Promise<void>;
  maintenanceActionRun(action: MaintenanceAction): Promise<void>;
  /** 退出维护, the idle countdown, or a citizen's card: the core locks and the kiosk is the citizens' again. */
  maintenanceClosed(): Promise<void>;
}

export const createMaintenanceSlice: SliceCreator<MaintenanceState & MaintenanceActions> = (set, get, client) => {
  /** A locked core (its own idle lock, a citizen's swipe) sends the screen back to the PIN pad. */
  const failed = (method: string, error: unknown) => {
    set({ maintenanceBusy: false });
    if (errorCode(error) === 'maintenance-locked') set({ maintenanceView: null, maintenanceResult: null });
    else get().callFailed(method, error);
  };
  return {
    ...initialMaintenanceState,
    maintenanceRequested: () => {
      if (!selectMaintenanceAvailable(get())) return;
      set({ ...initialMaintenanceState, screen: 'maintenance', problem: null });
    },
    maintenancePinEntered: async (pin) => {
      set({ maintenanceBusy: true, maintenanceRefusal: null });
      try {
        const answer = await client.unlockMaintenance(pin);
        if (get().screen !== 'maintenance') return;
        if (!answer.ok) {
          set({ maintenanceBusy: false, maintenanceRefusal: answer });
          return;
        }
        set({ maintenanceView: await client.getMaintenanceView(), maintenanceBusy: false });
      } catch (error) {
        failed('unlockMaintenance', error);
      }
    },
    maintenanceRefreshed: async () => {
      try {
        const view = await client.getMaintenanceView();
        if (get().screen === 'maintenance') set({ maintenanceView: view });
      } catch (error) {
        failed('getMaintenanceView', error);
      }
    },
    maintenanceActionRun: async (action) => {
      set({ maintenanceBusy: true, maintenanceResult: null });
      try {
        const result = await client.runMaintenanceAction(action);
        set({ maintenanceResult: result, maintenanceBusy: false });
        await get().maintenanceRefreshed();
      } catch (error) {
        failed('runMaintenanceAction', error);
      }
    },
    maintenanceClosed: async () => {
      set({ ...initialMaintenanceState, screen: 'attract' });
      try {
        await client.lockMaintenance();
      } catch (error) {
        // The core locks itself after its own idle time; the screen is already the citizens'.
        console.error('kiosk: lockMaintenance failed', error);
      }
    },
  };
};
