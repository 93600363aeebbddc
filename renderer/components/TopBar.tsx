import { useKiosk, useT } from '../hooks.js';
import { selectElderlyMode, selectLocale, selectMuted } from '../store/slices/ui/selectors.js';

/** Elderly mode, language and voice switches, on every screen. */
export function TopBar() {
  const t = useT();
  const elderly = useKiosk(selectElderlyMode);
  const locale = useKiosk(selectLocale);
  const muted = useKiosk(selectMuted);
  const toggleElderly = useKiosk((s) => s.elderlyModeToggled);
  const chooseLocale = useKiosk((s) => s.localeChosen);
  const toggleMute = useKiosk((s) => s.muteToggled);
  return (
    <header className="top-bar">
      <h1 className="app-title">{t('app.title')}</h1>
      <div className="top-actions">
        <button type="button" className="chip" data-testid="toggle-mute" aria-pressed={muted} onClick={toggleMute}>
          {muted ? t('ui.unmute') : t('ui.mute')}
        </button>
        <button type="button" className="chip" data-testid="toggle-elderly" aria-pressed={elderly} onClick={toggleElderly}>
          {elderly ? t('ui.standardMode') : t('ui.elderlyMode')}
        </button>
        <button
          type="button"
          className="chip"
          data-testid="toggle-locale"
          lang={locale === 'zh-CN' ? 'en' : 'zh-CN'}
          onClick={() => chooseLocale(locale === 'zh-CN' ? 'en' : 'zh-CN')}
        >
          {t('ui.language')}
        </button>
      </div>
    </header>
  );
}
