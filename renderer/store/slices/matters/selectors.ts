import type { MatterView } from '../../../../electron/common/journey-schemas.js';
import type { KioskState } from '../../types.js';

/** Matters that may be offered (withdrawn ones stay out). Memoised on the catalog array. */
let lastCatalog: MatterView[] | null = null;
let lastActive: MatterView[] = [];
export const selectActiveMatters = (s: KioskState): MatterView[] => {
  if (s.catalog !== lastCatalog) {
    lastCatalog = s.catalog;
    lastActive = (s.catalog ?? []).filter((m) => !m.withdrawn);
  }
  return lastActive;
};

/** Categories in catalog order, each once. */
export const categoriesOf = (matters: MatterView[]): string[] => [...new Set(matters.map((m) => m.category))];

/** The category shown in the matter list: the chosen one, else the first. */
export const selectCurrentCategory = (s: KioskState): string | null =>
  s.category ?? selectActiveMatters(s)[0]?.category ?? null;

export const mattersIn = (matters: MatterView[], category: string | null): MatterView[] =>
  matters.filter((m) => m.category === category);

export const findMatter = (matters: MatterView[] | null, id: string | null): MatterView | null =>
  matters?.find((m) => m.id === id) ?? null;

export const selectMatter = (s: KioskState): MatterView | null => findMatter(s.catalog, s.matterId);

/** A 一件事 bundle's sub-matters, as the catalog names them. */
export const subMattersOf = (catalog: MatterView[] | null, matter: MatterView): MatterView[] =>
  (matter.bundleOf ?? []).map((id) => findMatter(catalog, id)).filter((m): m is MatterView => m !== null);
