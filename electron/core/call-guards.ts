/**
 * The refusals a core call meets before or while it works: the asking session has ended,
 * or the kiosk has no journeys (store and central link) to serve it.
 */
import { JourneyError } from './journeys/errors.js';
import type { Journeys } from './journeys/journeys.js';
import type { SubjectHandle } from './session.js';

export const sessionEnded = (what: string) => new JourneyError('no-session', `the session that asked for this ${what} has ended`);

/** The answer, or a no-session refusal as soon as the asking session ends (the work itself goes on and is dropped). */
export function whileLive<T>(work: Promise<T>, handle: SubjectHandle, what: string): Promise<T> {
  if (handle.ended.aborted) return Promise.reject(sessionEnded(what));
  return new Promise<T>((resolve, reject) => {
    const onEnd = () => reject(sessionEnded(what));
    handle.ended.addEventListener('abort', onEnd, { once: true });
    work.then(resolve, reject).finally(() => handle.ended.removeEventListener('abort', onEnd));
  });
}

/** The journeys, or a refusal on a kiosk configured without them (shells' unit tests). */
export function configuredJourneys(journeys: Journeys | undefined): Journeys {
  if (!journeys) throw new JourneyError('no-session', 'this kiosk has no store or central link configured');
  return journeys;
}
