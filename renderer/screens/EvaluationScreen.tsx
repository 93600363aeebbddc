import { useKiosk, useT } from '../hooks.js';
import { selectBusy } from '../store/slices/journey/selectors.js';
import { RatingFace } from '../components/RatingFace.js';

const LEVELS = [5, 4, 3, 2, 1] as const;

/** 好差评: five big buttons, one tap, then the session ends and the screen clears. */
export function EvaluationScreen() {
  const t = useT();
  const busy = useKiosk(selectBusy);
  const rate = useKiosk((s) => s.evaluationGiven);
  const skip = useKiosk((s) => s.evaluationSkipped);
  return (
    <main className="screen evaluation" data-testid="screen-evaluation">
      <h2>{t('eval.title')}</h2>
      <p className="hint">{t('eval.hint')}</p>
      <div className="rating-row">
        {LEVELS.map((level) => (
          <button key={level} type="button" className={`rating rating-${level}`} data-testid={`rate-${level}`} disabled={busy} onClick={() => void rate(level)}>
            <RatingFace level={level} />
            {t(`eval.${level}`)}
          </button>
        ))}
      </div>
      <button type="button" className="big-button secondary small" data-testid="eval-skip" disabled={busy} onClick={() => void skip()}>
        {t('eval.skip')}
      </button>
    </main>
  );
}
