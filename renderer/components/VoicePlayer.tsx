import { useEffect, useRef } from 'react';
import { useKiosk } from '../hooks.js';
import { selectLocale, selectMuted, selectScreen } from '../store/slices/ui/selectors.js';
import { selectLastTicket } from '../store/slices/journey/selectors.js';
import { selectIdleWarning } from '../store/slices/idle/selectors.js';
import { promptFor } from '../voice/prompts.js';
import { promptUrl } from '../voice/prompt-files.js';

/** Speaks each step's pre-recorded prompt once when it appears (bundled audio: works offline). */
export function VoicePlayer() {
  const screen = useKiosk(selectScreen);
  const locale = useKiosk(selectLocale);
  const muted = useKiosk(selectMuted);
  const printFailed = useKiosk((s) => selectLastTicket(s)?.print.status === 'failed');
  const idleWarning = useKiosk(selectIdleWarning);
  const prompt = promptFor(screen, { printFailed, idleWarning });
  const src = prompt ? promptUrl(locale, prompt) : undefined;
  const audio = useRef<HTMLAudioElement>(null);

  useEffect(() => {
    const element = audio.current;
    if (!element) return;
    if (muted || !src) {
      element.pause();
      return;
    }
    element.currentTime = 0;
    // Autoplay may be refused before the first touch (browser policy): the screen still says it all.
    element.play().catch(() => undefined);
  }, [src, muted]);

  return <audio ref={audio} src={src} preload="auto" data-testid="voice" data-prompt={prompt ?? 'none'} data-muted={muted} />;
}
