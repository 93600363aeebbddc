/** Answers of the live (non-buffered) calls of the central API, over the simulator's store. */
import type {
  ApplicationStatus,
  Appointment,
  CatalogResponse,
  DataCheckResponse,
  Entitlement,
  ProofType,
  QueueState,
  VerificationStatus,
} from '../../../electron/common/central-api.js';
import { ageOn, type Citizen } from './population.js';
import type { ApplyContext } from './records.js';

const DAY = 86_400_000;
const hallDay = (t: number) => new Date(t + 8 * 3_600_000).toISOString().slice(0, 10);

export function catalog(ctx: ApplyContext, since: number | null): CatalogResponse {
  const version = ctx.db.catalogVersion();
  if (since === null || since < 0 || since > version) return { version, full: true, matters: ctx.db.mattersSince(-1) };
  return { version, full: false, matters: ctx.db.mattersSince(since) };
}

/** [Chinese, English]; summaries are shown on screen and printed: never an address or other personal detail. */
function proofSummary(c: Citizen, proof: ProofType, household: Citizen[], now: number): [string, string] | null {
  switch (proof) {
    case 'social-insurance': {
      const si = c.socialInsurance;
      if (!si) return null;
      const active = si.status === 'active';
      return [`参保状态：${active ? '正常' : '暂停'}（${si.since} 起）`, `Social insurance: ${active ? 'active' : 'suspended'} (since ${si.since})`];
    }
    case 'household': {
      const n = household.length || 1;
      return [`户籍登记：已核实（户内 ${n} 人）`, `Household registration: confirmed (${n} in the household)`];
    }
    case 'property':
      return c.properties.length ? [`名下不动产 ${c.properties.length} 处`, `${c.properties.length} registered propert${c.properties.length > 1 ? 'ies' : 'y'}`] : null;
    case 'kinship':
      return c.kinship.length ? [`登记亲属 ${c.kinship.length} 人`, `${c.kinship.length} registered relative${c.kinship.length > 1 ? 's' : ''}`] : null;
    case 'no-criminal-record':
      return c.criminalRecord ? null : ['无犯罪记录', 'No criminal record'];
    case 'age': {
      const age = ageOn(c.birthDate, now);
      return [`年龄 ${age} 岁`, `Age ${age}`];
    }
    case 'birth':
      return household.some((m) => now - Date.parse(m.birthDate) < 365 * DAY) ? ['户内有出生医学证明记录', 'A medical birth certificate is on record in the household'] : null;
    case 'residence':
      return ['居住登记：有效', 'Residence registration: valid'];
    case 'financial-hardship':
      return null; // no register: the matter uses a commitment
  }
}

export function dataCheck(ctx: ApplyContext, idHash: string, proofType: ProofType): DataCheckResponse {
  const now = ctx.now();
  const c = ctx.db.citizen(idHash);
  const summary = c ? proofSummary(c, proofType, ctx.db.household(c.householdId), now) : null;
  return {
    proofType,
    result: summary ? 'confirmed' : 'not-found',
    summary: summary?.[0] ?? '未查到相关记录',
    summaryEn: summary?.[1] ?? 'No record found',
    checkedAt: new Date(now).toISOString(),
    reference: `DC-${now.toString(36)}-${idHash.slice(0, 8)}`,
  };
}

interface VerificationRow {
  verification_id: string; proof_type: ProofType; requested_at: number; complete_at: number; outcome: 'confirmed' | 'refused';
}
function toStatus(row: VerificationRow, now: number): VerificationStatus {
  const done = now >= row.complete_at;
  return {
    verificationId: row.verification_id,
    proofType: row.proof_type,
    state: done ? row.outcome : 'pending',
    requestedAt: new Date(row.requested_at).toISOString(),
    promisedBy: new Date(row.complete_at).toISOString(),
    completedAt: done ? new Date(row.complete_at).toISOString() : null,
  };
}

