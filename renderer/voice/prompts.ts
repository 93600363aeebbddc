/**
 * The spoken prompt for each step. Texts are the i18n keys `voice.<id>`;
 * scripts/make-voice-prompts.ts records them with espeak-ng into assets/audio/<locale>/<id>.wav
 * and regenerates prompt-files.ts, so the kiosk speaks offline with nothing installed.
 */
import { SCREENS, type Screen } from '../store/slices/ui/state.js';

/**
 * The staff screen speaks nothing: the kiosk is not talking to a citizen there. The face step
 * (刷脸) has no recorded prompt yet: record voice.face with make-voice-prompts.ts (espeak-ng).
 */
type SilentScreen = 'maintenance' | 'face';
const isSpoken = (screen: Screen): screen is Exclude<Screen, SilentScreen> => screen !== 'maintenance' && screen !== 'face';

/** One prompt per citizen screen, plus the failed print and the idle warning. */
export type VoicePrompt = Exclude<Screen, SilentScreen> | 'ticket-failed' | 'idle';
export const VOICE_PROMPTS: readonly VoicePrompt[] = [...SCREENS.filter(isSpoken), 'ticket-failed', 'idle'];

/** Which prompt a screen speaks when it appears (null: none). */
export function promptFor(screen: Screen, opts: { printFailed: boolean; idleWarning: boolean }): VoicePrompt | null {
  if (opts.idleWarning) return 'idle';
  if (!isSpoken(screen)) return null;
  if (screen === 'ticket' && opts.printFailed) return 'ticket-failed';
  return screen;
}
