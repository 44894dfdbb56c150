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
    // The web host's route, as src/shared/api.ts `httpPath` names it.
    response = await fetch(`/api/${channel}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${webToken()}` },
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
  // IPC cannot be abandoned midway: a call whose signal fired resolves and is dropped here.
  options.signal?.throwIfAborted();
  let response: ApiResponse<C>;
  try {
    response = await bridge.invoke(channel, payload);
  } catch (error) {
    return failure(error instanceof Error ? error.message : String(error));
  }
  options.signal?.throwIfAborted();
  return response;
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
};

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
