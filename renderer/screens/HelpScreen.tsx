import { useKiosk, useT } from '../hooks.js';
import { ScannerPlacement } from '../components/ScannerPlacement.js';
import { CodeScanResult } from '../components/CodeScanResult.js';
import { ScrollRegion } from '../components/ScrollRegion.js';
import { selectCodeScan, selectCodesCheckable } from '../store/slices/codes/selectors.js';

const ACCEPTED = ['network-id', 'social-security-card', 'zlb', 'appointment', 'kiosk-ticket'] as const;

/** 不带证件？: the code step (扫码). What can be scanned and where; after a scan, what came of it. */
export function HelpScreen() {
  const t = useT();
  const scan = useKiosk(selectCodeScan);
  const online = useKiosk(selectCodesCheckable);
  const close = useKiosk((s) => s.codeStepClosed);
  const again = useKiosk((s) => s.codeStepOpened);
  return (
    <main className="screen help code-step" data-testid="screen-help">
      <h2>{t('code.title')}</h2>
      <ScrollRegion className="help-body">
        {scan ? (
          <CodeScanResult scan={scan} />
        ) : (
          <>
            <p>{t('code.intro')}</p>
            <ul className="code-kinds" data-testid="code-kinds">
              {ACCEPTED.map((kind) => (
                <li key={kind}>{t(`code.kind.${kind}`)}</li>
              ))}
            </ul>
            <ScannerPlacement label={t('code.illustration')} />
            <p className="hint">{t('code.where')}</p>
            {!online && <p className="warning" data-testid="code-offline-now">{t('code.offlineNow')}</p>}
            <p>{t('help.body1')}</p>
          </>
        )}
      </ScrollRegion>
      <div className="screen-actions">
        {scan && (
          <button type="button" className="big-button secondary" data-testid="code-scan-again" onClick={again}>
            {t('code.scanAgain')}
          </button>
        )}
        <button type="button" className="big-button" data-testid="help-back" onClick={close}>
          {t('help.back')}
        </button>
      </div>
    </main>
  );
}
