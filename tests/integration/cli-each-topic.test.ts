// `briefwright generate --each-topic`, run as a user runs it: one command writes a paper per
// topic into a folder, each named for its topic, lists each paper as written or failed, and one
// paper failing leaves the others written. With --combined the papers go into one PDF behind a
// contents page, read back as a reader would: poppler's text of each page, pdf.js's bookmarks
// and links.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeSavedBrief } from '../../src/core/saved-brief';
import { ensureCliBuilt, repo } from '../fixtures/cli';
import { readPdf, squash } from '../fixtures/read-pdf';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';

let home: string;
let dir: string;

function briefwright(...args: string[]) {
  const run = spawnSync(process.execPath, ['bin/briefwright.js', ...args], {
    cwd: repo,
    encoding: 'utf8',
    env: { ...process.env, BRIEFWRIGHT_HOME: home },
    timeout: 300_000,
  });
  // No stack trace ever reaches the user.
  expect(run.stderr).not.toMatch(/\n\s+at .+:\d+:\d+/);
  return { code: run.status, stdout: run.stdout, stderr: run.stderr };
}

/** The workspace's topics, in its order, with their labels. */
let topics: { id: string; label: string }[];

beforeAll(async () => {
  ensureCliBuilt();
  home = await mkdtemp(join(tmpdir(), 'briefwright-home-'));
  dir = await mkdtemp(join(tmpdir(), 'briefwright-each-'));
  const yaml = await readFile(join(repo, 'data', 'topics.yaml'), 'utf8');
  topics = [...yaml.matchAll(/^- id: (\S+)\n {2}label: (.+)$/gm)].map((m) => ({ id: m[1]!, label: m[2]! }));
});

afterAll(async () => {
  for (const d of [home, dir]) await rm(d, { recursive: true, force: true });
});

