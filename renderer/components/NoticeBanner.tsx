import { useEffect } from 'react';
import { useKiosk, useT } from '../hooks.js';
import { messageKeyOr } from '../i18n/i18n.js';
import { selectNotice, selectProblem } from '../store/slices/ui/selectors.js';
import { selectAcceptingWrites } from '../store/slices/devices/selectors.js';

const NOTICE_SECONDS = 12;

/** The core's notices and failed calls, in plain words with what to do next; never a stack trace. */
export function NoticeBanner() {
  const t = useT();
  const notice = useKiosk(selectNotice);
  const problem = useKiosk(selectProblem);
  const acceptingWrites = useKiosk(selectAcceptingWrites);
  const dismissNotice = useKiosk((s) => s.noticeDismissed);
  const dismissProblem = useKiosk((s) => s.problemDismissed);
  // A notice is about a moment (a failed read): it goes by itself so the next person does not see it.
  useEffect(() => {
    if (!notice) return;
    const timer = setTimeout(dismissNotice, NOTICE_SECONDS * 1000);
    return () => clearTimeout(timer);
  }, [notice, dismissNotice]);
  if (!notice && !problem && acceptingWrites) return null;
  const items = [
    notice && {
      id: 'notice',
      level: notice.level,
      code: notice.code,
      text: t(messageKeyOr(`notice.${notice.code}`, `notice.${notice.level}`)),
      dismiss: dismissNotice,
    },
    problem && {
      id: 'problem',
      level: 'error' as const,
      code: problem.code,
      text: t(messageKeyOr(`problem.${problem.code}`, 'problem.generic')),
      dismiss: dismissProblem,
    },
  ].filter((item) => !!item);
  return (
    <div className="notices" role="alert">
      {!acceptingWrites && (
        <div className="notice notice-error" data-testid="store-full" data-code="store-full">
          <span className="notice-text">{t('notice.store-full')}</span>
        </div>
      )}
      {items.map((item) => (
        <div key={item.id} className={`notice notice-${item.level}`} data-testid={item.id} data-code={item.code}>
          <span className="notice-text">{item.text}</span>
          <button type="button" className="chip dark" data-testid={`${item.id}-dismiss`} onClick={item.dismiss}>
            {t('ui.ok')}
          </button>
        </div>
      ))}
    </div>
  );
}
