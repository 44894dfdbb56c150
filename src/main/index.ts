// The desktop app's main process: one instance, one window, the API carried over IPC, the
// menu, and word to the page when the workspace's files change on disk. Everything the app does
// is in src/app/api.ts over core; this file only wires it up.
import { app, shell, type BrowserWindow } from 'electron';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { MENU_CHANNEL, WORKSPACE_CHANNEL } from '../shared/api';
import { createApi } from '../app/api';
import { workerRunner } from '../app/paper-runner';
import { useNodeHost } from '../platform/core-host';
import { userFolder } from '../platform/workspace-folder';
import { chooseBatchFolder, chooseExportPath } from './dialogs';
import { registerApi } from './ipc';
import { installMenu } from './menu';
import { createMainWindow, isOurRenderer, rendererLocation } from './window';

useNodeHost();
const folder = userFolder();
// Chromium's own caches stay out of the user's workspace folder (the loader skips dot folders).
app.setPath('userData', join(folder, '.electron'));

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  start();
}

function start(): void {
  let window: BrowserWindow | undefined;
  let stopPapers: (() => Promise<void>) | undefined;
  app.enableSandbox();

  app.on('second-instance', () => {
    if (!window) return;
    if (window.isMinimized()) window.restore();
    window.focus();
  });
  // Any page, however created, may open no window and embed no webview.
  app.on('web-contents-created', (_event, contents) => {
    contents.setWindowOpenHandler(() => ({ action: 'deny' }));
    contents.on('will-attach-webview', (event) => event.preventDefault());
  });
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
  app.on('will-quit', () => {
    void stopPapers?.();
  });

  void app.whenReady().then(() => {
    const location = rendererLocation(app.isPackaged);
    const api = createApi({
      userFolder: folder,
      // Papers are made on worker threads (built beside this file): the main process never blocks on one.
      runner: workerRunner({ entry: join(dirname(fileURLToPath(import.meta.url)), 'paper-worker.js') }),
      chooseSavePath: (name, format) => chooseExportPath(window, name, format),
      chooseFolder: () => chooseBatchFolder(window),
      openPath: async (path, reveal) => {
        if (reveal) {
          shell.showItemInFolder(path);
          return true;
        }
        return (await shell.openPath(path)) === '';
      },
      // A style.yaml, a fact file or a template changed on disk: read again, and the page redraws.
      follow: {
        bundled: !app.isPackaged,
        changed: () => {
          if (window && !window.isDestroyed()) window.webContents.send(WORKSPACE_CHANNEL);
        },
        log: (line) => process.stderr.write(`${line}\n`),
      },
    });
    stopPapers = () => api.close();
    // The File menu lists the recent briefs: built again whenever a brief is saved or opened.
    const menu = async () => {
      const listed = await api.handle('listBriefs', {});
      const recentBriefs = listed.ok ? listed.result.recent.map((path) => listed.result.briefs.find((b) => b.path === path)?.title ?? path) : [];
      installMenu({ send: (action) => window?.webContents.send(MENU_CHANNEL, action), userFolder: folder, development: !app.isPackaged, recentBriefs });
    };
    registerApi(
      {
        handle: async (channel, payload, context) => {
          const response = await api.handle(channel, payload, context);
          if (response.ok && (channel === 'saveBrief' || channel === 'openBrief')) void menu();
          return response;
        },
      },
      (url) => isOurRenderer(url, location),
    );
    installMenu({ send: (action) => window?.webContents.send(MENU_CHANNEL, action), userFolder: folder, development: !app.isPackaged });
    void menu();
    const open = () => {
      window = createMainWindow({ userFolder: folder, location });
      window.on('closed', () => {
        window = undefined;
      });
    };
    open();
    app.on('activate', () => {
      if (!window) open();
    });
  });
}
