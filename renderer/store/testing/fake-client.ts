/**
 * A typed fake of the kiosk client for store tests (one layer: the store without React,
 * without the core). Each method is a vi.fn with a plausible answer built from the
 * shipped catalog; events are pushed with `emit`.
 */
import { vi } from 'vitest';
import catalogFile from '../../../assets/catalog/matters.json' with { type: 'json' };
import type { KioskClient } from '../../../electron/common/rpc.js';
import type {
  CitizenView,
  EventName,
  EventPayload,
  KioskStatus,
  MaintenanceAction,
  MaintenanceActionResult,
  MaintenanceUnlock,
  MaintenanceView,
  SessionView,
} from '../../../electron/common/contract.js';
import type { CitizenOverview, DataCheckView, MatterView, PrintView, SubmissionOutcome, TicketOutcome } from '../../../electron/common/journey-schemas.js';

export const CATALOG: MatterView[] = catalogFile.matters as MatterView[];

export const citizen = (over: Partial<CitizenView> = {}): CitizenView => ({
  displayName: '张*',
  maskedIdNumber: '330***********1238',
  cardType: 'resident',
  age: 41,
  elderly: false,
  idNumberValid: true,
  ...over,
});

export const sessionView = (over: Partial<SessionView> = {}): SessionView => ({
  sessionId: 'session-1',
  startedAt: 1,
  idleDeadlineAt: 60_001,
  source: 'idcard',
  faceVerified: false,
  citizen: citizen(),
  principals: [],
  activePrincipal: null,
  proxyMode: false,
  ...over,
});

export const printView = (status: PrintView['status'], jobId = 'job-1'): PrintView => ({
  jobId,
  status,
  failure: status === 'failed' ? 'paper-out' : null,
  citizenMessage: status === 'failed' ? '打印机缺纸，已为您生成电子号' : null,
  virtualTicket: { kind: 'ticket', headline: 'A001', title: '综合窗口', lines: ['张*'], qrPayload: 'https://track/A001' },
});

export const ticket = (over: Partial<TicketOutcome> = {}): TicketOutcome => ({
  ticketNo: 'A001',
  queueName: '综合窗口',
  priority: 'normal',
  peopleAhead: 3,
  estimatedWaitMinutes: 9,
  queueLive: true,
  issuedAt: 1,
  trackingUrl: 'https://track/A001',
  print: printView('printed'),
  ...over,
});

export const overview = (over: Partial<CitizenOverview> = {}): CitizenOverview => ({
  live: true,
  appointments: [{ appointmentId: 'AP-1', matterId: 'social-insurance-proof', slot: '2026-11-23T10:30:00+08:00', queue: 'A' }],
  entitlements: [{ entitlementId: 'EN-1', matterId: 'newborn-bundle', title: '新生儿出生“一件事”', reason: '您家中有新生儿' }],
  applications: [],
  ...over,
});

export const maintenanceView = (over: Partial<MaintenanceView> = {}): MaintenanceView => ({
  kioskId: 'K1',
  version: '0.1.0',
  shell: 'browser',
  uptimeSeconds: 90,
  centralUrl: 'embedded',
  devices: [{ device: 'printer', state: 'attention', code: 'paper-near-end', message: 'paper near end', at: 1 }],
  sync: { online: true, pending: 0, oldestPendingAgeMs: null, lastSuccessAt: null, quarantined: 0, acceptingWrites: true },
  quarantined: [],
  freeDiskBytes: 2 ** 30,
  ...over,
});

export function submission(matterIds: string[]): SubmissionOutcome {
  return {
    bundle: matterIds.length > 1,
    print: printView('printed', 'job-r'),
    applications: matterIds.map((id, i) => ({
      applicationId: `app-${i}`,
      applicationNo: `SQ${i}`,
      matterId: id,
      matterName: id,
      state: 'accepted',
      proofs: [],
    })),
  };
}

/** A call failure as the transport delivers it: a code and a technical message. */
export const callError = (code: string) => Object.assign(new Error(`at Foo.bar (/opt/kiosk/core.js:1:2) ${code}`), { code });

export function fakeClient() {
  const listeners = new Map<string, Set<(p: unknown) => void>>();
  const on = (name: EventName) => (l: (p: unknown) => void) => {
    const set = listeners.get(name) ?? new Set();
    listeners.set(name, set.add(l));
    return () => set.delete(l);
  };
  let lastSession: SessionView | null = null;
  const fns = {
    getKioskInfo: vi.fn(async () => ({ kioskId: 'K1', hallName: '大厅', locale: 'zh-CN' as const, shell: 'browser' as const, idleSeconds: 60, elderlyIdleSeconds: 120, warningSeconds: 10, timeZone: 'Asia/Shanghai' })),
    getStatus: vi.fn(async (): Promise<KioskStatus> => ({
      devices: [{ device: 'idcard' as const, state: 'ready' as const, message: '', at: 1 }],
      sync: { online: true, pending: 0, oldestPendingAgeMs: null, lastSuccessAt: null, quarantined: 0, acceptingWrites: true },
      session: null,
    })),
    endSession: vi.fn(async () => null),
    /** Answers with the session last pushed by `emit` (its deadline unchanged); tests that move it mock an answer. */
    touchSession: vi.fn(async (_activity: { elderlyMode: boolean }): Promise<SessionView | null> => lastSession),
    listMatters: vi.fn(async () => CATALOG),
    getCitizenOverview: vi.fn(async () => overview()),
    takeTicket: vi.fn(async () => ticket()),
    reprint: vi.fn(async (jobId: string) => printView('printed', jobId)),
    runDataCheck: vi.fn(
      async ({ matterId, proofType }: { matterId: string; proofType: DataCheckView['proofType'] }): Promise<DataCheckView> => ({
        matterId,
        proofType,
        status: 'confirmed',
        summary: '参保状态：正常',
        summaryEn: 'Social insurance: active',
        fallback: null,
      }),
    ),
    submitApplication: vi.fn(async ({ matterId }: { matterId: string }) => submission([matterId])),
    submitEvaluation: vi.fn(async () => null),
    setProxyMode: vi.fn(async (on: boolean) => sessionView({ proxyMode: on })),
    selectPrincipal: vi.fn(async (i: number | null) => sessionView({ activePrincipal: i })),
    unlockMaintenance: vi.fn(async (pin: string): Promise<MaintenanceUnlock> =>
      pin === '246802' ? { ok: true } : { ok: false, reason: 'wrong-pin', attemptsLeft: 4, retryAfterSeconds: null }),
    getMaintenanceView: vi.fn(async (): Promise<MaintenanceView> => maintenanceView()),
    runMaintenanceAction: vi.fn(async (action: MaintenanceAction): Promise<MaintenanceActionResult> => ({ action, ok: true, code: action === 'test-print' ? 'printed' : 'sync-started' })),
    lockMaintenance: vi.fn(async () => null),
  };
  const client = {
    ...fns,
    onDeviceStatus: on('deviceStatus'),
    onSyncStatus: on('syncStatus'),
    onSession: on('session'),
    onNotice: on('notice'),
  } as unknown as KioskClient;
  const emit = <E extends EventName>(name: E, payload: EventPayload<E>) => {
    if (name === 'session') lastSession = payload as SessionView | null;
    listeners.get(name)?.forEach((l) => l(payload));
  };
  return { client, fns, emit };
}

/** Lets pending promise chains (the actions' awaits) run. */
export const settle = () => new Promise((r) => setTimeout(r, 0));
