// The output formats (src/shared/formats.ts), as a user meets them: every format listed makes a
// paper, the file is what its name's ending and media type say it is, and `generate` takes the
// format from the ending of `--out`. A format added to the list without a writer, or with the
// wrong ending, fails here.
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { prepareBrief, suggestedFileName, type PreparedBrief } from '../../src/core/brief';
import { writeDocument } from '../../src/core/write';
import { loadTemplates } from '../../src/core/templates/template';
import { openWorkspace } from '../../src/platform/workspace-folder';
import { APP_FORMATS, FORMATS, FORMAT_IDS } from '../../src/shared/formats';
import { ensureCliBuilt, runCli } from '../fixtures/cli';
import { readDocx } from '../fixtures/read-docx';
import { readPdf, squash } from '../fixtures/read-pdf';

const now = new Date('2026-11-22T09:00:00Z');
const utf8 = (bytes: Uint8Array) => new TextDecoder('utf-8', { fatal: true }).decode(bytes);
const opening = (bytes: Uint8Array, length: number) => String.fromCharCode(...bytes.subarray(0, length));

/**
 * Each kind of file as it is known outside this project: its usual ending, its media type, how to
 * recognise one, and its text as another reader sees it.
 */
const kinds = [
  {
    extension: 'pdf',
    mediaType: 'application/pdf',
    is: (bytes: Uint8Array) => opening(bytes, 5) === '%PDF-',
    text: async (bytes: Uint8Array) => squash((await readPdf(bytes)).text),
  },
  {
    extension: 'docx',
    mediaType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    // A zip, with Word's main part in it.
    is: (bytes: Uint8Array) => opening(bytes, 4) === 'PK\u0003\u0004' && new TextDecoder('latin1').decode(bytes).includes('word/document.xml'),
    text: async (bytes: Uint8Array) => squash((await readDocx(bytes)).text),
  },
  {
    extension: 'html',
    mediaType: 'text/html',
    is: (bytes: Uint8Array) => /^<!doctype html>/i.test(utf8(bytes)),
    text: async (bytes: Uint8Array) => squash(utf8(bytes).replace(/<[^>]*>/g, ' ')),
  },
  {
    extension: 'md',
    mediaType: 'text/markdown',
    // Plain UTF-8 text, not markup of another kind.
    is: (bytes: Uint8Array) => !/^\s*</.test(utf8(bytes)),
    text: async (bytes: Uint8Array) => squash(utf8(bytes)),
  },
];
const kindOf = (extension: string) => kinds.find((k) => k.extension === extension);

let paper: PreparedBrief;
/** The one-pager's heading, which every format prints. */
const title = 'Energy: sector one-pager';

beforeAll(async () => {
  const workspace = await openWorkspace({ user: false });
  paper = prepareBrief(workspace, loadTemplates(workspace.otherFiles), { template: 'sector-one-pager', topics: ['energy'] }, { now });
});

describe('every format in the list', () => {
  it.each(FORMAT_IDS)('%s: makes the paper as a file of the kind its ending and media type name', async (format) => {
    const { extension, mediaType } = FORMATS[format];
    const kind = kindOf(extension);
    expect(kind, `.${extension} is not a kind of file this test knows: add it to "kinds"`).toBeDefined();
    expect(mediaType).toBe(kind!.mediaType);

    const bytes = await writeDocument(paper, format);
    expect(kind!.is(bytes)).toBe(true);
    expect(await kind!.text(bytes)).toContain(title);
    expect(suggestedFileName(paper.document.meta.title, paper.template.name, format, now)).toBe(`2026-11-22 Energy – sector one-pager.${extension}`);
  });

  it('each has its own ending, and the app offers PDF first, then DOCX', () => {
    expect(new Set(FORMAT_IDS.map((id) => FORMATS[id].extension)).size).toBe(FORMAT_IDS.length);
    expect(APP_FORMATS).toEqual(['pdf', 'docx']);
    expect(APP_FORMATS.map((id) => `Export ${FORMATS[id].label}`)).toEqual(['Export PDF', 'Export DOCX']);
  });
});

describe('briefwright generate takes the format from the ending of --out', () => {
  let home: string;
  let dir: string;
  const briefwright = (...args: string[]) => runCli(args, { env: { BRIEFWRIGHT_HOME: home } });

  beforeAll(async () => {
    ensureCliBuilt();
    home = await mkdtemp(join(tmpdir(), 'briefwright-home-'));
    dir = await mkdtemp(join(tmpdir(), 'briefwright-formats-'));
  });
  afterAll(async () => {
    for (const d of [home, dir]) await rm(d, { recursive: true, force: true });
  });

  it.each(FORMAT_IDS)('an --out ending in the extension of %s writes that format', async (format) => {
    const { extension } = FORMATS[format];
    const out = join(dir, `energy.${extension}`);
    const run = briefwright('generate', '--template', 'sector-one-pager', '--topics', 'energy', '--out', out);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(run.stdout).toContain(`energy.${extension} (${format.toUpperCase()},`);
    expect(kindOf(extension)!.is(new Uint8Array(await readFile(out)))).toBe(true);
  });

  it('an ending of no format names every ending that has one', () => {
    const run = briefwright('generate', '--template', 'sector-one-pager', '--out', join(dir, 'energy.rtf'));
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('cannot tell the format');
    for (const id of FORMAT_IDS) expect(run.stderr).toContain(`.${FORMATS[id].extension}`);
  });
});

describe('the name an export suggests says which paper it is', () => {
  const now = new Date('2026-11-22T10:00:00Z');
  it.each([
    ['a visit brief: its visit, then the kind of paper', 'Visit of the Foreign Minister to Astana', 'Pre-visit brief', '2026-11-22 Visit of the Foreign Minister to Astana – Pre-visit brief.pdf'],
    ['a one-pager: its topic; the title already names the kind', 'Transport and logistics: sector one-pager', 'Sector one-pager', '2026-11-22 Transport and logistics – sector one-pager.pdf'],
    ['characters a file system refuses are left out', 'Visit to "Astana" / Almaty?', 'Pre-visit brief', '2026-11-22 Visit to Astana Almaty – Pre-visit brief.pdf'],
    ['no title: the kind of paper', '', 'Chronology', '2026-11-22 Chronology.pdf'],
  ])('%s', (_, title, kind, name) => {
    expect(suggestedFileName(title, kind, 'pdf', now)).toBe(name);
  });

  it('a very long title is cut at a word, well within what a file system allows', () => {
    const name = suggestedFileName(`Visit of the Foreign Minister ${'and the delegation '.repeat(20)}to Astana`, 'Pre-visit brief', 'docx', now);
    expect(name.length).toBeLessThan(180);
    // Cut after a whole word ("and", "the" or "delegation"), never inside one.
    expect(name).toMatch(/^2026-11-22 Visit of the Foreign Minister and the delegation .* (and|the|delegation)… – Pre-visit brief\.docx$/);
  });
});
