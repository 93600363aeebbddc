import { useKiosk, useT } from '../../hooks.js';
import { SubjectBanner } from '../../components/SubjectBanner.js';
import '../../face/face.css';

/** What is captured, for what, and that nothing is kept; 同意 opens the camera, 不同意 offers the card. */
export function FaceConsent() {
  const t = useT();
  const agree = useKiosk((s) => s.faceConsentGiven);
  const decline = useKiosk((s) => s.faceConsentDeclined);
  return (
    <main className="screen face face-consent" data-testid="screen-face-consent">
      <SubjectBanner />
      <h2>{t('face.consentTitle')}</h2>
      <ul className="face-consent-text" data-testid="face-consent-text">
        <li>{t('face.consentWhat')}</li>
        <li>{t('face.consentWhy')}</li>
        <li>{t('face.consentKept')}</li>
        <li>{t('face.consentChoice')}</li>
      </ul>
      <div className="face-actions">
        <button type="button" className="big-button" data-testid="face-agree" onClick={agree}>
          {t('face.agree')}
        </button>
        <button type="button" className="big-button secondary" data-testid="face-decline" onClick={decline}>
          {t('face.decline')}
        </button>
      </div>
    </main>
  );
}
