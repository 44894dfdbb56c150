// The desktop window (src/main/window.ts) with Electron replaced by a test double: how the page
// is isolated, where it may go, what it may ask for, and that the window comes back where it was.
import { spawnSync } from 'node:child_process';
import { mkdtemp, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { BrowserWindow, type FakeSession } from './electron-double';
import { createMainWindow, isOurRenderer, rendererLocation, type RendererLocation } from '../../../src/main/window';

vi.mock('electron', async () => (await import('./electron-double')).default);

const built: RendererLocation = { file: '/opt/briefwright/out/renderer/index.html' };
const dev: RendererLocation = { file: built.file, devUrl: 'http://localhost:5173' };
const folders: string[] = [];
async function userFolder(): Promise<string> {
  const folder = await mkdtemp(join(tmpdir(), 'briefwright-window-'));
  folders.push(folder);
  return folder;
}
afterAll(async () => {
  await Promise.all(folders.map((f) => rm(f, { recursive: true, force: true })));
});
beforeEach(() => {
  BrowserWindow.instances = [];
});

async function openWindow(location = built): Promise<BrowserWindow> {
  createMainWindow({ userFolder: await userFolder(), location, preload: '/opt/briefwright/out/preload/index.cjs' });
  return BrowserWindow.instances.at(-1)!;
}

/** Runs the page's will-navigate listeners for `url`; true when they let it through. */
function navigate(window: BrowserWindow, url: string, event = 'will-navigate'): boolean {
  const preventDefault = vi.fn();
  window.webContents.emit(event, { url, preventDefault }, url);
  return preventDefault.mock.calls.length === 0;
}

describe('the window isolates its page', () => {
  it('has context isolation and the sandbox, no Node integration, and web security', async () => {
    const window = await openWindow();
    expect(window.options.webPreferences).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      preload: '/opt/briefwright/out/preload/index.cjs',
    });
  });

  it('a middle click opens nothing: the Auxclick feature is off', async () => {
    const window = await openWindow();
    const disabled = String(window.options.webPreferences?.disableBlinkFeatures ?? '').split(',');
    expect(disabled.map((f) => f.trim())).toContain('Auxclick');
    expect(window.options.webPreferences?.enableBlinkFeatures).toBeUndefined();
  });

  it('loads the built page, and opens at 1280×800 with a minimum that fits such a screen', async () => {
    const window = await openWindow();
    expect(window.loadedFile).toBe(built.file);
    expect(window.options).toMatchObject({ width: 1280, height: 800, title: 'briefwright' });
    expect(window.options.minWidth).toBeLessThanOrEqual(1280);
    expect(window.options.minHeight).toBeLessThanOrEqual(800);
  });

  it('the preload it uses is the built CommonJS file next to the main bundle', () => {
    expect(rendererLocation(true).file).toMatch(/renderer[\\/]index\.html$/);
  });
});

describe('the page stays on our renderer', () => {
  it('navigating to another URL is prevented', async () => {
    const window = await openWindow();
    expect(navigate(window, 'https://example.com/')).toBe(false);
    expect(navigate(window, 'file:///etc/passwd')).toBe(false);
    expect(navigate(window, 'https://example.com/', 'will-redirect')).toBe(false);
  });

  it('reloading our own page (with a fragment) is allowed', async () => {
    const window = await openWindow();
    expect(navigate(window, `${pathToFileURL(built.file).href}#/templates`)).toBe(true);
  });

  it('window.open is denied', async () => {
    const window = await openWindow();
    expect(window.webContents.windowOpenHandler?.({ url: 'https://example.com/' })).toEqual({ action: 'deny' });
  });

  it('webviews cannot be attached', async () => {
    const window = await openWindow();
    const preventDefault = vi.fn();
    window.webContents.emit('will-attach-webview', { preventDefault });
    expect(preventDefault).toHaveBeenCalled();
  });

  it('in development only the dev server is ours', async () => {
    const window = await openWindow(dev);
    expect(window.loadedUrl).toBe('http://localhost:5173');
    expect(navigate(window, 'http://localhost:5173/#x')).toBe(true);
    expect(navigate(window, 'http://localhost:9999/')).toBe(false);
    expect(isOurRenderer('http://localhost:5173/', built)).toBe(false);
  });
});

