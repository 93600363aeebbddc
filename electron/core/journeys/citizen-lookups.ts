/**
 * After identification: what the citizen is now entitled to (政策找人), their
 * appointments today (预约签到) and the state of earlier applications (status by card).
 * Asked of the central system live; what the kiosk still holds unsent is added as
 * 'queued' so an offline kiosk still shows what the citizen did here.
 */
import type { ApplicationStatus } from '../../common/central-api.js';
import type { ApplicationStatusView, CitizenOverview } from '../../common/journey-schemas.js';
import type { KioskStore } from '../store/kiosk-store.js';
import type { CentralClient } from '../sync/central-client.js';
import type { MatterCatalog } from './catalog.js';

export class CitizenLookups {
  constructor(
    private readonly store: KioskStore,
    private readonly central: CentralClient | null,
    private readonly catalog: MatterCatalog,
  ) {}

  async overview(idNumber: string): Promise<CitizenOverview> {
    const idHash = this.store.idHash(idNumber);
    this.store.audit('kiosk', 'citizen.overview', idHash, null, '政策找人/预约/办件查询');
    const [appointments, entitlements, remote] = this.central
      ? await Promise.allSettled([
          this.central.appointmentsToday(idHash),
          this.central.entitlements(idHash),
          this.central.applicationStatus(idHash),
        ])
      : [];
    const live = [appointments, entitlements, remote].every((r) => r?.status === 'fulfilled');
    const remoteApps = remote?.status === 'fulfilled' ? remote.value : [];
    return {
      live,
      appointments: appointments?.status === 'fulfilled' ? appointments.value : [],
      entitlements: (entitlements?.status === 'fulfilled' ? entitlements.value : []).filter((e) => this.known(e.matterId)),
      applications: this.merge(remoteApps, this.store.localApplicationsFor(idNumber)),
    };
  }

  private known(matterId: string): boolean {
    return this.catalog.list().some((m) => m.id === matterId);
  }

  private matterName(matterId: string): string {
    return this.catalog.list().find((m) => m.id === matterId)?.name ?? matterId;
  }

  private merge(remote: ApplicationStatus[], local: Array<{ applicationId: string; matterId: string; submittedAt: string }>): ApplicationStatusView[] {
    const views: ApplicationStatusView[] = remote.map((a) => ({
      applicationId: a.applicationId,
      matterId: a.matterId,
      matterName: this.matterName(a.matterId),
      state: a.state,
      submittedAt: a.submittedAt,
      verifications: a.verifications.map((v) => ({ proofType: v.proofType, state: v.state, promisedBy: v.promisedBy, note: v.note ?? null })),
    }));
    const seen = new Set(views.map((v) => v.applicationId));
    for (const a of local) {
      if (seen.has(a.applicationId)) continue;
      views.push({ applicationId: a.applicationId, matterId: a.matterId, matterName: this.matterName(a.matterId), state: 'queued', submittedAt: a.submittedAt, verifications: [] });
    }
    return views.sort((x, y) => y.submittedAt.localeCompare(x.submittedAt));
  }
}