export function verification(ctx: ApplyContext, id: string): VerificationStatus | null {
  const row = ctx.db.sql('SELECT * FROM verifications WHERE verification_id = ?').get(id) as VerificationRow | undefined;
  return row ? toStatus(row, ctx.now()) : null;
}

export function applications(ctx: ApplyContext, idHash: string): ApplicationStatus[] {
  const now = ctx.now();
  const apps = ctx.db.sql('SELECT application_id, matter_id, submitted_at FROM applications WHERE id_hash = ? ORDER BY submitted_at').all(idHash) as Array<{
    application_id: string; matter_id: string; submitted_at: string;
  }>;
  return apps.map((a) => {
    const vs = (ctx.db.sql('SELECT * FROM verifications WHERE application_id = ?').all(a.application_id) as VerificationRow[]).map((r) => toStatus(r, now));
    const state = vs.some((v) => v.state === 'refused') ? 'refused' : vs.some((v) => v.state === 'pending') ? 'in-progress' : vs.length ? 'completed' : 'received';
    return { applicationId: a.application_id, matterId: a.matter_id, state, submittedAt: a.submitted_at, verifications: vs };
  });
}

export function appointments(ctx: ApplyContext, idHash: string): Appointment[] {
  const c = ctx.db.citizen(idHash);
  if (!c) return [];
  const day = hallDay(ctx.now());
  return c.appointments.map((a, i) => ({
    appointmentId: `AP-${day}-${idHash.slice(0, 6)}-${i}`,
    matterId: a.matterId,
    slot: `${day}T${a.time}:00+08:00`,
    queue: a.queue,
  }));
}

/** 政策找人: approaching 60 → retirement; a baby under 180 days in the household → newborn bundle. */
export function entitlements(ctx: ApplyContext, idHash: string): Entitlement[] {
  const now = ctx.now();
  const c = ctx.db.citizen(idHash);
  if (!c) return [];
  const out: Entitlement[] = [];
  const in90 = ageOn(c.birthDate, now + 90 * DAY);
  if (ageOn(c.birthDate, now) < 60 && in90 >= 60) {
    out.push({ entitlementId: `EN-retire-${idHash.slice(0, 8)}`, matterId: 'retirement-bundle', title: '退休“一件事”',
      reason: '您即将年满60周岁，可一次办理退休相关事项', reasonEn: 'You turn 60 soon: all the retirement formalities can be done at once.' });
  }
  const baby = ctx.db.household(c.householdId).find((m) => m.idNumber !== c.idNumber && now - Date.parse(m.birthDate) < 180 * DAY);
  if (baby && c.householdRole !== 'child') {
    out.push({ entitlementId: `EN-newborn-${idHash.slice(0, 8)}`, matterId: 'newborn-bundle', title: '新生儿出生“一件事”',
      reason: '您家中有新生儿，可一次办理出生登记、落户、医保参保等事项',
      reasonEn: 'There is a newborn in your household: birth registration, household registration and medical insurance can be done at once.' });
  }
  return out;
}

/** People ahead: tickets of this queue synced today before the given ticket, minus those served (1 per 3 min). */
export function queueState(ctx: ApplyContext, queue: string, ticketNo: string | null): QueueState {
  const now = ctx.now();
  const day = hallDay(now);
  const tickets = ctx.db.sql('SELECT ticket_no, issued_at FROM tickets WHERE day = ? AND queue = ? ORDER BY issued_at, ticket_no').all(day, queue) as Array<{
    ticket_no: string; issued_at: string;
  }>;
  const first = tickets[0] ? Date.parse(tickets[0].issued_at) : now;
  const openWindows = 3;
  const served = Math.floor(((now - first) / 180_000) * openWindows);
  const index = ticketNo ? tickets.findIndex((t) => t.ticket_no === ticketNo) : tickets.length;
  const before = index < 0 ? tickets.length : index;
  const peopleAhead = Math.max(0, before - served);
  return { queue, peopleAhead, estimatedWaitMinutes: Math.ceil((peopleAhead * 4) / openWindows), openWindows };
}
