// The main process's start-up (src/main/index.ts) and menu (src/main/menu.ts) with Electron
// replaced by a test double: one instance, one window, every API channel, a menu whose Export
// items reach the page.
import { writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { MenuItemConstructorOptions } from 'electron';
import { CHANNELS, MENU_CHANNEL, WORKSPACE_CHANNEL, ipcChannel } from '../../../src/shared/api';
import { menuTemplate } from '../../../src/main/menu';
import type * as Double from './electron-double';

vi.mock('electron', async () => (await import('./electron-double')).default);

let home: string;
const previousHome = process.env.BRIEFWRIGHT_HOME;
beforeAll(async () => {
  home = await mkdtemp(join(tmpdir(), 'briefwright-app-'));
  process.env.BRIEFWRIGHT_HOME = home;
});
afterAll(async () => {
  if (previousHome === undefined) delete process.env.BRIEFWRIGHT_HOME;
  else process.env.BRIEFWRIGHT_HOME = previousHome;
  await rm(home, { recursive: true, force: true });
});

let started: typeof Double | undefined;
// Quitting stops what each start began: its paper workers, and the following of the workspace's files.
afterEach(() => {
  started?.app.emit('will-quit');
  started = undefined;
});

/** Starts src/main/index.ts afresh against a fresh double; `lock` says whether this is the only instance. */
async function start(lock: boolean): Promise<typeof Double> {
  vi.resetModules();
  const electron = (await import('electron')) as unknown as typeof Double;
  vi.clearAllMocks();
  electron.appState.lock = lock;
  electron.Menu.applied = undefined;
  electron.BrowserWindow.instances = [];
  electron.ipcMain.handlers.clear();
  await import('../../../src/main/index');
  await new Promise((resolve) => setTimeout(resolve, 0)); // let whenReady() run
  started = electron;
  return electron;
}

describe('start-up', () => {
  it('a second instance quits at once and opens nothing', async () => {
    const electron = await start(false);
    expect(electron.app.quit).toHaveBeenCalled();
    expect(electron.BrowserWindow.instances).toHaveLength(0);
    expect(electron.ipcMain.handlers.size).toBe(0);
  });

  it('the first instance opens one sandboxed window and handles every API channel', async () => {
    const electron = await start(true);
    expect(electron.app.quit).not.toHaveBeenCalled();
    expect(electron.app.enableSandbox).toHaveBeenCalled();
    expect(electron.BrowserWindow.instances).toHaveLength(1);
    expect([...electron.ipcMain.handlers.keys()].sort()).toEqual(CHANNELS.map(ipcChannel).sort());
    expect(electron.Menu.applied).toBeDefined();
  });

  it("Chromium's own data is kept in a hidden folder of the user folder", async () => {
    const electron = await start(true);
    expect(electron.app.setPath).toHaveBeenCalledWith('userData', join(home, '.electron'));
  });

  it('File → Export PDF sends the action to the page', async () => {
    const electron = await start(true);
    const menu = electron.Menu.applied as { template: MenuItemConstructorOptions[] };
    const file = menu.template.find((m) => m.label === '&File');
    const exportPdf = (file?.submenu as MenuItemConstructorOptions[]).find((i) => i.label === 'Export PDF…');
    (exportPdf?.click as () => void)();
    expect(electron.BrowserWindow.instances[0]!.webContents.sent).toEqual([[MENU_CHANNEL, 'export-pdf']]);
  });

  it('a style.yaml saved in the user folder while the app runs is read again, and the page is told, with nothing else', async () => {
    const electron = await start(true);
    const sent = electron.BrowserWindow.instances[0]!.webContents.sent;
    // Saved again until it is seen: the app follows the folder a moment after it starts.
    let saves = 0;
    await vi.waitFor(
      () => {
        if (!sent.some(([channel]) => channel === WORKSPACE_CHANNEL)) writeFileSync(join(home, 'style.yaml'), `# save ${++saves}\ncolours: { accent: "#7a1f1f" }\n`);
        expect(sent).toContainEqual([WORKSPACE_CHANNEL]);
      },
      { timeout: 60_000, interval: 1_000 },
    );
    expect(sent.every((message) => message.length === 1 && message[0] === WORKSPACE_CHANNEL)).toBe(true);
  });
});

describe('the menu', () => {
  const items = (template: MenuItemConstructorOptions[]) =>
    template.flatMap((m) => [m, ...((m.submenu as MenuItemConstructorOptions[] | undefined) ?? [])]);

  it('has the usual menus and both exports, with shortcuts', () => {
    const send = vi.fn();
    const template = menuTemplate({ send, userFolder: '/home/user/.config/briefwright', development: false }, 'linux');
    const roles = items(template).map((i) => i.role).filter(Boolean);
    expect(roles).toEqual(expect.arrayContaining(['editMenu', 'windowMenu', 'help', 'quit', 'togglefullscreen']));
    expect(roles).not.toContain('toggleDevTools');
    const labels = items(template).map((i) => i.label);
    expect(labels).toEqual(expect.arrayContaining(['&File', 'Export PDF…', 'Export DOCX…']));
    const exportDocx = items(template).find((i) => i.label === 'Export DOCX…')!;
    expect(exportDocx.accelerator).toBe('CmdOrCtrl+Shift+E');
    (exportDocx.click as () => void)();
    expect(send).toHaveBeenCalledWith('export-docx');
  });

  it('File holds New, Open, Save and Save As for briefs, each with its usual shortcut, sent to the page', () => {
    const send = vi.fn();
    const file = menuTemplate({ send, userFolder: '/u', development: false }, 'linux').find((m) => m.label === '&File')!;
    const entries = (file.submenu as MenuItemConstructorOptions[]).filter((i) => i.label && /Brief|^Save$/.test(i.label) && !i.submenu);
    expect(entries.map((i) => [i.label, i.accelerator])).toEqual([
      ['New Brief', 'CmdOrCtrl+N'],
      ['Open Brief…', 'CmdOrCtrl+O'],
      ['Save', 'CmdOrCtrl+S'],
      ['Save Brief As…', 'CmdOrCtrl+Shift+S'],
    ]);
    for (const entry of entries) (entry.click as () => void)();
    expect(send.mock.calls.map(([action]) => action)).toEqual(['brief-new', 'brief-open', 'brief-save', 'brief-save-as']);
  });

  it('File → Open Recent Brief lists the recent briefs by title and sends which one, never its path', () => {
    const send = vi.fn();
    const file = (recentBriefs: string[]) =>
      (menuTemplate({ send, userFolder: '/u', development: false, recentBriefs }, 'linux').find((m) => m.label === '&File')!.submenu as MenuItemConstructorOptions[]).find(
        (i) => i.label === 'Open Recent Brief',
      )!;
    expect(file([]).enabled).toBe(false);
    const recent = file(['Astana visit', 'Trade & energy']);
    const items = recent.submenu as MenuItemConstructorOptions[];
    // "&" is a mnemonic marker in a menu label: doubled, it prints as itself.
    expect(items.map((i) => i.label)).toEqual(['Astana visit', 'Trade && energy']);
    (items[1]!.click as () => void)();
    expect(send).toHaveBeenCalledWith('brief-recent-1');
  });

  it('on macOS starts with the app menu', () => {
    const template = menuTemplate({ send: vi.fn(), userFolder: '/u', development: true }, 'darwin');
    expect(template[0]!.role).toBe('appMenu');
    expect(items(template).map((i) => i.role)).toContain('toggleDevTools');
  });
});
