import { useKiosk, useT } from '../hooks.js';
import { CardPlacement } from '../components/CardPlacement.js';
import { ServiceNotice } from '../components/ServiceNotice.js';
import { selectService } from '../store/slices/devices/selectors.js';

/** The home / attract screen: one instruction, one picture, one way out for people without a card. */
export function AttractScreen() {
  const t = useT();
  const navigate = useKiosk((s) => s.navigate);
  // Taken out by operations: nobody starts here, so no invitation to swipe.
  const outOfService = useKiosk(selectService)?.reason === 'out-of-service';
  return (
    <main className="screen attract" data-testid="screen-attract">
      <ServiceNotice where="attract" />
      {!outOfService && (
        <>
          <h2 className="prompt">{t('attract.prompt')}</h2>
          <CardPlacement label={t('attract.cardPicture')} />
          <p className="hint">{t('attract.hint')}</p>
        </>
      )}
      <button type="button" className="big-button secondary" data-testid="go-help" onClick={() => navigate('help')}>
        {t('attract.noCard')}
      </button>
    </main>
  );
}
