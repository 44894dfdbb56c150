// Saved briefs and the working brief through the app's API (src/app/handlers/briefs.ts), over a
// temporary user folder: a brief saved as a file a person can read, listed and opened again with
// its choices, never written over unasked or outside the user folder; a team folder's briefs
// opened but not changed; the working brief kept across hosts; an export recorded in its brief;
// and what changed since that export.
import { mkdir, readdir, readFile, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { createApi } from '../../../src/app/api';
import type { SavedBriefPayload } from '../../../src/shared/api';
import { ok, refused, scratchFolders } from '../../fixtures/api-calls';

const NOW = new Date('2026-12-03T10:00:00Z');
const tempFolder = scratchFolders('briefwright-briefs-');

const visit: SavedBriefPayload = {
  title: 'Astana visit, trade',
  request: {
    template: 'pre-visit-brief',
    topics: ['trade'],
    from: '2018',
    to: '2019',
    inputs: { visit: 'Visit of the Trade Minister to Astana', objectives: ['Agree the grain corridor', 'Open the trade office'] },
    exclude: ['trade-turnover-2018-zx'],
  },
};

describe('saving and opening a brief', () => {
  it('saves a brief as a file a person can read, lists it, and opens it with every choice it holds', async () => {
    const folder = await tempFolder();
    const api = createApi({ userFolder: folder, now: () => NOW });
    const saved = await ok(api, 'saveBrief', { brief: visit, name: 'astana-visit' });
    expect(saved).toMatchObject({ status: 'saved', path: join(folder, 'briefs', 'astana-visit.brief.yaml') });
    const text = await readFile(saved.path, 'utf8');
    expect(text).toMatch(/^# A brief saved by briefwright/);
    expect(parse(text)).toEqual({
      title: 'Astana visit, trade',
      template: 'pre-visit-brief',
      topics: ['trade'],
      from: '2018',
      to: '2019',
      inputs: { visit: 'Visit of the Trade Minister to Astana', objectives: ['Agree the grain corridor', 'Open the trade office'] },
      exclude: ['trade-turnover-2018-zx'],
    });

    const list = await ok(api, 'listBriefs', {});
    expect(list.briefs).toEqual([expect.objectContaining({ path: saved.path, name: 'astana-visit', title: 'Astana visit, trade', template: 'pre-visit-brief', layer: 'user', readOnly: false })]);
    expect(list.recent).toEqual([saved.path]);

    const opened = await ok(api, 'openBrief', { path: saved.path });
    expect(opened.problems).toEqual([]);
    expect(opened.brief).toMatchObject({ title: 'Astana visit, trade', template: 'pre-visit-brief', topics: ['trade'], from: '2018', to: '2019', exclude: ['trade-turnover-2018-zx'], readOnly: false });
    expect(opened.brief.inputs).toEqual(visit.request.inputs);
  });

  it('never saves over another brief unasked, and saves over its own file when asked', async () => {
    const folder = await tempFolder();
    const api = createApi({ userFolder: folder, now: () => NOW });
    const { path } = await ok(api, 'saveBrief', { brief: visit, name: 'astana-visit' });
    expect(await ok(api, 'saveBrief', { brief: { ...visit, title: 'Another' }, name: 'astana-visit' })).toEqual({ status: 'exists', path, name: 'astana-visit' });
    expect(parse(await readFile(path, 'utf8')).title).toBe('Astana visit, trade');
    await ok(api, 'saveBrief', { brief: { ...visit, title: 'Replaced' }, name: 'astana-visit', overwrite: true });
    expect(parse(await readFile(path, 'utf8')).title).toBe('Replaced');
    await ok(api, 'saveBrief', { brief: { ...visit, title: 'Saved over' }, path });
    expect(parse(await readFile(path, 'utf8')).title).toBe('Saved over');
  });

  it('saving over a brief keeps its comments, its format and its last export when the app sends none', async () => {
    const folder = await tempFolder();
    const api = createApi({ userFolder: folder, now: () => NOW });
    const lastExport = { at: '2026-12-01T09:00:00.000Z', format: 'docx' as const, facts: [{ id: 'a-fact', statement: 'A fact.' }] };
    const { path } = await ok(api, 'saveBrief', { brief: { ...visit, format: 'docx', lastExport }, name: 'astana-visit' });
    await writeFile(path, (await readFile(path, 'utf8')).replace('template: pre-visit-brief', "template: pre-visit-brief # the minister's own"));
    await ok(api, 'saveBrief', { brief: { ...visit, title: 'Renamed', format: 'docx', request: { ...visit.request, topics: ['trade', 'energy'] } }, path });
    const text = await readFile(path, 'utf8');
    expect(text).toContain("template: pre-visit-brief # the minister's own");
    expect(parse(text)).toMatchObject({ title: 'Renamed', topics: ['trade', 'energy'], format: 'docx', lastExport });
  });

  it('opens and writes only the briefs it lists: no other path on the machine, no name that is not a file name', async () => {
    const folder = await tempFolder();
    const api = createApi({ userFolder: folder, now: () => NOW });
    const outside = join(await tempFolder('briefwright-outside-'), 'secret.brief.yaml');
    await writeFile(outside, 'template: pre-visit-brief\n');
    expect(await refused(api, 'openBrief', { path: outside })).toMatch(/there is no saved brief at that place/);
    expect(await refused(api, 'saveBrief', { brief: visit, path: outside })).toMatch(/there is no saved brief at that place/);
    expect(await readFile(outside, 'utf8')).toBe('template: pre-visit-brief\n');
    expect(await refused(api, 'saveBrief', { brief: visit, name: '../escape' })).toMatch(/lower-case words joined by hyphens/);
    // A briefs folder that is a link out of the user folder is neither listed nor written through.
    await symlink(join(outside, '..'), join(folder, 'briefs'));
    expect((await ok(api, 'listBriefs', {})).briefs).toEqual([]);
    expect(await refused(api, 'saveBrief', { brief: visit, name: 'through-the-link' })).toMatch(/outside the user folder/);
  });

  it('reports a damaged brief at its line and column, lists it as one that cannot be opened, and warns of a left-out fact that is gone', async () => {
    const folder = await tempFolder();
    await mkdir(join(folder, 'briefs'));
    await writeFile(join(folder, 'briefs', 'broken.brief.yaml'), 'title: Broken\ntemplate: pre-visit-brief\nfrom: 2019-13\n');
    await writeFile(join(folder, 'briefs', 'old.brief.yaml'), 'title: Old\ntemplate: pre-visit-brief\nexclude:\n  - trade-turnover-2018-zx\n  - a-fact-long-gone\n');
    const api = createApi({ userFolder: folder, now: () => NOW });
    const list = await ok(api, 'listBriefs', {});
    const broken = list.briefs.find((b) => b.name === 'broken')!;
    expect(broken.problem).toMatch(/`from`/);
    const response = await api.handle('openBrief', { path: broken.path });
    expect(response.ok).toBe(false);
    if (!response.ok) expect(response.problems[0]).toMatchObject({ file: broken.path, line: 3, column: 7 });

    const old = await ok(api, 'openBrief', { path: list.briefs.find((b) => b.name === 'old')!.path });
    expect(old.brief.exclude).toEqual(['trade-turnover-2018-zx', 'a-fact-long-gone']);
    expect(old.problems).toEqual([expect.objectContaining({ severity: 'warning', line: 5, column: 5, message: expect.stringContaining('"a-fact-long-gone"') })]);
  });

  it('opens a team folder’s brief but never writes it: saving asks for the user’s own copy', async () => {
    const folder = await tempFolder();
    const team = await tempFolder('briefwright-team-');
    await mkdir(join(team, 'briefs'), { recursive: true });
    const shared = join(team, 'briefs', 'team-visit.brief.yaml');
    await writeFile(shared, 'title: Team visit\ntemplate: pre-visit-brief\ntopics: [energy]\n');
    await writeFile(join(folder, 'settings.json'), JSON.stringify({ extraFolders: [team] }));
    const api = createApi({ userFolder: folder, now: () => NOW });
    const listed = (await ok(api, 'listBriefs', {})).briefs;
    expect(listed).toEqual([expect.objectContaining({ path: shared, readOnly: true, layer: team, title: 'Team visit' })]);
    expect((await ok(api, 'openBrief', { path: shared })).brief).toMatchObject({ readOnly: true, topics: ['energy'] });
    expect(await refused(api, 'saveBrief', { brief: visit, path: shared })).toMatch(/use Save As to keep your own copy/);
    expect(await readFile(shared, 'utf8')).toBe('title: Team visit\ntemplate: pre-visit-brief\ntopics: [energy]\n');
  });
});

describe('the working brief and the last export', () => {
  it('keeps the working brief in the user folder, so a second host on the same folder finds it', async () => {
    const folder = await tempFolder();
    const first = createApi({ userFolder: folder, now: () => NOW });
    expect(await ok(first, 'getSession', {})).toEqual({ state: null });
    const state = { template: 'sector-one-pager', topics: ['energy'], from: '', to: '', inputs: {}, exclude: { 'sector-one-pager': ['a-fact'] }, title: 'Energy' };
    await ok(first, 'saveSession', { state });
    const second = createApi({ userFolder: folder, now: () => NOW });
    expect(await ok(second, 'getSession', {})).toEqual({ state });
    // A damaged file is no working brief, not a failure.
    await writeFile(join(folder, 'session.json'), '{"template": ');
    expect(await ok(second, 'getSession', {})).toEqual({ state: null });
  });

  it('an export records what it held in its brief, keeping the brief’s own comments, and later changes are listed', async () => {
    const folder = await tempFolder();
    const api = createApi({ userFolder: folder, now: () => NOW });
    const { path } = await ok(api, 'saveBrief', { brief: visit, name: 'astana-visit' });
    await writeFile(path, `# Kept for the minister's office\n${await readFile(path, 'utf8')}`);
    const result = await ok(api, 'export', { request: visit.request, format: 'docx', brief: path });
    if (result.status !== 'download') throw new Error('not a download');
    const text = await readFile(path, 'utf8');
    expect(text).toMatch(/^# Kept for the minister's office\n/);
    const file = parse(text) as { lastExport: { at: string; format: string; facts: { id: string; figure?: string }[] } };
    expect(file.lastExport).toEqual(result.lastExport);
    expect(file.lastExport.at).toBe(NOW.toISOString());
    expect(file.lastExport.format).toBe('docx');
    const ids = file.lastExport.facts.map((f) => f.id);
    expect(ids).not.toContain('trade-turnover-2018-zx');
    expect(file.lastExport.facts.find((f) => f.id === 'exports-kz-to-cn-2018')?.figure).toBe('$8.535 billion');

    // Nothing changed since: nothing to say.
    expect((await ok(api, 'exportChanges', { request: visit.request, facts: file.lastExport.facts })).summary).toBe('');
    // The fact left out is back in, one figure read differently then, one fact has gone.
    const then = file.lastExport.facts.map((f) => (f.id === 'exports-kz-to-cn-2018' ? { ...f, figure: '$8 billion' } : f));
    const changes = await ok(api, 'exportChanges', {
      request: { ...visit.request, exclude: [] },
      facts: [...then, { id: 'a-fact-since-removed', statement: 'Gone.' }],
    });
    expect(changes.summary).toBe('1 new fact, 1 changed, 1 gone');
    expect(changes.added.map((f) => f.id)).toEqual(['trade-turnover-2018-zx']);
    expect(changes.changed).toEqual([expect.objectContaining({ id: 'exports-kz-to-cn-2018', fields: ['figure'], before: '$8 billion', after: '$8.535 billion' })]);
    expect(changes.removed.map((f) => f.id)).toEqual(['a-fact-since-removed']);
  });
});

describe('one paper per topic', () => {
  const request = { template: 'sector-one-pager', topics: ['energy'], from: '2015' };

  it('saves each paper, named for its topic, in the folder the user chose, and only there', async () => {
    const folder = await tempFolder();
    const out = await tempFolder('briefwright-batch-');
    const api = createApi({ userFolder: folder, now: () => NOW, chooseFolder: async () => out });
    expect(await refused(api, 'exportEach', { request, format: 'docx', topic: 'trade', folder: out })).toMatch(/choose the folder for these papers first/);
    expect(await ok(api, 'chooseBatchFolder', {})).toEqual({ status: 'folder', folder: out });
    for (const topic of ['trade', 'energy']) {
      expect(await ok(api, 'exportEach', { request, format: 'docx', topic, folder: out })).toEqual({ status: 'saved', path: join(out, `${topic}.docx`) });
    }
    expect((await readFile(join(out, 'trade.docx'))).subarray(0, 2).toString('latin1')).toBe('PK');
    const elsewhere = await tempFolder('briefwright-elsewhere-');
    expect(await refused(api, 'exportEach', { request, format: 'docx', topic: 'trade', folder: elsewhere })).toMatch(/choose the folder/);
  });

  it('without a folder dialog (a browser) each paper is a download named for its topic; a cancelled dialog writes nothing', async () => {
    const api = createApi({ userFolder: await tempFolder(), now: () => NOW });
    expect(await ok(api, 'chooseBatchFolder', {})).toEqual({ status: 'download' });
    const paper = await ok(api, 'exportEach', { request, format: 'pdf', topic: 'agriculture' });
    expect(paper).toMatchObject({ status: 'download', fileName: 'agriculture.pdf', mime: 'application/pdf' });
    const empty = await tempFolder();
    const cancelled = createApi({ userFolder: empty, now: () => NOW, chooseFolder: async () => undefined });
    expect(await ok(cancelled, 'chooseBatchFolder', {})).toEqual({ status: 'cancelled' });
    expect(await readdir(empty)).toEqual([]);
  });
});
