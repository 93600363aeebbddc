import { useKiosk, useT } from '../hooks.js';
import { selectBusy } from '../store/slices/journey/selectors.js';

/** While a call to the core runs: say so, so nobody presses twice. */
export function Busy() {
  const t = useT();
  const busy = useKiosk(selectBusy);
  if (!busy) return null;
  return (
    <p className="busy" role="status" data-testid="busy">
      <span className="spinner" aria-hidden="true" />
      {t('ui.busy')}
    </p>
  );
}
