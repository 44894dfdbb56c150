// `briefwright generate` and `briefwright templates`, run as a user runs them: the built command
// in a child process, judged by exit code, messages and the files it leaves behind.
import { spawnSync } from 'node:child_process';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureCliBuilt } from '../fixtures/cli';
import { readPdf, squash } from '../fixtures/read-pdf';

const repo = fileURLToPath(new URL('../../', import.meta.url));
let home: string;
let dir: string;
let team: string;

function briefwright(...args: string[]) {
  const result = spawnSync(process.execPath, ['bin/briefwright.js', ...args], {
    cwd: repo,
    encoding: 'utf8',
    env: { ...process.env, BRIEFWRIGHT_HOME: home },
    timeout: 60_000,
  });
  // No stack trace ever reaches the user.
  expect(result.stderr).not.toMatch(/\n\s+at .+:\d+:\d+/);
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

beforeAll(async () => {
  ensureCliBuilt();
  home = await mkdtemp(join(tmpdir(), 'briefwright-home-'));
  dir = await mkdtemp(join(tmpdir(), 'briefwright-out-'));
  team = await mkdtemp(join(tmpdir(), 'briefwright-team-'));
  await mkdir(join(team, 'templates'), { recursive: true });
  await writeFile(
    join(team, 'templates', 'memo.hbs'),
    '---\nid: memo\nname: Memo\ninputs:\n  - { key: subject, label: Subject, required: true }\n  - { key: points, label: Points, type: list }\n---\n# {{inputs.subject}}\n\n{{#each inputs.points}}\n- {{this}}\n{{/each}}\n',
  );
  await writeFile(join(team, 'templates', 'broken.hbs'), '---\nid: broken\nname: Broken\n---\n# Title\n\n{{#each (facts topic="trade")}}\n- {{fakt this}}\n{{/each}}\n');
});

afterAll(async () => {
  for (const d of [home, dir, team]) await rm(d, { recursive: true, force: true });
});

describe('briefwright generate', () => {
  it('writes the PDF the user named, with the figures of the request', async () => {
    const out = join(dir, 'visit.pdf');
    const run = briefwright('generate', '--template', 'pre-visit-brief', '--topics', 'trade,transport', '--from', '2018', '--to', '2019', '--out', out);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^Wrote .*visit\.pdf \(PDF/);
    const text = squash((await readPdf(new Uint8Array(await readFile(out)))).text);
    expect(text).toContain('$19.885 billion');
    expect(text).toContain('2,388 trains');
  });

  it("sets the paper in the house style of a workspace's style.yaml, and says at its line and column what it could not use", async () => {
    const styled = await mkdtemp(join(tmpdir(), 'briefwright-style-'));
    try {
      await writeFile(join(styled, 'style.yaml'), 'colours:\n  accent: "#7a1f1f"\n  marking: green\n');
      const out = join(dir, 'styled.html');
      const run = briefwright('generate', '--workspace', styled, '--template', 'pre-visit-brief', '--topics', 'trade', '--out', out);
      expect(run.code).toBe(0);
      expect(run.stderr).toContain(`${join(styled, 'style.yaml')}:3:12: warning: "green" is not a colour: write it as "#RRGGBB"`);
      const html = await readFile(out, 'utf8');
      expect(html).toMatch(/h1(?:,\.toc-heading)?\{[^}]*color:#7a1f1f/);
      expect(html).toMatch(/\.marking\{[^}]*color:#8b1a1a/);
    } finally {
      await rm(styled, { recursive: true, force: true });
    }
  });

  it('takes the format from --format over the extension', async () => {
    const out = join(dir, 'brief.txt');
    expect(briefwright('generate', '--template', 'chronology', '--format', 'md', '--out', out).code).toBe(0);
    expect(await readFile(out, 'utf8')).toMatch(/^:::cover\n# Chronology/);
  });

  it('--set fills inputs, and a list input set twice gets two items', async () => {
    const out = join(dir, 'memo.md');
    const run = briefwright('generate', '--workspace', team, '--template', 'memo', '--set', 'subject=Rail *transit*', '--set', 'points=First', '--set', 'points=Second', '--out', out);
    expect(run.code).toBe(0);
    expect(await readFile(out, 'utf8')).toBe('# Rail \\*transit\\*\n\n- First\n- Second\n');
  });

  it('--input takes the inputs from a YAML file', async () => {
    const inputs = join(dir, 'inputs.yaml');
    await writeFile(inputs, 'subject: From a file\npoints:\n  - One\n');
    const out = join(dir, 'memo-file.md');
    expect(briefwright('generate', '--workspace', team, '--template', 'memo', '--input', inputs, '--out', out).code).toBe(0);
    expect(await readFile(out, 'utf8')).toContain('# From a file');
  });

  it('a broken --input file is named with its line and column', async () => {
    const inputs = join(dir, 'bad-inputs.yaml');
    await writeFile(inputs, 'subject: ok\npoints: [unclosed\n');
    const run = briefwright('generate', '--workspace', team, '--template', 'memo', '--input', inputs, '--out', join(dir, 'never.md'));
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/bad-inputs\.yaml:\d+:\d+: YAML/);
  });

  it('--input fills the pre-visit brief’s rows inputs (programme, defensive Q&A) and cited lines to take, as the example file shows', async () => {
    const out = join(dir, 'brief-rows.md');
    const run = briefwright('generate', '--template', 'pre-visit-brief', '--input', 'docs/examples/pre-visit-brief.yaml', '--author', 'A. Analyst', '--organisation', 'Asia Desk', '--out', out);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const md = await readFile(out, 'utf8');
    expect(md).toContain('| 10 February, 09\\:30 | Ministry of Foreign Affairs, Astana | Talks with the Deputy Prime Minister and Foreign Minister |');
    expect(md).toMatch(/\*\*Q\.\*\* Is the \$40 billion trade target still the goal\?\n\n\*\*A\.\*\* It was passed in 2023\./);
    expect(md).toContain('- We want the talks on a third railway link to reach a timetable. :cite[third-railroad-negotiation-wy]');
    // The drafter, from the settings (here the flags), closes the paper before its sources.
    expect(md).toMatch(/\n---\n\n\*Drafted by A\. Analyst, Asia Desk, \d{1,2} [A-Z][a-z]+ \d{4}\.\*\n\n::sources/);
    // Sections in the order a principal reads them.
    const order = ['## Summary', '## Objectives', '## Lines to take', '## Background', '## Trade', '## Sensitivities and handling', '## Programme', '## Defensive Q&A', '## Recent chronology', '::sources'];
    const at = order.map((h) => md.indexOf(h));
    expect(at.every((i) => i >= 0), order.filter((_, i) => at[i]! < 0).join(', ')).toBe(true);
    expect(at).toEqual([...at].sort((a, b) => a - b));
  });

  it('talking points print the user’s points with the facts they attached beneath, as supporting figures', async () => {
    const out = join(dir, 'points.md');
    expect(briefwright('generate', '--template', 'talking-points', '--input', 'docs/examples/talking-points.yaml', '--out', out).code).toBe(0);
    const md = await readFile(out, 'utf8');
    expect(md).toMatch(/1\. \*\*We would like to hear how the negotiations on a third railway link are going\.\*\*\n\n {3}\*Supporting figures\*\n\n {3}- According to Wang Yi on 20 May 2024, China and Kazakhstan were negotiating a third railway link.* :cite\[third-railroad-negotiation-wy\]/);
  });

  it('a malformed rows input is exit 1 with its file, line and column, and names the row and column', async () => {
    const inputs = join(dir, 'bad-rows.yaml');
    await writeFile(inputs, 'visit: A visit\nqa:\n  - question: Will it open on time?\n    answer: Yes.\n  - question: And the cost?\n  - { question: Who pays?, answr: We do. }\n');
    const run = briefwright('generate', '--template', 'pre-visit-brief', '--input', inputs, '--out', join(dir, 'never.pdf'));
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('bad-rows.yaml:5:5: input "qa", row 2 is missing its answer (column "answer")');
    expect(run.stderr).toContain('bad-rows.yaml:6:28: input "qa", row 3 has no column "answr" (columns: question, answer)');
    const facts = join(dir, 'bad-facts.yaml');
    await writeFile(facts, 'points:\n  - point: Trade has grown.\n    facts: trade-turnover-2032\n');
    const points = briefwright('generate', '--template', 'talking-points', '--input', facts, '--out', join(dir, 'never.pdf'));
    expect(points.code).toBe(1);
    expect(points.stderr).toContain('bad-facts.yaml:3:12: input "points", row 1, Supporting facts: no fact has the id "trade-turnover-2032"');
    expect((await readdir(dir)).filter((f) => f.startsWith('never'))).toEqual([]);
  });

  it('a missing required input is an error that names it', () => {
    const run = briefwright('generate', '--workspace', team, '--template', 'memo', '--out', join(dir, 'never.md'));
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('missing required input "subject" (Subject)');
  });

  it('an unknown template lists the templates there are', () => {
    const run = briefwright('generate', '--template', 'pre-visit', '--out', join(dir, 'never.pdf'));
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/unknown template "pre-visit" \(templates: .*pre-visit-brief/);
  });

  it('an unknown topic and an impossible date are user errors', () => {
    expect(briefwright('generate', '--template', 'chronology', '--topics', 'trde', '--out', join(dir, 'never.pdf')).stderr).toMatch(/unknown topic "trde"/);
    const bad = briefwright('generate', '--template', 'chronology', '--from', '2019-13-45', '--out', join(dir, 'never.pdf'));
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/month 13 does not exist/);
  });

  it('a template error names the template file, line and column', () => {
    const run = briefwright('generate', '--workspace', team, '--template', 'broken', '--out', join(dir, 'never.pdf'));
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/templates\/broken\.hbs:8:3: unknown helper "fakt" \(did you mean "fact"\?\)/);
  });

  it('a failed run neither writes nor damages the output file, and leaves no temporary file', async () => {
    const out = join(dir, 'keep.pdf');
    await writeFile(out, 'the previous brief');
    const run = briefwright('generate', '--workspace', team, '--template', 'broken', '--out', out);
    expect(run.code).toBe(1);
    expect(await readFile(out, 'utf8')).toBe('the previous brief');
    expect((await readdir(dir)).filter((f) => f.includes('.partial'))).toEqual([]);
  });

  it('an output folder that does not exist is a user error, and nothing is written', async () => {
    const run = briefwright('generate', '--template', 'chronology', '--out', join(dir, 'no-such-folder', 'x.pdf'));
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/output folder .* does not exist/);
  });

  it('an unknown extension asks for --format', () => {
    const run = briefwright('generate', '--template', 'chronology', '--out', join(dir, 'x.rtf'));
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/cannot tell the format/);
  });

  it('an unknown flag is a user error', () => {
    const run = briefwright('generate', '--templat', 'chronology', '--out', join(dir, 'x.pdf'));
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/unknown flag --templat/);
  });
});

