import { useKiosk, useLocale, useT } from '../hooks.js';
import { checkProgress, dataCheckItems, fallbackOf, selectDraft, selectDraftItems, selectDraftMatter } from '../store/slices/application/selectors.js';
import { selectPending } from '../store/slices/journey/selectors.js';
import { formerProofName, matterName } from './matter-text.js';
import { ScrollRegion } from '../components/ScrollRegion.js';
import { NavRow } from '../components/NavRow.js';
import { SubjectBanner } from '../components/SubjectBanner.js';

/** 数据查验, asked live, one proof after another, with progress; offline says what happens instead. */
export function DataCheckScreen() {
  const t = useT();
  const locale = useLocale();
  const draft = useKiosk(selectDraft);
  const matter = useKiosk(selectDraftMatter);
  const items = useKiosk(selectDraftItems);
  const pending = useKiosk(selectPending);
  const next = useKiosk((s) => s.handlingContinued);
  if (!draft || !matter) return null;
  const progress = checkProgress(draft, items);
  const finished = progress.done === progress.total;
  const bundle = Boolean(matter.bundleOf?.length);
  return (
    <main className="screen data-check" data-testid="screen-data-check" data-finished={finished}>
      <SubjectBanner />
      <h2>{t(finished ? 'check.done' : 'check.title')}</h2>
      <progress className="check-progress" max={progress.total} value={progress.done} data-testid="check-progress" aria-label={t('check.progress', { ...progress })} />
      <p aria-live="polite">{t('check.progress', { ...progress })}</p>
      <ScrollRegion>
        <ul className="check-list">
          {dataCheckItems(items).map((item) => {
            const check = draft.checks[item.key];
            const failed = draft.failedChecks.includes(item.key);
            const fallback = fallbackOf(draft, item);
            const status = check?.status ?? (failed ? 'unavailable' : 'running');
            return (
              <li key={item.key} className={`check check-${status}`} data-testid={`check-${item.proof.proofType}`} data-status={status}>
                <span className="proof-former">
                  {bundle ? `${matterName(locale, item.matter)} · ` : ''}
                  {formerProofName(locale, item.proof)}
                </span>
                <span className="check-result">
                  {status === 'running' && (pending === 'runDataCheck' ? t('check.running') : '')}
                  {status === 'confirmed' && `${t('check.confirmed')}${t('matters.reasonSeparator')}${(locale === 'en' && check?.summaryEn) || check?.summary || ''}`}
                  {status === 'not-found' && t('check.notFound')}
                  {status === 'unavailable' && fallback && t('check.unavailable', { fallback: t(`proof.${fallback}`) })}
                </span>
                {status === 'not-found' && fallback && <span className="check-fallback">{t('check.notFoundFallback', { fallback: t(`proof.${fallback}`) })}</span>}
              </li>
            );
          })}
        </ul>
      </ScrollRegion>
      <div className="screen-actions">
        <button type="button" className="big-button" data-testid="check-continue" disabled={!finished} onClick={next}>
          {t('check.continue')}
        </button>
        <NavRow />
      </div>
    </main>
  );
}
