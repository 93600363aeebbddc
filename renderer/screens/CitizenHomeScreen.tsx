import { useKiosk, useT } from '../hooks.js';
import { selectCitizen } from '../store/slices/session/selectors.js';

/** After identification: who we think you are (masked), and what you can do. */
export function CitizenHomeScreen() {
  const t = useT();
  const citizen = useKiosk(selectCitizen);
  const finish = useKiosk((s) => s.sessionFinished);
  if (!citizen) return null;
  return (
    <main className="screen citizen-home" data-testid="screen-citizen-home">
      <h2 data-testid="citizen-name">{t('citizen.welcome', { name: citizen.displayName })}</h2>
      <p className="masked-id" data-testid="citizen-id">
        {t('citizen.idNumber', { id: citizen.maskedIdNumber })}
      </p>
      {!citizen.idNumberValid && <p className="warning">{t('citizen.idInvalid')}</p>}
      <button type="button" className="big-button secondary" data-testid="finish" onClick={() => void finish('finished')}>
        {t('citizen.finish')}
      </button>
    </main>
  );
}
