/**
 * JSON-friendly controls for the citizen-card simulators, so the kiosk's test UI (or
 * a test) can say "insert card X", "remove", "unplug" over any channel.
 */
import { CARDS, cardByKey, type CardProfile } from './cards.js';

export type CitizenCardControlCommand =
  | { action: 'list' }
  /** pullAfterApdus: the citizen pulls the card out after that many APDUs (mid-read). */
  | { action: 'insert'; card: string; pullAfterApdus?: number }
  | { action: 'remove' }
  | { action: 'unplug' } // the reader stops answering (cable pulled)
  | { action: 'replug' }
  | { action: 'noise'; bytes?: number }; // line noise before the next reply (serial only)

export interface CitizenCardSimState {
  inserted: string | null;
  plugged: boolean;
  cards: { key: string; label: string }[];
}

export type CitizenCardControlResult = ({ ok: true } & CitizenCardSimState) | { ok: false; error: string };

/** What a simulator must provide; `handleControl` is built on top of it. */
export interface InsertOptions {
  pullAfterApdus?: number;
}

export interface CitizenCardSlot {
  insert(card: CardProfile, options?: InsertOptions): Promise<void>;
  remove(): void;
  inserted(): CardProfile | undefined;
  plugged(): boolean;
  unplug?(): void;
  replug?(): void;
  noise?(bytes: number): void;
}

export interface CitizenCardControls {
  handleControl(command: unknown): Promise<CitizenCardControlResult>;
}

export function createControls(slot: CitizenCardSlot): CitizenCardControls {
  const state = (): CitizenCardControlResult => ({
    ok: true,
    inserted: slot.inserted()?.key ?? null,
    plugged: slot.plugged(),
    cards: CARDS.map((c) => ({ key: c.key, label: c.label })),
  });
  return {
    async handleControl(command) {
      const c = (typeof command === 'object' && command !== null ? command : {}) as Record<string, unknown>;
      try {
        switch (c.action) {
          case 'list':
            return state();
          case 'insert':
            if (typeof c.card !== 'string') return { ok: false, error: 'insert needs "card": one of ' + CARDS.map((x) => x.key).join(', ') };
            await slot.insert(cardByKey(c.card), typeof c.pullAfterApdus === 'number' ? { pullAfterApdus: c.pullAfterApdus } : {});
            return state();
          case 'remove':
            slot.remove();
            return state();
          case 'unplug':
          case 'replug':
          case 'noise': {
            const fn = c.action === 'noise' ? slot.noise && (() => slot.noise?.(typeof c.bytes === 'number' ? c.bytes : 7)) : slot[c.action];
            if (!fn) return { ok: false, error: `this simulator cannot ${c.action}` };
            fn.call(slot);
            return state();
          }
          default:
            return { ok: false, error: `unknown action ${JSON.stringify(c.action)}: use list, insert, remove, unplug, replug or noise` };
        }
      } catch (err) {
        return { ok: false, error: err instanceof Error ? err.message : String(err) };
      }
    },
  };
}
