import { useMatterName } from './use-matter-name.js';
import { useKiosk, useHallTimeZone, useLocale, useT } from '../hooks.js';
import { formatClock } from '../i18n/i18n.js';
import { selectCitizen, selectSubject } from '../store/slices/session/selectors.js';
import { selectAppointmentToday, selectEntitlements, selectOverview } from '../store/slices/overview/selectors.js';
import { selectElderlyMode } from '../store/slices/ui/selectors.js';
import { selectBusy } from '../store/slices/journey/selectors.js';
import { SubjectBanner } from '../components/SubjectBanner.js';
import { Busy } from '../components/Busy.js';
import { ServiceNotice } from '../components/ServiceNotice.js';
import { selectTicketsIssued } from '../store/slices/devices/selectors.js';

/**
 * After identification: who we think you are (masked), and what you can do. One big
 * button for most people; elderly mode keeps only the main choices.
 */
export function CitizenHomeScreen() {
  const t = useT();
  const locale = useLocale();
  const timeZone = useHallTimeZone();
  const citizen = useKiosk(selectCitizen);
  const subject = useKiosk(selectSubject);
  const overview = useKiosk(selectOverview);
  const entitlements = useKiosk(selectEntitlements);
  const nameOf = useMatterName();
  const appointment = useKiosk(selectAppointmentToday);
  const elderlyMode = useKiosk(selectElderlyMode);
  const busy = useKiosk(selectBusy);
  const ticketsIssued = useKiosk(selectTicketsIssued);
  const takeTicket = useKiosk((s) => s.ticketRequested);
  const navigate = useKiosk((s) => s.navigate);
  const openMatters = useKiosk((s) => s.mattersOpened);
  const chooseMatter = useKiosk((s) => s.matterChosen);
  const startProxy = useKiosk((s) => s.proxyStarted);
  const finish = useKiosk((s) => s.finishRequested);
  if (!citizen || !subject) return null;
  // 绿色通道 for the elderly is granted by birth date, without asking.
  const priority = subject.elderly ? 'elderly' : 'normal';
  return (
    <main className="screen citizen-home" data-testid="screen-citizen-home">
      <SubjectBanner />
      <header className="citizen-card">
        <h2 data-testid="citizen-name">{t('citizen.welcome', { name: citizen.displayName })}</h2>
        <p className="masked-id" data-testid="citizen-id">
          {t('citizen.idNumber', { id: citizen.maskedIdNumber })}
        </p>
        {!citizen.idNumberValid && <p className="warning">{t('citizen.idInvalid')}</p>}
      </header>

      {entitlements.map((e) => (
        <section key={e.entitlementId} className="entitlement" data-testid="entitlement" data-matter={e.matterId}>
          <div>
            <p className="entitlement-title">{nameOf(e.matterId, e.title)}</p>
            <p className="entitlement-reason">{(locale === 'en' && e.reasonEn) || e.reason}</p>
          </div>
          <button type="button" className="big-button" data-testid={`entitlement-${e.matterId}`} onClick={() => chooseMatter(e.matterId)}>
            {t('home.entitlementOffer')}
          </button>
        </section>
      ))}
      {!overview && <p className="hint">{t('home.overviewLoading')}</p>}
      {overview && !overview.live && <p className="hint" data-testid="overview-offline">{t('home.overviewOffline')}</p>}

      <ServiceNotice where="citizen-home" />
      <div className="home-main">
        {appointment && (
          <button
            type="button"
            className="big-button huge appointment"
            data-testid="appointment-checkin"
            disabled={busy || !ticketsIssued}
            onClick={() => void takeTicket({ category: null, priority: 'normal', appointmentId: appointment.appointmentId })}
          >
            {t('home.appointment', { time: formatClock(locale, appointment.slot, timeZone) })}
            <small>{t('home.appointmentHint')}</small>
          </button>
        )}
        <button
          type="button"
          className="big-button huge"
          data-testid="one-click-ticket"
          data-priority={priority}
          disabled={busy || !ticketsIssued}
          onClick={() => void takeTicket({ category: null, priority, appointmentId: null })}
        >
          {t(priority === 'elderly' ? 'home.oneClickElderly' : 'home.oneClick')}
          <small>{t('home.oneClickHint')}</small>
        </button>
      </div>
      <Busy />

      {!elderlyMode && (
        <section className="green-channel" aria-labelledby="green-title">
          <h3 id="green-title">{t('home.greenChannel')}</h3>
          <p className="hint">{t('home.greenHint')}</p>
          <div className="button-row">
            <button type="button" className="big-button secondary" data-testid="priority-disabled" disabled={busy || !ticketsIssued} onClick={() => void takeTicket({ category: null, priority: 'disabled', appointmentId: null })}>
              {t('home.disabled')}
            </button>
            <button type="button" className="big-button secondary" data-testid="priority-pregnant" disabled={busy || !ticketsIssued} onClick={() => void takeTicket({ category: null, priority: 'pregnant', appointmentId: null })}>
              {t('home.pregnant')}
            </button>
          </div>
        </section>
      )}

      <div className="button-grid">
        {!elderlyMode && (
          <button type="button" className="big-button secondary" data-testid="go-categories" onClick={() => navigate('categories')}>
            {t('home.byMatter')}
          </button>
        )}
        <button type="button" className="big-button secondary" data-testid="go-matters" onClick={openMatters}>
          {t('home.selfService')}
          <small>{t('home.selfServiceHint')}</small>
        </button>
        <button type="button" className="big-button secondary" data-testid="go-status" onClick={() => navigate('status')}>
          {t('home.myApplications')}
        </button>
        {!elderlyMode && (
          <button type="button" className="big-button secondary" data-testid="go-proxy" disabled={busy} onClick={() => void startProxy()}>
            {t('home.proxy')}
          </button>
        )}
        <button type="button" className="big-button secondary finish" data-testid="finish" onClick={finish}>
          {t('citizen.finish')}
        </button>
      </div>
    </main>
  );
}
