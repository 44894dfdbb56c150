// `briefwright generate NAME.brief.yaml`, run as a user runs it: the built command in a child
// process, its clock stopped (tests/fixtures/frozen-clock.mjs) so that a paper made from a saved
// brief can be compared byte for byte with the paper the same choices make as flags.
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeSavedBrief, type SavedBrief } from '../../src/core/saved-brief';
import { ensureCliBuilt, runCli } from '../fixtures/cli';
import { readPdf, squash } from '../fixtures/read-pdf';

const frozenClock = fileURLToPath(new URL('../fixtures/frozen-clock.mjs', import.meta.url));
let home: string;
let dir: string;

function briefwright(...args: string[]) {
  const run = runCli(args, {
    node: ['--import', frozenClock],
    env: { BRIEFWRIGHT_HOME: home, BRIEFWRIGHT_FROZEN_TIME: '2026-03-02T09:00:00Z' },
    timeout: 120_000,
  });
  // No stack trace ever reaches the user.
  expect(run.stderr).not.toMatch(/\n\s+at .+:\d+:\d+/);
  return { code: run.status, stdout: run.stdout, stderr: run.stderr };
}

/** The ids of the facts a `facts` query gives. */
function factIds(...args: string[]): string[] {
  const run = briefwright('facts', ...args, '--json');
  expect(run.code).toBe(0);
  return (JSON.parse(run.stdout) as { id: string }[]).map((f) => f.id);
}

const files = async (folder: string) => (await readdir(folder)).sort();

/** A fresh folder for one test's files. */
async function folder(name: string): Promise<string> {
  const path = join(dir, name);
  await mkdir(path, { recursive: true });
  return path;
}

const visit = (over: Partial<SavedBrief> = {}): SavedBrief => ({
  title: 'Visit of the Foreign Minister to Astana',
  template: 'pre-visit-brief',
  topics: ['trade', 'transport'],
  from: '2018',
  to: '2019',
  inputs: {
    visit: 'Visit of the Foreign Minister to Astana',
    date: '2024-05-20',
    qa: [{ question: 'Is the trade target still the goal?', answer: 'It was passed in 2023.' }],
  },
  exclude: [],
  ...over,
});

beforeAll(async () => {
  ensureCliBuilt();
  home = await mkdtemp(join(tmpdir(), 'briefwright-home-'));
  dir = await mkdtemp(join(tmpdir(), 'briefwright-briefs-'));
});

afterAll(async () => {
  for (const d of [home, dir]) await rm(d, { recursive: true, force: true });
});

