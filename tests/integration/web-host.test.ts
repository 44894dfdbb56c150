// The web host (src/web) as a browser and an attacker meet it: the API only with the launch
// token, only for requests addressed to 127.0.0.1 from its own pages, never readable from other
// sites; the renderer's files and nothing outside them; and `npm run web` printing its address.
import { spawn } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { connect, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { MAX_PAYLOAD_BYTES } from '../../src/shared/api';
import { stoppedOutcome, type PaperRunner, type RunControl } from '../../src/app/paper-runner';
import { startWebHost, type WebHost } from '../../src/web/server';

const repo = fileURLToPath(new URL('../../', import.meta.url));
let home: string;
let rendererDir: string;
let host: WebHost;

beforeAll(async () => {
  home = await mkdtemp(join(tmpdir(), 'briefwright-web-home-'));
  // A tiny stand-in for the built renderer, in a folder of its own, next to a file it must not serve.
  const root = await mkdtemp(join(tmpdir(), 'briefwright-web-renderer-'));
  rendererDir = join(root, 'renderer');
  await mkdir(join(rendererDir, 'assets'), { recursive: true });
  await writeFile(join(rendererDir, 'index.html'), '<!doctype html><title>briefwright</title><script type="module" src="./assets/app.js"></script>');
  await writeFile(join(rendererDir, 'assets', 'app.js'), 'console.log("briefwright");');
  await writeFile(join(root, 'package.json'), '{"secret": true}');
  host = await startWebHost({ port: 0, userFolder: home, rendererDir, logError: () => undefined });
});

afterAll(async () => {
  await host?.close();
  await rm(home, { recursive: true, force: true });
  await rm(join(rendererDir, '..'), { recursive: true, force: true });
});

interface Reply {
  status: number;
  headers: IncomingHttpHeaders;
  body: string;
}

/** A raw HTTP request (paths and Host headers exactly as given, which fetch would not allow). */
function send(path: string, options: { method?: string; headers?: Record<string, string>; body?: string | Buffer } = {}): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      { host: '127.0.0.1', port: host.port, path, method: options.method ?? 'GET', headers: { Host: `127.0.0.1:${host.port}`, ...options.headers } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
      },
    );
    req.on('error', reject);
    req.end(options.body);
  });
}