describe('the page gets no permission and no network', () => {
  const session = (window: BrowserWindow): FakeSession => window.webContents.session;

  it('every permission request is denied', async () => {
    const window = await openWindow();
    for (const permission of ['media', 'geolocation', 'notifications', 'clipboard-read', 'openExternal']) {
      const callback = vi.fn();
      session(window).permissionRequestHandler?.(window.webContents, permission, callback);
      expect(callback).toHaveBeenCalledWith(false);
      expect(session(window).permissionCheckHandler?.(window.webContents, permission)).toBe(false);
    }
  });

  it('requests to the network are cancelled; our own files are not', async () => {
    const window = await openWindow();
    const verdict = (url: string) => {
      let cancel: boolean | undefined;
      session(window).beforeRequest?.({ url }, (response) => (cancel = response.cancel));
      return cancel;
    };
    expect(verdict('https://example.com/tracker.js')).toBe(true);
    expect(verdict('http://127.0.0.1:8080/')).toBe(true);
    expect(verdict(pathToFileURL(built.file).href)).toBe(false);
    expect(verdict('data:image/png;base64,AAAA')).toBe(false);
  });

  it("local files outside the renderer's folder are cancelled: the user's workspace, the system, a sibling folder", async () => {
    const window = await openWindow();
    const verdict = (url: string) => {
      let cancel: boolean | undefined;
      session(window).beforeRequest?.({ url }, (response) => (cancel = response.cancel));
      return cancel;
    };
    expect(verdict('file:///opt/briefwright/out/renderer/assets/index-abc123.js')).toBe(false);
    expect(verdict('file:///opt/briefwright/out/renderer/assets/font%20name.woff2')).toBe(false);
    expect(verdict('file:///etc/passwd')).toBe(true);
    expect(verdict('file:///home/someone/.config/briefwright/templates/shared.hbs')).toBe(true);
    expect(verdict('file:///opt/briefwright/out/renderer-evil/x.js')).toBe(true);
    expect(verdict('file:///opt/briefwright/out/renderer/../main/index.js')).toBe(true);
    expect(verdict('file:///opt/briefwright/out/renderer/%2E%2E/main/index.js')).toBe(true);
  });

  it('responses carry the strict Content-Security-Policy', async () => {
    const window = await openWindow();
    let headers: Record<string, string[]> | undefined;
    session(window).headersReceived?.({ url: 'file:///x', responseHeaders: {} }, (response) => (headers = response.responseHeaders));
    expect(headers?.['Content-Security-Policy']?.[0]).toMatch(/default-src 'self'; script-src 'self';.*object-src 'none'/);
  });

  it('downloads are refused', async () => {
    const window = await openWindow();
    const preventDefault = vi.fn();
    session(window).emit('will-download', { preventDefault });
    expect(preventDefault).toHaveBeenCalled();
  });
});

describe('the window remembers where it was', () => {
  it('closing saves its bounds, and the next window opens there', async () => {
    const folder = await userFolder();
    createMainWindow({ userFolder: folder, location: built, preload: 'p.cjs' });
    const first = BrowserWindow.instances.at(-1)!;
    first.bounds = { x: 200, y: 150, width: 1400, height: 900 };
    first.emit('close');
    expect(JSON.parse(await readFile(join(folder, 'window-state.json'), 'utf8'))).toEqual({ x: 200, y: 150, width: 1400, height: 900, maximized: false });
    createMainWindow({ userFolder: folder, location: built, preload: 'p.cjs' });
    expect(BrowserWindow.instances.at(-1)!.options).toMatchObject({ x: 200, y: 150, width: 1400, height: 900 });
  });

  it('a damaged state file, or bounds off every screen, give the default', async () => {
    const folder = await userFolder();
    await writeFile(join(folder, 'window-state.json'), '{ broken');
    createMainWindow({ userFolder: folder, location: built, preload: 'p.cjs' });
    expect(BrowserWindow.instances.at(-1)!.options).toMatchObject({ width: 1280, height: 800 });
    await writeFile(join(folder, 'window-state.json'), JSON.stringify({ x: 9000, y: 9000, width: 1300, height: 820, maximized: true }));
    createMainWindow({ userFolder: folder, location: built, preload: 'p.cjs' });
    const window = BrowserWindow.instances.at(-1)!;
    expect(window.options.x).toBeUndefined();
    expect(window.options).toMatchObject({ width: 1300, height: 820 });
    expect(window.maximized).toBe(true);
  });

  it('a named pipe in the state file’s place does not hold the start (default size); nor is a link out of the folder read', async () => {
    const folder = await userFolder();
    expect(spawnSync('mkfifo', [join(folder, 'window-state.json')]).status).toBe(0);
    createMainWindow({ userFolder: folder, location: built, preload: 'p.cjs' });
    expect(BrowserWindow.instances.at(-1)!.options).toMatchObject({ width: 1280, height: 800 });

    const other = await userFolder();
    const outside = join(await userFolder(), 'state.json');
    await writeFile(outside, JSON.stringify({ x: 10, y: 10, width: 1500, height: 950, maximized: false }));
    await symlink(outside, join(other, 'window-state.json'));
    createMainWindow({ userFolder: other, location: built, preload: 'p.cjs' });
    expect(BrowserWindow.instances.at(-1)!.options).toMatchObject({ width: 1280, height: 800 });
  });
});
