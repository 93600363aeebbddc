import { useKiosk, useT } from '../hooks.js';
import { selectActivePrincipal, selectPrincipals, selectProxyMode } from '../store/slices/session/selectors.js';
import { selectBusy } from '../store/slices/journey/selectors.js';
import { CardPlacement } from '../components/CardPlacement.js';
import { ScrollRegion } from '../components/ScrollRegion.js';

/** 代办: the agent swipes each principal's card in turn, then acts for one at a time. */
export function ProxyScreen() {
  const t = useT();
  const principals = useKiosk(selectPrincipals);
  const active = useKiosk(selectActivePrincipal);
  const proxyMode = useKiosk(selectProxyMode);
  const busy = useKiosk(selectBusy);
  const choose = useKiosk((s) => s.principalChosen);
  const stop = useKiosk((s) => s.proxyStopped);
  const start = useKiosk((s) => s.proxyStarted);
  const finish = useKiosk((s) => s.finishRequested);
  return (
    <main className="screen proxy" data-testid="screen-proxy">
      <h2>{t('proxy.title')}</h2>
      {proxyMode ? (
        <p className="prompt small-prompt" data-testid="proxy-prompt">
          {t('proxy.prompt')}
        </p>
      ) : (
        <button type="button" className="big-button secondary" data-testid="proxy-resume" disabled={busy} onClick={() => void start()}>
          {t('proxy.prompt')}
        </button>
      )}
      <ScrollRegion className="principals">
        {/* The picture helps with the first card; after that the list needs the room. */}
        {proxyMode && principals.length === 0 && <CardPlacement label={t('attract.cardPicture')} />}
        {proxyMode && <p className="hint">{t('proxy.hint')}</p>}
        <p data-testid="proxy-count">{t('proxy.count', { n: principals.length })}</p>
        <ol className="principal-list">
          {principals.map((p, i) => (
            <li key={i} className={`principal ${active === i ? 'active' : ''}`} data-testid="principal">
              <span className="principal-name">{p.displayName}</span>
              <span className="masked-id">{p.maskedIdNumber}</span>
              <button type="button" className="big-button small" data-testid={`principal-${i}`} disabled={busy} aria-pressed={active === i} onClick={() => void choose(i)}>
                {active === i ? t('proxy.acting') : t('proxy.actFor')}
              </button>
            </li>
          ))}
        </ol>
      </ScrollRegion>
      <div className="screen-actions">
        <div className="button-row">
          {proxyMode && (
            <button type="button" className="big-button secondary" data-testid="proxy-stop" disabled={busy} onClick={() => void stop()}>
              {t('proxy.stop')}
            </button>
          )}
          <button type="button" className="big-button secondary" data-testid="proxy-self" disabled={busy} onClick={() => void choose(null)}>
            {t('proxy.self')}
          </button>
          <button type="button" className="big-button secondary finish" data-testid="finish" onClick={finish}>
            {t('citizen.finish')}
          </button>
        </div>
      </div>
    </main>
  );
}