describe('briefwright templates', () => {
  it('lists the bundled templates with their inputs', () => {
    const run = briefwright('templates');
    expect(run.code).toBe(0);
    for (const id of ['pre-visit-brief', 'sector-one-pager', 'key-figures', 'chronology', 'talking-points']) expect(run.stdout).toContain(id);
    expect(run.stdout).toMatch(/inputs: visit\*, date, principal/);
  });

  it('--json gives the front matter of each, without the body', () => {
    const run = briefwright('templates', '--json');
    const list = JSON.parse(run.stdout) as { id: string; inputs: unknown[]; body?: string }[];
    expect(list.map((t) => t.id)).toContain('pre-visit-brief');
    expect(list.every((t) => t.body === undefined)).toBe(true);
    // The rows inputs say their columns, so a script can fill them.
    const brief = list.find((t) => t.id === 'pre-visit-brief') as unknown as { inputs: { key: string; type: string; columns?: { key: string; required: boolean }[] }[] };
    expect(brief.inputs.find((i) => i.key === 'qa')).toMatchObject({ type: 'rows', columns: [{ key: 'question', required: true }, { key: 'answer', required: true }] });
    expect(brief.inputs.find((i) => i.key === 'programme')?.columns?.map((c) => c.key)).toEqual(['when', 'where', 'what']);
  });

  it('a team folder adds its templates and reports a broken one', () => {
    const run = briefwright('templates', '--workspace', team);
    expect(run.stdout).toMatch(/memo\s+Memo/);
  });
});
