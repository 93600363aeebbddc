/**
 * The maintenance screen's side in the core: hall staff unlock it with a PIN at an
 * unattended kiosk to see what the status bar only hints at (each device's state and
 * message, the outbox: pending, oldest age, quarantined records, free disk) and to print a
 * test page or push the outbox now. It never shows a citizen's data and it cannot be
 * opened while a citizen's session is on; a citizen's swipe closes it. Every unlock and
 * action goes to the audit log, refusals too but bounded (refusal-audit.ts); the wrong-PIN
 * count and the lockout are kept in the store, so a restart does not clear them.
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
import { RefusalAudit } from './refusal-audit.js';

/** Wrong PINs in a row before the pad locks. */
export const MAX_PIN_FAILURES = 5;
export const LOCKOUT_MS = 5 * 60_000;
/** An unlocked screen nobody uses locks itself. */
export const UNLOCKED_IDLE_MS = 5 * 60_000;

/** The wrong-PIN count and the lockout, kept where a restart cannot clear them (the store). */
export interface LockoutState {
  failures: number;
  /** Epoch ms; 0: not locked out. */
  lockedUntil: number;
}
export interface LockoutRecord {
  load(): LockoutState;
  save(state: LockoutState): void;
}

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
  lockout: LockoutRecord;
  /** Wakes the forwarder (and its heartbeat) now. */
  syncNow(): void;
  now?: () => number;
}

type Refusal = Exclude<MaintenanceUnlock, { ok: true }>;

export class MaintenanceDesk {
  private unlockedUntil = 0;
  private readonly startedAt: number;
  private readonly now: () => number;
  private readonly refusals: RefusalAudit;
  /** One PIN check at a time: tries sent together cannot all slip in before the lockout. */
  private checking: Promise<unknown> = Promise.resolve();

  constructor(private readonly options: MaintenanceDeskOptions) {
    this.now = options.now ?? Date.now;
    this.startedAt = this.now();
    this.refusals = new RefusalAudit(options.outbox.audit, LOCKOUT_MS, this.now);
  }

  unlock(pin: string, citizenPresent: boolean): Promise<MaintenanceUnlock> {
    const turn = this.checking.then(() => this.tryUnlock(pin, citizenPresent));
    this.checking = turn.catch(() => undefined);
    return turn;
  }

  private async tryUnlock(pin: string, citizenPresent: boolean): Promise<MaintenanceUnlock> {
    const { pinHash, lockout, outbox } = this.options;
    if (!pinHash) return this.refuse('not-configured');
    if (citizenPresent) return this.refuse('citizen-present');
    const now = this.now();
    const state = lockout.load();
    if (now < state.lockedUntil) return this.refuse('locked-out', { retryAfterSeconds: Math.ceil((state.lockedUntil - now) / 1000) });
    if (!(await verifyMaintenancePin(pin, pinHash))) {
      const failures = state.failures + 1;
      if (failures >= MAX_PIN_FAILURES) {
        lockout.save({ failures: 0, lockedUntil: now + LOCKOUT_MS });
        // This lockout's one row; the tries refused while it lasts are only counted.
        return this.refuse('locked-out', { retryAfterSeconds: LOCKOUT_MS / 1000 });
      }
      lockout.save({ failures, lockedUntil: 0 });
      return this.refuse('wrong-pin', { attemptsLeft: MAX_PIN_FAILURES - failures });
    }
    if (state.failures !== 0 || state.lockedUntil !== 0) lockout.save({ failures: 0, lockedUntil: 0 });
    this.unlockedUntil = now + UNLOCKED_IDLE_MS;
    outbox.audit('maintenance.unlocked', 'staff PIN');
    return { ok: true };
  }

  private refuse(reason: Refusal['reason'], extra: { attemptsLeft?: number; retryAfterSeconds?: number } = {}): Refusal {
    this.refusals.refused(reason);
    return { ok: false, reason, attemptsLeft: extra.attemptsLeft ?? null, retryAfterSeconds: extra.retryAfterSeconds ?? null };
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
