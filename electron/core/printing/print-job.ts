/**
 * Prints an already-committed ticket or receipt through a PrinterDevice and says what
 * happened. Whatever the printer does, the outcome carries a virtual ticket (number +
 * QR + key lines) for the screen, and a failed job is reprintable: nothing is lost.
 */
import { profileForPaper } from '../../../native/printer/profiles.js';
import type { PrinterDevice, PrintFailure } from '../devices/types.js';
import { formatHallTime } from './layout.js';
import type { ReceiptPrintModel, TicketPrintModel } from './models.js';
import { encodeReceipt } from './receipt-template.js';
import { encodeTicket, peopleAheadText, PRIORITY_LABEL } from './ticket-template.js';

export type PrintJob = { kind: 'ticket'; model: TicketPrintModel } | { kind: 'receipt'; model: ReceiptPrintModel };

/** What the screen shows instead of (or next to) the paper. */
export interface VirtualTicket {
  kind: PrintJob['kind'];
  /** The big text: ticket number or application number. */
  headline: string;
  title: string;
  lines: string[];
  qrPayload: string;
}

export type PrintJobOutcome =
  | { status: 'printed'; job: PrintJob; virtualTicket: VirtualTicket; paperNearEnd: boolean }
  | {
      status: 'failed';
      job: PrintJob;
      virtualTicket: VirtualTicket;
      failure: PrintFailure;
      /** For logs and the admin screen (English, says what to do). */
      message: string;
      /** For the citizen, plain Chinese. */
      citizenMessage: string;
      /** Always true: the UI offers a reprint of `job` (use PrintJobRunner.reprint). */
      reprintable: true;
    };

export const CITIZEN_MESSAGES: Record<PrintFailure, string> = {
  offline: '打印机暂时无法使用，请凭屏幕上的号码和二维码等候办理，或稍后点击“重新打印”。',
  'paper-out': '打印机缺纸，已通知工作人员。请凭屏幕上的号码和二维码等候办理。',
  'cover-open': '打印机仓盖未关好，已通知工作人员。请凭屏幕上的号码和二维码等候办理。',
  'cutter-error': '打印机切纸故障，已通知工作人员。请凭屏幕上的号码和二维码等候办理。',
  error: '打印机故障，已通知工作人员。请凭屏幕上的号码和二维码等候办理。',
};

export function virtualTicketOf(job: PrintJob): VirtualTicket {
  if (job.kind === 'ticket') {
    const m = job.model;
    const lines = [m.matter, `前面等候 ${peopleAheadText(m)}，预计约 ${m.estimatedWaitMinutes} 分钟`, `取号时间 ${formatHallTime(m.issuedAt, m.timeZone)}`];
    if (m.priority) lines.unshift(PRIORITY_LABEL[m.priority]);
    return { kind: 'ticket', headline: m.ticketNumber, title: m.hallName, lines, qrPayload: m.trackingUrl };
  }
  const m = job.model;
  return {
    kind: 'receipt',
    headline: m.applicationNumber,
    title: m.matter,
    lines: [`提交时间 ${formatHallTime(m.submittedAt, m.timeZone)}`, ...m.nextSteps],
    qrPayload: m.trackingUrl,
  };
}

export function encodeJob(job: PrintJob, paper: 58 | 80): Uint8Array {
  const profile = profileForPaper(paper);
  return job.kind === 'ticket' ? encodeTicket(job.model, profile) : encodeReceipt(job.model, profile);
}

export class PrintJobRunner {
  constructor(private readonly printer: PrinterDevice) {}

  /** Prints a job whose ticket/application is already committed to the local store. */
  async run(job: PrintJob): Promise<PrintJobOutcome> {
    const virtualTicket = virtualTicketOf(job);
    let bytes: Uint8Array;
    try {
      bytes = encodeJob(job, this.printer.paperWidth());
    } catch (err) {
      return this.failed(job, virtualTicket, 'error', `cannot lay out the ${job.kind}: ${(err as Error).message}`);
    }
    try {
      const result = await this.printer.print(bytes);
      if (result.ok) return { status: 'printed', job, virtualTicket, paperNearEnd: result.nearEnd };
      return this.failed(job, virtualTicket, result.failure, result.message);
    } catch (err) {
      return this.failed(job, virtualTicket, 'error', `printer driver failed: ${(err as Error).message}`);
    }
  }

  printTicket(model: TicketPrintModel): Promise<PrintJobOutcome> {
    return this.run({ kind: 'ticket', model });
  }

  printReceipt(model: ReceiptPrintModel): Promise<PrintJobOutcome> {
    return this.run({ kind: 'receipt', model });
  }

  /** Prints the job again, marked 补打 on paper. */
  reprint(job: PrintJob): Promise<PrintJobOutcome> {
    return this.run(job.kind === 'ticket' ? { kind: 'ticket', model: { ...job.model, reprint: true } } : { kind: 'receipt', model: { ...job.model, reprint: true } });
  }

  private failed(job: PrintJob, virtualTicket: VirtualTicket, failure: PrintFailure, message: string): PrintJobOutcome {
    return { status: 'failed', job, virtualTicket, failure, message, citizenMessage: CITIZEN_MESSAGES[failure], reprintable: true };
  }
}
