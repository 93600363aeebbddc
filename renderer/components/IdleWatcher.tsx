import { useContext, useEffect } from 'react';
import { StoreContext, useKiosk, useT } from '../hooks.js';
import { selectIdleRemaining, selectIdleWarning } from '../store/slices/idle/selectors.js';

/** Ticks the idle clock, counts any touch or key as activity (told to the core, throttled), and shows the warning with 继续办理. */
export function IdleWatcher() {
  const store = useContext(StoreContext);
  const t = useT();
  const warning = useKiosk(selectIdleWarning);
  const remaining = useKiosk(selectIdleRemaining);
  // 继续办理 tells the core at once (not throttled): its deadline is the one that counts.
  const continued = useKiosk((s) => s.sessionTouched);

  useEffect(() => {
    if (!store) return;
    const onActivity = () => {
      // While the warning shows, only 继续办理 continues: closing the dialog on pointerdown would
      // let the same tap's click land on whatever button lies beneath it.
      if (selectIdleWarning(store.getState())) return;
      store.getState().userActed(Date.now());
    };
    const timer = setInterval(() => store.getState().clockTicked(Date.now()), 1000);
    window.addEventListener('pointerdown', onActivity, true);
    window.addEventListener('keydown', onActivity, true);
    return () => {
      clearInterval(timer);
      window.removeEventListener('pointerdown', onActivity, true);
      window.removeEventListener('keydown', onActivity, true);
    };
  }, [store]);

  if (!warning || remaining === null) return null;
  return (
    <div className="overlay" role="alertdialog" aria-modal="true" aria-labelledby="idle-title" data-testid="idle-warning">
      <div className="dialog">
        <h2 id="idle-title">{t('idle.title')}</h2>
        <p data-testid="idle-remaining">{t('idle.body', { n: remaining })}</p>
        <button type="button" className="big-button" data-testid="idle-continue" autoFocus onClick={() => continued(Date.now())}>
          {t('idle.continue')}
        </button>
      </div>
    </div>
  );
}
