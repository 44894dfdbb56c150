// The web host (docs/architecture.md, "Hosts, the API and the command line"): the app's API over
// HTTP and the built renderer, for a browser on this machine only. It listens on 127.0.0.1, answers
// only requests addressed to itself (Host header) from its own pages (Origin), and runs API calls
// only with the per-launch token; it never sends CORS headers, so no other site can read its
// answers. Its pages learn that the workspace's files changed on disk from an event stream
// (WORKSPACE_EVENTS), behind the same token and checks: a page reads it with fetch, which sends
// the token in its header as every API call does (an EventSource could carry it only in the URL).
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { existsSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { MAX_PAYLOAD_BYTES, PAYLOAD_TOO_LARGE, WORKSPACE_EVENTS, type Problem } from '../shared/api';
import { createApi, type Api } from '../app/api';
import { CONTENT_SECURITY_POLICY } from '../app/content-security';
import { workerRunner, type PaperRunner } from '../app/paper-runner';
import { useNodeHost } from '../platform/core-host';
import { appRoot } from '../platform/workspace-folder';
import { staticFile } from './static-files';

export interface WebHostOptions {
  /** 0 picks a free port. */
  port: number;
  userFolder: string;
  /** The built renderer (out/renderer). */
  rendererDir: string;
  extraFolders?: string[];
  /** Where internal faults are logged (default: stderr). */
  logError?: (error: unknown, channel: string) => void;
  /** Bounds on what clients may hold (`CONNECTION_LIMITS` by default; tests make them short). */
  limits?: Partial<ConnectionLimits>;
  /** The built worker that makes papers (`PAPER_WORKER`); how many run at once (one per core but one, at least two). */
  paperWorker?: string;
  paperWorkers?: number;
  /** Where papers are made, in place of the worker pool (tests watch what the host asks of it). */
  runner?: PaperRunner;
  /** Follow the workspace's files and tell the pages when they change (default true); the bundled ones too unless `followBundled` is false. */
  followFiles?: boolean;
  followBundled?: boolean;
  /** The quiet spell after a change before the workspace is read again, in milliseconds (the follower's default when absent). */
  followDebounceMs?: number;
}

/** Built by `npm run web` (scripts/build-worker.mjs). */
export const PAPER_WORKER = join(appRoot, 'out', 'web', 'paper-worker.mjs');

/** A page names itself in this header (a random id per page load), so that its previews replace only each other. */
const PAGE_HEADER = 'x-briefwright-page';

export interface ConnectionLimits {
  /** A request's headers must all arrive within this. */
  headersMs: number;
  /** A whole request (headers and body) must arrive within this. */
  requestMs: number;
  /** A kept-alive connection that sends no next request for this long is closed. */
  idleMs: number;
  /** Connections held at once; one more is closed as it opens. */
  maxConnections: number;
}

/**
 * Slow or stalled clients must not hold the host: the browser's own page sends whole requests in
 * milliseconds and keeps a handful of connections, so these bounds are far from what it needs.
 */
const CONNECTION_LIMITS: ConnectionLimits = { headersMs: 10_000, requestMs: 60_000, idleMs: 5_000, maxConnections: 64 };

export interface WebHost {
  /** The address to open, token included: http://127.0.0.1:<port>/#token=<token>. */
  url: string;
  token: string;
  port: number;
  server: Server;
  close(): Promise<void>;
}

const HOST = '127.0.0.1';

const SECURITY_HEADERS: Record<string, string> = {
  'Content-Security-Policy': CONTENT_SECURITY_POLICY,
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'Cache-Control': 'no-store',
  'X-Frame-Options': 'DENY',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
};

export async function startWebHost(options: WebHostOptions): Promise<WebHost> {
  useNodeHost();
  const token = randomBytes(24).toString('base64url');
  const events = new WorkspaceEvents();
  const api = createApi({
    userFolder: options.userFolder,
    ...(options.extraFolders ? { extraFolders: options.extraFolders } : {}),
    ...(options.logError ? { logError: options.logError } : {}),
    runner: options.runner ?? paperPool(options),
    ...(options.followFiles === false
      ? {}
      : {
          follow: {
            bundled: options.followBundled !== false,
            changed: (version: number) => events.tell(version),
            log: (line: string) => process.stderr.write(`${line}\n`),
            ...(options.followDebounceMs !== undefined ? { debounceMs: options.followDebounceMs } : {}),
          },
        }),
  });
  let port = options.port;
  const limits = { ...CONNECTION_LIMITS, ...options.limits };
  const server = createServer(
    {
      headersTimeout: limits.headersMs,
      requestTimeout: limits.requestMs,
      keepAliveTimeout: limits.idleMs,
      // How often Node looks for requests past their time: without it, a half-sent request
      // outlives the header timeout by up to thirty seconds.
      connectionsCheckingInterval: Math.max(100, Math.min(1_000, limits.headersMs / 4)),
    },
    (request, response) => {
      route(request, response, { api, token, port: () => port, rendererDir: options.rendererDir, events }).catch((error: unknown) => {
        (options.logError ?? logToStderr)(error, request.url ?? '');
        if (!response.headersSent) send(response, 500, problemBody('internal error'));
        else response.destroy();
      });
    },
  );
  server.maxConnections = limits.maxConnections;
  await new Promise<void>((resolve, reject) => {
    const failed = (error: Error) => {
      void api.close();
      reject(error);
    };
    server.once('error', failed);
    server.listen(options.port, HOST, () => {
      server.off('error', failed);
      resolve();
    });
  });
  port = (server.address() as AddressInfo).port;
  return {
    url: `http://${HOST}:${port}/#token=${token}`,
    token,
    port,
    server,
    close: async () => {
      await new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      });
      await api.close();
    },
  };
}

