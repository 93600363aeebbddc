import type { PrintView } from '../../electron/common/journey-schemas.js';
import { useKiosk, useT } from '../hooks.js';
import { selectBusy } from '../store/slices/journey/selectors.js';
import { QrCode } from './QrCode.js';

/**
 * Whether the paper came out, in one line the citizen reads next to the end buttons: the
 * printer's own words when it failed (缺纸…), so the message never scrolls out of view.
 */
export function PrintStatus({ print }: { print: PrintView }) {
  const t = useT();
  if (print.status === 'printed') {
    return (
      <p className="print-ok" data-testid="print-status" data-status="printed">
        {t('print.printed')}
      </p>
    );
  }
  return (
    <p className="print-failed" data-testid="print-status" data-status="failed" aria-live="assertive">
      <span className="warning" data-testid="print-message">
        {print.citizenMessage ?? t('print.failed')}
      </span>
    </p>
  );
}

/** The virtual ticket standing in for the paper that did not come out. */
export function VirtualTicket({ print }: { print: PrintView }) {
  const t = useT();
  if (print.status === 'printed') return null;
  const slip = print.virtualTicket;
  return (
    <section className="virtual-ticket" aria-label={t('print.virtualTitle')}>
      <div className="slip" data-testid="virtual-ticket">
        <p className="slip-kind">{t('print.virtualTitle')}</p>
        <p className="slip-headline">{slip.headline}</p>
        <p className="slip-title">{slip.title}</p>
        <ul className="slip-lines">
          {slip.lines.map((line, i) => (
            <li key={i}>{line}</li>
          ))}
        </ul>
        <QrCode text={slip.qrPayload} label={t('ticket.qr')} />
      </div>
    </section>
  );
}

/** 重新打印, once the printer failed. */
export function ReprintButton({ print }: { print: PrintView }) {
  const t = useT();
  const busy = useKiosk(selectBusy);
  const reprint = useKiosk((s) => s.reprintRequested);
  if (print.status === 'printed') return null;
  return (
    <button type="button" className="big-button secondary" data-testid="reprint" disabled={busy} onClick={() => void reprint(print.jobId)}>
      {t('print.reprint')}
    </button>
  );
}
