// The bridge between the page and the main process: `window.briefwright`, which carries the API
// channels of src/shared/api.ts, the menu's actions and word that the workspace's files changed,
// and nothing else. Runs sandboxed, so it is bundled into one CommonJS file with no other
// imports than electron's.
// Electronegativity's PRELOAD_JS_CHECK is marked reviewed in src/main/window.ts on the strength
// of this narrow bridge (no ipcRenderer, no event objects, no Node): widen it, review it again.
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { CHANNELS, MENU_ACTIONS, MENU_CHANNEL, WORKSPACE_CHANNEL, ipcChannel, type ApiResponse, type BriefwrightBridge, type Channel, type MenuAction } from '../shared/api';

const known = new Set<string>(CHANNELS);
const actions = new Set<string>(MENU_ACTIONS);

const bridge: BriefwrightBridge = {
  invoke(channel, payload) {
    if (typeof channel !== 'string' || !known.has(channel)) {
      const refused: ApiResponse<Channel> = { ok: false, problems: [{ severity: 'error', file: '', message: `unknown API channel "${String(channel)}"` }] };
      return Promise.resolve(refused) as ReturnType<BriefwrightBridge['invoke']>;
    }
    return ipcRenderer.invoke(ipcChannel(channel), payload);
  },
  onMenu(callback) {
    const listener = (_event: IpcRendererEvent, action: unknown) => {
      if (typeof action === 'string' && actions.has(action)) callback(action as MenuAction);
    };
    ipcRenderer.on(MENU_CHANNEL, listener);
    return () => {
      ipcRenderer.removeListener(MENU_CHANNEL, listener);
    };
  },
  onWorkspaceChange(callback) {
    // Nothing of the message reaches the page: only that it came.
    const listener = () => callback();
    ipcRenderer.on(WORKSPACE_CHANNEL, listener);
    return () => {
      ipcRenderer.removeListener(WORKSPACE_CHANNEL, listener);
    };
  },
};

contextBridge.exposeInMainWorld('briefwright', bridge);
