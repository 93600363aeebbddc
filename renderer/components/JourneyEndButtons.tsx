import { useKiosk, useT } from '../hooks.js';

/** The end of a journey: 办完了 (to the rating, then sign-out) or 继续办理 other things. */
export function JourneyEndButtons({ testIdPrefix }: { testIdPrefix: string }) {
  const t = useT();
  const navigate = useKiosk((s) => s.navigate);
  const finish = useKiosk((s) => s.finishRequested);
  return (
    <div className="button-row">
      <button type="button" className="big-button" data-testid={`${testIdPrefix}-done`} onClick={finish}>
        {t('ticket.done')}
      </button>
      <button type="button" className="big-button secondary" data-testid={`${testIdPrefix}-more`} onClick={() => navigate('citizen-home')}>
        {t('ticket.more')}
      </button>
    </div>
  );
}
