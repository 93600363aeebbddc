import type { PrintView } from '../../electron/common/journey-schemas.js';
import { useKiosk, useT } from '../hooks.js';
import { PrintStatus, ReprintButton } from './PrintResult.js';

/**
 * The end of a journey, fixed below the screen's content: whether the paper came out,
 * 重新打印 when it did not, 办好了 (to the rating, then sign-out) or 继续办理 other things.
 */
export function JourneyEndButtons({ testIdPrefix, print }: { testIdPrefix: string; print: PrintView }) {
  const t = useT();
  const navigate = useKiosk((s) => s.navigate);
  const finish = useKiosk((s) => s.finishRequested);
  return (
    <div className="screen-actions">
      <PrintStatus print={print} />
      <div className="button-row">
        <ReprintButton print={print} />
        <button type="button" className="big-button" data-testid={`${testIdPrefix}-done`} onClick={finish}>
          {t('ticket.done')}
        </button>
        <button type="button" className="big-button secondary" data-testid={`${testIdPrefix}-more`} onClick={() => navigate('citizen-home')}>
          {t('ticket.more')}
        </button>
      </div>
    </div>
  );
}