describe('briefwright generate --each-topic', () => {
  it('writes the sector one-pager of each of the nine topics into a folder it makes, each file named for its topic and about it', async () => {
    expect(topics).toHaveLength(9);
    const out = join(dir, 'one-pagers', '2026');
    const run = briefwright('generate', '--template', 'sector-one-pager', '--each-topic', '--out', out);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const lines = run.stdout.trimEnd().split('\n');
    expect(lines.slice(0, -1).map((l) => l.replace(/ \(PDF, .*\)$/, ''))).toEqual(topics.map((t) => `${t.id}: wrote ${join(out, `${t.id}.pdf`)}`));
    expect(lines.at(-1)).toBe(`Wrote 9 papers into ${out}, one per topic`);
    expect((await readdir(out)).sort()).toEqual(topics.map((t) => `${t.id}.pdf`).sort());
    for (const topic of topics) {
      const pdf = await readPdf(new Uint8Array(await readFile(join(out, `${topic.id}.pdf`))));
      expect(pdf.pages).toHaveLength(1);
      const text = squash(pdf.text);
      expect(text, topic.id).toContain(`${topic.label}: sector one-pager`);
      for (const other of topics) if (other !== topic) expect(text, topic.id).not.toContain(`${other.label}: sector one-pager`);
    }
  });

  it('gives a template about many topics one topic per paper, in the format asked for, and replaces what the folder held', async () => {
    const out = join(dir, 'chronologies');
    await mkdir(out);
    await writeFile(join(out, 'energy.md'), 'last week’s chronology');
    const run = briefwright('generate', '--template', 'chronology', '--each-topic', '--topics', 'energy,trade', '--format', 'md', '--out', out);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^energy: wrote .*energy\.md \(MD, .*\)\ntrade: wrote .*trade\.md \(MD, .*\)\nWrote 2 papers into /);
    expect((await readdir(out)).sort()).toEqual(['energy.md', 'trade.md']);
    const energy = await readFile(join(out, 'energy.md'), 'utf8');
    expect(energy).toContain('**Covers:** Energy ·');
    expect(await readFile(join(out, 'trade.md'), 'utf8')).toContain('**Covers:** Trade ·');
  });

  it('lists a paper that fails with its reason and writes the others; exit 1', async () => {
    const out = join(dir, 'budget');
    // A chronology of one page: the topics with many dated events run over it, the others fit.
    const run = briefwright('generate', '--template', 'chronology', '--each-topic', '--max-pages', '1', '--format', 'md', '--out', out);
    expect(run.code).toBe(1);
    const wrote = [...run.stdout.matchAll(/^(\S+): wrote /gm)].map((m) => m[1]);
    const failed = [...run.stderr.matchAll(/^(\S+): failed: templates\/chronology\.hbs:\d+:\d+: the paper would run to about \d+ pages, over the page budget of 1/gm)].map((m) => m[1]);
    expect(wrote.length).toBeGreaterThan(0);
    expect(failed.length).toBeGreaterThan(0);
    expect([...wrote, ...failed].sort()).toEqual(topics.map((t) => t.id).sort());
    expect((await readdir(out)).sort()).toEqual(wrote.map((id) => `${id}.md`).sort());
    expect(run.stderr).toContain(`briefwright: ${failed.length} of 9 papers failed (${failed.join(', ')}); ${wrote.length} written into ${out}\n`);
  });

  it('runs a saved brief for each topic, its inputs and dates in every paper', async () => {
    const brief = join(dir, 'quarterly.brief.yaml');
    await writeFile(brief, writeSavedBrief({ title: 'Quarterly', template: 'sector-one-pager', topics: ['trade'], from: '2015', to: '2019', inputs: { marking: 'DRAFT' }, exclude: [], format: 'html' }));
    const out = join(dir, 'quarterly');
    const run = briefwright('generate', brief, '--each-topic', '--topics', 'energy,finance', '--out', out);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(`Wrote 2 papers into ${out}, one per topic, from the saved brief ${brief}\n`);
    expect((await readdir(out)).sort()).toEqual(['energy.html', 'finance.html']);
    for (const [id, label] of [['energy', 'Energy'], ['finance', 'Finance and investment']]) {
      const html = await readFile(join(out, `${id}.html`), 'utf8');
      expect(html).toContain(`${label}: sector one-pager</h1>`);
      expect(html).toContain('facts: 2015–2019');
      // The handling marking, at the head and foot of every page.
      expect(html).toContain('@top-center{content:"DRAFT"');
    }
  });

  it('--out naming a file, a topic that does not exist or a missing --out is a user error before anything is written', async () => {
    const file = join(dir, 'papers.pdf');
    await writeFile(file, 'a file, not a folder');
    const onFile = briefwright('generate', '--template', 'sector-one-pager', '--each-topic', '--out', file);
    expect(onFile.code).toBe(1);
    expect(onFile.stderr).toMatch(/^briefwright: --out ".*papers\.pdf" is a file: with --each-topic, --out names the folder the papers go into/);
    expect(await readFile(file, 'utf8')).toBe('a file, not a folder');

    const unknown = briefwright('generate', '--template', 'sector-one-pager', '--each-topic', '--topics', 'trade,trde', '--out', join(dir, 'never'));
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toMatch(/^briefwright: unknown topic "trde"/);
    const noOut = briefwright('generate', '--template', 'sector-one-pager', '--each-topic');
    expect(noOut.code).toBe(1);
    expect(noOut.stderr).toMatch(/^briefwright: --out DIR is required with --each-topic/);
    expect(await readdir(dir)).not.toContain('never');
  });
});

/** poppler's text of page `page` of a PDF file (1-based), as `pdftotext -layout` lays it out. */
const pageText = (file: string, page: number): string => execFileSync('pdftotext', ['-f', String(page), '-l', String(page), '-layout', file, '-']).toString();

/** poppler's page count of a PDF file. */
const pageCount = (file: string): number => Number(/^Pages:\s+(\d+)$/m.exec(execFileSync('pdfinfo', [file]).toString())?.[1]);

/** The lines of a contents page: each entry's text and the page number printed beside it. */
function contentsEntries(text: string): { text: string; page: number }[] {
  return [...text.matchAll(/^(\S.*?)\s{2,}(\d+)$/gm)].map((m) => ({ text: m[1]!, page: Number(m[2]) }));
}

interface Bookmark {
  title: string;
  page: number;
  children: Bookmark[];
}

