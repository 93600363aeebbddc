/**
 * The matter catalog: shipped as data in assets/catalog/matters.json, kept in the local
 * store, refreshed from the central system by version (delta fetch) at start-up and
 * whenever a heartbeat reports a newer version. A fetched catalog is checked before it
 * counts (schema, size bounds, no empty full replace, never a downgrade, bundles whole)
 * and applied between sessions, never under a citizen's feet; a refused one leaves the
 * current catalog and the log says why. The kiosk works offline from whatever version
 * it last had.
 */
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { matter, type CatalogResponse, type Matter } from '../../common/central-api.js';
import type { KioskStore } from '../store/kiosk-store.js';
import type { CentralClient } from '../sync/central-client.js';
import { JourneyError } from './errors.js';

export const SHIPPED_CATALOG = new URL('../../../assets/catalog/matters.json', import.meta.url);

/** A hall offers hundreds of matters; more than this is a broken publication, not a catalog. */
export const MAX_MATTERS = 2000;
/** The catalog as JSON, all matters together. */
export const MAX_CATALOG_BYTES = 4 * 2 ** 20;

const shippedCatalog = z.object({ version: z.number().int().nonnegative(), matters: z.array(matter) });

export type CatalogRefusalReason = 'unreadable' | 'too-large' | 'empty-replace' | 'downgrade' | 'broken-bundle';

/** A catalog from central that the kiosk will not use; the current one stays. */
export class CatalogRefused extends Error {
  override readonly name = 'CatalogRefused';
  constructor(
    readonly reason: CatalogRefusalReason,
    message: string,
  ) {
    super(message);
  }
}

export interface MatterCatalogOptions {
  /** True while a citizen is at the kiosk: a new catalog waits until the session ends. */
  inSession?: () => boolean;
  /** Where refusals and applied versions are said (default: stderr). */
  log?: (line: string) => void;
}

export class MatterCatalog {
  private readonly inSession: () => boolean;
  private readonly log: (line: string) => void;
  /** A checked catalog fetched during a session, applied when it ends. */
  private staged: CatalogResponse | null = null;
  private fetching: Promise<boolean> | null = null;
  /** The newest version a heartbeat announced that was refused: not fetched again and again. */
  private refusedVersion: number | null = null;
  /** Set when the kiosk shuts down: a fetch still in flight must not touch the closing store. */
  private stopped = false;

  constructor(
    private readonly store: KioskStore,
    private readonly central: CentralClient | null,
    options: MatterCatalogOptions = {},
  ) {
    this.inSession = options.inSession ?? (() => false);
    this.log = options.log ?? ((line) => console.warn(line));
  }

  /** Seeds the store from the shipped file when the store holds an older catalog. */
  seedFromFile(file: URL | string = SHIPPED_CATALOG): void {
    const shipped = shippedCatalog.parse(JSON.parse(readFileSync(file, 'utf8')));
    if (this.store.catalogVersion() < shipped.version || this.store.matters().length === 0) {
      this.store.applyCatalog(shipped.version, true, shipped.matters);
    }
  }

  /** The version the kiosk serves citizens from. */
  version(): number {
    return this.store.catalogVersion();
  }

  /**
   * A heartbeat reported central's catalog version: fetch it if it is newer than what
   * we have (or hold staged), and apply a staged one if nobody is at the kiosk now.
   */
  versionSeen(version: number): Promise<boolean> {
    if (this.stopped) return Promise.resolve(false);
    this.applyStagedIfIdle();
    const have = Math.max(this.version(), this.staged?.version ?? -1);
    if (version <= have || version === this.refusedVersion) return Promise.resolve(false);
    return this.refresh(version);
  }

  /**
   * Asks the central system for what changed since our version; false when nothing new
   * was taken. `announced`: the version a heartbeat reported (refused once, not asked again).
   */
  refresh(announced: number | null = null): Promise<boolean> {
    if (!this.central || this.stopped) return Promise.resolve(false);
    this.fetching ??= this.fetchAndTake(this.central, announced)
      .catch((err: unknown) => {
        // e.g. the store refused the write (disk full): the current catalog stays, and we say so.
        this.log(`catalog: could not take a newer catalog: ${(err as Error).message}; keeping version ${this.version()}`);
        return false;
      })
      .finally(() => {
        this.fetching = null;
      });
    return this.fetching;
  }