describe('briefwright generate NAME.brief.yaml', () => {
  it('makes the same paper, byte for byte, as the same choices given as flags, and writes it beside the brief, named after it', async () => {
    const here = await folder('same');
    const [left] = factIds('--topics', 'trade', '--from', '2018', '--to', '2019');
    const inputs = join(here, 'inputs.yaml');
    await writeFile(inputs, 'visit: Visit of the Foreign Minister to Astana\ndate: 2024-05-20\nqa:\n  - question: Is the trade target still the goal?\n    answer: It was passed in 2023.\n');
    await writeFile(join(here, 'astana-visit.brief.yaml'), writeSavedBrief(visit({ exclude: [left!] })));

    const saved = briefwright('generate', join(here, 'astana-visit.brief.yaml'));
    expect(saved.stderr).toBe('');
    expect(saved.code).toBe(0);
    // The success line says which brief was run, and where its paper went.
    expect(saved.stdout).toBe(`Wrote ${join(here, 'astana-visit.pdf')} (PDF, ${saved.stdout.match(/PDF, (.*)\)/)![1]}), from the saved brief ${join(here, 'astana-visit.brief.yaml')}\n`);

    const flags = briefwright(
      'generate', '--template', 'pre-visit-brief', '--topics', 'trade,transport', '--from', '2018', '--to', '2019',
      '--input', inputs, '--exclude', left!, '--out', join(here, 'flags.pdf'),
    );
    expect(flags.code).toBe(0);
    const fromBrief = await readFile(join(here, 'astana-visit.pdf'));
    expect(Buffer.compare(fromBrief, await readFile(join(here, 'flags.pdf')))).toBe(0);
    const text = squash((await readPdf(new Uint8Array(fromBrief))).text);
    expect(text).toContain('Visit of the Foreign Minister to Astana');
    expect(text).toContain('Is the trade target still the goal?');
  });

  it("takes the brief's format for the file it writes beside it, and --format over it", async () => {
    const here = await folder('format');
    const brief = join(here, 'memo.brief.yaml');
    await writeFile(brief, writeSavedBrief(visit({ format: 'md' })));
    expect(briefwright('generate', brief).code).toBe(0);
    expect(await readFile(join(here, 'memo.md'), 'utf8')).toMatch(/^:::cover\n# Visit of the Foreign Minister to Astana/);
    expect(briefwright('generate', brief, '--format', 'html').code).toBe(0);
    expect(await files(here)).toEqual(['memo.brief.yaml', 'memo.html', 'memo.md']);
    // An --out file's ending is a choice given beside the brief, as --format is.
    expect(briefwright('generate', brief, '--out', join(here, 'elsewhere.docx')).stdout).toMatch(/^Wrote .*elsewhere\.docx \(DOCX, /);
  });

  it('flags beside the brief override its fields: template, topics, dates, format, exclusions and inputs (--input over its inputs, --set over both)', async () => {
    const here = await folder('override');
    const [left] = factIds('--topics', 'trade', '--from', '2018', '--to', '2019');
    const [otherLeft] = factIds('--topics', 'energy', '--from', '2015', '--to', '2016');
    const brief = join(here, 'visit.brief.yaml');
    await writeFile(brief, writeSavedBrief(visit({ format: 'pdf', exclude: [left!], inputs: { visit: 'From the brief', date: '2024-05-20', principal: 'The Minister' } })));
    const inputs = join(here, 'inputs.yaml');
    await writeFile(inputs, 'visit: From the inputs file\nprincipal: The Deputy Minister\n');

    const overridden = briefwright(
      'generate', brief, '--topics', 'energy', '--from', '2015', '--to', '2016', '--format', 'md', '--exclude', otherLeft!,
      '--input', inputs, '--set', 'principal=The State Secretary', '--out', join(here, 'overridden.md'),
    );
    expect(overridden.code).toBe(0);
    const same = briefwright(
      'generate', '--template', 'pre-visit-brief', '--topics', 'energy', '--from', '2015', '--to', '2016', '--exclude', otherLeft!,
      '--set', 'visit=From the inputs file', '--set', 'date=2024-05-20', '--set', 'principal=The State Secretary', '--out', join(here, 'flags.md'),
    );
    expect(same.code).toBe(0);
    const md = await readFile(join(here, 'overridden.md'), 'utf8');
    expect(md).toBe(await readFile(join(here, 'flags.md'), 'utf8'));
    expect(md).toContain('From the inputs file');
    expect(md).toContain('The State Secretary');
    expect(md).not.toContain('The Deputy Minister');
    expect(md).not.toContain(`:cite[${otherLeft}]`);

    // --exclude replaces the brief's list: an empty one leaves nothing out.
    const selected = (run: { stdout: string }) => Number(/(\d+) facts selected/.exec(run.stdout)?.[1]);
    const withBriefs = briefwright('generate', brief, '--format', 'md', '--out', join(here, 'left-out.md'));
    const withNone = briefwright('generate', brief, '--format', 'md', '--exclude', '', '--out', join(here, 'none-left-out.md'));
    expect(selected(withNone)).toBe(selected(withBriefs) + 1);

    // --template too: the brief's inputs that the other template does not take are left out, each said at its line.
    const other = join(here, 'plain.brief.yaml');
    await writeFile(other, writeSavedBrief({ title: 'Plain', template: 'pre-visit-brief', topics: ['trade'], inputs: { visit: 'A visit', marking: 'RESTRICTED' }, exclude: [] }));
    const chronology = briefwright('generate', other, '--template', 'chronology', '--format', 'md', '--out', join(here, 'chronology.md'));
    expect(chronology.code).toBe(0);
    const line = (await readFile(other, 'utf8')).split('\n').indexOf('  visit: A visit') + 1;
    expect(chronology.stderr).toBe(`${other}:${line}:3: warning: template "chronology" has no input "visit" (the brief's template "pre-visit-brief" had it); it is left out\n`);
    // The input both templates take (marking) is kept: only "visit" is said.
  });

  it('a brief with an unknown field, a date that does not exist and an input the template lacks is exit 1, each at its line and column, and nothing is written', async () => {
    const here = await folder('bad');
    const brief = join(here, 'bad.brief.yaml');
    await writeFile(brief, 'title: A visit\ntemplate: pre-visit-brief\ncolour: red\nfrom: 2019-13\n');
    const run = briefwright('generate', brief);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(`${brief}:3:1: unknown field \`colour\``);
    expect(run.stderr).toContain(`${brief}:4:7: \`from\`: "2019-13" is not a date: month 13 does not exist`);
    expect(run.stdout).toBe('');

    const inputs = join(here, 'inputs.brief.yaml');
    await writeFile(inputs, 'template: pre-visit-brief\ntopics: [trade, trde]\ninputs:\n  visit: A visit\n  visti: Astana\n  date: 2024-02-30\n');
    const located = briefwright('generate', inputs, '--out', join(here, 'never.pdf'));
    expect(located.code).toBe(1);
    expect(located.stderr).toContain(`${inputs}:2:17: unknown topic "trde" (topics: trade, transport,`);
    expect(located.stderr).toMatch(new RegExp(`${inputs.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:5:3: template "pre-visit-brief" has no input "visti" \\(`));
    expect(located.stderr).toContain(`${inputs}:6:9: input "date": "2024-02-30" is not a date`);
    expect(await files(here)).toEqual(['bad.brief.yaml', 'inputs.brief.yaml']);
  });

  it('a fact the brief leaves out that is gone from the workspace is a warning at its line, and the paper is made', async () => {
    const here = await folder('gone');
    const brief = join(here, 'gone.brief.yaml');
    await writeFile(brief, writeSavedBrief(visit({ format: 'md', exclude: ['trade-turnover-1999-gone'] })));
    const text = await readFile(brief, 'utf8');
    const line = text.split('\n').findIndex((l) => l.includes('trade-turnover-1999-gone')) + 1;
    const run = briefwright('generate', brief);
    expect(run.code).toBe(0);
    expect(run.stderr).toBe(`${brief}:${line}:5: warning: the fact "trade-turnover-1999-gone" left out here is not in the workspace any more; it is ignored\n`);
    expect(await readFile(join(here, 'gone.md'), 'utf8')).toContain('Visit of the Foreign Minister to Astana');
    // On the command line, a fact that does not exist is still a mistyped flag.
    const flag = briefwright('generate', brief, '--exclude', 'trade-turnover-1999-gone');
    expect(flag.code).toBe(1);
    expect(flag.stderr).toMatch(/^briefwright: --exclude: unknown fact "trade-turnover-1999-gone"/);
  });

  it('a brief that is not there, a folder, not UTF-8 or not a brief at all is named in one sentence, and nothing is written', async () => {
    const here = await folder('unreadable');
    const missing = briefwright('generate', join(here, 'missing.brief.yaml'));
    expect(missing.code).toBe(1);
    expect(missing.stderr).toBe(`briefwright: cannot read the saved brief "${join(here, 'missing.brief.yaml')}" (no such file)\nRun "briefwright --help" for usage.\n`);

    await mkdir(join(here, 'folder.brief.yaml'));
    expect(briefwright('generate', join(here, 'folder.brief.yaml')).stderr).toMatch(/^briefwright: the saved brief ".*folder\.brief\.yaml" is a folder: name a file ending in \.brief\.yaml\n/);

    await writeFile(join(here, 'latin.brief.yaml'), Buffer.from('template: pre-visit-brief\ntitle: Caf\xe9\n', 'latin1'));
    const latin = briefwright('generate', join(here, 'latin.brief.yaml'));
    expect(latin.code).toBe(1);
    expect(latin.stderr).toMatch(/latin\.brief\.yaml:2:11: file is not UTF-8 text/);

    await writeFile(join(here, 'list.brief.yaml'), '- trade\n- energy\n');
    expect(briefwright('generate', join(here, 'list.brief.yaml')).stderr).toMatch(/list\.brief\.yaml:1:1: a saved brief is a set of fields/);

    // A YAML file that is not named as a brief is not taken for one.
    const plain = briefwright('generate', join(here, 'inputs.yaml'));
    expect(plain.code).toBe(1);
    expect(plain.stderr).toMatch(/is not a saved brief: a saved brief's file name ends in \.brief\.yaml/);
    expect(briefwright('generate', join(here, 'a.brief.yaml'), join(here, 'b.brief.yaml')).stderr).toMatch(/^briefwright: generate runs one saved brief at a time/);
    expect(await files(here)).toEqual(['folder.brief.yaml', 'latin.brief.yaml', 'list.brief.yaml']);
  });

  it('keeps the checks on --out and leaves an existing paper whole when the brief fails', async () => {
    const here = await folder('out');
    const brief = join(here, 'visit.brief.yaml');
    await writeFile(brief, writeSavedBrief(visit()));
    const missingFolder = briefwright('generate', brief, '--out', join(here, 'no-such-folder', 'visit.pdf'));
    expect(missingFolder.code).toBe(1);
    expect(missingFolder.stderr).toMatch(/output folder .* does not exist/);
    await mkdir(join(here, 'visit.pdf'));
    const folderInTheWay = briefwright('generate', brief);
    expect(folderInTheWay.code).toBe(1);
    expect(folderInTheWay.stderr).toMatch(/visit\.pdf", where the paper would go, is a folder: name a file with --out/);

    await writeFile(join(here, 'keep.md'), 'the previous paper');
    await writeFile(brief, writeSavedBrief(visit({ inputs: { visit: 'A visit', qa: [{ question: 'Why?' }] } })));
    const failed = briefwright('generate', brief, '--out', join(here, 'keep.md'));
    expect(failed.code).toBe(1);
    expect(failed.stderr).toMatch(/visit\.brief\.yaml:\d+:\d+: input "qa", row 1 is missing its answer/);
    expect(await readFile(join(here, 'keep.md'), 'utf8')).toBe('the previous paper');
    expect((await files(here)).filter((f) => f.includes('.partial'))).toEqual([]);
  });
});
