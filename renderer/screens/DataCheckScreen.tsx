import { useKiosk, useT } from '../hooks.js';
import { checkProgress, dataCheckProofs, fallbackOf, selectDraft, selectDraftMatter } from '../store/slices/application/selectors.js';
import { selectPending } from '../store/slices/journey/selectors.js';
import { NavRow } from '../components/NavRow.js';
import { SubjectBanner } from '../components/SubjectBanner.js';

/** 数据查验, asked live, one proof after another, with progress; offline says what happens instead. */
export function DataCheckScreen() {
  const t = useT();
  const draft = useKiosk(selectDraft);
  const matter = useKiosk(selectDraftMatter);
  const pending = useKiosk(selectPending);
  const next = useKiosk((s) => s.handlingContinued);
  if (!draft || !matter) return null;
  const proofs = dataCheckProofs(matter.proofs);
  const progress = checkProgress(draft, matter.proofs);
  const finished = progress.done === progress.total;
  return (
    <main className="screen data-check" data-testid="screen-data-check">
      <SubjectBanner />
      <h2>{t('check.title')}</h2>
      <progress className="check-progress" max={progress.total} value={progress.done} data-testid="check-progress" aria-label={t('check.progress', { ...progress })} />
      <p aria-live="polite">{t('check.progress', { ...progress })}</p>
      <ul className="check-list">
        {proofs.map((p) => {
          const check = draft.checks[p.proofType];
          const failed = draft.failedChecks.includes(p.proofType);
          const fallback = fallbackOf(draft, p);
          const status = check?.status ?? (failed ? 'unavailable' : 'running');
          return (
            <li key={p.proofType} className={`check check-${status}`} data-testid={`check-${p.proofType}`} data-status={status}>
              <span className="proof-former">{p.formerProof}</span>
              <span className="check-result">
                {status === 'running' && (pending === 'runDataCheck' ? t('check.running') : '')}
                {status === 'confirmed' && `${t('check.confirmed')}：${check?.summary ?? ''}`}
                {status === 'not-found' && t('check.notFound')}
                {status === 'unavailable' && fallback && t('check.unavailable', { fallback: t(`proof.${fallback}`) })}
              </span>
              {status === 'not-found' && fallback && <span className="check-fallback">{t('check.notFoundFallback', { fallback: t(`proof.${fallback}`) })}</span>}
            </li>
          );
        })}
      </ul>
      <button type="button" className="big-button" data-testid="check-continue" disabled={!finished} onClick={next}>
        {t('check.continue')}
      </button>
      <NavRow />
    </main>
  );
}