  /**
   * The kiosk is shutting down, before its store closes: no new fetch starts, and the
   * answer to one in flight is dropped (the next start asks again from the stored version).
   */
  stop(): void {
    this.stopped = true;
    this.staged = null;
  }

  /** Applies a catalog fetched during a session, once the session is over. */
  applyStagedIfIdle(): boolean {
    if (!this.staged || this.inSession()) return false;
    const staged = this.staged;
    this.staged = null;
    if (staged.version <= this.version() && !staged.full) return false;
    this.apply(staged);
    return true;
  }

  private async fetchAndTake(central: CentralClient, announced: number | null): Promise<boolean> {
    const current = this.version();
    let answer: CatalogResponse;
    try {
      answer = await central.catalog(current > 0 ? current : null);
    } catch (err) {
      if (this.stopped) return false;
      // Offline is normal (the kiosk keeps its catalog); a malformed answer is a refusal.
      const kind = (err as { kind?: unknown }).kind;
      if (kind === 'bad-response') this.refuse(announced, new CatalogRefused('unreadable', (err as Error).message));
      else this.log(`catalog: could not ask central for a newer catalog than version ${current}: ${(err as Error).message}`);
      return false;
    }
    if (this.stopped) return false; // answered after shutdown began: the store may be closed
    try {
      this.check(answer, current);
    } catch (err) {
      if (!(err instanceof CatalogRefused)) throw err;
      this.refuse(answer.version, err);
      return false;
    }
    if (answer.version === current && !answer.full) return false; // nothing new
    if (this.inSession()) {
      this.staged = answer;
      this.log(`catalog: version ${answer.version} checked; it is applied when the current session ends`);
      return true;
    }
    this.apply(answer);
    return true;
  }

  /** Throws CatalogRefused when the answer must not replace what the kiosk has. */
  private check(answer: CatalogResponse, current: number): void {
    if (answer.version < current) {
      throw new CatalogRefused('downgrade', `central offered version ${answer.version}, older than this kiosk's ${current}`);
    }
    if (answer.full && answer.matters.length === 0) {
      throw new CatalogRefused('empty-replace', `central offered version ${answer.version} as a full catalog with no matters`);
    }
    if (answer.matters.length > MAX_MATTERS) {
      throw new CatalogRefused('too-large', `version ${answer.version} has ${answer.matters.length} matters (at most ${MAX_MATTERS})`);
    }
    const bytes = Buffer.byteLength(JSON.stringify(answer.matters));
    if (bytes > MAX_CATALOG_BYTES) {
      throw new CatalogRefused('too-large', `version ${answer.version} is ${bytes} bytes of matters (at most ${MAX_CATALOG_BYTES})`);
    }
    // The catalog as it would be: every 一件事 bundle must still name matters it holds.
    const after = new Map<string, Matter>(answer.full ? [] : this.store.matters().map((m) => [m.id, m]));
    for (const m of answer.matters) after.set(m.id, m);
    const offered = new Set([...after.values()].filter((m) => !m.withdrawn).map((m) => m.id));
    for (const m of after.values()) {
      const missing = m.withdrawn ? [] : (m.bundleOf ?? []).filter((id) => !offered.has(id));
      if (missing.length) {
        throw new CatalogRefused('broken-bundle', `in version ${answer.version}, bundle ${m.id} names matters it would not have: ${missing.join(', ')}`);
      }
    }
  }

  private apply(answer: CatalogResponse): void {
    const before = this.version();
    this.store.applyCatalog(answer.version, answer.full, answer.matters);
    this.log(`catalog: version ${before} → ${answer.version} (${answer.full ? 'full' : 'delta'}, ${answer.matters.length} matter(s))`);
  }

  private refuse(version: number | null, err: CatalogRefused): void {
    if (version !== null) this.refusedVersion = version;
    this.log(`catalog: refused (${err.reason}): ${err.message}; keeping version ${this.version()}`);
  }

  list(): Matter[] {
    return this.store.matters().filter((m) => !m.withdrawn);
  }

  get(id: string): Matter {
    const found = this.list().find((m) => m.id === id);
    if (!found) throw new JourneyError('unknown-matter', `matter ${id} is not in the catalog (version ${this.store.catalogVersion()})`);
    return found;
  }

  /** The department matters a matter stands for: itself, or a 一件事 bundle's members. */
  expand(m: Matter): Matter[] {
    return m.bundleOf?.length ? m.bundleOf.map((id) => this.get(id)) : [m];
  }
}
