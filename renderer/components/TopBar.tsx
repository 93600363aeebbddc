import { useKiosk, useT } from '../hooks.js';
import { selectElderlyMode, selectLocale } from '../store/slices/ui/selectors.js';

/** Elderly mode and language switches, on every screen. */
export function TopBar() {
  const t = useT();
  const elderly = useKiosk(selectElderlyMode);
  const locale = useKiosk(selectLocale);
  const toggleElderly = useKiosk((s) => s.elderlyModeToggled);
  const chooseLocale = useKiosk((s) => s.localeChosen);
  return (
    <header className="top-bar">
      <h1 className="app-title">{t('app.title')}</h1>
      <div className="top-actions">
        <button type="button" className="chip" data-testid="toggle-elderly" aria-pressed={elderly} onClick={toggleElderly}>
          {elderly ? t('ui.standardMode') : t('ui.elderlyMode')}
        </button>
        <button
          type="button"
          className="chip"
          data-testid="toggle-locale"
          onClick={() => chooseLocale(locale === 'zh-CN' ? 'en' : 'zh-CN')}
        >
          {t('ui.language')}
        </button>
      </div>
    </header>
  );
}