/** A PDF's bookmarks and the targets of each page's links, each as the page it goes to (1-based), by pdf.js. */
async function navigation(file: string): Promise<{ bookmarks: Bookmark[]; links: { name?: string; page: number }[][] }> {
  const pdf = await getDocument({ data: new Uint8Array(await readFile(file)), isEvalSupported: false, verbosity: 0 }).promise;
  const pageOf = async (dest: unknown): Promise<number> => {
    const explicit = typeof dest === 'string' ? await pdf.getDestination(dest) : (dest as unknown[] | null);
    return explicit ? (await pdf.getPageIndex(explicit[0] as { num: number; gen: number })) + 1 : 0;
  };
  type Item = { title: string; dest: unknown; items: Item[] };
  const read = async (items: Item[] | null): Promise<Bookmark[]> =>
    Promise.all((items ?? []).map(async (item) => ({ title: item.title, page: await pageOf(item.dest), children: await read(item.items) })));
  const bookmarks = await read((await pdf.getOutline()) as Item[] | null);
  const links: { name?: string; page: number }[][] = [];
  for (let n = 1; n <= pdf.numPages; n++) {
    const annotations = (await (await pdf.getPage(n)).getAnnotations()) as { subtype?: string; dest?: unknown }[];
    links.push(
      await Promise.all(annotations.filter((a) => a.subtype === 'Link').map(async (a) => ({ ...(typeof a.dest === 'string' ? { name: a.dest } : {}), page: await pageOf(a.dest) }))),
    );
  }
  await pdf.destroy();
  return { bookmarks, links };
}

