/**
 * What the fleet CLI shows, from the messages themselves: the retained state and health of
 * every kiosk under a prefix collected into one row each, formatted as a table; one line
 * per alert. Payloads that fail their schema are counted, never shown half-read.
 */
import { healthMessageSchema, stateMessageSchema, eventMessageSchema, type EventMessage, type HealthMessage, type StateMessage } from '../../electron/common/fleet/messages.js';
import { parseKioskTopic } from '../../electron/common/fleet/topics.js';

export interface KioskRow {
  kioskId: string;
  regionCode: string;
  state: StateMessage | null;
  health: HealthMessage | null;
}

export class FleetView {
  readonly rows = new Map<string, KioskRow>();
  invalid = 0;

  constructor(private readonly prefix: string) {}

  /** Takes one message; true when it was a kiosk's state or health. */
  take(topic: string, payload: Buffer): boolean {
    const parsed = parseKioskTopic(this.prefix, topic);
    if (!parsed || (parsed.channel !== 'state' && parsed.channel !== 'health')) return false;
    const row = this.rows.get(parsed.kioskId) ?? { kioskId: parsed.kioskId, regionCode: parsed.regionCode, state: null, health: null };
    this.rows.set(parsed.kioskId, row);
    try {
      const json: unknown = JSON.parse(payload.toString('utf8'));
      if (parsed.channel === 'state') row.state = stateMessageSchema.parse(json);
      else row.health = healthMessageSchema.parse(json);
    } catch {
      this.invalid++;
    }
    return true;
  }
}

const DEVICE_SHORT: Record<string, string> = { idcard: 'id', citizencard: 'cc', printer: 'pr', scanner: 'sc' };

function age(ms: number): string {
  if (ms < 60_000) return `${Math.round(ms / 1000)}s`;
  if (ms < 3_600_000) return `${Math.round(ms / 60_000)}m`;
  return `${Math.round(ms / 3_600_000)}h`;
}

function devices(health: HealthMessage): string {
  return health.devices
    .filter((d) => d.state !== 'disabled')
    .map((d) => `${DEVICE_SHORT[d.device] ?? d.device}:${d.state === 'ready' ? 'ok' : d.code ?? d.state}`)
    .join(' ') || '-';
}

export function statusTable(view: FleetView, now = Date.now()): string {
  const header = ['KIOSK', 'REGION', 'ONLINE', 'DEVICES', 'PAPER', 'OUTBOX', 'SERVICE', 'LAST SEEN'];
  const rows = [...view.rows.values()].sort((a, b) => a.kioskId.localeCompare(b.kioskId)).map((r) => {
    const h = r.health;
    const outbox = h ? `${h.outbox.pending}${h.outbox.oldestPendingAgeMs ? ` (${age(h.outbox.oldestPendingAgeMs)})` : ''}${h.outbox.acceptingWrites ? '' : ' FULL'}${h.outbox.quarantined ? ` q${h.outbox.quarantined}` : ''}` : '-';
    const service = h?.service ? (h.service.inService ? 'in service' : h.service.reason) : h ? 'in service' : '-';
    const seen = Math.max(r.state?.at ?? 0, h?.at ?? 0);
    return [r.kioskId, r.regionCode, r.state?.state ?? '?', h ? devices(h) : '-', h?.paper ?? '-', outbox, service, seen ? `${age(Math.max(0, now - seen))} ago` : '-'];
  });
  const widths = header.map((_, i) => Math.max(...[header, ...rows].map((row) => [...row[i]!].length)));
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i]!)).join('  ').trimEnd();
  const summary = `${view.rows.size} kiosks, ${rows.filter((r) => r[2] === 'online').length} online${view.invalid ? `, ${view.invalid} unreadable messages` : ''}`;
  return [line(header), ...rows.map(line), summary].join('\n');
}

export function alertLine(topic: string, payload: Buffer, prefix: string): string | null {
  const parsed = parseKioskTopic(prefix, topic);
  if (!parsed) return null;
  try {
    const json: unknown = JSON.parse(payload.toString('utf8'));
    if (parsed.channel === 'events') {
      const e: EventMessage = eventMessageSchema.parse(json);
      return `${new Date(e.at).toISOString()}  ${e.kioskId.padEnd(12)} ${e.level.toUpperCase().padEnd(7)} ${e.code}${e.device ? ` ${e.device}` : ''}${e.detail ? ` (${e.detail})` : ''}`;
    }
    if (parsed.channel === 'state') {
      const s = stateMessageSchema.parse(json);
      return `${new Date(s.at).toISOString()}  ${s.kioskId.padEnd(12)} ${(s.state === 'online' ? 'INFO' : 'ERROR').padEnd(7)} ${s.state}`;
    }
  } catch {
    return `unreadable message on ${topic}`;
  }
  return null;
}
