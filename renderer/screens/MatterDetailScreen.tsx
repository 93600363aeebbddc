import { useKiosk, useLocale, useT } from '../hooks.js';
import { selectMatter, subMattersOf } from '../store/slices/matters/selectors.js';
import { selectSubject } from '../store/slices/session/selectors.js';
import { selectBusy } from '../store/slices/journey/selectors.js';
import { matterName, windowReasonText } from './matter-text.js';
import { ScrollRegion } from '../components/ScrollRegion.js';
import { NavRow } from '../components/NavRow.js';
import { ProofList } from '../components/ProofList.js';
import { SubjectBanner } from '../components/SubjectBanner.js';
import { Busy } from '../components/Busy.js';

/** What a matter used to need and what it needs now; a 一件事 lists the matters it handles at once. */
export function MatterDetailScreen() {
  const t = useT();
  const locale = useLocale();
  const matter = useKiosk(selectMatter);
  const catalog = useKiosk((s) => s.catalog);
  const subject = useKiosk(selectSubject);
  const busy = useKiosk(selectBusy);
  const start = useKiosk((s) => s.handlingStarted);
  const takeTicket = useKiosk((s) => s.ticketRequested);
  if (!matter) {
    return (
      <main className="screen matter-detail" data-testid="screen-matter-detail">
        <p className="hint">{t('matters.loading')}</p>
        <NavRow />
      </main>
    );
  }
  const subMatters = subMattersOf(catalog, matter);
  return (
    <main className="screen matter-detail" data-testid="screen-matter-detail" data-matter={matter.id}>
      <SubjectBanner />
      <h2 data-testid="matter-name">{matterName(locale, matter)}</h2>
      <ScrollRegion>
        {subMatters.length > 0 && (
          <section className="bundle-list" data-testid="bundle-of">
            <p>{t('matter.bundleOf', { n: subMatters.length })}</p>
            <ol>
              {subMatters.map((m) => (
                <li key={m.id}>
                  <p className="section-title">{matterName(locale, m)}</p>
                  <ProofList proofs={m.proofs} />
                </li>
              ))}
            </ol>
          </section>
        )}
        {matter.handling !== 'window' && subMatters.length === 0 && (
          <>
            <p className="section-title">{t('matter.formerProofs')}</p>
            <ProofList proofs={matter.proofs} />
          </>
        )}
      </ScrollRegion>
      <div className="screen-actions">
        {matter.handling === 'window' ? (
          <>
            <p className="warning">
              {t('matters.window')}
              {windowReasonText(locale, matter) ? `${t('matters.reasonSeparator')}${windowReasonText(locale, matter)}` : ''}
            </p>
            <button
              type="button"
              className="big-button"
              data-testid="window-ticket"
              disabled={busy}
              onClick={() => void takeTicket({ category: matter.category, priority: subject?.elderly ? 'elderly' : 'normal', appointmentId: null })}
            >
              {t('matters.windowTicket')}
            </button>
          </>
        ) : (
          <button type="button" className="big-button" data-testid="matter-start" disabled={busy} onClick={start}>
            {t('matter.start')}
          </button>
        )}
        <Busy />
        <NavRow back="matters" />
      </div>
    </main>
  );
}
