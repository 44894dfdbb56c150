// The bad-input corpus, API payloads (tests/corpus/api.ts): each payload goes through Electron's
// IPC (the preload's bridge, then main's handler, with Electron replaced by its test double) and
// through the web host over HTTP, and must come back from both as the same error value — the
// problems expected, no stack trace, no internal fault logged — with no file written or changed.
import { spawnSync } from 'node:child_process';
import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { apiCases, type ApiCase, type Carrier, type ExpectedProblem } from '../../corpus/api';
import { caseFolders, expectNoStackTrace, fill, removeCaseFolders, snapshot, unwritableFolder, type Folders } from '../../corpus/harness';
import { FakeWebContents, contextBridge, ipcMain, ipcRenderer } from '../../unit/main/electron-double';
import { createApi } from '../../../src/app/api';
import { registerApi } from '../../../src/main/ipc';
import { startWebHost, type WebHost } from '../../../src/web/server';
import type { ApiResponse, BriefwrightBridge, Channel } from '../../../src/shared/api';

vi.mock('electron', async () => (await import('../../unit/main/electron-double')).default);

const OUR_PAGE = { url: 'file:///opt/briefwright/out/renderer/index.html', parent: null };
const OUR_CONTENTS = new FakeWebContents();
let home: string;
let host: WebHost;
let bridge: BriefwrightBridge;
/** What the save dialog answers next (IPC exports). */
let savePath: string | undefined;
const faults: unknown[] = [];

beforeAll(async () => {
  home = await mkdtemp(join(tmpdir(), 'briefwright-corpus-home-'));
  // The user's own files some cases reach: a partial that includes itself, a template saved as Latin-1.
  await mkdir(join(home, 'templates', 'partials'), { recursive: true });
  await writeFile(join(home, 'templates', 'partials', 'loop.hbs'), 'Again {{> loop}}\n');
  await writeFile(join(home, 'templates', 'latin.hbs'), Buffer.from('---\nid: latin\nname: Caf\u00e9 brief\n---\n# Brief\n', 'latin1'));
  // And what lies outside the user folder, or is no file at all: a template and a draft that are
  // links to a file beside it, a link to nothing, a named pipe. The file's content must never show.
  await writeFile(`${home}-secret.hbs`, '---\nid: leak\nname: SECRET-TOKEN-4711\n---\n');
  await mkdir(join(home, 'drafts'));
  await symlink(`${home}-secret.hbs`, join(home, 'templates', 'leak.hbs'));
  await symlink(`${home}-secret.hbs`, join(home, 'drafts', 'leak.hbs'));
  await symlink('deleted.hbs', join(home, 'templates', 'gone.hbs'));
  if (spawnSync('mkfifo', [join(home, 'drafts', 'pipe.hbs')]).status !== 0) throw new Error('cannot make a named pipe for the corpus');
  const logError = (error: unknown) => void faults.push(error);

  registerApi(createApi({ userFolder: home, chooseSavePath: async () => savePath, logError }), (url) => url === OUR_PAGE.url);
  await import('../../../src/preload/index');
  bridge = contextBridge.exposed.get('briefwright') as BriefwrightBridge;
  // The renderer's invoke reaches main's handler as Electron carries it: a structured clone, from our page.
  ipcRenderer.invoke.mockImplementation(async (channel: string, payload: unknown) => {
    const handler = ipcMain.handlers.get(channel);
    if (!handler) throw new Error(`No handler registered for '${channel}'`);
    // The double's invoke is typed by its default answer; the handlers answer ApiResponses.
    return handler({ senderFrame: OUR_PAGE, sender: OUR_CONTENTS }, structuredClone(payload)) as Promise<{ ok: boolean; result: { channel: string; payload: unknown } }>;
  });

  const rendererDir = join(home, '.renderer');
  await mkdir(rendererDir);
  host = await startWebHost({ port: 0, userFolder: home, rendererDir, logError });
}, 60_000);

afterAll(async () => {
  await host?.close();
  await rm(home, { recursive: true, force: true });
  await rm(`${home}-secret.hbs`, { force: true });
  await removeCaseFolders();
});

function viaIpc(channel: string, payload: unknown): Promise<ApiResponse<Channel>> {
  return bridge.invoke(channel as Channel, payload as never) as Promise<ApiResponse<Channel>>;
}

function viaHttp(channel: string, body: string): Promise<{ status: number; response: unknown }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      {
        host: '127.0.0.1',
        port: host.port,
        path: `/api/${encodeURIComponent(channel)}`,
        method: 'POST',
        headers: { Host: `127.0.0.1:${host.port}`, Authorization: `Bearer ${host.token}`, 'Content-Type': 'application/json' },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, response: JSON.parse(Buffer.concat(chunks).toString('utf8')) }));
      },
    );
    // The host may answer (413) and close before it has read all of a body over the limit.
    req.on('error', (error: NodeJS.ErrnoException) => (error.code === 'EPIPE' || error.code === 'ECONNRESET' ? undefined : reject(error)));
    req.end(body);
  });
}

const expectedResponse = (problems: ExpectedProblem[], expand: (text: string) => string) => ({
  ok: false,
  problems: problems.map((p) =>
    typeof p === 'string'
      ? { severity: 'error', file: '', message: expand(p) }
      : { severity: 'error', ...p, file: expand(p.file), message: expand(p.message) },
  ),
});

async function setUp(c: ApiCase, folders: Folders): Promise<(text: string) => string> {
  for (const [path, content] of Object.entries(c.files ?? {})) {
    if (path.endsWith('/')) await mkdir(join(folders.root, path), { recursive: true });
    else await writeFile(join(folders.root, path), content);
  }
  const ro = c.savePath?.includes('{ro}') ? await unwritableFolder(folders) : '';
  // `{home}` is the user folder both carriers share, not the case's own.
  return (text: string) => fill(text.replaceAll('{home}', home), folders).replaceAll('{ro}', ro);
}

describe('bad API payloads, through IPC and the web host', () => {
  it.each(apiCases.map((c) => [c.did, c] as const))('%s', async (_, c) => {
    const folders = await caseFolders();
    const expand = await setUp(c, folders);
    const expected = expectedResponse(c.problems, expand);
    const carriers: Carrier[] = c.carriers ?? ['ipc', 'http'];
    const watched = [home, folders.root];
    const before = await snapshot(...watched);
    faults.length = 0;

    if (carriers.includes('ipc')) {
      savePath = c.savePath && expand(c.savePath);
      const response = await viaIpc(c.channel, c.payload);
      expect(response).toEqual(expected);
      expectNoStackTrace(JSON.stringify(response));
    }
    if (carriers.includes('http')) {
      const { status, response } = await viaHttp(c.channel, c.body ?? JSON.stringify(c.payload));
      expect(response).toEqual(expected);
      expect(status).toBe(c.status ?? 200);
      expectNoStackTrace(JSON.stringify(response));
    }

    expect(faults, 'an internal fault was logged').toEqual([]);
    expect(await snapshot(...watched)).toEqual(before);
  });
});
