// The app's API as both hosts carry it (src/app/api.ts), over a temporary user folder: what the
// renderer asks and what a user then sees — the paper, its pages, the problems with their line
// and column, files saved (or refused), drafts kept, exports written or downloaded.
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { MAX_PAYLOAD_BYTES, type ApiResponse, type ApiResults, type Channel, type Problem } from '../../../src/shared/api';
import { createApi, type Api, type ApiOptions } from '../../../src/app/api';
import { openWorkspace } from '../../../src/platform/workspace-folder';
import { readPdf } from '../../fixtures/read-pdf';

const NOW = new Date('2026-11-22T10:00:00Z');
const tradeAndTransport = { template: 'pre-visit-brief', topics: ['trade', 'transport'], from: '2018', to: '2019' };

const scratch: string[] = [];
async function tempFolder(prefix = 'briefwright-api-'): Promise<string> {
  const folder = await mkdtemp(join(tmpdir(), prefix));
  scratch.push(folder);
  return folder;
}
afterAll(async () => {
  await Promise.all(scratch.map((f) => rm(f, { recursive: true, force: true })));
});

/** A fresh API over an empty user folder. */
async function freshApi(options: Partial<ApiOptions> = {}): Promise<{ api: Api; folder: string; logError: ReturnType<typeof vi.fn> }> {
  const folder = await tempFolder();
  const logError = vi.fn();
  return { api: createApi({ userFolder: folder, now: () => NOW, logError, ...options }), folder, logError };
}

async function ok<C extends Channel>(api: Api, channel: C, payload: unknown): Promise<ApiResults[C]> {
  const response = await api.handle(channel, payload);
  if (!response.ok) throw new Error(`${channel} failed:\n${response.problems.map((p) => p.message).join('\n')}`);
  return response.result;
}

async function refused(api: Api, channel: Channel | string, payload: unknown): Promise<Problem[]> {
  const response = (await api.handle(channel, payload)) as ApiResponse<Channel>;
  expect(response.ok, `${channel} should be refused`).toBe(false);
  return response.ok ? [] : response.problems;
}

const messages = (problems: Problem[]) => problems.map((p) => p.message).join('\n');

describe('preview', () => {
  let api: Api;
  beforeAll(async () => {
    ({ api } = await freshApi());
  });

  it('the pre-visit brief on trade and transport, 2018–2019, is a PDF of at least two pages with no problems', async () => {
    const preview = await ok(api, 'preview', { request: tradeAndTransport });
    expect(preview.problems).toEqual([]);
    expect(preview.pageCount).toBeGreaterThanOrEqual(2);
    expect(preview.maxPages).toBe(5);
    const bytes = Buffer.from(preview.pdf, 'base64');
    expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const pdf = await readPdf(bytes);
    expect(pdf.pages.length).toBe(preview.pageCount);
    expect(pdf.text).toContain('19.885 billion');
    expect(preview.title).toBe('Visit of the Foreign Minister to Astana');
    expect(preview.suggestedName).toBe('2026-11-22 Visit of the Foreign Minister to Astana – Pre-visit brief.pdf');
  });

  it('an unknown template or topic comes back as a problem naming it', async () => {
    expect(messages(await refused(api, 'preview', { request: { template: 'no-such-template' } }))).toContain('unknown template "no-such-template"');
    expect(messages(await refused(api, 'preview', { request: { ...tradeAndTransport, topics: ['weather'] } }))).toContain('unknown topic "weather"');
  });
});

describe('invalid requests give problems, never a thrown error', () => {
  let api: Api;
  beforeAll(async () => {
    ({ api } = await freshApi());
  });

  it('an unknown channel', async () => {
    expect(messages(await refused(api, 'deleteEverything', {}))).toBe('unknown API channel "deleteEverything"');
  });

  it('a field of the wrong type names the field', async () => {
    expect(messages(await refused(api, 'queryFacts', { topics: 'trade' }))).toMatch(/"topics" must be a list \(got text\)/);
    expect(messages(await refused(api, 'queryFacts', { limit: 'ten' }))).toMatch(/"limit"/);
    expect(messages(await refused(api, 'preview', { request: { template: 42 } }))).toMatch(/"request.template"/);
  });

  it('an unknown field is named', async () => {
    expect(messages(await refused(api, 'preview', { request: { ...tradeAndTransport, colour: 'red' } }))).toBe('unknown field "request.colour"');
    expect(messages(await refused(api, 'listTemplates', { all: true }))).toBe('unknown field "all"');
  });

  it('a missing field is named', async () => {
    expect(messages(await refused(api, 'saveTemplate', { id: 'x' }))).toBe('"text" is missing');
  });

  it('a date that does not exist (2019-13-45) is refused, naming the field', async () => {
    expect(messages(await refused(api, 'preview', { request: { ...tradeAndTransport, from: '2019-13-45' } }))).toMatch(/"request.from": .*month 13 does not exist/);
    expect(messages(await refused(api, 'queryFacts', { to: '2019-02-30' }))).toMatch(/"to": .*has no day 30/);
    expect(messages(await refused(api, 'queryFacts', { from: 'May 2019' }))).toMatch(/"from": a date is YYYY, YYYY-MM or YYYY-MM-DD/);
  });

  it('a payload that is not an object', async () => {
    expect(await refused(api, 'queryFacts', null)).toHaveLength(1);
    expect(await refused(api, 'getSource', 'wang-yi-astana-2024')).toHaveLength(1);
  });

  it('an oversized payload', async () => {
    const text = 'x'.repeat(MAX_PAYLOAD_BYTES + 1);
    expect(messages(await refused(api, 'saveDraft', { id: 'pre-visit-brief', text }))).toMatch(/too large .*limit is 2 MB/);
  });

  it('a path that is not an id cannot reach outside the user folder', async () => {
    expect(messages(await refused(api, 'saveDraft', { id: '../../etc/passwd', text: 'x' }))).toMatch(/"id": an id is lower-case words/);
  });
});

