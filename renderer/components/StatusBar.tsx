import { useShallow } from 'zustand/react/shallow';
import { DEVICE_KINDS } from '../../electron/common/device-status.js';
import { useKiosk, useT } from '../hooks.js';
import { selectOnline, selectPendingRecords } from '../store/slices/devices/selectors.js';
import { selectHallName, selectKioskId } from '../store/slices/ui/selectors.js';
import { useLongPress } from './use-long-press.js';

/** Holding the kiosk label this long opens the staff maintenance screen (attract screen only). */
export const MAINTENANCE_HOLD_MS = 3000;

/** Device and network health from the core's events; staff read it from across the hall. */
export function StatusBar() {
  const t = useT();
  const states = useKiosk(useShallow((s) => DEVICE_KINDS.map((k) => s.devices[k]?.state ?? 'unknown')));
  const online = useKiosk(selectOnline);
  const pending = useKiosk(selectPendingRecords);
  const hallName = useKiosk(selectHallName);
  const kioskId = useKiosk(selectKioskId);
  const openMaintenance = useKiosk((s) => s.maintenanceRequested);
  const longPress = useLongPress(MAINTENANCE_HOLD_MS, openMaintenance);
  return (
    // A <footer> keeps its landmark role (role="status" is not allowed on it); aria-live still announces changes.
    <footer className="status-bar" aria-live="polite">
      <span className="status-hall" data-testid="status-hall" {...longPress}>
        {hallName} · {kioskId}
      </span>
      {DEVICE_KINDS.map((kind, i) => (
        <span key={kind} className={`status-item state-${states[i]}`} data-testid={`status-${kind}`} data-state={states[i]}>
          {t(`status.${kind}`)}
          {t('ui.colon')}
          {t(`status.state.${states[i]!}`)}
        </span>
      ))}
      <span
        className={`status-item state-${online ? 'ready' : online === false ? 'fault' : 'unknown'}`}
        data-testid="status-network"
        data-state={online === null ? 'unknown' : online ? 'online' : 'offline'}
      >
        {t('status.network')}
        {t('ui.colon')}
        {online === null ? t('status.state.unknown') : t(online ? 'status.online' : 'status.offline')}
        {pending > 0 ? ` · ${t('status.pending', { n: pending })}` : ''}
      </span>
    </footer>
  );
}
