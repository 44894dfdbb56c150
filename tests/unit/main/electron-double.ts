// A test double of the `electron` module for the main-process and preload tests (the Electron
// binary is not installed here). It records what the code under test asks of Electron — window
// options, event handlers, IPC registrations, exposed APIs — so tests can inspect and drive them.
import { vi } from 'vitest';

type Listener = (...args: unknown[]) => unknown;

class Emitter {
  readonly listeners = new Map<string, Listener[]>();
  on(event: string, listener: Listener): this {
    this.listeners.set(event, [...(this.listeners.get(event) ?? []), listener]);
    return this;
  }
  once(event: string, listener: Listener): this {
    return this.on(event, listener);
  }
  off(event: string, listener: Listener): this {
    this.listeners.set(event, (this.listeners.get(event) ?? []).filter((l) => l !== listener));
    return this;
  }
  /** Calls every listener of `event` (as Electron would). */
  emit(event: string, ...args: unknown[]): void {
    for (const listener of this.listeners.get(event) ?? []) listener(...args);
  }
}

export class FakeSession extends Emitter {
  permissionRequestHandler?: (contents: unknown, permission: string, callback: (granted: boolean) => void, details?: unknown) => void;
  permissionCheckHandler?: (contents: unknown, permission: string) => boolean;
  beforeRequest?: (details: { url: string }, callback: (response: { cancel?: boolean }) => void) => void;
  headersReceived?: (details: { url: string; responseHeaders?: Record<string, string[]> }, callback: (response: { responseHeaders?: Record<string, string[]> }) => void) => void;
  setPermissionRequestHandler(handler: FakeSession['permissionRequestHandler']) {
    this.permissionRequestHandler = handler;
  }
  setPermissionCheckHandler(handler: FakeSession['permissionCheckHandler']) {
    this.permissionCheckHandler = handler;
  }
  webRequest = {
    onBeforeRequest: (handler: FakeSession['beforeRequest']) => {
      this.beforeRequest = handler;
    },
    onHeadersReceived: (handler: FakeSession['headersReceived']) => {
      this.headersReceived = handler;
    },
  };
}

let contentsIds = 0;

export class FakeWebContents extends Emitter {
  readonly id = ++contentsIds;
  readonly session = new FakeSession();
  windowOpenHandler?: (details: { url: string }) => { action: string };
  readonly sent: unknown[][] = [];
  setWindowOpenHandler(handler: FakeWebContents['windowOpenHandler']) {
    this.windowOpenHandler = handler;
  }
  send(channel: string, ...args: unknown[]) {
    this.sent.push([channel, ...args]);
  }
}

export class BrowserWindow extends Emitter {
  static instances: BrowserWindow[] = [];
  readonly webContents = new FakeWebContents();
  loadedFile?: string;
  loadedUrl?: string;
  maximized = false;
  destroyed = false;
  bounds: { x: number; y: number; width: number; height: number };
  constructor(readonly options: Record<string, unknown> & { webPreferences?: Record<string, unknown> }) {
    super();
    this.bounds = { x: (options.x as number) ?? 100, y: (options.y as number) ?? 80, width: options.width as number, height: options.height as number };
    BrowserWindow.instances.push(this);
  }
  loadFile(file: string) {
    this.loadedFile = file;
    return Promise.resolve();
  }
  loadURL(url: string) {
    this.loadedUrl = url;
    return Promise.resolve();
  }
  maximize() {
    this.maximized = true;
  }
  isMaximized() {
    return this.maximized;
  }
  isMinimized() {
    return false;
  }
  getBounds() {
    return this.bounds;
  }
  getNormalBounds() {
    return this.bounds;
  }
  isDestroyed() {
    return this.destroyed;
  }
  show() {}
  focus() {}
  restore() {}
}

export const ipcMain = {
  handlers: new Map<string, Listener>(),
  handle(channel: string, listener: Listener) {
    if (this.handlers.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`);
    this.handlers.set(channel, listener);
  },
  on: vi.fn(),
};

/** What a test sets before the code under test starts: whether this instance gets the lock. */
export const appState = { lock: true, paths: new Map<string, string>() };

export const app = Object.assign(new Emitter(), {
  isPackaged: false,
  requestSingleInstanceLock: vi.fn((): boolean => appState.lock),
  quit: vi.fn(),
  enableSandbox: vi.fn(),
  whenReady: (): Promise<void> => Promise.resolve(),
  setPath: vi.fn((name: string, path: string): void => void appState.paths.set(name, path)),
  getPath: (name: string): string => appState.paths.get(name) ?? `/home/user/${name}`,
});

export const Menu = {
  applied: undefined as unknown,
  buildFromTemplate: (template: unknown) => ({ template }),
  setApplicationMenu(menu: unknown) {
    this.applied = menu;
  },
};

export const dialog = { showSaveDialog: vi.fn(async () => ({ canceled: true, filePath: '' })), showOpenDialog: vi.fn(async () => ({ canceled: true, filePaths: [] as string[] })) };
export const shell = { openPath: vi.fn(async () => ''), showItemInFolder: vi.fn() };
export const screen = { getAllDisplays: () => [{ workArea: { x: 0, y: 0, width: 1920, height: 1080 } }] };

export const contextBridge = {
  exposed: new Map<string, unknown>(),
  exposeInMainWorld(key: string, api: unknown) {
    this.exposed.set(key, api);
  },
};

class FakeIpcRenderer extends Emitter {
  invoke = vi.fn(async (channel: string, payload: unknown) => ({ ok: true, result: { channel, payload } }));
  removeListener(event: string, listener: Listener): this {
    this.listeners.set(event, (this.listeners.get(event) ?? []).filter((l) => l !== listener));
    return this;
  }
}

export const ipcRenderer = new FakeIpcRenderer();

export default { app, appState, BrowserWindow, ipcMain, Menu, dialog, shell, screen, contextBridge, ipcRenderer };
