/**
 * Prints tickets and receipts that are already committed locally, and turns the
 * outcome into what the screen shows: the paper, or a virtual ticket with a reprint.
 * A kiosk with no printer configured still gives every citizen a virtual ticket.
 */
import { randomUUID } from 'node:crypto';
import type { PrintView } from '../../common/journey-schemas.js';
import type { PrinterDevice } from '../devices/types.js';
import { PrintJobRunner, virtualTicketOf, type PrintJob, type PrintJobOutcome } from '../printing/print-job.js';
import { JourneyError } from './errors.js';
import type { JourneyState } from './journey-state.js';
import type { SubjectHandle } from '../session.js';

const NO_PRINTER_MESSAGE = '本机暂不能打印，请凭屏幕上的号码和二维码办理。';

export class PrintDesk {
  private readonly runner: PrintJobRunner | null;

  constructor(
    printer: PrinterDevice | undefined,
    private readonly state: JourneyState,
    private readonly onOutcome: (outcome: PrintJobOutcome) => void = () => {},
  ) {
    this.runner = printer ? new PrintJobRunner(printer) : null;
  }

  /** `owner`: the session the job is for, so only that session can reprint it (补打). */
  async print(job: PrintJob, owner: SubjectHandle | null = null): Promise<PrintView> {
    const jobId = randomUUID();
    this.state.rememberPrintJob(jobId, job, owner);
    return this.view(jobId, job, this.runner ? await this.runner.run(job) : null);
  }

  async reprint(jobId: string, asker: SubjectHandle): Promise<PrintView> {
    const job = this.state.printJob(jobId, asker);
    if (!job) throw new JourneyError('unknown-print-job', `no ticket or receipt ${jobId} in this session`);
    return this.view(jobId, job, this.runner ? await this.runner.reprint(job) : null);
  }

  private view(jobId: string, job: PrintJob, outcome: PrintJobOutcome | null): PrintView {
    if (!outcome) {
      return { jobId, status: 'failed', failure: 'no-printer', citizenMessage: NO_PRINTER_MESSAGE, virtualTicket: virtualTicketOf(job) };
    }
    this.onOutcome(outcome);
    if (outcome.status === 'printed') {
      return { jobId, status: 'printed', failure: null, citizenMessage: null, virtualTicket: outcome.virtualTicket };
    }
    return { jobId, status: 'failed', failure: outcome.failure, citizenMessage: outcome.citizenMessage, virtualTicket: outcome.virtualTicket };
  }
}
