import type { Screen } from '../store/slices/ui/state.js';
import { useKiosk, useT } from '../hooks.js';

/** The way back, always in the same place: one step back, or to the citizen's home. */
export function NavRow({ back }: { back?: Screen }) {
  const t = useT();
  const navigate = useKiosk((s) => s.navigate);
  return (
    <nav className="nav-row">
      {back && (
        <button type="button" className="big-button secondary small" data-testid="nav-back" onClick={() => navigate(back)}>
          {t('ui.back')}
        </button>
      )}
      <button type="button" className="big-button secondary small" data-testid="nav-home" onClick={() => navigate('citizen-home')}>
        {t('ui.home')}
      </button>
    </nav>
  );
}
