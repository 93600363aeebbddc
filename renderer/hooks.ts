/** React bindings for the kiosk store: components subscribe through selectors only. */
import { createContext, useCallback, useContext } from 'react';
import { useStore } from 'zustand';
import type { KioskUiStore } from './store/index.js';
import type { KioskState } from './store/types.js';
import { translate, type Locale, type MessageKey } from './i18n/i18n.js';
import { selectHallTimeZone, selectLocale } from './store/slices/ui/selectors.js';

export const StoreContext = createContext<KioskUiStore | null>(null);

export function useKiosk<T>(selector: (s: KioskState) => T): T {
  const store = useContext(StoreContext);
  if (!store) throw new Error('useKiosk outside <StoreContext.Provider>');
  return useStore(store, selector);
}

export type Translate = (key: MessageKey, params?: Record<string, string | number>) => string;

export function useT(): Translate {
  const locale = useKiosk(selectLocale);
  return useCallback((key, params) => translate(locale, key, params), [locale]);
}

export function useLocale(): Locale {
  return useKiosk(selectLocale);
}

export function useHallTimeZone(): string {
  return useKiosk(selectHallTimeZone);
}
