import { useKiosk, useT } from '../hooks.js';
import { ScrollRegion } from '../components/ScrollRegion.js';

export function HelpScreen() {
  const t = useT();
  const navigate = useKiosk((s) => s.navigate);
  return (
    <main className="screen help" data-testid="screen-help">
      <h2>{t('help.title')}</h2>
      <ScrollRegion className="help-body">
        <p>{t('help.body1')}</p>
        <p>{t('help.body2')}</p>
      </ScrollRegion>
      <div className="screen-actions">
        <button type="button" className="big-button" data-testid="help-back" onClick={() => navigate('attract')}>
          {t('help.back')}
        </button>
      </div>
    </main>
  );
}
