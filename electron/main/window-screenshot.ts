/**
 * The Electron shell's picture of its kiosk window for the fleet's `screenshot` command:
 * `webContents.capturePage()` as PNG, kept in memory (it goes to the command's result,
 * never to disk). Whether a citizen is in session is the command's business
 * (electron/core/fleet/commands.ts refuses first); this only takes the picture.
 */
import type { BrowserWindowLike } from './electron-api.js';

export async function windowScreenshot(win: BrowserWindowLike | null): Promise<Uint8Array> {
  if (!win || win.isDestroyed() || win.webContents.isDestroyed()) throw new Error('no kiosk window to take a picture of (it is being opened again)');
  const image = await win.webContents.capturePage();
  if (image.isEmpty()) throw new Error('the kiosk window has painted nothing yet');
  return image.toPNG();
}
