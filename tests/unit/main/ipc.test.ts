// The API over IPC (src/main/ipc.ts) with Electron replaced by a test double: exactly the
// channels of the contract are handled, only for our own page, and payloads are validated.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { CHANNELS, ipcChannel, type ApiResponse, type Channel } from '../../../src/shared/api';
import { createApi } from '../../../src/app/api';
import { registerApi } from '../../../src/main/ipc';
import { isOurRenderer } from '../../../src/main/window';
import { FakeWebContents, ipcMain } from './electron-double';

vi.mock('electron', async () => (await import('./electron-double')).default);

const index = '/opt/briefwright/out/renderer/index.html';
const ourPage = { url: 'file:///opt/briefwright/out/renderer/index.html', parent: null };
const ourContents = new FakeWebContents();
let folder: string;

beforeAll(async () => {
  folder = await mkdtemp(join(tmpdir(), 'briefwright-ipc-'));
  registerApi(createApi({ userFolder: folder }), (url) => isOurRenderer(url, { file: index }));
});
afterAll(async () => {
  await rm(folder, { recursive: true, force: true });
});

function call(channel: Channel | string, payload: unknown, senderFrame: unknown = ourPage): Promise<ApiResponse<Channel>> {
  const handler = ipcMain.handlers.get(channel.startsWith('briefwright:') ? channel : ipcChannel(channel as Channel));
  if (!handler) throw new Error(`no handler for ${channel}`);
  return handler({ senderFrame, sender: ourContents }, payload) as Promise<ApiResponse<Channel>>;
}

const refusal = /refused: the request did not come from briefwright's own page/;

describe('IPC carries the API and nothing else', () => {
  it('every channel of the contract is registered, and nothing else', () => {
    expect([...ipcMain.handlers.keys()].sort()).toEqual(CHANNELS.map(ipcChannel).sort());
    expect(ipcMain.on).not.toHaveBeenCalled();
  });

  it('a call from our page reaches the API', async () => {
    const response = await call('listTopics', {});
    expect(response.ok).toBe(true);
    if (response.ok) expect((response.result as { id: string }[]).map((t) => t.id)).toContain('trade');
  });

  it('the partials templates can include reach the page, as the API lists them', async () => {
    const response = await call('listPartials', {});
    expect(response.ok).toBe(true);
    if (response.ok) expect((response.result as { name: string }[]).map((p) => p.name)).toEqual(['cover-fields', 'key-points', 'topic-facts']);
  });

  it('an invalid payload comes back as problems', async () => {
    const response = await call('queryFacts', { topics: 'trade', colour: 'red' });
    expect(response.ok).toBe(false);
    if (!response.ok) expect(response.problems.map((p) => p.message)).toEqual(expect.arrayContaining(['unknown field "colour"', expect.stringMatching(/"topics"/)]));
  });
});

describe('IPC from anyone but our page is refused', () => {
  it('a page from another origin', async () => {
    const response = await call('listTemplates', {}, { url: 'https://example.com/', parent: null });
    expect(response.ok).toBe(false);
    if (!response.ok) expect(response.problems[0]!.message).toMatch(refusal);
  });

  it('another local file', async () => {
    const response = await call('getSettings', {}, { url: 'file:///tmp/evil.html', parent: null });
    expect(response.ok).toBe(false);
  });

  it('a frame embedded in our page', async () => {
    const response = await call('getSettings', {}, { url: ourPage.url, parent: ourPage });
    expect(response.ok).toBe(false);
  });

  it('a sender whose frame is gone', async () => {
    const response = await call('getSettings', {}, null);
    expect(response.ok).toBe(false);
  });

  it('a refused call never reaches the API', async () => {
    const api = { handle: vi.fn() };
    const handlers = new Map(ipcMain.handlers);
    ipcMain.handlers.clear();
    registerApi(api, () => false);
    await ipcMain.handlers.get(ipcChannel('saveSettings'))!({ senderFrame: { url: 'https://example.com/', parent: null }, sender: ourContents }, {});
    expect(api.handle).not.toHaveBeenCalled();
    ipcMain.handlers.clear();
    for (const [k, v] of handlers) ipcMain.handlers.set(k, v);
  });
});
