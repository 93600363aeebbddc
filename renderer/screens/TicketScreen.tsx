import { useKiosk, useT } from '../hooks.js';
import { selectLastTicket } from '../store/slices/journey/selectors.js';
import { VirtualTicket } from '../components/PrintResult.js';
import { ScrollRegion } from '../components/ScrollRegion.js';
import { QrCode } from '../components/QrCode.js';
import { SubjectBanner } from '../components/SubjectBanner.js';
import { JourneyEndButtons } from '../components/JourneyEndButtons.js';

/** The number, big; how long the wait is (约 when the queue is an offline estimate); the QR; the paper. */
export function TicketScreen() {
  const t = useT();
  const ticket = useKiosk(selectLastTicket);
  if (!ticket) return null;
  const approx = !ticket.queueLive;
  return (
    <main className="screen ticket" data-testid="screen-ticket">
      <SubjectBanner />
      <h2>{t('ticket.title')}</h2>
      <ScrollRegion className="ticket-body">
        <div className="ticket-layout">
          <div className="ticket-number-box">
            <p className="label">{t('ticket.number')}</p>
            <p className="ticket-number" data-testid="ticket-number">
              {ticket.ticketNo}
            </p>
            <p className="ticket-queue">
              {ticket.queueName}
              {ticket.priority !== 'normal' && <span className="badge" data-testid="ticket-priority">{t(`ticket.priority.${ticket.priority}`)}</span>}
            </p>
            <p className="ticket-wait" data-testid="ticket-ahead" data-live={ticket.queueLive}>
              {t(approx ? 'ticket.peopleAheadApprox' : 'ticket.peopleAhead', { n: ticket.peopleAhead })}
            </p>
            <p className="ticket-wait" data-testid="ticket-wait">
              {t(approx ? 'ticket.waitApprox' : 'ticket.wait', { n: ticket.estimatedWaitMinutes })}
            </p>
          </div>
          <QrCode text={ticket.trackingUrl} label={t('ticket.qr')} testId="ticket-qr" />
        </div>
        <VirtualTicket print={ticket.print} />
      </ScrollRegion>
      <JourneyEndButtons testIdPrefix="ticket" print={ticket.print} />
    </main>
  );
}
