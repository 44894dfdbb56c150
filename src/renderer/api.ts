// The renderer's one way to reach the API (src/shared/api.ts). In Electron the preload exposes
// `window.briefwright.invoke`; in a browser the web host serves the same channels over HTTP with
// a per-launch token that arrives in the URL fragment. The rest of the UI never knows which.
// Type-only: a value import of src/shared/api.ts would bundle zod into the page.
import type { ApiResponse, BriefwrightBridge, Channel, MenuAction, Payload, Problem } from '../shared/api';

declare global {
  interface Window {
    /** Electron's preload (contextBridge); absent in a browser. */
    briefwright?: BriefwrightBridge;
  }
}

export interface CallOptions {
  /** Abandons the call: a stale preview is never drawn. */
  signal?: AbortSignal;
}

const TOKEN_KEY = 'briefwright.token';
/** This page among others open on the same host: its newer preview replaces only its own older one. */
const PAGE_ID = Math.random().toString(36).slice(2, 12);

/** The web host's token: from `#token=…` (kept in sessionStorage so a reload still works). */
function webToken(): string {
  const fromHash = new URLSearchParams(window.location.hash.replace(/^#/, '')).get('token');
  if (fromHash) {
    try {
      sessionStorage.setItem(TOKEN_KEY, fromHash);
    } catch {
      // Storage can be unavailable (private mode); the fragment still carries the token.
    }
    return fromHash;
  }
  try {
    return sessionStorage.getItem(TOKEN_KEY) ?? '';
  } catch {
    return '';
  }
}

const failure = (message: string): { ok: false; problems: Problem[] } => ({ ok: false, problems: [{ severity: 'error', file: '', message }] });

function isApiResponse(value: unknown): value is ApiResponse<Channel> {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as { ok?: unknown; problems?: unknown };
  return v.ok === true || (v.ok === false && Array.isArray(v.problems));
}

async function overHttp<C extends Channel>(channel: C, payload: Payload<C>, options: CallOptions): Promise<ApiResponse<C>> {
  let response: Response;
  try {
    // The web host's route for a channel: POST /api/<channel>, with the launch token.
    response = await fetch(`/api/${channel}`, {
      method: 'POST',
      // The web host's page header (src/web/server.ts PAGE_HEADER).
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${webToken()}`, 'X-Briefwright-Page': PAGE_ID },
      body: JSON.stringify(payload),
      signal: options.signal ?? null,
    });
  } catch (error) {
    if ((error as { name?: string }).name === 'AbortError') throw error;
    return failure('The briefwright host is not answering. Is it still running?');
  }
  let body: unknown;
  try {
    body = await response.json();
  } catch (error) {
    if ((error as { name?: string }).name === 'AbortError') throw error;
    return failure(`The host answered ${response.status} ${response.statusText} without a readable result.`);
  }
  if (isApiResponse(body)) return body as ApiResponse<C>;
  if (response.status === 401 || response.status === 403) return failure('This page has no valid access token: open the address the host printed (it ends in #token=…).');
  return failure(`The host answered ${response.status} ${response.statusText} without a readable result.`);
}

async function overIpc<C extends Channel>(bridge: BriefwrightBridge, channel: C, payload: Payload<C>, options: CallOptions): Promise<ApiResponse<C>> {
  const signal = options.signal;
  signal?.throwIfAborted();
  // IPC cannot be abandoned midway: a call whose signal fires rejects at once and its answer is
  // dropped; main stops the paper when the page's next preview replaces it.
  const answer = bridge.invoke(channel, payload).catch((error: unknown) => failure(error instanceof Error ? error.message : String(error)) as ApiResponse<C>);
  if (!signal) return answer;
  let onAbort = () => {};
  const aborted = new Promise<never>((_, reject) => {
    onAbort = () => reject(signal.reason instanceof Error ? signal.reason : new DOMException('The call was abandoned', 'AbortError'));
    signal.addEventListener('abort', onAbort, { once: true });
  });
  try {
    return await Promise.race([answer, aborted]);
  } finally {
    signal.removeEventListener('abort', onAbort);
  }
}

export const api = {
  /** True inside the desktop app (saves go to disk, paths can be opened). */
  get isDesktop(): boolean {
    return typeof window !== 'undefined' && !!window.briefwright;
  },

  /** Calls one channel. Rejects only with an AbortError when `options.signal` fires. */
  call<C extends Channel>(channel: C, payload: Payload<C>, options: CallOptions = {}): Promise<ApiResponse<C>> {
    const bridge = window.briefwright;
    return bridge ? overIpc(bridge, channel, payload, options) : overHttp(channel, payload, options);
  },

  /** Actions from the desktop app's menu (File → Export PDF, …); nothing comes in a browser. */
  onMenu(callback: (action: MenuAction) => void): () => void {
    return window.briefwright?.onMenu(callback) ?? (() => {});
  },

  /** Calls `callback` each time the host read the workspace again because its files changed on disk; returns a function that stops listening. */
  onWorkspaceChange(callback: () => void): () => void {
    const bridge = window.briefwright;
    if (bridge) return bridge.onWorkspaceChange?.(callback) ?? (() => {});
    return followOverHttp(callback);
  },
};

/** How long the page waits before asking the web host's event stream again, at first and at most. */
const RECONNECT_MS = { first: 1_000, most: 30_000 };

/**
 * The web host's event stream (src/web/server.ts), read with fetch so that the token travels in
 * its header, as with every call. Each message carries the count of the host's reloads: the
 * first says where it stands, so a page that reconnects after a break redraws only if it missed one.
 */
function followOverHttp(callback: () => void): () => void {
  const stop = new AbortController();
  let seen: string | undefined;
  let wait = RECONNECT_MS.first;
  const read = async (): Promise<'again' | 'refused'> => {
    // The web host's event stream (src/shared/api.ts WORKSPACE_EVENTS).
    const response = await fetch('/events', { headers: { Authorization: `Bearer ${webToken()}` }, signal: stop.signal });
    if (response.status === 401 || response.status === 403 || response.status === 404) return 'refused';
    if (!response.ok || !response.body) return 'again';
    wait = RECONNECT_MS.first;
    const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
    let buffer = '';
    for (;;) {
      const { value, done } = await reader.read();
      if (done) return 'again';
      buffer += value;
      for (let end = buffer.indexOf('\n\n'); end >= 0; end = buffer.indexOf('\n\n')) {
        const version = /^event: workspace\ndata: (\d+)$/.exec(buffer.slice(0, end))?.[1];
        buffer = buffer.slice(end + 2);
        if (version === undefined) continue;
        if (seen !== undefined && version !== seen) callback();
        seen = version;
      }
    }
  };
  void (async () => {
    while (!stop.signal.aborted) {
      // A host that refuses this page (another launch's token) or has no stream (an older host) is not asked again.
      const outcome = await read().catch(() => 'again' as const);
      if (outcome === 'refused' || stop.signal.aborted) return;
      await new Promise((resolve) => setTimeout(resolve, wait));
      wait = Math.min(wait * 2, RECONNECT_MS.most);
    }
  })();
  return () => stop.abort();
}

export const isAbort = (error: unknown): boolean => (error as { name?: string } | null)?.name === 'AbortError';

/** Base64 (as the API carries bytes) to bytes. */
export function fromBase64(data: string): Uint8Array<ArrayBuffer> {
  // Native where the engine has it (Chromium 140+): many times faster on a long paper.
  const native = Uint8Array as unknown as { fromBase64?: (text: string) => Uint8Array<ArrayBuffer> };
  if (native.fromBase64) return native.fromBase64(data);
  const binary = atob(data);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}