/** Papers are made off the request loop, so that one slow paper never holds up another call. */
function paperPool(options: WebHostOptions): PaperRunner {
  const entry = options.paperWorker ?? PAPER_WORKER;
  if (!existsSync(entry)) throw new Error(`the worker that makes papers is not built (${entry}): run \`npm run build:web\``);
  return workerRunner({ entry, ...(options.paperWorkers !== undefined ? { size: options.paperWorkers } : {}) });
}

interface Context {
  api: Api;
  token: string;
  port: () => number;
  rendererDir: string;
  events: WorkspaceEvents;
}

/**
 * The most event streams held open at once. A browser gives a host six connections, shared by
 * its tabs: past this many the streams would leave a page's calls waiting, so a further page is
 * told to ask again later (it backs off, and follows the files once a stream is free).
 */
const MAX_EVENT_STREAMS = 4;

/** The pages listening for word that the workspace was read again, and how many times it was. */
class WorkspaceEvents {
  private readonly pages = new Set<ServerResponse>();
  private version = 0;

  /** Keeps `response` open as an event stream, which first says the current count (a page that reconnects sees whether it missed one). */
  listen(response: ServerResponse): void {
    if (this.pages.size >= MAX_EVENT_STREAMS) {
      send(response, 503, problemBody(`${MAX_EVENT_STREAMS} pages already follow the workspace's files; ask again later`), { 'Retry-After': '30' });
      return;
    }
    response.writeHead(200, { ...SECURITY_HEADERS, 'Content-Type': 'text/event-stream; charset=utf-8' });
    response.write(message(this.version));
    this.pages.add(response);
    response.once('close', () => this.pages.delete(response));
  }

  tell(version: number): void {
    this.version = version;
    for (const page of this.pages) page.write(message(version));
  }
}

const message = (version: number) => `event: workspace\ndata: ${version}\n\n`;