const api = (channel: string, payload: unknown, headers: Record<string, string> = {}) =>
  send(`/api/${channel}`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${host.token}`, 'Content-Type': 'application/json', ...headers },
    body: JSON.stringify(payload),
  });

const corsHeaders = (headers: IncomingHttpHeaders) => Object.keys(headers).filter((h) => h.startsWith('access-control-'));

describe('the API over HTTP', () => {
  it('answers a call with the token', async () => {
    const reply = await api('listTopics', {});
    expect(reply.status).toBe(200);
    const body = JSON.parse(reply.body);
    expect(body.ok).toBe(true);
    expect(body.result.map((t: { id: string }) => t.id)).toContain('trade');
  });

  it('lists the partials templates can include', async () => {
    const reply = await api('listPartials', {});
    expect(reply.status).toBe(200);
    const body = JSON.parse(reply.body);
    expect(body.ok).toBe(true);
    expect(body.result).toEqual(expect.arrayContaining([expect.objectContaining({ name: 'topic-facts', layer: 'bundled', readOnly: true })]));
  });

  it('answers a bad payload with problems, status 200', async () => {
    const reply = await api('queryFacts', { topics: 'trade' });
    expect(reply.status).toBe(200);
    expect(JSON.parse(reply.body)).toMatchObject({ ok: false, problems: [{ message: expect.stringMatching(/"topics"/) }] });
  });

  it('answers an unknown channel with a problem', async () => {
    expect(JSON.parse((await api('formatDisk', {})).body)).toMatchObject({ ok: false, problems: [{ message: 'unknown API channel "formatDisk"' }] });
  });

  it('refuses a call without the token, or with a wrong one (401)', async () => {
    expect((await api('listTopics', {}, { Authorization: '' })).status).toBe(401);
    expect((await api('listTopics', {}, { Authorization: 'Bearer not-the-token' })).status).toBe(401);
    expect((await api('listTopics', {}, { Authorization: host.token })).status).toBe(401);
    const reply = await api('listTopics', {}, { Authorization: `Bearer ${host.token.slice(0, -1)}x` });
    expect(reply.status).toBe(401);
    expect(JSON.parse(reply.body)).toMatchObject({ ok: false, problems: [{ message: expect.stringMatching(/access token/) }] });
  });

  it('refuses a request addressed to another host name (403): no DNS rebinding', async () => {
    expect((await api('listTopics', {}, { Host: `evil.example:${host.port}` })).status).toBe(403);
    expect((await send('/', { headers: { Host: 'evil.example' } })).status).toBe(403);
    expect((await send('/', { headers: { Host: `127.0.0.1:${host.port + 1}` } })).status).toBe(403);
    expect((await api('listTopics', {}, { Host: `localhost:${host.port}` })).status).toBe(200);
  });

  it('refuses a call from another origin (403), and never sends CORS headers', async () => {
    const reply = await api('listTopics', {}, { Origin: 'http://evil.example' });
    expect(reply.status).toBe(403);
    expect(corsHeaders(reply.headers)).toEqual([]);
    const preflight = await send('/api/listTopics', { method: 'OPTIONS', headers: { Origin: 'http://evil.example', 'Access-Control-Request-Method': 'POST' } });
    expect(preflight.status).toBe(403);
    expect(corsHeaders(preflight.headers)).toEqual([]);
    expect((await api('listTopics', {}, { Origin: 'null' })).status).toBe(403);
  });

  it('accepts a call from its own page (same Origin)', async () => {
    const reply = await api('listTopics', {}, { Origin: `http://127.0.0.1:${host.port}`, 'Sec-Fetch-Site': 'same-origin' });
    expect(reply.status).toBe(200);
    expect(corsHeaders(reply.headers)).toEqual([]);
  });

  it('refuses a cross-site call a browser marks as such', async () => {
    expect((await api('listTopics', {}, { 'Sec-Fetch-Site': 'cross-site' })).status).toBe(403);
  });

  it('refuses anything but POST on /api (405)', async () => {
    expect((await send('/api/x')).status).toBe(405);
    expect((await send('/api/listTopics', { method: 'PUT' })).status).toBe(405);
  });

  it('refuses a body over the limit (413)', async () => {
    const reply = await api('saveDraft', { id: 'x', text: 'a'.repeat(MAX_PAYLOAD_BYTES) });
    expect(reply.status).toBe(413);
  });

  it('refuses a body that is not JSON (415), and JSON that does not parse (400)', async () => {
    expect((await api('listTopics', {}, { 'Content-Type': 'text/plain' })).status).toBe(415);
    expect((await api('listTopics', {}, { 'Content-Type': 'application/x-www-form-urlencoded' })).status).toBe(415);
    const broken = await send('/api/listTopics', { method: 'POST', headers: { Authorization: `Bearer ${host.token}`, 'Content-Type': 'application/json' }, body: '{nope' });
    expect(broken.status).toBe(400);
  });
});

