import { useKiosk, useHallTimeZone, useLocale, useT } from '../hooks.js';
import { formatTime } from '../i18n/i18n.js';
import { selectLastSubmission } from '../store/slices/application/selectors.js';
import { useMatterName } from './use-matter-name.js';
import { formerProofName } from './matter-text.js';
import { JourneyEndButtons } from '../components/JourneyEndButtons.js';
import { VirtualTicket } from '../components/PrintResult.js';
import { ScrollRegion } from '../components/ScrollRegion.js';
import { SubjectBanner } from '../components/SubjectBanner.js';

/** The receipt: every application (one per department for a 一件事) with each proof's outcome. */
export function ReceiptScreen() {
  const t = useT();
  const locale = useLocale();
  const timeZone = useHallTimeZone();
  const submission = useKiosk(selectLastSubmission);
  const nameOf = useMatterName();
  if (!submission) return null;
  const awaiting = submission.applications.some((a) => a.state === 'awaiting-verification');
  return (
    <main className="screen receipt" data-testid="screen-receipt" data-bundle={submission.bundle}>
      <SubjectBanner />
      <h2>{t(submission.bundle ? 'receipt.bundleTitle' : 'receipt.title')}</h2>
      <ScrollRegion>
        <ol className={`application-list ${submission.bundle ? 'progress-list' : ''}`}>
          {submission.applications.map((a) => (
            <li key={a.applicationId} className={`application state-${a.state}`} data-testid="application" data-state={a.state}>
              <p className="application-head">
                <span className="matter-name">{nameOf(a.matterId, a.matterName)}</span>
                <span className="badge">{t(a.state === 'accepted' ? 'receipt.accepted' : 'receipt.awaiting')}</span>
              </p>
              <p className="app-no">{t('receipt.appNo', { no: a.applicationNo })}</p>
              <ul className="proof-list">
                {a.proofs.map((p) => (
                  <li key={p.proofType} className="proof" data-testid={`outcome-${p.proofType}`} data-satisfied-by={p.satisfiedBy} data-fell-back={p.fellBack}>
                    <span className="proof-former">{formerProofName(locale, p)}</span>
                    <span className="proof-how">
                      <span className="badge">{t(`proof.${p.satisfiedBy}`)}</span>
                      {(locale === 'en' && p.summaryEn) || p.summary}
                      {p.promisedBy !== null && ` · ${t('receipt.promised', { time: formatTime(locale, p.promisedBy, timeZone) })}`}
                    </span>
                  </li>
                ))}
              </ul>
            </li>
          ))}
        </ol>
        {awaiting && (
          <p className="how-to-learn" data-testid="how-to-learn">
            {t('receipt.howToLearn')}
          </p>
        )}
        <VirtualTicket print={submission.print} />
      </ScrollRegion>
      <JourneyEndButtons testIdPrefix="receipt" print={submission.print} />
    </main>
  );
}
