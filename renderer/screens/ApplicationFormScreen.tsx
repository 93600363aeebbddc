import { useKiosk, useLocale, useT } from '../hooks.js';
import { fallbackOf, selectDraft, selectDraftItems, selectDraftMatter, type ProofItem } from '../store/slices/application/selectors.js';
import { selectBusy } from '../store/slices/journey/selectors.js';
import { formerProofName, matterName } from './matter-text.js';
import { answerOf, questionsFor } from './form-questions.js';
import { ScrollRegion } from '../components/ScrollRegion.js';
import { NavRow } from '../components/NavRow.js';
import { SubjectBanner } from '../components/SubjectBanner.js';
import { Busy } from '../components/Busy.js';
import type { MessageKey } from '../i18n/i18n.js';

/** The one form and the one submit, for a simple matter or a whole 一件事 bundle. */
export function ApplicationFormScreen() {
  const t = useT();
  const locale = useLocale();
  const draft = useKiosk(selectDraft);
  const matter = useKiosk(selectDraftMatter);
  const items = useKiosk(selectDraftItems);
  const busy = useKiosk(selectBusy);
  const choose = useKiosk((s) => s.answerChosen);
  const submit = useKiosk((s) => s.applicationSubmitted);
  if (!draft || !matter) return null;
  const questions = questionsFor(matter);
  const bundle = Boolean(matter.bundleOf?.length);
  const outcomeOf = (item: ProofItem): MessageKey => {
    if (item.proof.satisfiedBy !== 'data-check') return `proof.${item.proof.satisfiedBy}`;
    const fallback = fallbackOf(draft, item);
    return fallback ? `proof.${fallback}` : 'check.confirmed';
  };
  return (
    <main className="screen application-form" data-testid="screen-application-form">
      <SubjectBanner />
      <h2>{t('form.title')}</h2>
      <p className="matter-name">{matterName(locale, matter)}</p>
      <ScrollRegion>
        {questions.map((q) => (
          <fieldset key={q.id} className="question">
            <legend>{t(q.label)}</legend>
            <div className="button-row">
              {q.options.map((o) => (
                <button
                  key={o.value}
                  type="button"
                  className="choice"
                  aria-pressed={answerOf(q, draft.answers) === o.value}
                  data-testid={`answer-${q.id}-${o.value}`}
                  onClick={() => choose(q.id, o.value)}
                >
                  {t(o.label)}
                </button>
              ))}
            </div>
          </fieldset>
        ))}
        <section className="summary">
          <p className="section-title">{t('form.summary')}</p>
          <ul className="proof-list">
            {items.map((item) => (
              <li key={item.key} className="proof">
                <span className="proof-former">
                  {bundle ? `${matterName(locale, item.matter)} · ` : ''}
                  {formerProofName(locale, item.proof)}
                </span>
                <span className="badge">{t(outcomeOf(item))}</span>
              </li>
            ))}
          </ul>
        </section>
      </ScrollRegion>
      <div className="screen-actions">
        <button
          type="button"
          className="big-button"
          data-testid="submit-application"
          disabled={busy}
          onClick={() => {
            // The preselected answers count as chosen: record them before submitting.
            for (const q of questions) if (draft.answers[q.id] === undefined) choose(q.id, answerOf(q, draft.answers));
            void submit();
          }}
        >
          {t('form.submit')}
        </button>
        <Busy />
        <NavRow />
      </div>
    </main>
  );
}
