import type { PrintView } from '../../electron/common/journey-schemas.js';
import { useKiosk, useT } from '../hooks.js';
import { selectBusy } from '../store/slices/journey/selectors.js';
import { QrCode } from './QrCode.js';

/** The paper came out, or the virtual ticket stands in for it with a 重新打印 button. */
export function PrintResult({ print }: { print: PrintView }) {
  const t = useT();
  const busy = useKiosk(selectBusy);
  const reprint = useKiosk((s) => s.reprintRequested);
  if (print.status === 'printed') {
    return (
      <p className="print-ok" data-testid="print-status" data-status="printed">
        {t('print.printed')}
      </p>
    );
  }
  const slip = print.virtualTicket;
  return (
    <section className="virtual-ticket" data-testid="print-status" data-status="failed" aria-live="assertive">
      <p className="warning" data-testid="print-message">
        {print.citizenMessage ?? t('print.failed')}
      </p>
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
      <button type="button" className="big-button secondary" data-testid="reprint" disabled={busy} onClick={() => void reprint(print.jobId)}>
        {t('print.reprint')}
      </button>
    </section>
  );
}
