/**
 * Power cuts under the kiosk store: the writer (powercut-writer.ts) runs on powercut-fs,
 * the power is cut (every write not yet fsynced is dropped, as by a disk with a volatile
 * cache), the writer is killed, and the store is reopened on what survived. One cycle
 * per cut; `inspect` checks what must hold after each one. Shared by the e2e suite
 * (a short run) and `npm run test:faults` (200+ cuts).
 */
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { KioskStore } from '../../electron/core/store/kiosk-store.js';
import { DEV_ID_HASH_KEY, FieldCipher } from '../../electron/core/store/crypto.js';
import { outboxContext } from '../../electron/core/store/outbox.js';
import { mountPowercutFs, type PowercutReport } from '../support/powercut-fs/powercut-fs.js';

const WRITER = fileURLToPath(new URL('./powercut-writer.ts', import.meta.url));

export interface Disk {
  /** The backing folder (the simulated disk) and where it is mounted. */
  backing: string;
  mountpoint: string;
}

export interface WriterOptions {
  kioskId: string;
  centralUrl?: string;
  migrations?: number;
  synchronous?: 'NORMAL' | 'OFF';
  /** Cut after this many ms of writing, after the N-th file operation from the mount on, or after the N-th write to a file of that name. */
  cut: { afterMs: number } | { afterOps: number } | { onWrite: { name: string; nth: number } };
}

export interface CutOutcome {
  /** idempotency key → seq of every write acknowledged before the cut. */
  acked: Map<string, number>;
  report: PowercutReport;
}

export const dataDirOf = (disk: Disk): string => join(disk.mountpoint, 'kiosk');

/** One power cut: mounts, runs the writer, cuts, kills the writer, unmounts (the disk is now what survived). */
export async function writeUntilCut(disk: Disk, options: WriterOptions): Promise<CutOutcome> {
  const cut = options.cut;
  const fs = await mountPowercutFs(disk.backing, disk.mountpoint,
    'afterOps' in cut ? { cutAfterOps: cut.afterOps } : 'onWrite' in cut ? { cutOnWrite: cut.onWrite } : {});
  const args = ['--import', 'tsx', WRITER, dataDirOf(disk), options.kioskId];
  if (options.centralUrl) args.push('--central', options.centralUrl);
  if (options.migrations) args.push('--migrations', String(options.migrations));
  if (options.synchronous) args.push('--synchronous', options.synchronous);
  const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  const acked = new Map<string, number>();
  let stderr = '';
  child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
  const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
  const stdoutEnded = new Promise<void>((resolve) => child.stdout.on('end', () => resolve()));
  let cutSoon: NodeJS.Timeout | null = null;
  createInterface({ input: child.stdout }).on('line', (line) => {
    if (line === 'READY' && 'afterMs' in cut) cutSoon = setTimeout(() => void fs.cut(), cut.afterMs);
    else if (line.startsWith('ACK ')) {
      const [, seq, key] = line.split(' ');
      if (key) acked.set(key, Number(seq));
    }
  });
  try {
    const first = await Promise.race([fs.cutDone.then(() => 'cut' as const), exited.then(() => 'exited' as const)]);
    if (first === 'exited') throw new Error(`powercut writer ended before the cut: ${stderr}`);
  } finally {
    if (cutSoon) clearTimeout(cutSoon);
    child.kill('SIGKILL');
    await exited;
    await stdoutEnded;
  }
  return { acked, report: await fs.unmount() };
}

export interface Inspection {
  /** Acknowledged writes not found (or found with another seq). */
  missing: string[];
  integrity: string;
  rows: number;
  maxSeq: number;
  /** counters.outbox_seq: the next seq is this + 1, so it must not be below maxSeq. */
  seqCounter: number;
  userVersion: number;
  /** Objects of migrations that are present without their user_version, or the reverse. */
  halfMigrated: boolean;
  /** Business rows without their outbox row, outbox rows without their business row. */
  orphans: number;
  /** Delivered records that still hold personal data (the purge is part of the delivery). */
  unpurged: number;
  /** Encrypted fields the key file (as found after the cut) cannot open. */
  undecryptable: number;
  /** Records still pending (the central simulator may already hold some: a cut during their acknowledgement). */
  pendingKeys: string[];
}

