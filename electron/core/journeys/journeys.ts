/**
 * The citizen's journeys behind the kiosk API: one object the core delegates to,
 * built from the store, the central client and the printer.
 */
import type { KioskStore } from '../store/kiosk-store.js';
import type { CentralClient } from '../sync/central-client.js';
import type { PrinterDevice } from '../devices/types.js';
import type { PrintJobOutcome } from '../printing/print-job.js';
import { MatterCatalog, type MatterCatalogOptions } from './catalog.js';
import { JourneyState } from './journey-state.js';
import { PrintDesk } from './print-desk.js';
import { TicketDesk } from './ticket-desk.js';
import { ApplicationDesk } from './application-desk.js';
import { CitizenLookups } from './citizen-lookups.js';
import { DEFAULT_HALL_TIME_ZONE } from '../../common/time-zone.js';

export interface JourneysOptions {
  store: KioskStore;
  central: CentralClient | null;
  printer: PrinterDevice | undefined;
  hallName: string;
  /** The hall's IANA time zone (default Asia/Shanghai). */
  timeZone?: string;
  kioskId: string;
  trackingBaseUrl: string;
  now?: () => number;
  onStoreFull?: (message: string) => void;
  onPrintOutcome?: (outcome: PrintJobOutcome) => void;
  /** When a refreshed catalog may be applied, and where its refusals are logged. */
  catalog?: MatterCatalogOptions;
  /** Where a late central answer dropped for an ended session is reported (no personal data). */
  log?: (message: string) => void;
}

export class Journeys {
  readonly state: JourneyState;
  readonly catalog: MatterCatalog;
  readonly print: PrintDesk;
  readonly tickets: TicketDesk;
  readonly applications: ApplicationDesk;
  readonly lookups: CitizenLookups;

  constructor(readonly options: JourneysOptions) {
    const { store, central } = options;
    this.state = new JourneyState(options.log);
    this.catalog = new MatterCatalog(store, central, options.catalog);
    this.print = new PrintDesk(options.printer, this.state, options.onPrintOutcome);
    const common = {
      store,
      central,
      print: this.print,
      hallName: options.hallName,
      timeZone: options.timeZone ?? DEFAULT_HALL_TIME_ZONE,
      kioskId: options.kioskId,
      trackingBaseUrl: options.trackingBaseUrl,
      ...(options.now ? { now: options.now } : {}),
      ...(options.onStoreFull ? { onStoreFull: options.onStoreFull } : {}),
    };
    this.tickets = new TicketDesk(common);
    this.applications = new ApplicationDesk({ ...common, catalog: this.catalog, state: this.state });
    this.lookups = new CitizenLookups(store, central, this.catalog);
  }
}
