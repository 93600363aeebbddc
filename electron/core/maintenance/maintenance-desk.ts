/**
 * The maintenance screen's side in the core: hall staff unlock it with a PIN at an
 * unattended kiosk to see what the status bar only hints at (each device's state and
 * message, the outbox: pending, oldest age, quarantined records, free disk) and to print a
 * test page or push the outbox now. It never shows a citizen's data and it cannot be
 * opened while a citizen's session is on; a citizen's swipe closes it. Every unlock,
 * refusal and action goes to the audit log.
 */
import type {
  MaintenanceAction,
  MaintenanceActionResult,
  MaintenanceUnlock,
  MaintenanceView,
  SyncStatus,
} from '../../common/contract.js';
import type { DeviceStatus } from '../../common/device-status.js';
import { testPage } from '../../../native/printer/test-page.js';
import type { PrinterDevice } from '../devices/types.js';
import { JourneyError } from '../journeys/errors.js';
import { verifyMaintenancePin } from './pin.js';

/** Wrong PINs in a row before the pad locks. */
export const MAX_PIN_FAILURES = 5;
export const LOCKOUT_MS = 5 * 60_000;
/** An unlocked screen nobody uses locks itself. */
export const UNLOCKED_IDLE_MS = 5 * 60_000;

export interface MaintenanceDeskOptions {
  pinHash: string | null;
  kioskId: string;
  version: string;
  shell: MaintenanceView['shell'];
  centralUrl: string;
  printer?: PrinterDevice | undefined;
  /** The store's quarantined outbox records, its free disk space and its audit log. */
  outbox: {
    quarantined(): MaintenanceView['quarantined'];
    freeBytes(): number | null;
    audit(action: string, detail: string): void;
  };
  /** Wakes the forwarder (and its heartbeat) now. */
  syncNow(): void;
  now?: () => number;
}

export class MaintenanceDesk {
  private failures = 0;
  private lockedOutUntil = 0;
  private unlockedUntil = 0;
  private readonly startedAt: number;
  private readonly now: () => number;

  constructor(private readonly options: MaintenanceDeskOptions) {
    this.now = options.now ?? Date.now;
    this.startedAt = this.now();
  }

  unlock(pin: string, citizenPresent: boolean): MaintenanceUnlock {
    const refuse = (reason: Exclude<MaintenanceUnlock, { ok: true }>['reason'], extra: Partial<{ attemptsLeft: number; retryAfterSeconds: number }> = {}) => {
      this.options.outbox.audit('maintenance.refused', reason);
      return { ok: false as const, reason, attemptsLeft: extra.attemptsLeft ?? null, retryAfterSeconds: extra.retryAfterSeconds ?? null };
    };
    if (!this.options.pinHash) return refuse('not-configured');
    if (citizenPresent) return refuse('citizen-present');
    const now = this.now();
    if (now < this.lockedOutUntil) return refuse('locked-out', { retryAfterSeconds: Math.ceil((this.lockedOutUntil - now) / 1000) });
    if (!verifyMaintenancePin(pin, this.options.pinHash)) {
      this.failures++;
      if (this.failures >= MAX_PIN_FAILURES) {
        this.failures = 0;
        this.lockedOutUntil = now + LOCKOUT_MS;
        return refuse('locked-out', { retryAfterSeconds: LOCKOUT_MS / 1000 });
      }
      return refuse('wrong-pin', { attemptsLeft: MAX_PIN_FAILURES - this.failures });
    }
    this.failures = 0;
    this.unlockedUntil = now + UNLOCKED_IDLE_MS;
    this.options.outbox.audit('maintenance.unlocked', 'staff PIN');
    return { ok: true };
  }

  lock(): void {
    if (this.unlockedUntil > 0) this.options.outbox.audit('maintenance.locked', 'closed');
    this.unlockedUntil = 0;
  }

  get unlocked(): boolean {
    return this.now() < this.unlockedUntil;
  }

  view(current: { devices: DeviceStatus[]; sync: SyncStatus }): MaintenanceView {
    this.requireUnlocked();
    const { kioskId, version, shell, centralUrl, outbox } = this.options;
    return {
      kioskId,
      version,
      shell,
      centralUrl,
      uptimeSeconds: Math.floor((this.now() - this.startedAt) / 1000),
      devices: current.devices,
      sync: current.sync,
      quarantined: outbox.quarantined(),
      freeDiskBytes: outbox.freeBytes(),
    };
  }

  async act(action: MaintenanceAction): Promise<MaintenanceActionResult> {
    this.requireUnlocked();
    this.options.outbox.audit(`maintenance.${action}`, 'staff action');
    if (action === 'sync-now') {
      this.options.syncNow();
      return { action, ok: true, code: 'sync-started' };
    }
    const printer = this.options.printer;
    if (!printer) return { action, ok: false, code: 'no-printer' };
    const page = testPage(printer.paperWidth(), new Date(this.now()), `维护测试 ${this.options.kioskId}`);
    const outcome = await printer.print(page);
    return outcome.ok ? { action, ok: true, code: 'printed' } : { action, ok: false, code: outcome.failure };
  }

  /** Each call while unlocked keeps it open; a locked desk refuses in plain words. */
  private requireUnlocked(): void {
    if (!this.unlocked) throw new JourneyError('maintenance-locked', 'the maintenance screen is locked: enter the staff PIN');
    this.unlockedUntil = this.now() + UNLOCKED_IDLE_MS;
  }
}
