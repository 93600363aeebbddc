import { useKiosk, useLocale } from '../hooks.js';
import { findMatter } from '../store/slices/matters/selectors.js';
import { matterName } from './matter-text.js';

/** A matter's name in the citizen's language from the catalog; the name the core gave when the catalog lacks it. */
export function useMatterName(): (matterId: string, fallback: string) => string {
  const locale = useLocale();
  const catalog = useKiosk((s) => s.catalog);
  return (matterId, fallback) => {
    const matter = findMatter(catalog, matterId);
    return matter ? matterName(locale, matter) : fallback;
  };
}