// Set differences (sorted, no index needed: tickets has none on outbox_seq) plus counts (a duplicate).
const ORPHANS = `
  SELECT (SELECT COUNT(*) FROM (SELECT seq FROM outbox WHERE kind = 'ticket' EXCEPT SELECT outbox_seq FROM tickets))
       + (SELECT COUNT(*) FROM (SELECT outbox_seq FROM tickets EXCEPT SELECT seq FROM outbox WHERE kind = 'ticket'))
       + (SELECT COUNT(*) FROM (SELECT seq FROM outbox WHERE kind = 'application' EXCEPT SELECT outbox_seq FROM applications))
       + (SELECT COUNT(*) FROM (SELECT outbox_seq FROM applications EXCEPT SELECT seq FROM outbox WHERE kind = 'application'))
       + ABS((SELECT COUNT(*) FROM tickets) - (SELECT COUNT(*) FROM outbox WHERE kind = 'ticket'))
       + ABS((SELECT COUNT(*) FROM applications) - (SELECT COUNT(*) FROM outbox WHERE kind = 'application')) AS n`;
const UNPURGED = `
  SELECT COUNT(*) AS n FROM outbox o LEFT JOIN applications a ON a.outbox_seq = o.seq
  WHERE o.state = 'delivered' AND (o.personal_enc IS NOT NULL OR a.personal_enc IS NOT NULL)`;

/** Looks at the schema as the cut left it, before the store's open could migrate it. */
function schemaAsLeft(path: string): { userVersion: number; halfMigrated: boolean } {
  if (!existsSync(path)) return { userVersion: 0, halfMigrated: false };
  const db = new Database(path);
  try {
    const userVersion = db.pragma('user_version', { simple: true }) as number;
    const has = (name: string) => db.prepare('SELECT 1 FROM sqlite_master WHERE name = ?').get(name) !== undefined;
    const halfMigrated = has('outbox') !== userVersion >= 1 || has('sync_state') !== userVersion >= 2 || has('applications_by_outbox_seq') !== userVersion >= 3;
    return { userVersion, halfMigrated };
  } finally {
    db.close();
  }
}

/** Reopens the store on a fresh mount (no cut) and checks what must hold after a cut. */
export async function inspect(disk: Disk, kioskId: string, acked: Map<string, number>): Promise<Inspection> {
  const fs = await mountPowercutFs(disk.backing, disk.mountpoint);
  try {
    const dataDir = dataDirOf(disk);
    const keyFile = join(dataDir, 'keys', 'store.key');
    // Read before the store's open, which would make a new key where the old one was lost.
    const key = existsSync(keyFile) ? readFileSync(keyFile) : null;
    const schema = schemaAsLeft(join(dataDir, 'kiosk.sqlite'));
    const store = KioskStore.open({ dataDir, kioskId, idHashKey: DEV_ID_HASH_KEY });
    try {
      const db = store.db;
      const find = db.prepare('SELECT seq FROM outbox WHERE idempotency_key = ?');
      const missing = [...acked].filter(([k, seq]) => (find.get(k) as { seq: number } | undefined)?.seq !== seq).map(([k]) => k);
      const { rows, maxSeq } = db.prepare('SELECT COUNT(*) AS rows, COALESCE(MAX(seq), 0) AS maxSeq FROM outbox').get() as { rows: number; maxSeq: number };
      const seqCounter = (db.prepare(`SELECT value FROM counters WHERE name = 'outbox_seq'`).get() as { value: number } | undefined)?.value ?? 0;
      const cipher = key?.length === 32 ? new FieldCipher(key) : null;
      let undecryptable = 0;
      const opens = (blob: Buffer, context: string) => {
        try {
          cipher!.decrypt(blob, context);
          return true;
        } catch {
          return false;
        }
      };
      for (const r of db.prepare('SELECT seq, personal_enc AS enc FROM outbox WHERE personal_enc IS NOT NULL').iterate() as Iterable<{ seq: number; enc: Buffer }>) {
        if (!cipher || !opens(r.enc, outboxContext(r.seq))) undecryptable++;
      }
      for (const r of db.prepare('SELECT application_id AS id, personal_enc AS enc FROM applications WHERE personal_enc IS NOT NULL').iterate() as Iterable<{ id: string; enc: Buffer }>) {
        if (!cipher || !opens(r.enc, `application:${r.id}`)) undecryptable++;
      }
      for (const r of db.prepare('SELECT payload FROM outbox').iterate() as Iterable<{ payload: string }>) JSON.parse(r.payload);
      return {
        missing,
        integrity: store.integrityCheck(),
        rows,
        maxSeq,
        seqCounter,
        ...schema,
        orphans: (db.prepare(ORPHANS).get() as { n: number }).n,
        unpurged: (db.prepare(UNPURGED).get() as { n: number }).n,
        undecryptable,
        pendingKeys: (db.prepare(`SELECT idempotency_key AS k FROM outbox WHERE state = 'pending'`).all() as Array<{ k: string }>).map((r) => r.k),
      };
    } finally {
      store.close();
    }
  } finally {
    await fs.unmount();
  }
}