describe('the renderer files', () => {
  it('GET / is the app page, with the strict CSP and no-store, nosniff, no-referrer', async () => {
    const reply = await send('/');
    expect(reply.status).toBe(200);
    expect(reply.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(reply.body).toContain('<title>briefwright</title>');
    expect(reply.headers['content-security-policy']).toBe(
      "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; font-src 'self' data:; worker-src 'self' blob:; connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'none'",
    );
    expect(reply.headers['x-content-type-options']).toBe('nosniff');
    expect(reply.headers['referrer-policy']).toBe('no-referrer');
    expect(reply.headers['cache-control']).toBe('no-store');
    expect(corsHeaders(reply.headers)).toEqual([]);
  });

  it('serves the scripts with their type', async () => {
    const reply = await send('/assets/app.js');
    expect(reply.status).toBe(200);
    expect(reply.headers['content-type']).toBe('text/javascript; charset=utf-8');
  });

  it('an unknown path is not found (404)', async () => {
    expect((await send('/nothing-here.js')).status).toBe(404);
    expect((await send('/assets/')).status).toBe(404);
  });

  it('no path reaches outside the renderer folder (404)', async () => {
    for (const path of ['/../package.json', '/%2e%2e/package.json', '/assets/../../package.json', '/..%2fpackage.json', '/%2e%2e%2fpackage.json', '/..\\package.json', '/%00/index.html']) {
      const reply = await send(path);
      expect(reply.status, path).toBe(404);
      expect(reply.body, path).not.toContain('secret');
    }
  });

  it('refuses to change anything outside /api (405)', async () => {
    expect((await send('/', { method: 'POST' })).status).toBe(405);
  });
});

describe('where it listens', () => {
  it('on 127.0.0.1 only', () => {
    expect((host.server.address() as AddressInfo).address).toBe('127.0.0.1');
    expect(host.url).toBe(`http://127.0.0.1:${host.port}/#token=${host.token}`);
    expect(host.token).toMatch(/^[A-Za-z0-9_-]{32}$/);
  });

  it('a new launch has a new token', async () => {
    const other = await startWebHost({ port: 0, userFolder: home, rendererDir });
    try {
      expect(other.token).not.toBe(host.token);
      expect((await api('listTopics', {})).status).toBe(200);
    } finally {
      await other.close();
    }
  });
});

describe('npm run web', () => {
  it('`npm run web -- --no-open --port 0` prints one line: the address with its token, which works', async () => {
    const child = spawn('npm', ['run', '--silent', 'web', '--', '--no-open', '--port', '0'], {
      cwd: repo,
      env: { ...process.env, BRIEFWRIGHT_HOME: home },
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    });
    let stdout = '';
    let stderr = '';
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    try {
      const line = await new Promise<string>((resolve, reject) => {
        child.stdout.on('data', (c: Buffer) => {
          stdout += c.toString();
          if (stdout.includes('\n')) resolve(stdout.split('\n')[0]!);
        });
        child.on('exit', (code) => reject(new Error(`npm run web exited (${code}) before printing its address:\n${stderr}`)));
      });
      expect(line).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/#token=[A-Za-z0-9_-]{32}$/);
      const url = new URL(line);
      const token = url.hash.replace('#token=', '');
      const response = await fetch(new URL('/api/listTemplates', url), {
        method: 'POST',
        headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
        body: '{}',
      });
      expect(response.status).toBe(200);
      expect((await response.json()).ok).toBe(true);
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect(stdout).toBe(`${line}\n`);
    } finally {
      // npm runs the host in a child: end the whole group we started.
      if (child.pid) process.kill(-child.pid, 'SIGTERM');
    }
  });
});

describe('clients that send slowly or hold connections', () => {
  let limited: WebHost;
  beforeAll(async () => {
    // Short bounds, so the test waits seconds, not minutes; the defaults are the same rules, longer.
    limited = await startWebHost({ port: 0, userFolder: home, rendererDir, logError: () => undefined, limits: { headersMs: 1_000, maxConnections: 8 } });
  });
  afterAll(async () => {
    await limited?.close();
  });

  /** A raw connection that sends `text` and then nothing: resolves when the host closes it. */
  const halfSent = (text: string) =>
    new Promise<{ closedAfterMs: number; received: string }>((resolve, reject) => {
      const opened = Date.now();
      let received = '';
      const socket = connect({ host: '127.0.0.1', port: limited.port }, () => socket.write(text));
      socket.on('data', (chunk: Buffer) => (received += chunk.toString()));
      socket.on('error', (error: NodeJS.ErrnoException) => (error.code === 'ECONNRESET' ? undefined : reject(error)));
      socket.on('close', () => resolve({ closedAfterMs: Date.now() - opened, received }));
    });

  it('a request whose headers never finish is closed once the header time is up (408), not left open', async () => {
    const { closedAfterMs, received } = await halfSent(`GET / HTTP/1.1\r\nHost: 127.0.0.1:${limited.port}\r\nX-Slow: `);
    expect(closedAfterMs).toBeGreaterThanOrEqual(900);
    expect(received).toMatch(/^HTTP\/1\.1 408 /);
  });

  it('a connection that sends nothing at all is closed too', async () => {
    const { received } = await halfSent('');
    expect(received).toMatch(/^HTTP\/1\.1 408 /);
  });

  it('connections past the cap are closed as they open, and the host answers again once they are gone', async () => {
    const held = Array.from({ length: 12 }, () => halfSent(`GET / HTTP/1.1\r\nHost: 127.0.0.1:${limited.port}\r\n`));
    const closed = await Promise.all(held);
    // Eight were held until the header time ran out (and told so); the other four were closed unanswered.
    expect(closed.filter((c) => c.received.startsWith('HTTP/1.1 408')).length).toBe(8);
    expect(closed.filter((c) => c.received === '').length).toBe(4);
    const reply = await fetch(`http://127.0.0.1:${limited.port}/api/listTemplates`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${limited.token}`, 'Content-Type': 'application/json' },
      body: '{}',
    });
    expect(reply.status).toBe(200);
  });
});

describe('papers are made off the request loop, for the page that asked', () => {
  // A stand-in for the worker pool that never finishes a paper: it only says what the host asked of it.
  const asked: RunControl[] = [];
  const waiting: PaperRunner = {
    run: (_setup, _job, control = {}) => {
      asked.push(control);
      return new Promise((resolve) => control.signal?.addEventListener('abort', () => resolve(stoppedOutcome('abandoned'))));
    },
    warm: () => undefined,
    close: async () => undefined,
  };
  let watched: WebHost;
  beforeAll(async () => {
    watched = await startWebHost({ port: 0, userFolder: home, rendererDir, logError: () => undefined, runner: waiting });
  });
  afterAll(() => watched?.close());

  /** Starts a preview call on `watched` and returns a way to give up on it, as a page's fetch does when aborted. */
  function startPreview(page?: string): { abandon: () => void } {
    const body = JSON.stringify({ request: { template: 'pre-visit-brief' } });
    const req = httpRequest({
      host: '127.0.0.1',
      port: watched.port,
      path: '/api/preview',
      method: 'POST',
      headers: { Host: `127.0.0.1:${watched.port}`, Authorization: `Bearer ${watched.token}`, 'Content-Type': 'application/json', ...(page ? { 'X-Briefwright-Page': page } : {}) },
    });
    req.on('error', () => undefined);
    req.end(body);
    return { abandon: () => req.destroy() };
  }

  it('a page that gives up on a preview (closes the request) stops the paper being made for it', async () => {
    const call = startPreview('tab-1');
    await vi.waitFor(() => expect(asked).toHaveLength(1), { timeout: 30_000 });
    expect(asked[0]!.signal!.aborted).toBe(false);
    call.abandon();
    await vi.waitFor(() => expect(asked[0]!.signal!.aborted).toBe(true), { timeout: 30_000 });
  });

  it('each page’s previews share one lane, named by its header; a page without one (or with a malformed one) is "web"', async () => {
    const calls = [startPreview('tab-2'), startPreview('tab-3'), startPreview(), startPreview('not a page id!')];
    await vi.waitFor(() => expect(asked).toHaveLength(5), { timeout: 30_000 });
    expect(asked.slice(1).map((c) => c.lane).sort()).toEqual(['preview:tab-2', 'preview:tab-3', 'preview:web', 'preview:web']);
    // Every paper is made within the time budget (60 seconds unless the settings say otherwise).
    expect(asked.every((c) => c.timeLimitMs === 60_000)).toBe(true);
    for (const call of calls) call.abandon();
  });
});
