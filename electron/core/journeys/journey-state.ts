/**
 * What a session's journeys remember between steps: data-check results (so a
 * submission uses the answer the citizen saw, not a claim from the page), today's
 * appointments, and print jobs for 补打. Kept per session and subject (agent or
 * principal), through the handle captured when the call began: an answer that arrives
 * after its session ended, or after another citizen swiped, is dropped and never lands
 * in someone else's state. Dropped whole when the session ends.
 */
import type { Appointment, DataCheckResponse, ProofType } from '../../common/central-api.js';
import type { PrintJob } from '../printing/print-job.js';
import type { SubjectHandle } from '../session.js';

export interface DataCheckRecord {
  status: 'confirmed' | 'not-found' | 'unavailable';
  response: DataCheckResponse | null;
}

interface SubjectState {
  dataChecks: Map<string, DataCheckRecord>;
  appointments: Appointment[];
}

interface RememberedPrintJob {
  sessionId: string;
  job: PrintJob;
}

/** Where a dropped late answer is reported: what was dropped, never whose it was. */
export type JourneyLog = (message: string) => void;

export class JourneyState {
  private subjects = new Map<string, SubjectState>();
  private printJobs = new Map<string, RememberedPrintJob>();

  constructor(private readonly log: JourneyLog = (message) => console.warn(message)) {}

  /** Whether `handle` may still write; a dead one is logged (by what, not whose) and refused. */
  private writable(handle: SubjectHandle, what: string): boolean {
    if (handle.isLive()) return true;
    this.log(`kiosk: dropped a late ${what}: its session ended before the answer came`);
    return false;
  }

  private subject(handle: SubjectHandle): SubjectState {
    let s = this.subjects.get(handle.key);
    if (!s) this.subjects.set(handle.key, (s = { dataChecks: new Map(), appointments: [] }));
    return s;
  }

  /** Returns false (and stores nothing) when the handle's session is over. */
  recordDataCheck(handle: SubjectHandle, matterId: string, proofType: ProofType, record: DataCheckRecord): boolean {
    if (!this.writable(handle, 'data check')) return false;
    this.subject(handle).dataChecks.set(`${matterId}/${proofType}`, record);
    return true;
  }

  dataCheck(handle: SubjectHandle, matterId: string, proofType: ProofType): DataCheckRecord | undefined {
    if (!handle.isLive()) return undefined;
    return this.subjects.get(handle.key)?.dataChecks.get(`${matterId}/${proofType}`);
  }

  /** Returns false (and stores nothing) when the handle's session is over. */
  setAppointments(handle: SubjectHandle, appointments: Appointment[]): boolean {
    if (!this.writable(handle, 'appointment list')) return false;
    this.subject(handle).appointments = appointments;
    return true;
  }

  appointments(handle: SubjectHandle): Appointment[] {
    if (!handle.isLive()) return [];
    return this.subjects.get(handle.key)?.appointments ?? [];
  }

  /** A print job of the session `owner` belongs to; reprinted only within that session. */
  rememberPrintJob(jobId: string, job: PrintJob, owner: SubjectHandle | null): void {
    if (owner && !this.writable(owner, 'print job')) return;
    this.printJobs.set(jobId, { sessionId: owner?.sessionId ?? '', job });
  }

  /**
   * Gives an ownerless job (printed by a desk that does not pass its handle) to `owner`'s
   * session, or forgets it when that session is already over.
   */
  claimPrintJob(jobId: string, owner: SubjectHandle): void {
    const remembered = this.printJobs.get(jobId);
    if (!remembered || remembered.sessionId !== '') return;
    if (this.writable(owner, 'print job')) remembered.sessionId = owner.sessionId;
    else this.printJobs.delete(jobId);
  }

  /** The job, when it belongs to the session `asker` is in (a job with no owner: any session). */
  printJob(jobId: string, asker: SubjectHandle | null): PrintJob | undefined {
    const remembered = this.printJobs.get(jobId);
    if (!remembered) return undefined;
    if (remembered.sessionId !== '' && (!asker?.isLive() || asker.sessionId !== remembered.sessionId)) return undefined;
    return remembered.job;
  }

  clear(): void {
    this.subjects = new Map();
    this.printJobs = new Map();
  }
}
