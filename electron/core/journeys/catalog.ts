/**
 * The matter catalog: shipped as data in assets/catalog/matters.json, kept in the local
 * store, refreshed from the central system by version (delta fetch). The kiosk works
 * offline from whatever version it last had.
 */
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { matter, type Matter } from '../../common/central-api.js';
import type { KioskStore } from '../store/kiosk-store.js';
import type { CentralClient } from '../sync/central-client.js';
import { JourneyError } from './errors.js';

export const SHIPPED_CATALOG = new URL('../../../assets/catalog/matters.json', import.meta.url);

const shippedCatalog = z.object({ version: z.number().int().nonnegative(), matters: z.array(matter) });

export class MatterCatalog {
  constructor(
    private readonly store: KioskStore,
    private readonly central: CentralClient | null,
  ) {}

  /** Seeds the store from the shipped file when the store holds an older catalog. */
  seedFromFile(file: URL | string = SHIPPED_CATALOG): void {
    const shipped = shippedCatalog.parse(JSON.parse(readFileSync(file, 'utf8')));
    if (this.store.catalogVersion() < shipped.version || this.store.matters().length === 0) {
      this.store.applyCatalog(shipped.version, true, shipped.matters);
    }
  }

  /** Asks the central system for what changed since our version; false when it could not be asked. */
  async refresh(): Promise<boolean> {
    if (!this.central) return false;
    try {
      const current = this.store.catalogVersion();
      const delta = await this.central.catalog(current > 0 ? current : null);
      if (delta.version !== current || delta.full) this.store.applyCatalog(delta.version, delta.full, delta.matters);
      return true;
    } catch {
      return false;
    }
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