describe('templates: duplicate, save, read back, rename, delete', () => {
  let api: Api;
  let folder: string;
  beforeAll(async () => {
    ({ api, folder } = await freshApi());
  });

  it('duplicating a bundled template makes an editable copy in the user folder', async () => {
    const copy = await ok(api, 'duplicateTemplate', { id: 'pre-visit-brief' });
    expect(copy).toMatchObject({ id: 'pre-visit-brief-copy', name: 'Pre-visit brief (copy)', layer: 'user', readOnly: false, overridesBundled: false });
    expect(existsSync(join(folder, 'templates', 'pre-visit-brief-copy.hbs'))).toBe(true);
    const second = await ok(api, 'duplicateTemplate', { id: 'pre-visit-brief' });
    expect(second.id).toBe('pre-visit-brief-copy-2');
    const list = await ok(api, 'listTemplates', {});
    expect(list.templates.map((t) => t.id)).toEqual(expect.arrayContaining(['pre-visit-brief', 'pre-visit-brief-copy', 'pre-visit-brief-copy-2']));
    expect(list.templates.find((t) => t.id === 'pre-visit-brief')).toMatchObject({ layer: 'bundled', readOnly: true });
  });

  it('the copy keeps everything but its id and name', async () => {
    const original = await ok(api, 'readTemplate', { id: 'pre-visit-brief' });
    const copy = await ok(api, 'readTemplate', { id: 'pre-visit-brief-copy' });
    expect(copy.readOnly).toBe(false);
    expect(copy.text.replace(/^id: .*$/m, '').replace(/^name: .*$/m, '')).toBe(original.text.replace(/^id: .*$/m, '').replace(/^name: .*$/m, ''));
    expect(copy.text).toMatch(/^id: pre-visit-brief-copy$/m);
    expect(copy.text).toMatch(/^name: Pre-visit brief \(copy\)$/m);
  });

  it('saving an edited copy writes it, and it reads back exactly, with no problems', async () => {
    const { text } = await ok(api, 'readTemplate', { id: 'pre-visit-brief-copy' });
    const edited = text.replace(/^## Purpose$/m, '## Purpose of the visit');
    const saved = await ok(api, 'saveTemplate', { id: 'pre-visit-brief-copy', text: edited });
    expect(saved.problems).toEqual([]);
    expect(saved.template.id).toBe('pre-visit-brief-copy');
    expect((await ok(api, 'readTemplate', { id: 'pre-visit-brief-copy' })).text).toBe(edited);
    expect(await readFile(join(folder, 'templates', 'pre-visit-brief-copy.hbs'), 'utf8')).toBe(edited);
    const preview = await ok(api, 'preview', { request: { ...tradeAndTransport, template: 'pre-visit-brief-copy' } });
    expect((await readPdf(Buffer.from(preview.pdf, 'base64'))).text).toContain('Purpose of the visit');
  });

  it('renaming changes the name in the front matter, and the list shows it', async () => {
    const renamed = await ok(api, 'renameTemplate', { id: 'pre-visit-brief-copy', name: 'Astana visit: brief #2' });
    expect(renamed.name).toBe('Astana visit: brief #2');
    const { text } = await ok(api, 'readTemplate', { id: 'pre-visit-brief-copy' });
    expect(text).toMatch(/^name: "Astana visit: brief #2"$/m);
    const list = await ok(api, 'listTemplates', {});
    expect(list.templates.find((t) => t.id === 'pre-visit-brief-copy')?.name).toBe('Astana visit: brief #2');
  });

  it('deleting removes the user template and its file', async () => {
    expect(await ok(api, 'deleteTemplate', { id: 'pre-visit-brief-copy' })).toEqual({ deleted: true });
    expect(existsSync(join(folder, 'templates', 'pre-visit-brief-copy.hbs'))).toBe(false);
    const list = await ok(api, 'listTemplates', {});
    expect(list.templates.map((t) => t.id)).not.toContain('pre-visit-brief-copy');
    expect(messages(await refused(api, 'readTemplate', { id: 'pre-visit-brief-copy' }))).toBe('unknown template "pre-visit-brief-copy"');
  });

  it('duplicating to an id that exists is refused', async () => {
    expect(messages(await refused(api, 'duplicateTemplate', { id: 'chronology', newId: 'pre-visit-brief-copy-2' }))).toMatch(/already exists/);
  });
});

describe('bundled templates are read-only', () => {
  let api: Api;
  let folder: string;
  beforeAll(async () => {
    ({ api, folder } = await freshApi());
  });

  it('saving over a bundled template is refused and writes nothing', async () => {
    const { text } = await ok(api, 'readTemplate', { id: 'chronology' });
    expect(messages(await refused(api, 'saveTemplate', { id: 'chronology', text }))).toBe('bundled templates are read-only: duplicate it to edit');
    expect(existsSync(join(folder, 'templates'))).toBe(false);
  });

  it('a bundled template can be neither renamed nor deleted', async () => {
    expect(messages(await refused(api, 'renameTemplate', { id: 'chronology', name: 'Mine' }))).toMatch(/read-only/);
    expect(messages(await refused(api, 'deleteTemplate', { id: 'chronology' }))).toMatch(/read-only/);
  });

  it('customising a bundled template (duplicating it under its own id) overrides it, and restoring brings the bundled one back', async () => {
    const custom = await ok(api, 'duplicateTemplate', { id: 'chronology', newId: 'chronology' });
    expect(custom).toMatchObject({ id: 'chronology', layer: 'user', readOnly: false, overridesBundled: true });
    const { text } = await ok(api, 'readTemplate', { id: 'chronology' });
    const saved = await ok(api, 'saveTemplate', { id: 'chronology', text: text.replace(/^description: .*$/m, 'description: My own chronology') });
    expect(saved.template).toMatchObject({ description: 'My own chronology', overridesBundled: true });

    expect(await ok(api, 'restoreTemplate', { id: 'chronology' })).toEqual({ restored: true });
    const list = await ok(api, 'listTemplates', {});
    expect(list.templates.find((t) => t.id === 'chronology')).toMatchObject({ layer: 'bundled', readOnly: true, overridesBundled: false });
    expect((await ok(api, 'readTemplate', { id: 'chronology' })).text).not.toContain('My own chronology');
    expect(existsSync(join(folder, 'templates', 'chronology.hbs'))).toBe(false);
  });

  it('restoring a template that is not bundled is refused', async () => {
    await ok(api, 'duplicateTemplate', { id: 'chronology', newId: 'my-chronology' });
    expect(messages(await refused(api, 'restoreTemplate', { id: 'my-chronology' }))).toMatch(/not a bundled template/);
  });
});

describe('drafts keep unsaved edits', () => {
  let api: Api;
  beforeAll(async () => {
    ({ api } = await freshApi());
    await ok(api, 'duplicateTemplate', { id: 'talking-points', newId: 'points' });
  });

  it('a saved draft reads back with the time it was saved, and is listed', async () => {
    const { savedAt } = await ok(api, 'saveDraft', { id: 'points', text: 'half-written' });
    expect(new Date(savedAt).getTime()).not.toBeNaN();
    expect(await ok(api, 'getDraft', { id: 'points' })).toEqual({ text: 'half-written', savedAt });
    expect(await ok(api, 'listDrafts', {})).toEqual([{ id: 'points', savedAt }]);
  });

  it('a discarded draft is gone', async () => {
    expect(await ok(api, 'discardDraft', { id: 'points' })).toEqual({ discarded: true });
    expect(await ok(api, 'getDraft', { id: 'points' })).toBeNull();
    expect(await ok(api, 'listDrafts', {})).toEqual([]);
  });

  it('saving the template discards its draft', async () => {
    const { text } = await ok(api, 'readTemplate', { id: 'points' });
    await ok(api, 'saveDraft', { id: 'points', text: `${text}\nMore.\n` });
    await ok(api, 'saveTemplate', { id: 'points', text: `${text}\nMore.\n` });
    expect(await ok(api, 'getDraft', { id: 'points' })).toBeNull();
  });

  it('a failed save keeps the draft', async () => {
    await ok(api, 'saveDraft', { id: 'points', text: 'no front matter' });
    await refused(api, 'saveTemplate', { id: 'points', text: 'no front matter' });
    expect((await ok(api, 'getDraft', { id: 'points' }))?.text).toBe('no front matter');
  });
});

describe('template errors carry their line and column', () => {
  let api: Api;
  let folder: string;
  // Line 7 of the file: the expression is never closed.
  const broken = ['---', 'id: broken-brief', 'name: Broken brief', '---', '# {{template.name}}', '', 'Some text {{template.name}', '', 'More text.', ''].join('\n');
  beforeAll(async () => {
    ({ api, folder } = await freshApi());
  });

  it('saving a template whose body has a syntax error saves it and returns the problem at its line and column', async () => {
    const saved = await ok(api, 'saveTemplate', { id: 'broken-brief', text: broken });
    expect(saved.problems).toHaveLength(1);
    expect(saved.problems[0]).toMatchObject({ severity: 'error', file: join(folder, 'templates', 'broken-brief.hbs'), line: 7, column: expect.any(Number) });
    expect(saved.problems[0]!.message).toMatch(/^template syntax/);
    expect(await readFile(join(folder, 'templates', 'broken-brief.hbs'), 'utf8')).toBe(broken);
  });

  it('previewing that text returns the same problem', async () => {
    const problems = await refused(api, 'preview', { request: { template: 'broken-brief' }, templateText: broken });
    expect(problems[0]).toMatchObject({ line: 7, message: expect.stringMatching(/^template syntax/) });
  });

  it('the editor can preview unsaved text that fixes it', async () => {
    const fixed = broken.replace('Some text {{template.name}', 'Some text {{template.name}}');
    const preview = await ok(api, 'preview', { request: { template: 'broken-brief' }, templateText: fixed });
    expect(preview.problems).toEqual([]);
    expect((await readPdf(Buffer.from(preview.pdf, 'base64'))).text).toContain('Some text Broken brief');
  });

  it('a template whose front matter is broken is not saved: the problem names its line and column', async () => {
    const text = ['---', 'id: bad-front', 'name: Bad', 'maxPages: many', '---', 'Body', ''].join('\n');
    const problems = await refused(api, 'saveTemplate', { id: 'bad-front', text });
    expect(problems[0]).toMatchObject({ line: 4, column: expect.any(Number), message: expect.stringMatching(/maxPages/) });
    expect(existsSync(join(folder, 'templates', 'bad-front.hbs'))).toBe(false);
  });

  it('a front matter that changes the id is refused at the id line', async () => {
    const text = broken.replace('id: broken-brief', 'id: another-id');
    const problems = await refused(api, 'saveTemplate', { id: 'broken-brief', text });
    expect(problems[0]).toMatchObject({ line: 2, message: expect.stringMatching(/id "another-id"/) });
  });

  it('a broken template file in the user folder is listed as a problem, and the rest still loads', async () => {
    await writeFile(join(folder, 'templates', 'hand-edited.hbs'), '---\nid: hand-edited\nname: [unclosed\n---\nBody\n');
    await ok(api, 'validateWorkspace', {}); // looks at the folder again
    const list = await ok(api, 'listTemplates', {});
    expect(list.problems.some((p) => p.file.endsWith('hand-edited.hbs') && p.line !== undefined)).toBe(true);
    expect(list.templates.map((t) => t.id)).toContain('pre-visit-brief');
    // and the user can still open it to fix it
    expect((await ok(api, 'readTemplate', { id: 'hand-edited' })).text).toContain('[unclosed');
  });
});

describe('export', () => {
  it('without a save dialog (the browser) the export is a download', async () => {
    const { api } = await freshApi();
    const result = await ok(api, 'export', { request: tradeAndTransport, format: 'docx' });
    expect(result).toMatchObject({
      status: 'download',
      fileName: '2026-11-22 Visit of the Foreign Minister to Astana – Pre-visit brief.docx',
      mime: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    });
    if (result.status !== 'download') throw new Error('not a download');
    expect(Buffer.from(result.data, 'base64').subarray(0, 2).toString('latin1')).toBe('PK');
  });

  it('with a save dialog the file is written where the user chose, whole, and listed in recent exports', async () => {
    const out = await tempFolder('briefwright-out-');
    const target = join(out, 'visit.pdf');
    await writeFile(target, 'an older file');
    const chooseSavePath = vi.fn(async () => target);
    const { api } = await freshApi({ chooseSavePath });
    expect(await ok(api, 'export', { request: tradeAndTransport, format: 'pdf' })).toEqual({
      status: 'saved',
      path: target,
      // What the paper held, for the brief it came from: each fact as printed.
      lastExport: { at: NOW.toISOString(), format: 'pdf', facts: expect.arrayContaining([expect.objectContaining({ id: 'highway-jobs-zx', figure: 'about 50,000 jobs' })]) },
    });
    expect(chooseSavePath).toHaveBeenCalledWith('2026-11-22 Visit of the Foreign Minister to Astana – Pre-visit brief.pdf', 'pdf');
    const pdf = await readPdf(await readFile(target));
    expect(pdf.pages.length).toBeGreaterThanOrEqual(2);
    expect(await readdir(out)).toEqual(['visit.pdf']); // no temporary file left behind
    expect(await ok(api, 'recentExports', {})).toEqual([{ path: target, format: 'pdf', at: NOW.toISOString() }]);
  });

  it('cancelling the dialog writes nothing', async () => {
    const { api, folder } = await freshApi({ chooseSavePath: async () => undefined });
    expect(await ok(api, 'export', { request: tradeAndTransport, format: 'pdf' })).toEqual({ status: 'cancelled' });
    expect(await ok(api, 'recentExports', {})).toEqual([]);
    expect(existsSync(join(folder, 'recent.json'))).toBe(false);
  });

  it('an export that fails leaves the existing file untouched and asks nothing', async () => {
    const out = await tempFolder('briefwright-out-');
    const target = join(out, 'visit.pdf');
    await writeFile(target, 'keep me');
    const chooseSavePath = vi.fn(async () => target);
    const { api } = await freshApi({ chooseSavePath });
    await refused(api, 'export', { request: { ...tradeAndTransport, topics: ['weather'] }, format: 'pdf' });
    expect(chooseSavePath).not.toHaveBeenCalled();
    expect(await readFile(target, 'utf8')).toBe('keep me');
  });

  it('a folder that cannot be written is a problem naming the file, not an internal error', async () => {
    const target = join(await tempFolder('briefwright-out-'), 'missing-folder', 'visit.md');
    const { api, logError } = await freshApi({ chooseSavePath: async () => target });
    const problems = await refused(api, 'export', { request: tradeAndTransport, format: 'md' });
    expect(problems[0]!.message).toMatch(/cannot write ".*missing-folder\/visit\.md": the folder does not exist/);
    expect(logError).not.toHaveBeenCalled();
  });

  it('only exported files can be opened', async () => {
    const out = await tempFolder('briefwright-out-');
    const openPath = vi.fn(async () => true);
    const { api } = await freshApi({ chooseSavePath: async () => join(out, 'brief.html'), openPath });
    expect(messages(await refused(api, 'openPath', { path: '/etc/passwd' }))).toMatch(/only files briefwright exported/);
    await ok(api, 'export', { request: tradeAndTransport, format: 'html' });
    expect(await ok(api, 'openPath', { path: join(out, 'brief.html'), reveal: true })).toEqual({ opened: true });
    expect(openPath).toHaveBeenCalledWith(join(out, 'brief.html'), true);
  });

  it('an unexpected fault is one problem "internal error: …", logged with its stack by the host', async () => {
    const { api, logError } = await freshApi({
      chooseSavePath: async () => {
        throw new Error('dialog exploded\n    at somewhere');
      },
    });
    const problems = await refused(api, 'export', { request: tradeAndTransport, format: 'md' });
    expect(problems).toEqual([{ severity: 'error', file: '', message: 'internal error: dialog exploded' }]);
    expect(logError).toHaveBeenCalledWith(expect.any(Error), 'export');
  });
});

describe('settings', () => {
  it('start as the defaults, and say where the user folder is', async () => {
    const { api, folder } = await freshApi();
    expect(await ok(api, 'getSettings', {})).toEqual({ author: '', organisation: '', marking: 'OFFICIAL', locale: 'en-GB', extraFolders: [], userFolder: folder });
  });

  it("say which house style is in force: a workspace's style.yaml and the colours it sets", async () => {
    const { api, folder } = await freshApi();
    expect(await ok(api, 'houseStyle', {})).toEqual({ files: [], colours: [] });
    await writeFile(join(folder, 'style.yaml'), 'colours:\n  accent: "#7A1F1F"\n');
    await ok(api, 'saveSettings', { author: '', organisation: '', marking: 'OFFICIAL', locale: 'en-GB', extraFolders: [] });
    const houseStyle = await ok(api, 'houseStyle', {});
    expect(houseStyle.files).toEqual([join(folder, 'style.yaml')]);
    expect(houseStyle.colours).toEqual([{ role: 'accent', colour: '#7a1f1f', what: expect.stringContaining('headings of levels 1 and 2') }]);
  });

  it("show the house style's organisation, its logo as a picture, and where the marking prints", async () => {
    const { api, folder } = await freshApi();
    const svg = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 30 10"><rect width="30" height="10" fill="#1d3557"/></svg>';
    await writeFile(join(folder, 'crest.svg'), svg);
    await writeFile(join(folder, 'style.yaml'), 'organisation: Ministry of Foreign Affairs\nlogo: { file: crest.svg, placement: header }\nmarking-position: footer\n');
    await ok(api, 'saveSettings', { author: '', organisation: '', marking: 'OFFICIAL', locale: 'en-GB', extraFolders: [] });
    const houseStyle = await ok(api, 'houseStyle', {});
    expect(houseStyle).toMatchObject({
      files: [join(folder, 'style.yaml')],
      organisation: 'Ministry of Foreign Affairs',
      logo: { file: join(folder, 'crest.svg'), placement: 'header', alt: 'Ministry of Foreign Affairs', picture: `data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}` },
      markingPosition: 'footer',
    });
  });

  it('saved settings read back, also after a restart', async () => {
    const { api, folder } = await freshApi();
    const settings = { author: 'A. Analyst', organisation: 'Ministry of Foreign Affairs', marking: 'OFFICIAL-SENSITIVE', locale: 'en-US', extraFolders: [] };
    expect(await ok(api, 'saveSettings', settings)).toEqual({ ...settings, userFolder: folder });
    expect(await ok(api, 'getSettings', {})).toEqual({ ...settings, userFolder: folder });
    const restarted = createApi({ userFolder: folder });
    expect(await ok(restarted, 'getSettings', {})).toEqual({ ...settings, userFolder: folder });
    expect(JSON.parse(await readFile(join(folder, 'settings.json'), 'utf8'))).toEqual(settings);
  });

  it('invalid settings are refused and nothing is written', async () => {
    const { api, folder } = await freshApi();
    const good = { author: '', organisation: '', marking: 'OFFICIAL', locale: 'en-GB', extraFolders: [] };
    expect(messages(await refused(api, 'saveSettings', { ...good, locale: 'English' }))).toMatch(/"locale": a locale is like en-GB/);
    expect(messages(await refused(api, 'saveSettings', { ...good, extraFolders: ['relative/folder'] }))).toMatch(/not an absolute path/);
    expect(messages(await refused(api, 'saveSettings', { ...good, extraFolders: [join(folder, 'nowhere')] }))).toMatch(/extraFolders\.0: ".*nowhere": the folder does not exist/);
    // The disk's root holds no workspace: refused before anything under it is read.
    expect(messages(await refused(api, 'saveSettings', { ...good, extraFolders: ['/'] }))).toMatch(/"\/": not a workspace folder: it holds none of facts\//);
    expect(messages(await refused(api, 'saveSettings', { author: 'x' }))).toMatch(/"organisation" is missing/);
    expect(existsSync(join(folder, 'settings.json'))).toBe(false);
  });

  it('a damaged settings file gives the defaults for what is wrong, and says so', async () => {
    const folder = await tempFolder();
    await writeFile(join(folder, 'settings.json'), JSON.stringify({ author: 'Kept', locale: 42, theme: 'dark' }));
    const api = createApi({ userFolder: folder });
    const settings = await ok(api, 'getSettings', {});
    expect(settings).toMatchObject({ author: 'Kept', locale: 'en-GB', marking: 'OFFICIAL' });
    expect(messages(settings.problems ?? [])).toMatch(/setting "locale"/);
    expect(messages(settings.problems ?? [])).toMatch(/unknown setting "theme"/);

    await writeFile(join(folder, 'settings.json'), '{ not json');
    const again = createApi({ userFolder: folder });
    const defaults = await ok(again, 'getSettings', {});
    expect(defaults).toMatchObject({ author: '', locale: 'en-GB' });
    expect(messages(defaults.problems ?? [])).toMatch(/not valid JSON/);
    expect(messages((await ok(again, 'validateWorkspace', {})).problems)).toMatch(/not valid JSON/);
  });

  it('an extra folder named in the settings is layered over the workspace', async () => {
    const { api } = await freshApi();
    expect((await ok(api, 'listSources', {})).map((s) => s.id)).not.toContain('team-note');
    await ok(api, 'saveSettings', { author: '', organisation: '', marking: 'OFFICIAL', locale: 'en-GB', extraFolders: [await teamFolder()] });
    expect((await ok(api, 'listSources', {})).map((s) => s.id)).toContain('team-note');
  });

  it('the author from the settings appears in the paper', async () => {
    const { api } = await freshApi();
    await ok(api, 'saveSettings', { author: 'Aigerim Analyst', organisation: 'Policy Unit', marking: 'OFFICIAL', locale: 'en-GB', extraFolders: [] });
    const preview = await ok(api, 'preview', { request: tradeAndTransport });
    expect((await readPdf(Buffer.from(preview.pdf, 'base64'))).text).toContain('Aigerim Analyst');
  });

  it('the page budget from the settings stops a paper longer than it, with the template line, and a budget that is not a whole number is refused', async () => {
    const { api } = await freshApi();
    const settings = { author: '', organisation: '', marking: 'OFFICIAL', locale: 'en-GB', extraFolders: [] };
    await ok(api, 'saveSettings', { ...settings, pageBudget: 2 });
    const problems = await refused(api, 'preview', { request: { template: 'chronology' } });
    expect(problems[0]).toMatchObject({ file: 'templates/chronology.hbs', line: 27, column: 1 });
    expect(messages(problems)).toMatch(/^the paper would run to about 4 pages, over the page budget of 2;/);
    await ok(api, 'saveSettings', { ...settings, pageBudget: 10 });
    expect((await ok(api, 'preview', { request: { template: 'chronology' } })).pageCount).toBe(4);
    expect(messages(await refused(api, 'saveSettings', { ...settings, pageBudget: 2.5 }))).toMatch(/"pageBudget" must be a whole number/);
  });
});

describe('partials: the ones templates can include, bundled, the user’s and extra folders’', () => {
  it('the bundled partials are listed, read-only, each described by the comment it opens with', async () => {
    const { api } = await freshApi();
    expect(await ok(api, 'listPartials', {})).toEqual([
      {
        name: 'cover-fields',
        description: 'Prepared, organisation, author, topics, dates and how current the information is, for a cover',
        layer: 'bundled',
        readOnly: true,
        overridesBundled: false,
        file: 'templates/partials/cover-fields.hbs',
      },
      {
        name: 'key-points',
        description: '"Key points": the most significant facts of the chosen topics (plans and forecasts already settled left out), at most `limit` of them, leaving out the facts `exclude` names (e.g. {{> key-points limit=5 exclude=(keyFigures limit=4)}})',
        layer: 'bundled',
        readOnly: true,
        overridesBundled: false,
        file: 'templates/partials/key-points.hbs',
      },
      {
        name: 'topic-facts',
        description: 'The facts of one topic, the most significant first and none printed earlier in the paper: outcomes, then outlook, plans and positions not yet settled (inside {{#each topics}}); the more topics, the fewer of each',
        layer: 'bundled',
        readOnly: true,
        overridesBundled: false,
        file: 'templates/partials/topic-facts.hbs',
      },
    ]);
  });

  it('a partial in the user folder is listed as the user’s, and a template that includes it prints it', async () => {
    const { api, folder } = await freshApi();
    await mkdir(join(folder, 'templates', 'partials'), { recursive: true });
    const signature = join(folder, 'templates', 'partials', 'signature.hbs');
    await writeFile(signature, '{{!--\n  Signature block:\n  the desk that wrote the paper\n--}}\nSigned for the Central Asia desk.\n');
    const partials = await ok(api, 'listPartials', {});
    expect(partials.map((p) => p.name)).toEqual(['cover-fields', 'key-points', 'signature', 'topic-facts']);
    expect(partials.find((p) => p.name === 'signature')).toEqual({
      name: 'signature',
      description: 'Signature block: the desk that wrote the paper',
      layer: 'user',
      readOnly: false,
      overridesBundled: false,
      file: signature,
    });

    // The template environment resolves the same names: the paper prints the partial (and its comment does not print).
    const text = ['---', 'id: signed-note', 'name: Signed note', '---', '# Note', '', '{{> signature}}', ''].join('\n');
    const preview = await ok(api, 'preview', { request: { template: 'signed-note', topics: ['trade'] }, templateText: text });
    expect(preview.problems).toEqual([]);
    const pdf = (await readPdf(Buffer.from(preview.pdf, 'base64'))).text;
    expect(pdf).toContain('Signed for the Central Asia desk.');
    expect(pdf).not.toContain('Signature block');
  });

  it('a user partial with the name of a bundled one replaces it; one without an opening comment has no description', async () => {
    const { api, folder } = await freshApi();
    await mkdir(join(folder, 'templates', 'partials'), { recursive: true });
    await writeFile(join(folder, 'templates', 'partials', 'cover-fields.hbs'), '{{! Our cover lines }}\n**Prepared by the desk**\n');
    await writeFile(join(folder, 'templates', 'partials', 'plain.hbs'), 'Just text {{! a comment later on is not a description }}\n');
    const partials = await ok(api, 'listPartials', {});
    expect(partials.find((p) => p.name === 'cover-fields')).toMatchObject({ description: 'Our cover lines', layer: 'user', readOnly: false, overridesBundled: true });
    expect(partials.find((p) => p.name === 'plain')).not.toHaveProperty('description');
    const preview = await ok(api, 'preview', { request: tradeAndTransport });
    expect((await readPdf(Buffer.from(preview.pdf, 'base64'))).text).toContain('Prepared by the desk');
  });

  it('a partial in an extra folder is listed with that folder, read-only', async () => {
    const extra = await tempFolder('briefwright-team-partials-');
    await mkdir(join(extra, 'templates', 'partials'), { recursive: true });
    await writeFile(join(extra, 'templates', 'partials', 'team-footer.hbs'), '{{!-- The team’s footer --}}\nTeam footer\n');
    const { api } = await freshApi({ extraFolders: [extra] });
    expect((await ok(api, 'listPartials', {})).find((p) => p.name === 'team-footer')).toMatchObject({
      description: 'The team’s footer',
      layer: extra,
      readOnly: true,
      overridesBundled: false,
    });
  });

  it('listPartials takes no fields', async () => {
    const { api } = await freshApi();
    expect(messages(await refused(api, 'listPartials', { layer: 'user' }))).toBe('unknown field "layer"');
  });
});

/** A team's workspace folder whose figure for 2018 trade disagrees with the bundled one. */
async function teamFolder(): Promise<string> {
  const extra = await tempFolder('briefwright-team-');
  await mkdir(join(extra, 'sources'));
  await mkdir(join(extra, 'facts'));
  await writeFile(
    join(extra, 'sources', 'team-note.md'),
    '---\nid: team-note\ntitle: Team note on trade\nauthor: Trade desk\npublisher: Ministry\nkind: report\ndate: 2019-03-01\n---\nTrade between the two countries came to $20 billion in 2018.\n',
  );
  await writeFile(
    join(extra, 'facts', 'team.yaml'),
    [
      '- id: trade-turnover-2018-team',
      '  statement: Trade between China and Kazakhstan came to $20 billion in 2018, according to the trade desk.',
      '  topics: [trade]',
      '  when: 2018',
      '  kind: outcome',
      '  metric: { indicator: trade-turnover, value: 20000000000, unit: USD, period: 2018 }',
      '  source: team-note',
      '  evidence: "came to $20 billion in 2018"',
      '',
    ].join('\n'),
  );
  return extra;
}

describe('facts and sources', () => {
  let api: Api;
  let extra: string;
  beforeAll(async () => {
    extra = await teamFolder();
    ({ api } = await freshApi({ extraFolders: [extra] }));
  });

  it('queryFacts pages through the facts and gives the total', async () => {
    const all = await ok(api, 'queryFacts', { topics: ['trade'] });
    const page = await ok(api, 'queryFacts', { topics: ['trade'], offset: 2, limit: 3 });
    expect(page.total).toBe(all.total);
    expect(page.facts.map((f) => f.id)).toEqual(all.facts.slice(2, 5).map((f) => f.id));
  });

  it('a fact shows its date, figure and source as a reader says them', async () => {
    const { facts } = await ok(api, 'queryFacts', { text: 'trade-turnover-2018-zx' });
    expect(facts[0]).toMatchObject({
      id: 'trade-turnover-2018-zx',
      when: '2018',
      whenKey: '2018',
      kind: 'outcome',
      figure: '$19.885 billion',
      indicator: 'Bilateral trade turnover',
      sourceId: 'zhang-xiao-bri-op-ed',
    });
  });

  it('facts whose figures disagree for the same indicator and period both say so', async () => {
    const { facts } = await ok(api, 'queryFacts', { topics: ['trade'], from: '2018', to: '2018' });
    const bundled = facts.find((f) => f.id === 'trade-turnover-2018-zx');
    const team = facts.find((f) => f.id === 'trade-turnover-2018-team');
    expect(bundled?.conflict).toMatch(/\$20 billion \(trade-turnover-2018-team, “Team note on trade”\)/);
    expect(team?.conflict).toMatch(/\$19\.885 billion \(trade-turnover-2018-zx/);
    expect(facts.filter((f) => f.conflict).map((f) => f.id).sort()).toEqual(['trade-turnover-2018-team', 'trade-turnover-2018-zx']);
  });

  it('getSource gives the text, and a span for every fact of the source that covers its evidence', async () => {
    const workspace = await openWorkspace({ user: false });
    for (const sourceId of ['wang-yi-astana-2024', 'zhang-xiao-bri-op-ed']) {
      const view = await ok(api, 'getSource', { id: sourceId });
      const facts = workspace.facts.filter((f) => f.source === sourceId);
      expect(view.spans.map((s) => s.factId).sort()).toEqual(facts.map((f) => f.id).sort());
      for (const span of view.spans) {
        const evidence = workspace.factsById.get(span.factId)!.evidence;
        expect(view.text.slice(span.start, span.end).replace(/\s+/g, ' ')).toBe(evidence.trim().replace(/\s+/g, ' '));
      }
    }
  });

  it('getSource of an unknown source, or with a fact of another source, is refused', async () => {
    expect(messages(await refused(api, 'getSource', { id: 'no-such-source' }))).toBe('unknown source "no-such-source"');
    expect(messages(await refused(api, 'getSource', { id: 'wang-yi-astana-2024', factId: 'trade-turnover-2018-zx' }))).toMatch(/not from source/);
  });

  it('the vocabularies and sources are listed', async () => {
    expect((await ok(api, 'listTopics', {})).map((t) => t.id)).toEqual(expect.arrayContaining(['trade', 'transport', 'energy']));
    expect((await ok(api, 'listEntities', {})).find((e) => e.id === 'wang-yi')).toMatchObject({ name: 'Wang Yi', type: 'person', role: 'Foreign Minister of China', country: 'china' });
    expect((await ok(api, 'listEntities', {})).find((e) => e.id === 'astana')).toEqual({ id: 'astana', name: 'Astana', type: 'place' });
    const sources = await ok(api, 'listSources', {});
    expect(sources.find((s) => s.id === 'central-asia-cooperation-report')).toMatchObject({ estimated: true });
    expect(sources.find((s) => s.id === 'team-note')).toMatchObject({ date: '2019-03-01', estimated: false });
  });

  it('validateWorkspace counts what loaded', async () => {
    const result = await ok(api, 'validateWorkspace', {});
    expect(result.sources).toBe(6);
    expect(result.facts).toBeGreaterThan(100);
    expect(result.problems.filter((p) => p.severity === 'error')).toEqual([]);
  });
});

describe('the user folder is changed only inside itself', () => {
  // A `templates/` or `drafts/` folder that is a link (a colleague's set-up, a sync tool) is
  // written through only when it leads inside the user folder.
  it('a templates folder linked out of the user folder is never written through; the file outside is left alone', async () => {
    const { api, folder } = await freshApi();
    const outside = await tempFolder('briefwright-api-outside-');
    await writeFile(join(outside, 'mine.hbs'), 'NOT YOURS');
    await symlink(outside, join(folder, 'templates'));
    const text = '---\nid: mine\nname: Mine\n---\n# Mine\n';
    const problems = await refused(api, 'saveTemplate', { id: 'mine', text });
    expect(messages(problems)).toBe('cannot save "templates/mine.hbs": the folder "templates" is a link to a place outside the user folder, and briefwright changes nothing outside it');
    expect(messages(await refused(api, 'duplicateTemplate', { id: 'chronology', newId: 'my-chronology' }))).toMatch(/^cannot save "templates\/my-chronology\.hbs": the folder "templates" is a link to a place outside/);
    expect(await readdir(outside)).toEqual(['mine.hbs']);
    expect(await readFile(join(outside, 'mine.hbs'), 'utf8')).toBe('NOT YOURS');
  });

  it('a drafts folder linked out of the user folder: no draft is written or discarded through it', async () => {
    const { api, folder } = await freshApi();
    const outside = await tempFolder('briefwright-api-outside-');
    await writeFile(join(outside, 'pre-visit-brief.hbs'), 'NOT YOURS');
    await symlink(outside, join(folder, 'drafts'));
    expect(messages(await refused(api, 'saveDraft', { id: 'chronology', text: 'draft' }))).toMatch(/^cannot save "drafts\/chronology\.hbs": the folder "drafts" is a link/);
    expect(messages(await refused(api, 'discardDraft', { id: 'pre-visit-brief' }))).toMatch(/^cannot remove "drafts\/pre-visit-brief\.hbs": the folder "drafts" is a link/);
    expect(await readdir(outside)).toEqual(['pre-visit-brief.hbs']);
  });

  it('a templates folder linked to a folder inside the user folder works as any other', async () => {
    const { api, folder } = await freshApi();
    await mkdir(join(folder, 'kept', 'my-templates'), { recursive: true });
    await symlink(join(folder, 'kept', 'my-templates'), join(folder, 'templates'));
    const text = '---\nid: mine\nname: Mine\n---\n# Mine\n';
    await ok(api, 'saveTemplate', { id: 'mine', text });
    expect(await readFile(join(folder, 'kept', 'my-templates', 'mine.hbs'), 'utf8')).toBe(text);
    await ok(api, 'deleteTemplate', { id: 'mine' });
    expect(await readdir(join(folder, 'kept', 'my-templates'))).toEqual([]);
  });
});
