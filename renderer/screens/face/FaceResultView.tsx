import { useKiosk, useT } from '../../hooks.js';
import { selectFaceResult } from '../../store/slices/face/selectors.js';
import { CardPlacement } from '../../components/CardPlacement.js';
import { SubjectBanner } from '../../components/SubjectBanner.js';
import '../../face/face.css';

/** Anything but a match: say so plainly, and offer the card (a swipe identifies at the card's level). */
export function FaceResultView() {
  const t = useT();
  const result = useKiosk(selectFaceResult);
  const retry = useKiosk((s) => s.faceConsentGiven);
  const leave = useKiosk((s) => s.faceStepLeft);
  if (!result || result === 'match') return null;
  return (
    <main className="screen face face-result" data-testid="screen-face-result" data-result={result}>
      <SubjectBanner />
      <h2>{t(`face.result.${result}`)}</h2>
      <p className="hint" data-testid="face-card-offer">{t('face.cardOffer')}</p>
      <CardPlacement label={t('attract.cardPicture')} />
      <div className="face-actions">
        {(result === 'no-face' || result === 'no-match') && (
          <button type="button" className="big-button secondary" data-testid="face-retry" onClick={retry}>
            {t('face.retry')}
          </button>
        )}
        <button type="button" className="big-button secondary" data-testid="face-leave" onClick={leave}>
          {t('ui.home')}
        </button>
      </div>
    </main>
  );
}
