import { useKiosk, useLocale, useT } from '../hooks.js';
import { categoriesOf, selectActiveMatters } from '../store/slices/matters/selectors.js';
import { selectSubject } from '../store/slices/session/selectors.js';
import { selectBusy } from '../store/slices/journey/selectors.js';
import { categoryName } from './matter-text.js';
import { ScrollRegion } from '../components/ScrollRegion.js';
import { NavRow } from '../components/NavRow.js';
import { Busy } from '../components/Busy.js';

/** 按事项取号: say why you came, get the number of the right window. */
export function CategoriesScreen() {
  const t = useT();
  const locale = useLocale();
  const matters = useKiosk(selectActiveMatters);
  const subject = useKiosk(selectSubject);
  const busy = useKiosk(selectBusy);
  const takeTicket = useKiosk((s) => s.ticketRequested);
  const priority = subject?.elderly ? 'elderly' : 'normal';
  return (
    <main className="screen categories" data-testid="screen-categories">
      <h2>{t('categories.title')}</h2>
      <p className="hint">{t('categories.hint')}</p>
      {matters.length === 0 && <p className="hint">{t('matters.loading')}</p>}
      <ScrollRegion>
        <div className="button-grid">
          {categoriesOf(matters).map((category) => (
            <button
              key={category}
              type="button"
              className="big-button secondary"
              data-testid={`category-ticket-${category}`}
              disabled={busy}
              onClick={() => void takeTicket({ category, priority, appointmentId: null })}
            >
              {categoryName(locale, category)}
            </button>
          ))}
        </div>
      </ScrollRegion>
      <div className="screen-actions">
        <Busy />
        <NavRow />
      </div>
    </main>
  );
}
