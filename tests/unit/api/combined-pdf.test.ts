// One PDF of a batch through the app's API (src/app/handlers/papers.ts): the page names a batch,
// never a path, so the papers go only into the file the user chose in the save dialog; the
// papers made for it are joined behind a contents page in the order made, and a batch is
// joined once.
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createApi } from '../../../src/app/api';
import { ok, refused, scratchFolders } from '../../fixtures/api-calls';
import { readPdf, squash } from '../../fixtures/read-pdf';

const NOW = new Date('2026-12-03T10:00:00Z');
const request = { template: 'sector-one-pager', topics: ['energy'], from: '2015' };
const tempFolder = scratchFolders('briefwright-combined-');

describe('one PDF with a contents page', () => {
  it('joins the papers made for a batch, in the order made, into the file the save dialog gave, and nowhere else', async () => {
    const out = await tempFolder();
    const file = join(out, 'pack.pdf');
    const asked: [string, string][] = [];
    const api = createApi({
      userFolder: await tempFolder(),
      now: () => NOW,
      chooseSavePath: async (name, format) => (asked.push([name, format]), file),
    });
    const place = await ok(api, 'chooseCombinedFile', { template: 'sector-one-pager' });
    expect(asked).toEqual([['sector-one-pager-papers.pdf', 'pdf']]);
    if (place.status !== 'file') throw new Error(`expected a file, got ${place.status}`);
    expect(place.file).toBe(file);
    for (const topic of ['finance', 'trade']) expect(await ok(api, 'exportEach', { request, format: 'pdf', topic, batch: place.batch })).toEqual({ status: 'held' });
    expect(await readdir(out)).toEqual([]);

    const joined = await ok(api, 'exportCombined', { batch: place.batch });
    expect(joined).toEqual({ status: 'saved', path: file, papers: [{ topic: 'finance', start: 2, pages: 1 }, { topic: 'trade', start: 3, pages: 1 }] });
    const pdf = await readPdf(new Uint8Array(await readFile(file)));
    expect(pdf.pages).toHaveLength(3);
    expect(squash(pdf.pages[0]!.text)).toMatch(/Contents .* Finance and investment: sector one-pager 2 Trade: sector one-pager 3/);
    expect(pdf.pages[0]!.links).toEqual(expect.arrayContaining(['#finance', '#trade']));
    expect(squash(pdf.pages[1]!.text)).toContain('Finance and investment: sector one-pager');
    expect(squash(pdf.pages[2]!.text)).toContain('Trade: sector one-pager');
    expect(await ok(api, 'recentExports', {})).toEqual([{ path: file, format: 'pdf', at: NOW.toISOString() }]);

    // Joined once: the batch is gone, and a page cannot add to it or join it again.
    expect(await refused(api, 'exportCombined', { batch: place.batch })).toMatch(/choose where the combined PDF goes first/);
    expect(await refused(api, 'exportEach', { request, format: 'pdf', topic: 'trade', batch: place.batch })).toMatch(/choose where the combined PDF goes first/);
  });

  it('refuses a batch it did not name, a paper in another format or of another template, and joining a batch with no paper', async () => {
    const api = createApi({ userFolder: await tempFolder(), now: () => NOW, chooseSavePath: async () => join(await tempFolder(), 'pack.pdf') });
    expect(await refused(api, 'exportEach', { request, format: 'pdf', topic: 'trade', batch: 'made-up' })).toMatch(/choose where the combined PDF goes first/);
    const place = await ok(api, 'chooseCombinedFile', { template: 'sector-one-pager' });
    if (place.status === 'cancelled') throw new Error('the dialog gave a file');
    const { batch } = place;
    expect(await refused(api, 'exportEach', { request, format: 'docx', topic: 'trade', batch })).toMatch(/made of PDF papers, not DOCX/);
    expect(await refused(api, 'exportEach', { request: { ...request, template: 'chronology' }, format: 'pdf', topic: 'trade', batch })).toMatch(/of template "sector-one-pager"/);
    expect(await refused(api, 'exportCombined', { batch })).toMatch(/no paper was made/);
    expect(await refused(api, 'exportCombined', { batch: '../../etc/passwd' })).toMatch(/a batch is named as chooseCombinedFile named it/);
  });

  it('lets go of a batch left idle for ten minutes (its dialog closed mid-batch), and of the oldest beyond three held at once', async () => {
    let clock = NOW.getTime();
    const api = createApi({ userFolder: await tempFolder(), now: () => new Date(clock) });
    const place = async () => {
      const made = await ok(api, 'chooseCombinedFile', { template: 'sector-one-pager' });
      if (made.status === 'cancelled') throw new Error('no dialog: a download');
      return made.batch;
    };
    const left = await place();
    expect(await ok(api, 'exportEach', { request, format: 'pdf', topic: 'energy', batch: left })).toEqual({ status: 'held' });
    clock += 11 * 60 * 1000;
    const fresh = await place();
    expect(await refused(api, 'exportCombined', { batch: left })).toMatch(/finished or was dropped/);
    const [second, third, fourth] = [await place(), await place(), await place()];
    expect(await refused(api, 'exportEach', { request, format: 'pdf', topic: 'energy', batch: fresh })).toMatch(/finished or was dropped/);
    for (const batch of [second, third, fourth]) expect(await ok(api, 'exportEach', { request, format: 'pdf', topic: 'energy', batch })).toEqual({ status: 'held' });
    await api.close();
  });

  it('without a save dialog (a browser) the PDF is a download; a cancelled dialog names no batch', async () => {
    const api = createApi({ userFolder: await tempFolder(), now: () => NOW });
    const place = await ok(api, 'chooseCombinedFile', { template: 'sector-one-pager' });
    expect(place).toEqual({ status: 'download', batch: expect.stringMatching(/^[a-z0-9-]+$/) });
    if (place.status !== 'download') return;
    await ok(api, 'exportEach', { request, format: 'pdf', topic: 'agriculture', batch: place.batch });
    const joined = await ok(api, 'exportCombined', { batch: place.batch });
    if (joined.status !== 'download') throw new Error('expected a download');
    expect(joined).toMatchObject({ fileName: 'sector-one-pager-papers.pdf', mime: 'application/pdf', papers: [{ topic: 'agriculture', start: 2, pages: 1 }] });
    const pdf = await readPdf(new Uint8Array(Buffer.from(joined.data, 'base64')));
    expect(pdf.pages).toHaveLength(2);
    expect(squash(pdf.pages[1]!.text)).toContain('Agriculture: sector one-pager');

    const cancelled = createApi({ userFolder: await tempFolder(), now: () => NOW, chooseSavePath: async () => undefined });
    expect(await ok(cancelled, 'chooseCombinedFile', { template: 'sector-one-pager' })).toEqual({ status: 'cancelled' });
  });
});
