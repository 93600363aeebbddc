import { useKiosk, useLocale, useT } from '../hooks.js';
import { categoriesOf, mattersIn, selectActiveMatters, selectCurrentCategory } from '../store/slices/matters/selectors.js';
import { selectSubject } from '../store/slices/session/selectors.js';
import { selectBusy } from '../store/slices/journey/selectors.js';
import { categoryName, matterName, windowReasonText } from './matter-text.js';
import { ScrollRegion } from '../components/ScrollRegion.js';
import { NavRow } from '../components/NavRow.js';
import { SubjectBanner } from '../components/SubjectBanner.js';
import { Busy } from '../components/Busy.js';

/** 自助办理: matters by category; those done only at a window say why and offer a window ticket. */
export function MattersScreen() {
  const t = useT();
  const locale = useLocale();
  const matters = useKiosk(selectActiveMatters);
  const current = useKiosk(selectCurrentCategory);
  const subject = useKiosk(selectSubject);
  const busy = useKiosk(selectBusy);
  const chooseCategory = useKiosk((s) => s.categoryChosen);
  const chooseMatter = useKiosk((s) => s.matterChosen);
  const takeTicket = useKiosk((s) => s.ticketRequested);
  const priority = subject?.elderly ? 'elderly' : 'normal';
  return (
    <main className="screen matters" data-testid="screen-matters">
      <SubjectBanner />
      <h2>{t('matters.title')}</h2>
      {matters.length === 0 && <p className="hint">{t('matters.loading')}</p>}
      <div className="tabs" role="tablist">
        {categoriesOf(matters).map((category) => (
          <button
            key={category}
            type="button"
            role="tab"
            id={tabId(category)}
            aria-selected={category === current}
            className="tab"
            data-testid={`category-${category}`}
            onClick={() => chooseCategory(category)}
          >
            {categoryName(locale, category)}
          </button>
        ))}
      </div>
      {/* The panel wraps the list: role="tabpanel" on the <ul> would hide its list role from its <li>s. */}
      <ScrollRegion className="matter-list-region">
        <div className="matter-panel" role="tabpanel" aria-labelledby={current ? tabId(current) : undefined}>
          <ul className="matter-list">
            {mattersIn(matters, current).map((matter) => (
              <li key={matter.id} className={`matter-item handling-${matter.handling}`}>
                {matter.handling === 'kiosk' ? (
                  <button type="button" className="matter-button" data-testid={`matter-${matter.id}`} onClick={() => chooseMatter(matter.id)}>
                    <span className="matter-name">{matterName(locale, matter)}</span>
                    {matter.bundleOf && <span className="badge">{t('matters.bundle')}</span>}
                  </button>
                ) : (
                  <div className="matter-window" data-testid={`matter-${matter.id}`}>
                    <span className="matter-name">{matterName(locale, matter)}</span>
                    <span className="window-reason">
                      {t('matters.window')}
                      {windowReasonText(locale, matter) ? `${t('matters.reasonSeparator')}${windowReasonText(locale, matter)}` : ''}
                    </span>
                    <button
                      type="button"
                      className="big-button small"
                      data-testid={`window-ticket-${matter.id}`}
                      disabled={busy}
                      onClick={() => void takeTicket({ category: matter.category, priority, appointmentId: null })}
                    >
                      {t('matters.windowTicket')}
                    </button>
                  </div>
                )}
              </li>
            ))}
          </ul>
        </div>
      </ScrollRegion>
      <div className="screen-actions">
        <Busy />
        <NavRow />
      </div>
    </main>
  );
}

/** The id of a category's tab, which names the matter panel while it is selected. */
function tabId(category: string): string {
  return `matters-tab-${category}`;
}
