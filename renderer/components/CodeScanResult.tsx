import type { CodeScanOutcome } from '../../electron/common/code-scan.js';
import { useHallTimeZone, useKiosk, useLocale, useT } from '../hooks.js';
import type { MessageKey } from '../i18n/i18n.js';
import { formatTime } from '../i18n/i18n.js';
import { selectScannedTicketPrint } from '../store/slices/codes/selectors.js';
import { selectBusy } from '../store/slices/journey/selectors.js';

/** The words for an outcome that is not a ticket: what happened, then what to do. */
function messageKey(scan: Exclude<CodeScanOutcome, { outcome: 'identified' | 'ticket-status' | 'checked-in' }>): MessageKey {
  switch (scan.outcome) {
    case 'identity-refused':
      return `code.result.${scan.reason}`;
    case 'appointment-refused':
      return `code.result.appointment-${scan.reason}`;
    default:
      return `code.result.${scan.outcome}`;
  }
}

/** What came of the scan: a plain message and the next step, a ticket's status with 重新打印, or the check-in ticket. */
export function CodeScanResult({ scan }: { scan: CodeScanOutcome }) {
  const t = useT();
  const locale = useLocale();
  const timeZone = useHallTimeZone();
  const busy = useKiosk(selectBusy);
  const printed = useKiosk(selectScannedTicketPrint);
  const reprint = useKiosk((s) => s.scannedTicketReprintRequested);
  if (scan.outcome === 'identified') return null;
  if (scan.outcome === 'ticket-status') {
    const ticket = scan.ticket;
    return (
      <section className="code-result ticket-status" data-testid="scanned-ticket" data-today={ticket.today} aria-live="polite">
        <h3>{t('code.ticket.title')}</h3>
        <p className="ticket-number" data-testid="scanned-ticket-number">{ticket.ticketNo}</p>
        <p>{ticket.queueName}</p>
        <p>{t('code.ticket.issued', { time: formatTime(locale, ticket.issuedAt, timeZone) })}</p>
        <p className={ticket.today ? '' : 'warning'} data-testid="scanned-ticket-state">{t(ticket.today ? 'code.ticket.today' : 'code.ticket.old')}</p>
        {ticket.today && !printed && (
          <button type="button" className="big-button secondary" data-testid="scanned-ticket-reprint" disabled={busy} onClick={() => void reprint()}>
            {t('code.ticket.reprint')}
          </button>
        )}
        {printed && (
          <p data-testid="scanned-ticket-printed" data-status={printed.status}>
            {printed.status === 'printed' ? t('code.ticket.reprinted') : (printed.citizenMessage ?? t('print.failed'))}
          </p>
        )}
      </section>
    );
  }
  if (scan.outcome === 'checked-in') {
    return (
      <section className="code-result checked-in" data-testid="code-checked-in" aria-live="polite">
        <h3>{t('code.result.checkedIn')}</h3>
        <p className="ticket-number" data-testid="checked-in-number">{scan.ticket.ticketNo}</p>
        <p>{scan.ticket.queueName}</p>
        <p>{t(scan.ticket.queueLive ? 'ticket.peopleAhead' : 'ticket.peopleAheadApprox', { n: scan.ticket.peopleAhead })}</p>
      </section>
    );
  }
  const offersCard = scan.outcome === 'offline' || scan.outcome === 'failed' || (scan.outcome === 'identity-refused' && scan.reason === 'refused');
  return (
    <section className="code-result" data-testid="code-result" data-outcome={scan.outcome} aria-live="assertive">
      <p className="warning" data-testid="code-result-message">{t(messageKey(scan))}</p>
      {offersCard && <p data-testid="code-use-card">{t('code.useCard')}</p>}
    </section>
  );
}
