/**
 * The spoken prompt for each step. Texts are the i18n keys `voice.<id>`;
 * scripts/make-voice-prompts.ts records them with espeak-ng into assets/audio/<locale>/<id>.wav
 * and regenerates prompt-files.ts, so the kiosk speaks offline with nothing installed.
 */
import { SCREENS, type Screen } from '../store/slices/ui/state.js';

/** One prompt per screen, plus the failed print and the idle warning. */
export const VOICE_PROMPTS = [...SCREENS, 'ticket-failed', 'idle'] as const;
export type VoicePrompt = (typeof VOICE_PROMPTS)[number];

/** Which prompt a screen speaks when it appears. */
export function promptFor(screen: Screen, opts: { printFailed: boolean; idleWarning: boolean }): VoicePrompt {
  if (opts.idleWarning) return 'idle';
  if (screen === 'ticket' && opts.printFailed) return 'ticket-failed';
  return screen;
}
