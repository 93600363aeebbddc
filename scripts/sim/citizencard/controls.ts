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
  | { action: 'unplug' } // the cable is pulled: the serial device node disappears
  | { action: 'replug' } // plugged back: the same device path comes back
  | { action: 'mute' } // the reader is there but stops answering (hung firmware, wrong baud)
  | { action: 'unmute' }
  | { action: 'noise'; bytes?: number }; // line noise before the next reply (serial only)

export interface CitizenCardSimState {
  inserted: string | null;
  plugged: boolean;
  answering: boolean;
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
  answering?(): boolean;
  unplug?(): Promise<void>;
  replug?(): Promise<void>;
  mute?(): void;
  unmute?(): void;
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
    answering: slot.answering?.() ?? true,
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
          case 'mute':
          case 'unmute': {
            const action = c.action;
            if (!slot[action]) return { ok: false, error: `this simulator cannot ${action}` };
            await slot[action]?.();
            return state();
          }
          case 'noise':
            if (!slot.noise) return { ok: false, error: 'this simulator cannot add line noise' };
            slot.noise(typeof c.bytes === 'number' ? c.bytes : 7);
            return state();
          default:
            return { ok: false, error: `unknown action ${JSON.stringify(c.action)}: use list, insert, remove, unplug, replug, mute, unmute or noise` };
        }
      } catch (err) {
        return { ok: false, error: err instanceof Error ? err.message : String(err) };
      }
    },
  };
}
