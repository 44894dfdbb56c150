// The `briefwright facts` and `briefwright validate` commands, run as a user runs them: the
// built command in a child process, judged by its exit code, its output and its messages.
import { spawnSync } from 'node:child_process';
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureCliBuilt } from '../fixtures/cli';

const repo = fileURLToPath(new URL('../../', import.meta.url));
let home: string;
let scratch: string;

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}
const runs: Run[] = [];

/** Runs `node bin/briefwright.js …args` in the project folder, with an empty user folder. */
function briefwright(...args: string[]): Run {
  const result = spawnSync(process.execPath, ['bin/briefwright.js', ...args], {
    cwd: repo,
    encoding: 'utf8',
    env: { ...process.env, BRIEFWRIGHT_HOME: home, NO_COLOR: '1' },
    timeout: 30_000,
  });
  const run = { code: result.status, stdout: result.stdout, stderr: result.stderr };
  runs.push(run);
  return run;
}

beforeAll(async () => {
  ensureCliBuilt();
  home = await mkdtemp(join(tmpdir(), 'briefwright-home-'));
  scratch = await mkdtemp(join(tmpdir(), 'briefwright-cli-'));
});

afterAll(async () => {
  await rm(home, { recursive: true, force: true });
  await rm(scratch, { recursive: true, force: true });
});

describe('briefwright facts', () => {
  it('`facts --topics trade --from 2018 --to 2019` lists the 2018 trade turnover and not the 2023 one', () => {
    const run = briefwright('facts', '--topics', 'trade', '--from', '2018', '--to', '2019');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('trade-turnover-2018-zx');
    expect(run.stdout).toContain('$19.885 billion');
    expect(run.stdout).not.toContain('trade-turnover-2023');
    expect(run.stdout).not.toContain('$41 billion');
    expect(run.stdout).toMatch(/\n\d+ facts\n/);
  });

  it('marks facts whose year is inferred from an estimated source date', () => {
    const run = briefwright('facts', '--topics', 'trade', '--to', '2017');
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^2017\* +Trade turnover between Kazakhstan and China was \$18 billion/m);
    expect(run.stdout).toContain('* date inferred from an estimated source date');
  });

  it('`facts --json` prints the full records, source and evidence included', () => {
    const run = briefwright('facts', '--json');
    expect(run.code).toBe(0);
    const facts = JSON.parse(run.stdout) as Record<string, unknown>[];
    expect(facts.length).toBeGreaterThanOrEqual(80);
    for (const fact of facts) {
      expect(fact).toHaveProperty('source');
      expect(fact).toHaveProperty('evidence');
      expect(fact).toHaveProperty('statement');
    }
    expect(facts.find((f) => f.id === 'trade-turnover-2023')).toMatchObject({
      source: 'wang-yi-astana-2024',
      evidence: 'According to Foreign Minister Wang, last year’s trade turnover between the two countries reached $41 billion',
      kind: 'outcome',
      attribution: 'wang-yi',
      metric: { indicator: 'trade-turnover', value: 41_000_000_000, unit: 'USD', period: '2023' },
    });
  });

  it('`facts --search` finds text case- and quote-insensitively', () => {
    const run = briefwright('facts', '--search', "LAST YEAR'S TRADE", '--json');
    expect(run.code).toBe(0);
    expect((JSON.parse(run.stdout) as { id: string }[]).map((f) => f.id)).toContain('trade-turnover-2023');
  });

  it('`facts --entity wang-yi` finds what Wang Yi said', () => {
    const run = briefwright('facts', '--entity', 'wang-yi', '--json');
    const ids = (JSON.parse(run.stdout) as { id: string }[]).map((f) => f.id);
    expect(ids).toContain('trade-turnover-2023');
    expect(ids).not.toContain('trade-turnover-2018-zx');
  });

  it('an unknown topic exits 1 naming the known topics', () => {
    const run = briefwright('facts', '--topics', 'trad');
    expect(run.code).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain('unknown topic "trad"');
    expect(run.stderr).toMatch(/known: .*\btrade\b.*\btransport\b/);
  });

  it('`--from 2019-13-45` exits 1 with the reason', () => {
    const run = briefwright('facts', '--from', '2019-13-45');
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('"2019-13-45" is not a date: month 13 does not exist');
  });

  it('a range that ends before it starts exits 1', () => {
    const run = briefwright('facts', '--from', '2020', '--to', '2019');
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('the range ends (2019) before it starts (2020)');
  });

  it('an unknown flag exits 1 naming it', () => {
    const run = briefwright('facts', '--topic', 'trade');
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('--topic');
  });
});

describe('briefwright validate', () => {
  it('exits 0 on the bundled workspace', () => {
    const run = briefwright('validate');
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^Workspace "China–Kazakhstan relations" is valid: \d+ facts, 5 sources, 9 topics/);
    expect(run.stderr).toBe('');
  });

  it('`validate --workspace` with a broken facts file exits 1 with file:line:column and counts the other facts as loaded', async () => {
    const folder = join(scratch, 'team');
    await mkdir(join(folder, 'facts'), { recursive: true });
    await writeFile(
      join(folder, 'facts', 'broken.yaml'),
      '- id: team-note\n  statement: A note.\n  topics: [trade\n  kind: context\n  source: wang-yi-astana-2024\n  evidence: x\n',
    );
    await writeFile(
      join(folder, 'facts', 'good.yaml'),
      [
        '- id: team-trade-2023',
        '  statement: Trade reached $41 billion in 2023.',
        '  topics: [trade]',
        '  when: 2023',
        '  kind: outcome',
        '  source: wang-yi-astana-2024',
        '  evidence: "last year’s trade turnover between the two countries reached $41 billion"',
        '',
      ].join('\n'),
    );
    const bundled = briefwright('validate');
    const bundledFacts = Number(/(\d+) facts/.exec(bundled.stdout)![1]);

    const run = briefwright('validate', '--workspace', folder);
    expect(run.code).toBe(1);
    // The unclosed `[` on line 3, column 11, reported once, where it opens.
    expect(run.stderr).toContain(`${folder}/facts/broken.yaml:3:11: YAML: `);
    expect(run.stderr.match(/broken\.yaml/g)).toHaveLength(1);
    expect(run.stderr).toContain(`the workspace has 1 error (${bundledFacts + 1} facts, 5 sources`);
  });

  it('`validate --workspace` with a folder that does not exist exits 1 saying so', () => {
    const run = briefwright('validate', '--workspace', join(scratch, 'nowhere'));
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('workspace folder not found');
  });

  it('`facts` on a workspace with a problem still lists facts and warns once', async () => {
    const folder = join(scratch, 'one-bad-fact');
    await mkdir(join(folder, 'facts'), { recursive: true });
    await writeFile(join(folder, 'facts', 'bad.yaml'), '- id: bad\n  statement: x\n  topics: [trade]\n  kind: outcom\n  source: wang-yi-astana-2024\n  evidence: x\n');
    const run = briefwright('facts', '--topics', 'trade', '--workspace', folder);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('trade-turnover-2023');
    expect(run.stderr).toMatch(/^briefwright: warning: 1 problem in the workspace/);
  });
});

describe('messages', () => {
  it('no stack trace in any stderr', () => {
    expect(runs.length).toBeGreaterThan(5);
    for (const run of runs) expect(run.stderr).not.toMatch(/^ {4}at /m);
  });
});