async function route(request: IncomingMessage, response: ServerResponse, context: Context): Promise<void> {
  const port = context.port();
  const host = request.headers.host ?? '';
  // A page elsewhere may point a name it controls at 127.0.0.1 (DNS rebinding): only our own names pass.
  if (host !== `${HOST}:${port}` && host !== `localhost:${port}`) return send(response, 403, problemBody('this host answers only requests addressed to itself'));
  const origin = request.headers.origin;
  if (origin !== undefined && origin !== `http://${host}`) return send(response, 403, problemBody('requests from other sites are refused'));

  const pathname = (request.url ?? '/').split(/[?#]/)[0] ?? '/';
  if (pathname === '/api' || pathname.startsWith('/api/')) return apiCall(request, response, context, pathname.slice('/api/'.length));
  if (pathname === WORKSPACE_EVENTS) {
    if (request.method !== 'GET') return send(response, 405, problemBody('the event stream is a GET request'), { Allow: 'GET' });
    const refusal = callerRefusal(request, context.token);
    return refusal ? send(response, refusal.status, problemBody(refusal.message)) : context.events.listen(response);
  }

  if (request.method !== 'GET' && request.method !== 'HEAD') return send(response, 405, problemBody('only GET here'), { Allow: 'GET, HEAD' });
  const file = await staticFile(context.rendererDir, pathname === '/' ? '/index.html' : pathname);
  if (!file) return send(response, 404, problemBody('not found'));
  response.writeHead(200, { ...SECURITY_HEADERS, 'Content-Type': file.type, 'Content-Length': String(file.bytes.length) });
  response.end(request.method === 'HEAD' ? undefined : file.bytes);
}

async function apiCall(request: IncomingMessage, response: ServerResponse, context: Context, channel: string): Promise<void> {
  if (request.method !== 'POST') return send(response, 405, problemBody('API calls are POST requests'), { Allow: 'POST' });
  const refusal = callerRefusal(request, context.token);
  if (refusal) return send(response, refusal.status, problemBody(refusal.message));
  const type = (request.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
  if (type !== 'application/json') return send(response, 415, problemBody('API calls send JSON (Content-Type: application/json)'));
  const declared = Number(request.headers['content-length'] ?? 0);
  if (declared > MAX_PAYLOAD_BYTES) return tooLarge(request, response);

  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_PAYLOAD_BYTES) return tooLarge(request, response);
    chunks.push(chunk);
  }
  let payload: unknown;
  try {
    const text = Buffer.concat(chunks).toString('utf8');
    payload = text.trim() === '' ? undefined : JSON.parse(text);
  } catch {
    return send(response, 400, problemBody('the request body is not valid JSON'));
  }
  // A page that gives up on a call (a preview it no longer needs) closes the request: the paper being made for it stops.
  const abandoned = new AbortController();
  response.once('close', () => {
    if (!response.writableFinished) abandoned.abort();
  });
  const page = request.headers[PAGE_HEADER];
  const client = typeof page === 'string' && /^[A-Za-z0-9_-]{1,64}$/.test(page) ? page : 'web';
  const started = performance.now();
  const result = await context.api.handle(decodeChannel(channel), payload, { client, signal: abandoned.signal });
  // The time the call took inside the host, for the page's resource timing (and the preview bench).
  send(response, 200, result, { 'Server-Timing': `api;dur=${(performance.now() - started).toFixed(1)}` });
}

/** Why a call (or the event stream) is refused: no valid token, or sent by a page on another site. */
function callerRefusal(request: IncomingMessage, token: string): { status: number; message: string } | undefined {
  if (!validToken(request.headers.authorization, token)) {
    return { status: 401, message: 'this page has no valid access token: open the address the host printed (it ends in #token=…)' };
  }
  // A browser marks what a page on another site sends; only our own pages may call.
  const site = request.headers['sec-fetch-site'];
  if (site !== undefined && site !== 'same-origin' && site !== 'none') return { status: 403, message: 'requests from other sites are refused' };
  return undefined;
}

function tooLarge(request: IncomingMessage, response: ServerResponse): void {
  send(response, 413, problemBody(PAYLOAD_TOO_LARGE), { Connection: 'close' });
  request.resume();
}

function validToken(header: string | undefined, token: string): boolean {
  const match = /^Bearer ([A-Za-z0-9_-]+)$/.exec(header ?? '');
  if (!match) return false;
  const given = Buffer.from(match[1]!);
  const expected = Buffer.from(token);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

function decodeChannel(channel: string): string {
  try {
    return decodeURIComponent(channel);
  } catch {
    return channel;
  }
}

/** Refusals carry an ApiResponse-shaped body, so the page can show why. */
function problemBody(message: string): { ok: false; problems: Problem[] } {
  return { ok: false, problems: [{ severity: 'error', file: '', message }] };
}

function send(response: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const bytes = Buffer.from(JSON.stringify(body));
  response.writeHead(status, { ...SECURITY_HEADERS, ...headers, 'Content-Type': 'application/json; charset=utf-8', 'Content-Length': String(bytes.length) });
  response.end(bytes);
}

function logToStderr(error: unknown): void {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
}
