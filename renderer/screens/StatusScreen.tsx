import { useKiosk, useHallTimeZone, useLocale, useT } from '../hooks.js';
import { formatTime } from '../i18n/i18n.js';
import { selectApplicationStatuses, selectOverview } from '../store/slices/overview/selectors.js';
import { ScrollRegion } from '../components/ScrollRegion.js';
import { NavRow } from '../components/NavRow.js';
import { SubjectBanner } from '../components/SubjectBanner.js';
import { useMatterName } from './use-matter-name.js';

/** 我的办件: open applications and department verifications with their state. */
export function StatusScreen() {
  const t = useT();
  const locale = useLocale();
  const timeZone = useHallTimeZone();
  const overview = useKiosk(selectOverview);
  const applications = useKiosk(selectApplicationStatuses);
  const nameOf = useMatterName();
  return (
    <main className="screen status" data-testid="screen-status">
      <SubjectBanner />
      <h2>{t('apps.title')}</h2>
      <ScrollRegion>
        {!overview && <p className="hint">{t('apps.loading')}</p>}
        {overview && !overview.live && <p className="hint" data-testid="status-offline">{t('apps.offline')}</p>}
        {overview && applications.length === 0 && <p data-testid="status-none">{t('apps.none')}</p>}
        <ul className="application-list">
          {applications.map((a) => (
            <li key={a.applicationId} className={`application state-${a.state}`} data-testid="status-application" data-state={a.state}>
              <p className="application-head">
                <span className="matter-name">{nameOf(a.matterId, a.matterName)}</span>
                <span className="badge">{t(`apps.state.${a.state}`)}</span>
              </p>
              <p className="hint">{t('apps.submitted', { time: formatTime(locale, a.submittedAt, timeZone) })}</p>
              {a.verifications.length > 0 && (
                <ul className="proof-list">
                  {a.verifications.map((v) => (
                    <li key={v.proofType} className="proof" data-testid={`verification-${v.proofType}`} data-state={v.state}>
                      <span className="proof-name">
                        {t(`proofType.${v.proofType}`)} · {t('proof.department-verification')}
                      </span>
                      <span className="proof-how">
                        <span className="badge">{t(`apps.verification.${v.state}`)}</span>
                        {v.state === 'pending' && t('apps.promised', { time: formatTime(locale, v.promisedBy, timeZone) })}
                        {v.note ? ` · ${v.note}` : ''}
                      </span>
                    </li>
                  ))}
                </ul>
              )}
            </li>
          ))}
        </ul>
      </ScrollRegion>
      <div className="screen-actions">
        <NavRow />
      </div>
    </main>
  );
}
