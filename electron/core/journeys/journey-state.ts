/**
 * What a session's journeys remember between steps: data-check results (so a
 * submission uses the answer the citizen saw, not a claim from the page), today's
 * appointments, and print jobs for 补打. Kept per subject (agent or principal) so a
 * proxy's principals never mix; dropped whole when the session ends.
 */
import type { Appointment, DataCheckResponse, ProofType } from '../../common/central-api.js';
import type { PrintJob } from '../printing/print-job.js';

export interface DataCheckRecord {
  status: 'confirmed' | 'not-found' | 'unavailable';
  response: DataCheckResponse | null;
}

interface SubjectState {
  dataChecks: Map<string, DataCheckRecord>;
  appointments: Appointment[];
}

export class JourneyState {
  private subjects = new Map<string, SubjectState>();
  private printJobs = new Map<string, PrintJob>();

  private subject(key: string): SubjectState {
    let s = this.subjects.get(key);
    if (!s) this.subjects.set(key, (s = { dataChecks: new Map(), appointments: [] }));
    return s;
  }

  recordDataCheck(subjectKey: string, matterId: string, proofType: ProofType, record: DataCheckRecord): void {
    this.subject(subjectKey).dataChecks.set(`${matterId}/${proofType}`, record);
  }

  dataCheck(subjectKey: string, matterId: string, proofType: ProofType): DataCheckRecord | undefined {
    return this.subjects.get(subjectKey)?.dataChecks.get(`${matterId}/${proofType}`);
  }

  setAppointments(subjectKey: string, appointments: Appointment[]): void {
    this.subject(subjectKey).appointments = appointments;
  }

  appointments(subjectKey: string): Appointment[] {
    return this.subjects.get(subjectKey)?.appointments ?? [];
  }

  rememberPrintJob(jobId: string, job: PrintJob): void {
    this.printJobs.set(jobId, job);
  }

  printJob(jobId: string): PrintJob | undefined {
    return this.printJobs.get(jobId);
  }

  clear(): void {
    this.subjects = new Map();
    this.printJobs = new Map();
  }
}
