/**
 * The citizen-card simulators' side of the simulators' control protocol
 * (scripts/sim/control-protocol.ts), so the kiosk's test UI, the CLI or a test can say
 * `{ command: 'insert', args: { card: 'zhang-wei' } }`, "remove", "unplug" over any channel.
 */
import { citizenCardCommand, parseCommand, type CitizenCardCommand, type ControlReply } from '../control-protocol.js';
import { CARDS, cardByKey, type CardProfile } from './cards.js';

export type CitizenCardControlCommand = CitizenCardCommand;

export interface CitizenCardSimState {
  inserted: string | null;
  plugged: boolean;
  answering: boolean;
}

export type CitizenCardControlResult = ControlReply<CitizenCardSimState, { cards: { key: string; label: string }[] }>;

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
  /** Validates `command` at run time too (it may come from JSON); typed so callers spell commands right. */
  handleControl(command: CitizenCardCommand): Promise<CitizenCardControlResult>;
}

export function createControls(slot: CitizenCardSlot): CitizenCardControls {
  const state = (): CitizenCardControlResult => ({
    ok: true,
    state: { inserted: slot.inserted()?.key ?? null, plugged: slot.plugged(), answering: slot.answering?.() ?? true },
  });
  return {
    async handleControl(raw) {
      const parsed = parseCommand('citizencard', citizenCardCommand, raw);
      if (!parsed.ok) return parsed;
      const c = parsed.command;
      try {
        switch (c.command) {
          case 'list':
            return { ...state(), cards: CARDS.map((x) => ({ key: x.key, label: x.label })) };
          case 'state':
            return state();
          case 'insert':
            await slot.insert(cardByKey(c.args.card), c.args.pullAfterApdus === undefined ? {} : { pullAfterApdus: c.args.pullAfterApdus });
            return state();
          case 'remove':
            slot.remove();
            return state();
          case 'unplug':
          case 'replug':
          case 'mute':
          case 'unmute': {
            const action = slot[c.command] as ((this: CitizenCardSlot) => void | Promise<void>) | undefined;
            if (!action) return { ok: false, error: `this simulator cannot ${c.command}` };
            await action.call(slot);
            return state();
          }
          case 'noise':
            if (!slot.noise) return { ok: false, error: 'this simulator cannot add line noise' };
            slot.noise(c.args.bytes ?? 7);
            return state();
        }
      } catch (err) {
        return { ok: false, error: err instanceof Error ? err.message : String(err) };
      }
    },
  };
}
