// `briefwright generate --each-topic`, run as a user runs it: one command writes a paper per
// topic into a folder, each named for its topic, lists each paper as written or failed, and one
// paper failing leaves the others written.
import { spawnSync } from 'node:child_process';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeSavedBrief } from '../../src/core/saved-brief';
import { ensureCliBuilt, repo } from '../fixtures/cli';
import { readPdf, squash } from '../fixtures/read-pdf';

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
