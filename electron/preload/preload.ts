/**
 * Electron preload (sandboxed): exposes a named function per contract method and event
 * on window.kioskBridge. The page never sees ipcRenderer or any Node API.
 */
import { contextBridge, ipcRenderer } from 'electron';
import { buildPreloadBridge } from './bridge.js';
import { PRELOAD_GLOBAL } from '../common/preload-api.js';

contextBridge.exposeInMainWorld(PRELOAD_GLOBAL, buildPreloadBridge(ipcRenderer));
