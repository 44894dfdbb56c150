// The web host's event stream (src/web/server.ts, WORKSPACE_EVENTS): a page learns from it that
// the workspace's files changed on disk and were read again. It is behind the same checks as the
// API (the launch token, the Host header, same-site requests only), stays open past the time a
// request may take to arrive, and says nothing of the app's own writes (a template saved from
// its editor), which the page that made them redraws for by itself.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { request as httpRequest, type ClientRequest } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { WORKSPACE_EVENTS } from '../../src/shared/api';
import { inProcessRunner } from '../../src/app/paper-runner';
import { loadPaperState } from '../../src/app/papers';
import { startWebHost, type WebHost } from '../../src/web/server';

let home: string;
let host: WebHost;

beforeAll(async () => {
  home = await mkdtemp(join(tmpdir(), 'briefwright-web-events-'));
  host = await startWebHost({
    port: 0,
    userFolder: home,
    rendererDir: join(home, 'no-renderer'),
    logError: () => undefined,
    runner: inProcessRunner(loadPaperState),
    // Short, so that the stream is seen to outlast them.
    limits: { headersMs: 300, requestMs: 600 },
    // The user folder alone: an edit to the checkout's data/ or templates/ meanwhile is not this test's.
    followBundled: false,
    followDebounceMs: 100,
  });
});

afterAll(async () => {
  await host?.close();
  await rm(home, { recursive: true, force: true });
});

/** Opens the stream as a page would; `text` gathers what arrives. */
function listen(headers: Record<string, string> = {}): Promise<{ status: number; text: () => string; request: ClientRequest }> {
  return new Promise((resolve, reject) => {
    let text = '';
    const request = httpRequest(
      { host: '127.0.0.1', port: host.port, path: WORKSPACE_EVENTS, headers: { Host: `127.0.0.1:${host.port}`, Authorization: `Bearer ${host.token}`, ...headers } },
      (response) => {
        response.setEncoding('utf8');
        response.on('data', (chunk: string) => (text += chunk));
        resolve({ status: response.statusCode ?? 0, text: () => text, request });
      },
    );
    request.on('error', reject);
    request.end();
  });
}

async function call(channel: string, payload: unknown): Promise<{ ok: boolean; result?: unknown }> {
  const response = await fetch(`http://127.0.0.1:${host.port}/api/${channel}`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${host.token}`, 'Content-Type': 'application/json' },
    body: JSON.stringify(payload),
  });
  return (await response.json()) as { ok: boolean; result?: unknown };
}

const counts = (text: string) => [...text.matchAll(/^event: workspace\ndata: (\d+)\n\n/gm)].map((m) => Number(m[1]));

describe('the event stream', () => {
  it('is refused without the token, addressed to another name, from another site, or asked by another method', async () => {
    const stream = (headers: Record<string, string>, method = 'GET') =>
      new Promise<number>((resolve, reject) => {
        const request = httpRequest({ host: '127.0.0.1', port: host.port, path: WORKSPACE_EVENTS, method, headers: { Host: `127.0.0.1:${host.port}`, ...headers } }, (response) => {
          response.resume();
          resolve(response.statusCode ?? 0);
        });
        request.on('error', reject);
        request.end();
      });
    const token = { Authorization: `Bearer ${host.token}` };
    expect(await stream({})).toBe(401);
    expect(await stream({ Authorization: 'Bearer wrong' })).toBe(401);
    expect(await stream({ ...token, Host: `attacker.example:${host.port}` })).toBe(403);
    expect(await stream({ ...token, Origin: 'http://attacker.example' })).toBe(403);
    expect(await stream({ ...token, 'Sec-Fetch-Site': 'cross-site' })).toBe(403);
    expect(await stream(token, 'POST')).toBe(405);
  });

  it('says where it stands at once, stays open, and says so again when style.yaml in the user folder changes', async () => {
    const page = await listen();
    expect(page.status).toBe(200);
    await vi.waitFor(() => expect(counts(page.text())).toEqual([0]), { timeout: 30_000 });
    // Longer than a request may take to arrive: the stream is an answer, not a request, and stays.
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    await writeFile(join(home, 'style.yaml'), 'organisation: Ministry of Foreign Affairs\ncolours:\n  accent: "#7a1f1f"\n');
    await vi.waitFor(() => expect(counts(page.text())).toEqual([0, 1]), { timeout: 60_000, interval: 100 });
    const style = (await call('houseStyle', {})) as { result: { organisation?: string; colours: { role: string; colour: string }[] } };
    expect(style.result.organisation).toBe('Ministry of Foreign Affairs');
    expect(style.result.colours).toContainEqual(expect.objectContaining({ role: 'accent', colour: '#7a1f1f' }));
    page.request.destroy();
  });

  it('says nothing of a template the app saves itself, and a page that connects later is told the count so far', async () => {
    const page = await listen();
    await vi.waitFor(() => expect(counts(page.text())).toEqual([1]), { timeout: 30_000 });
    expect((await call('duplicateTemplate', { id: 'pre-visit-brief', newId: 'our-brief' })).ok).toBe(true);
    const read = (await call('readTemplate', { id: 'our-brief' })) as { result: { text: string } };
    expect((await call('saveTemplate', { id: 'our-brief', text: `${read.result.text}\nMore.\n` })).ok).toBe(true);
    // A change the app did not make, well after them (many quiet spells): had the saves been told, it would be the third.
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    await writeFile(join(home, 'style.yaml'), 'colours:\n  accent: "#1d3557"\n');
    await vi.waitFor(() => expect(counts(page.text())).toContain(2), { timeout: 60_000, interval: 100 });
    expect(counts(page.text())).toEqual([1, 2]);
    page.request.destroy();
  });

  it('holds at most four streams open, so tabs cannot take every connection a browser gives the host; a fifth page is told to ask later', async () => {
    // The streams of the tests before are closing: each page asks until it has one.
    const opened = async () => {
      let page: Awaited<ReturnType<typeof listen>> | undefined;
      await vi.waitFor(async () => {
        page = await listen();
        if (page.status !== 200) page.request.destroy();
        expect(page.status).toBe(200);
      }, { timeout: 30_000, interval: 100 });
      return page!;
    };
    const pages = [await opened(), await opened(), await opened(), await opened()];
    const fifth = await listen();
    expect(fifth.status).toBe(503);
    // Once a page goes, another may follow.
    pages[0]!.request.destroy();
    await vi.waitFor(async () => {
      const next = await listen();
      next.request.destroy();
      expect(next.status).toBe(200);
    }, { timeout: 30_000, interval: 100 });
    for (const page of pages.slice(1)) page.request.destroy();
  });
});
