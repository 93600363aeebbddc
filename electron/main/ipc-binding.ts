/**
 * Binds the kiosk API to Electron IPC: one handler per contract method (validated by
 * dispatchCall), every core event forwarded to the kiosk window. Calls from any other
 * webContents are refused.
 */
import { EVENT_NAMES, METHOD_NAMES } from '../common/contract.js';
import { channel, dispatchCall, encodeEvent, type CallOutcome } from '../common/rpc.js';
import type { KioskCore } from '../core/kiosk-core.js';
import type { BrowserWindowLike, IpcMainLike } from './electron-api.js';

export function bindKioskIpc(ipcMain: IpcMainLike, core: KioskCore, win: BrowserWindowLike): () => void {
  for (const method of METHOD_NAMES) {
    ipcMain.handle(channel.method(method), async (event, ...args): Promise<CallOutcome> => {
      if (win.isDestroyed() || event.sender.id !== win.webContents.id) {
        return { ok: false, code: 'forbidden', message: 'kiosk API calls are accepted from the kiosk window only' };
      }
      return dispatchCall(core, method, args);
    });
  }
  const unsubscribe = EVENT_NAMES.map((event) =>
    core.events.on(event, (payload) => {
      if (!win.isDestroyed() && !win.webContents.isDestroyed()) {
        win.webContents.send(channel.event(event), encodeEvent(event, payload));
      }
    }),
  );
  return () => {
    for (const method of METHOD_NAMES) ipcMain.removeHandler(channel.method(method));
    unsubscribe.forEach((u) => u());
  };
}
