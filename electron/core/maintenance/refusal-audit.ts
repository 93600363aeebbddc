/**
 * The audit trail of refused unlocks, bounded: every audit row is an fsynced write, and
 * anyone at the pad (or a flood of calls) could otherwise fill the disk with them. A wrong
 * PIN always gets its row (the lockout caps them at a few per lockout period); any other
 * refusal (locked out, no PIN configured, a citizen present) gets at most one row per
 * reason and window, and the next row for that reason says how many were refused between.
 */
import type { MaintenanceUnlock } from '../../common/contract.js';

export type RefusalReason = Exclude<MaintenanceUnlock, { ok: true }>['reason'];

export class RefusalAudit {
  private readonly lastRowAt = new Map<RefusalReason, number>();
  private readonly unwritten = new Map<RefusalReason, number>();

  constructor(
    private readonly write: (action: string, detail: string) => void,
    private readonly windowMs: number,
    private readonly now: () => number,
  ) {}

  refused(reason: RefusalReason): void {
    const at = this.now();
    const last = this.lastRowAt.get(reason);
    if (reason !== 'wrong-pin' && last !== undefined && at - last < this.windowMs) {
      this.unwritten.set(reason, (this.unwritten.get(reason) ?? 0) + 1);
      return;
    }
    const between = this.unwritten.get(reason) ?? 0;
    this.unwritten.delete(reason);
    this.lastRowAt.set(reason, at);
    this.write('maintenance.refused', between > 0 ? `${reason} (and ${between} more refused since the last row)` : reason);
  }
}
