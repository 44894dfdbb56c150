// The preload (src/preload/index.ts) with Electron replaced by a test double: the page gets
// `window.briefwright` and nothing else; it carries only the contract's channels, the menu, and
// word that the workspace's files changed.
import { beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { CHANNELS, MENU_CHANNEL, WORKSPACE_CHANNEL, ipcChannel, type BriefwrightBridge } from '../../../src/shared/api';
import { contextBridge, ipcRenderer } from './electron-double';

vi.mock('electron', async () => (await import('./electron-double')).default);

let bridge: BriefwrightBridge;
beforeAll(async () => {
  await import('../../../src/preload/index');
  bridge = contextBridge.exposed.get('briefwright') as BriefwrightBridge;
});
beforeEach(() => {
  ipcRenderer.invoke.mockClear();
});

describe('the preload exposes only the API', () => {
  it('exposes one object, `briefwright`, with `invoke`, `onMenu` and `onWorkspaceChange`', () => {
    expect([...contextBridge.exposed.keys()]).toEqual(['briefwright']);
    expect(Object.keys(bridge).sort()).toEqual(['invoke', 'onMenu', 'onWorkspaceChange']);
  });

  it('invoke carries a channel of the contract to its IPC channel, payload unchanged', async () => {
    const payload = { topics: ['trade'] };
    await bridge.invoke('queryFacts', payload);
    expect(ipcRenderer.invoke).toHaveBeenCalledWith('briefwright:queryFacts', payload);
  });

  it('every channel of the contract is carried, listPartials too', async () => {
    for (const channel of CHANNELS) await bridge.invoke(channel, {} as never);
    expect(ipcRenderer.invoke.mock.calls.map(([name]) => name)).toEqual(CHANNELS.map(ipcChannel));
    expect(ipcRenderer.invoke).toHaveBeenCalledWith('briefwright:listPartials', {});
  });

  it('invoke refuses an unknown channel without sending anything', async () => {
    for (const channel of ['deleteEverything', 'briefwright:listTemplates', '__proto__', 'constructor']) {
      const response = await bridge.invoke(channel as 'listTemplates', {});
      expect(response).toEqual({ ok: false, problems: [{ severity: 'error', file: '', message: `unknown API channel "${channel}"` }] });
    }
    expect(ipcRenderer.invoke).not.toHaveBeenCalled();
  });
});

describe('menu actions reach the page', () => {
  it('a known action is passed on; anything else is dropped; unsubscribing stops it', () => {
    const callback = vi.fn();
    const stop = bridge.onMenu(callback);
    ipcRenderer.emit(MENU_CHANNEL, {}, 'export-pdf');
    ipcRenderer.emit(MENU_CHANNEL, {}, 'format-disk');
    ipcRenderer.emit(MENU_CHANNEL, {}, { action: 'export-pdf' });
    ipcRenderer.emit(MENU_CHANNEL, {}, 'brief-save-as');
    ipcRenderer.emit(MENU_CHANNEL, {}, 'brief-recent-7');
    // Only as many recent briefs as the menu lists; never a path.
    ipcRenderer.emit(MENU_CHANNEL, {}, 'brief-recent-8');
    ipcRenderer.emit(MENU_CHANNEL, {}, 'brief-recent-/etc/passwd');
    expect(callback.mock.calls).toEqual([['export-pdf'], ['brief-save-as'], ['brief-recent-7']]);
    stop();
    ipcRenderer.emit(MENU_CHANNEL, {}, 'export-docx');
    expect(callback).toHaveBeenCalledTimes(3);
  });
});

describe('word that the workspace changed reaches the page', () => {
  it('each message calls back with nothing of the message or its event; unsubscribing stops it', () => {
    const callback = vi.fn();
    const stop = bridge.onWorkspaceChange!(callback);
    ipcRenderer.emit(WORKSPACE_CHANNEL, { sender: 'the event object' });
    ipcRenderer.emit(WORKSPACE_CHANNEL, { sender: 'the event object' }, { path: '/etc/passwd' });
    expect(callback.mock.calls).toEqual([[], []]);
    stop();
    ipcRenderer.emit(WORKSPACE_CHANNEL, {});
    expect(callback).toHaveBeenCalledTimes(2);
  });
});
