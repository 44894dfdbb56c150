// The app's one window and what its page may do: isolated, sandboxed, without Node; it never
// navigates away from our renderer, opens no other window, gets no permission, reaches no
// network, and remembers its bounds between launches.
import { BrowserWindow, screen, type Session } from 'electron';
import { dirname, isAbsolute, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { CONTENT_SECURITY_POLICY } from '../app/content-security';
import { MIN_SIZE, readWindowState, writeWindowState } from './window-state';

/** Where the renderer is: the built index.html, or (in development) electron-vite's dev server. */
export interface RendererLocation {
  file: string;
  devUrl?: string;
}

/** The built renderer next to the built main (out/main → out/renderer), or the dev server when one runs. */
export function rendererLocation(packaged: boolean, env: NodeJS.ProcessEnv = process.env): RendererLocation {
  const file = fileURLToPath(new URL('../renderer/index.html', import.meta.url));
  const devUrl = !packaged ? env.ELECTRON_RENDERER_URL : undefined;
  return devUrl ? { file, devUrl } : { file };
}

/** The sandboxed preload must be CommonJS: the build writes it as out/preload/index.cjs. */
const preloadPath = (): string => fileURLToPath(new URL('../preload/index.cjs', import.meta.url));

/** Is `url` a page of our renderer (the index file, or the dev server)? Fragments and queries aside. */
export function isOurRenderer(url: string, location: RendererLocation): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  if (location.devUrl) return parsed.origin === new URL(location.devUrl).origin;
  parsed.hash = '';
  parsed.search = '';
  return parsed.href === pathToFileURL(location.file).href;
}

/**
 * Is `url` a file of our built renderer (its folder or below)? The CSP's 'self' on a file: page
 * covers every local file, the user's workspace included; this keeps the page to its own.
 */
function isRendererFile(url: string, location: RendererLocation): boolean {
  let path: string;
  try {
    path = fileURLToPath(url);
  } catch {
    return false;
  }
  const inside = relative(dirname(location.file), path);
  return inside !== '' && !inside.startsWith('..') && !isAbsolute(inside);
}

/** Requests the page may make: our renderer's files and in-memory data; in development, the dev server. */
function isAllowedRequest(url: string, location: RendererLocation): boolean {
  if (/^(data|blob|devtools|chrome-extension):/i.test(url)) return true;
  if (/^file:/i.test(url)) return isRendererFile(url, location);
  if (!location.devUrl) return false;
  try {
    const { hostname, port } = new URL(url);
    const dev = new URL(location.devUrl);
    return hostname === dev.hostname && port === dev.port;
  } catch {
    return false;
  }
}

/** Denies every permission and download, blocks the network, and sets the page's CSP. */
function hardenSession(session: Session, location: RendererLocation): void {
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
  session.on('will-download', (event) => event.preventDefault());
  session.webRequest.onBeforeRequest((details, callback) => callback({ cancel: !isAllowedRequest(details.url, location) }));
  // The dev server's hot reload needs inline scripts and a socket; the built app gets the strict policy.
  if (!location.devUrl) {
    session.webRequest.onHeadersReceived((details, callback) =>
      callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] } }),
    );
  }
}

export interface MainWindowOptions {
  userFolder: string;
  location: RendererLocation;
  preload?: string;
}

export function createMainWindow(options: MainWindowOptions): BrowserWindow {
  const { location, userFolder } = options;
  const state = readWindowState(userFolder, screens());
  const window = new BrowserWindow({
    ...(state.x !== undefined && state.y !== undefined ? { x: state.x, y: state.y } : {}),
    width: state.width,
    height: state.height,
    minWidth: MIN_SIZE.width,
    minHeight: MIN_SIZE.height,
    title: 'briefwright',
    show: false,
    backgroundColor: '#ffffff',
    webPreferences: {
      preload: options.preload ?? preloadPath(), // eng-disable PRELOAD_JS_CHECK: reviewed, src/preload/index.ts exposes only invoke (known channels), onMenu (known actions) and onWorkspaceChange (no payload)
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      safeDialogs: true,
      // A middle click cannot open a link in a new window (the window-open handler refuses those too).
      disableBlinkFeatures: 'Auxclick',
    },
  });
  if (state.maximized) window.maximize();
  window.once('ready-to-show', () => window.show());

  const contents = window.webContents;
  hardenSession(contents.session, location);
  const stayHome = (event: { preventDefault(): void; url?: string }, url?: string) => {
    if (!isOurRenderer(event.url ?? url ?? '', location)) event.preventDefault();
  };
  contents.on('will-navigate', stayHome);
  contents.on('will-redirect', stayHome);
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));

  rememberBounds(window, userFolder);
  if (location.devUrl) void window.loadURL(location.devUrl);
  else void window.loadFile(location.file);
  return window;
}

function rememberBounds(window: BrowserWindow, folder: string): void {
  const save = () => {
    if (window.isDestroyed()) return;
    const maximized = window.isMaximized();
    const bounds = maximized ? window.getNormalBounds() : window.getBounds();
    try {
      writeWindowState(folder, { ...bounds, maximized });
    } catch {
      // Not remembering the window's place is no reason to fail; the next launch uses the default.
    }
  };
  let timer: ReturnType<typeof setTimeout> | undefined;
  const later = () => {
    clearTimeout(timer);
    timer = setTimeout(save, 1000);
  };
  window.on('resize', later);
  window.on('move', later);
  window.on('close', () => {
    clearTimeout(timer);
    save();
  });
}

function screens(): { x: number; y: number; width: number; height: number }[] {
  try {
    return screen.getAllDisplays().map((d) => d.workArea);
  } catch {
    return [];
  }
}
