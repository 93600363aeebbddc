/**
 * The spoken prompt for each step. Texts are the i18n keys `voice.<id>`;
 * scripts/make-voice-prompts.ts records them with espeak-ng into assets/audio/<locale>/<id>.wav
 * and regenerates prompt-files.ts, so the kiosk speaks offline with nothing installed.
 */
import type { Screen } from '../store/slices/ui/state.js';

export const VOICE_PROMPTS = [
  'attract',
  'help',
  'citizen-home',
  'ticket',
  'ticket-failed',
  'categories',
  'matters',
  'matter-detail',
  'data-check',
  'commitment',
  'application-form',
  'receipt',
  'status',
  'evaluation',
  'proxy',
  'idle',
] as const;
export type VoicePrompt = (typeof VOICE_PROMPTS)[number];

/** Which prompt a screen speaks when it appears. */
export function promptFor(screen: Screen, opts: { printFailed: boolean; idleWarning: boolean }): VoicePrompt {
  if (opts.idleWarning) return 'idle';
  if (screen === 'ticket' && opts.printFailed) return 'ticket-failed';
  return screen;
}
