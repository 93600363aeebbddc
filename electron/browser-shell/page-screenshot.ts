/**
 * A picture of the kiosk page for the fleet's `screenshot` command, over the launcher's
 * private DevTools pipe (devtools-pipe.ts): attach to the page the launcher opened, CDP
 * `Page.captureScreenshot` as PNG, detach. The PNG stays in memory (it goes to the
 * command's result, never to disk). Whether a citizen is in session is the command's
 * business (electron/core/fleet/commands.ts refuses first); this only takes the picture.
 */
import type { DevToolsPipe } from './devtools-pipe.js';

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

export class PageScreenshotError extends Error {
  override readonly name = 'PageScreenshotError';
}

/** The PNG of the page `targetId` as it is on the screen now. */
export async function capturePageScreenshot(pipe: DevToolsPipe, targetId: string, timeoutMs = 10_000): Promise<Uint8Array> {
  let sessionId: string;
  try {
    const attached = await pipe.send('Target.attachToTarget', { targetId, flatten: true }, timeoutMs);
    if (typeof attached.sessionId !== 'string') throw new Error('no session id');
    sessionId = attached.sessionId;
  } catch (err) {
    // Refused ("Not allowed") when the Chromium policy has no DevTools allowance for the kiosk's origin (chromium-policy.ts).
    throw new PageScreenshotError(`cannot attach to the kiosk page (${(err as Error).message}): is the Chromium policy of this kiosk current?`);
  }
  try {
    const shot = await pipe.send('Page.captureScreenshot', { format: 'png' }, timeoutMs, sessionId);
    if (typeof shot.data !== 'string') throw new PageScreenshotError('Page.captureScreenshot gave no data');
    const png = new Uint8Array(Buffer.from(shot.data, 'base64'));
    if (!PNG_SIGNATURE.every((byte, i) => png[i] === byte)) throw new PageScreenshotError('Page.captureScreenshot gave no PNG');
    return png;
  } finally {
    // The session would otherwise outlive the picture, attached to the citizens' page.
    await pipe.send('Target.detachFromTarget', { sessionId }, timeoutMs).catch(() => undefined);
  }
}
