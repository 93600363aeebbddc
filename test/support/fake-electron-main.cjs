// Preloaded with `node -r` in place of Electron's runtime: `require('electron')` in the
// bundled main process gets this fake, which records what the app does and, once the
// kiosk window has loaded, calls the kiosk API through the registered IPC handlers
// exactly as the preload would, printing one JSON line per observation.
const Module = require('node:module');
const { EventEmitter } = require('node:events');

const say = (event, data) => process.stdout.write(JSON.stringify({ event, ...data }) + '\n');
const handlers = new Map();
const app = new EventEmitter();
Object.assign(app, {
  requestSingleInstanceLock: () => true,
  whenReady: () => Promise.resolve(),
  quit: () => {
    app.emit('before-quit');
    setTimeout(() => process.exit(0), 500);
  },
  exit: (code) => process.exit(code ?? 0),
  relaunch: () => say('relaunch', {}),
  getAppPath: () => process.env.FAKE_APP_PATH,
});

class WebContents extends EventEmitter {
  constructor() {
    super();
    this.id = 7;
  }
  setWindowOpenHandler(h) {
    say('window-open-handler', { action: h({ url: 'https://example.com' }).action });
  }
  send(channel, payload) {
    say('sent', { channel, payload });
  }
  reload() {}
  forcefullyCrashRenderer() {}
  isDestroyed() {
    return false;
  }
}

class BrowserWindow extends EventEmitter {
  constructor(options) {
    super();
    this.webContents = new WebContents();
    say('window', { options });
  }
  async loadFile(file) {
    say('load', { file });
    setTimeout(() => void exercise(), 50);
  }
  show() {}
  focus() {}
  restore() {}
  isMinimized() {
    return false;
  }
  isDestroyed() {
    return false;
  }
  setMenu() {}
}

async function exercise() {
  const call = (method, ...args) => handlers.get(`kiosk:call:${method}`)({ sender: { id: 7 } }, ...args);
  say('handlers', { channels: [...handlers.keys()].sort() });
  say('result', { method: 'getKioskInfo', outcome: await call('getKioskInfo') });
  say('result', { method: 'listMatters', outcome: await call('listMatters') });
  say('result', { method: 'takeTicket-without-session', outcome: await call('takeTicket', { category: null, priority: 'normal', appointmentId: null }) });
  app.quit();
}

const electron = {
  app,
  BrowserWindow,
  Menu: { setApplicationMenu: () => {} },
  ipcMain: {
    handle: (channel, fn) => handlers.set(channel, fn),
    removeHandler: (channel) => handlers.delete(channel),
  },
  powerSaveBlocker: { start: (type) => (say('power-save-blocker', { type }), 1), stop: () => {} },
  session: {
    defaultSession: {
      setPermissionRequestHandler: () => {},
      setPermissionCheckHandler: () => {},
      webRequest: { onHeadersReceived: () => {} },
    },
  },
};

const resolve = Module._resolveFilename;
Module._resolveFilename = function (request, ...rest) {
  if (request === 'electron') return __filename;
  return resolve.call(this, request, ...rest);
};
module.exports = electron;
require.cache[__filename].exports = electron;