describe('briefwright generate --each-topic --combined', () => {
  const label = (id: string) => topics.find((t) => t.id === id)!.label;

  it('joins the paper of each topic chosen, in the order chosen, behind a contents page whose page numbers, links and bookmarks go where each paper starts', async () => {
    const out = join(dir, 'chronologies.pdf');
    const chosen = ['diplomacy', 'trade', 'energy'];
    const run = briefwright('generate', '--template', 'chronology', '--each-topic', '--topics', chosen.join(','), '--combined', '--out', out);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const lines = run.stdout.trimEnd().split('\n');
    expect(lines.slice(0, -1).map((l) => l.replace(/ of .*$/, ''))).toEqual(['diplomacy: pages 2–3', 'trade: page 4', 'energy: page 5']);
    expect(lines.at(-1)).toBe(`Wrote ${out}: a contents page and 3 papers, one per topic, 5 pages`);
    expect(pageCount(out)).toBe(5);

    // The contents: each paper by its title (a chronology's does not name its topic: the topic goes first), in the order chosen.
    const contents = pageText(out, 1);
    expect(contents).toMatch(/^Contents$/m);
    const entries = contentsEntries(contents);
    expect(entries.map((e) => e.text)).toEqual(chosen.map((id) => `${label(id)}: Chronology: China–Kazakhstan relations`));
    expect(entries.map((e) => e.page)).toEqual([2, 4, 5]);
    // The page each entry names is where its paper starts: its title and its topic at the head, the page before another paper's or the contents.
    for (const [i, entry] of entries.entries()) {
      const first = pageText(out, entry.page);
      expect(first).toContain('Chronology: China–Kazakhstan relations');
      expect(first, entry.text).toContain(`Covers: ${label(chosen[i]!)} ·`);
      expect(pageText(out, entry.page - 1), entry.text).not.toContain(`Covers: ${label(chosen[i]!)} ·`);
    }

    // Each paper is the paper it is alone, page for page, its own footer numbering its own pages.
    const alone = join(dir, 'chronologies-alone');
    expect(briefwright('generate', '--template', 'chronology', '--each-topic', '--topics', chosen.join(','), '--out', alone).code).toBe(0);
    const ends = [...entries.slice(1).map((e) => e.page - 1), 5];
    for (const [i, id] of chosen.entries()) {
      const own = join(alone, `${id}.pdf`);
      const pages = ends[i]! - entries[i]!.page + 1;
      expect(pageCount(own), id).toBe(pages);
      for (let page = 1; page <= pages; page++) expect(pageText(out, entries[i]!.page + page - 1), `${id} page ${page}`).toBe(pageText(own, page));
    }
    expect(pageText(out, 2)).toMatch(/Page 1 of 2\s*$/);

    const { bookmarks, links } = await navigation(out);
    // A bookmark for the contents and one per paper at its first page, the paper's own under it.
    expect(bookmarks.map((b) => [b.title, b.page])).toEqual([['Contents', 1], ...entries.map((e) => [e.text, e.page])]);
    expect(bookmarks[1]!.children.at(-1)).toEqual({ title: 'Sources', page: 3, children: [] });
    for (const [i, paper] of bookmarks.slice(1).entries()) {
      for (const own of paper.children) expect(own.page, `${paper.title} › ${own.title}`).toBeGreaterThanOrEqual(entries[i]!.page);
    }
    // Each line of the contents is a link to its paper, by the topic's name (chronologies.pdf#trade).
    const targets = new Map(links[0]!.map((l) => [l.name, l.page]));
    expect([...targets]).toEqual(chosen.map((id, i) => [id, entries[i]!.page]));
    // A citation still goes to its paper's own notes, not to another paper's note of that number.
    expect(links[1]!.length).toBeGreaterThan(0);
    for (const link of [...links[1]!, ...links[2]!]) expect(link.page).toBe(3);
    for (const link of links[3]!) expect(link.page).toBe(4);
  });

  it('leaves out a paper that fails, lists each topic as written or failed, and writes nothing when every paper fails; exit 1', async () => {
    const out = join(dir, 'budget.pdf');
    // A chronology of one page: the topics with many dated events run over it, the others fit.
    const run = briefwright('generate', '--template', 'chronology', '--each-topic', '--max-pages', '1', '--combined', '--out', out);
    expect(run.code).toBe(1);
    const wrote = [...run.stdout.matchAll(/^(\S+): page (\d+) of /gm)].map((m) => m[1]!);
    const failed = [...run.stderr.matchAll(/^(\S+): failed: templates\/chronology\.hbs:\d+:\d+: the paper would run to about \d+ pages, over the page budget of 1/gm)].map((m) => m[1]!);
    expect(wrote.length).toBeGreaterThan(0);
    expect(failed.length).toBeGreaterThan(0);
    expect([...wrote, ...failed].sort()).toEqual(topics.map((t) => t.id).sort());
    expect(run.stderr).toContain(`briefwright: ${failed.length} of 9 papers failed (${failed.join(', ')}); ${out} holds the other ${wrote.length}\n`);
    // The contents lists the papers made, in the workspace's order, a page each.
    expect(contentsEntries(pageText(out, 1))).toEqual(wrote.map((id, i) => ({ text: `${label(id)}: Chronology: China–Kazakhstan relations`, page: i + 2 })));
    expect(pageCount(out)).toBe(wrote.length + 1);

    // Every paper failing: the file there before is left as it was.
    const before = await readFile(out);
    const none = briefwright('generate', '--template', 'chronology', '--each-topic', '--max-pages', '1', '--topics', failed.slice(0, 2).join(','), '--combined', '--out', out);
    expect(none.code).toBe(1);
    expect(none.stdout).toBe('');
    expect(none.stderr).toMatch(new RegExp(`^${failed[0]}: failed: .*\\n${failed[1]}: failed: .*\\nbriefwright: no paper was made \\(2 failed\\); nothing written to .*budget\\.pdf\\n$`));
    expect(await readFile(out)).toEqual(before);
    expect((await readdir(dir)).filter((f) => f.startsWith('budget.pdf'))).toEqual(['budget.pdf']);
  });

  it('is a user error before anything is made: without --each-topic, in another format, to a file not ending in .pdf, or without --out', async () => {
    const cases: [string[], RegExp][] = [
      [['--combined', '--out', join(dir, 'a.pdf')], /^briefwright: --combined goes with --each-topic/],
      [['--each-topic', '--combined', '--format', 'docx', '--out', join(dir, 'a.pdf')], /^briefwright: --combined makes one PDF with a contents page; it cannot be "docx"/],
      [['--each-topic', '--combined', '--out', join(dir, 'a.docx')], /^briefwright: --combined makes one PDF: --out names a file ending in \.pdf/],
      [['--each-topic', '--combined'], /^briefwright: --out FILE\.pdf is required with --combined/],
    ];
    for (const [args, message] of cases) {
      const run = briefwright('generate', '--template', 'sector-one-pager', ...args);
      expect(run.code, args.join(' ')).toBe(1);
      expect(run.stderr, args.join(' ')).toMatch(message);
    }
    for (const name of ['a.pdf', 'a.docx']) await expect(stat(join(dir, name))).rejects.toThrow();
  });
});
