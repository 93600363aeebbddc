import { useEffect } from 'react';
import type { MaintenanceView } from '../../electron/common/contract.js';
import { useKiosk, useHallTimeZone, useLocale, useT, type Translate } from '../hooks.js';
import { formatTime, type Locale } from '../i18n/i18n.js';
import { PinPad } from '../components/PinPad.js';
import { ScrollRegion } from '../components/ScrollRegion.js';
import {
  selectMaintenanceBusy,
  selectMaintenanceRefusal,
  selectMaintenanceResult,
  selectMaintenanceView,
} from '../store/slices/maintenance/selectors.js';

/** How often the open staff view asks the core again (device states change under it). */
const REFRESH_MS = 2000;

/** The staff maintenance screen: the PIN pad, then devices, the outbox and two actions. */
export function MaintenanceScreen() {
  const t = useT();
  const view = useKiosk(selectMaintenanceView);
  const refusal = useKiosk(selectMaintenanceRefusal);
  const busy = useKiosk(selectMaintenanceBusy);
  const enterPin = useKiosk((s) => s.maintenancePinEntered);
  const close = useKiosk((s) => s.maintenanceClosed);
  return (
    <main className="screen maintenance" data-testid="screen-maintenance" data-unlocked={view !== null}>
      <h2>{t('maintenance.title')}</h2>
      {view ? (
        <ScrollRegion className="staff-region">
          <StaffView view={view} />
        </ScrollRegion>
      ) : (
        <>
          <p>{t('maintenance.enterPin')}</p>
          {refusal && (
            <p className="warning" role="alert" data-testid="pin-refusal" data-reason={refusal.reason}>
              {t(`maintenance.refused.${refusal.reason}`, { n: refusal.attemptsLeft ?? refusal.retryAfterSeconds ?? 0 })}
            </p>
          )}
          <PinPad busy={busy} onSubmit={(pin) => void enterPin(pin)} />
        </>
      )}
      <div className="screen-actions">
        <button type="button" className="big-button secondary small" data-testid="maintenance-exit" onClick={() => void close()}>
          {t('maintenance.exit')}
        </button>
      </div>
    </main>
  );
}

function StaffView({ view }: { view: MaintenanceView }) {
  const t = useT();
  const locale = useLocale();
  const timeZone = useHallTimeZone();
  const busy = useKiosk(selectMaintenanceBusy);
  const result = useKiosk(selectMaintenanceResult);
  const run = useKiosk((s) => s.maintenanceActionRun);
  const refresh = useKiosk((s) => s.maintenanceRefreshed);
  useEffect(() => {
    const timer = setInterval(() => void refresh(), REFRESH_MS);
    return () => clearInterval(timer);
  }, [refresh]);
  const { sync } = view;
  return (
    <div className="staff-view" data-testid="staff-view">
      <p className="hint" data-testid="maintenance-kiosk">
        {t('maintenance.kiosk', { id: view.kioskId, version: view.version, uptime: duration(view.uptimeSeconds), shell: view.shell })}
      </p>
      <section className="staff-panel">
        <h3>{t('maintenance.devices')}</h3>
        <table>
          <tbody>
            {view.devices.map((d) => (
              <tr key={d.device} data-testid={`maintenance-device-${d.device}`} data-state={d.state} data-code={d.code ?? ''}>
                <th className={`status-item state-${d.state}`}>{t(`status.${d.device}`)}</th>
                <td className="nowrap">{t(`status.state.${d.state}`)}{d.code ? ` (${d.code})` : ''}</td>
                <td className="technical">{d.message}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
      <section className="staff-panel">
        <h3>{t('maintenance.sync')}</h3>
        <table>
          <tbody>
            <Row label={t('maintenance.central')} testId="maintenance-online" value={`${t(sync.online ? 'status.online' : 'status.offline')} · ${view.centralUrl}`} />
            <Row label={t('maintenance.pending')} testId="maintenance-pending" value={String(sync.pending)} />
            <Row label={t('maintenance.oldest')} value={sync.oldestPendingAgeMs === null ? t('maintenance.never') : duration(sync.oldestPendingAgeMs / 1000)} />
            <Row label={t('maintenance.lastSuccess')} value={when(t, locale, timeZone, sync.lastSuccessAt)} />
            <Row label={t('maintenance.accepting')} value={t(sync.acceptingWrites ? 'maintenance.yes' : 'maintenance.no')} />
            <Row label={t('maintenance.freeDisk')} value={view.freeDiskBytes === null ? '?' : `${(view.freeDiskBytes / 2 ** 30).toFixed(1)} GiB`} />
          </tbody>
        </table>
        {sync.message && <p className="technical">{sync.message}</p>}
      </section>
      <section className="staff-panel wide">
        <h3>{t('maintenance.quarantined')}</h3>
        {view.quarantined.length === 0 ? (
          <p data-testid="maintenance-quarantined-none">{t('maintenance.noneQuarantined')}</p>
        ) : (
          <ul className="technical">
            {view.quarantined.map((q) => (
              <li key={q.seq} data-testid="maintenance-quarantined">
                #{q.seq} {q.kind} {q.idempotencyKey}: {q.reason ?? ''}
              </li>
            ))}
          </ul>
        )}
      </section>
      <div className="button-row">
        <button type="button" className="big-button small" data-testid="maintenance-test-print" disabled={busy} onClick={() => void run('test-print')}>
          {t('maintenance.testPrint')}
        </button>
        <button type="button" className="big-button small" data-testid="maintenance-sync-now" disabled={busy} onClick={() => void run('sync-now')}>
          {t('maintenance.syncNow')}
        </button>
      </div>
      {result && (
        <p className={result.ok ? 'print-ok' : 'warning'} role="status" data-testid="maintenance-result" data-code={result.code}>
          {result.ok ? t(`maintenance.result.${result.action}`) : t('maintenance.result.failed', { code: result.code })}
        </p>
      )}
    </div>
  );
}

function Row({ label, value, testId }: { label: string; value: string; testId?: string }) {
  return (
    <tr data-testid={testId}>
      <th>{label}</th>
      <td>{value}</td>
    </tr>
  );
}

function when(t: Translate, locale: Locale, timeZone: string, at: number | null): string {
  return at === null ? t('maintenance.never') : formatTime(locale, at, timeZone);
}

/** Seconds as staff read them: 42s, 5m 03s, 2h 05m. */
function duration(seconds: number): string {
  const s = Math.floor(seconds);
  if (s < 60) return `${s}s`;
  if (s < 3600) return `${Math.floor(s / 60)}m ${String(s % 60).padStart(2, '0')}s`;
  return `${Math.floor(s / 3600)}h ${String(Math.floor((s % 3600) / 60)).padStart(2, '0')}m`;
}
