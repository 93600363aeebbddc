import { useKiosk, useT } from '../hooks.js';
import { selectActivePrincipal, selectSubject } from '../store/slices/session/selectors.js';

/** 代办: who the agent is acting for right now, on every journey screen. */
export function SubjectBanner() {
  const t = useT();
  const active = useKiosk(selectActivePrincipal);
  const subject = useKiosk(selectSubject);
  const choose = useKiosk((s) => s.principalChosen);
  if (active === null || !subject) return null;
  return (
    <div className="subject-banner" data-testid="subject-banner">
      <span>{t('citizen.actingFor', { name: subject.displayName, id: subject.maskedIdNumber })}</span>
      <button type="button" className="chip dark" data-testid="back-to-agent" onClick={() => void choose(null)}>
        {t('citizen.backToAgent')}
      </button>
    </div>
  );
}
