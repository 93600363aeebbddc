import { useHallTimeZone, useKiosk, useLocale, useT } from '../hooks.js';
import { formatTime } from '../i18n/i18n.js';
import { selectService } from '../store/slices/devices/selectors.js';

/**
 * Says why the kiosk does not serve as usual: closed (outside the opening hours: no
 * tickets, and when it opens again) or out of service (operations' own words). Nothing
 * while in service.
 */
export function ServiceNotice({ where }: { where: 'attract' | 'citizen-home' }) {
  const t = useT();
  const locale = useLocale();
  const timeZone = useHallTimeZone();
  const service = useKiosk(selectService);
  if (!service || service.inService) return null;
  if (service.reason === 'out-of-service') {
    const words = service.message ? (locale === 'en' ? service.message.en : service.message.zh) : t('service.outOfService');
    return (
      <section className="service-notice out-of-service" role="alert" data-testid="service-notice" data-reason="out-of-service">
        <p className="service-notice-title">{words}</p>
      </section>
    );
  }
  return (
    <section className="service-notice closed" role="status" data-testid="service-notice" data-reason="closed">
      <p className="service-notice-title">{t('service.closed')}</p>
      <p>{service.opensAt !== null ? t('service.opensAt', { time: formatTime(locale, service.opensAt, timeZone) }) : t('service.opensUnknown')}</p>
      {where === 'attract' && <p>{t('service.selfServiceGoesOn')}</p>}
    </section>
  );
}
