// The bad-input corpus, templates (tests/corpus/templates.ts): each team folder's template is
// generated to Markdown over an earlier brief, through the command's own `main` (and, for a few,
// the built command), and must stop with exactly the lines expected, no stack trace, and the
// earlier brief, the user folder and the team folder as they were — or, for what only looks
// odd, write exactly the brief expected.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { templateCases, type TemplateCase } from '../../corpus/templates';
import {
  briefwrightInProcess,
  briefwrightProcess,
  caseFolders,
  ensureCliBuilt,
  expectBriefWritten,
  expectNoStackTrace,
  fill,
  removeCaseFolders,
  snapshot,
  writeFiles,
  type Folders,
  type Run,
} from '../../corpus/harness';
import { validateSummary } from '../../corpus/outcome';

beforeAll(() => ensureCliBuilt(), 120_000);
afterAll(removeCaseFolders);

const args = (c: TemplateCase, folders: Folders) =>
  c.validate
    ? ['validate', '--workspace', folders.ws]
    : ['generate', '--workspace', folders.ws, '--template', 't', '--format', 'md', '--out', `${folders.out}/brief.md`];

async function expectOutcome(c: TemplateCase, run: Run, folders: Folders): Promise<void> {
  expectNoStackTrace(run.stderr);
  if (c.writes !== undefined) return expectBriefWritten(run, folders, c.writes);
  const expected = c.stderr.map((line) => fill(line, folders));
  if (c.validate) {
    const lines = run.stderr.split('\n');
    expect(lines.slice(0, expected.length)).toEqual(expected);
    expect(lines.slice(expected.length).join('\n')).toMatch(validateSummary(expected.length));
  } else {
    expect(run.stderr).toBe(expected.map((line) => `${line}\n`).join(''));
  }
  expect(run.stdout).toBe('');
  expect(run.code).toBe(1);
}

describe('bad templates', () => {
  it.each(templateCases.map((c) => [c.did, c] as const))('%s', async (_, c) => {
    const folders = await caseFolders();
    await writeFiles(folders.ws, c.files, folders);
    await writeFiles(folders.out, { 'brief.md': '# The brief from last week\n' }, folders);
    const watched = [folders.home, folders.ws, ...(c.writes === undefined ? [folders.out] : [])];
    const before = await snapshot(...watched);

    await expectOutcome(c, await briefwrightInProcess(args(c, folders), folders.home), folders);
    if (c.process) await expectOutcome(c, briefwrightProcess(args(c, folders), folders.home), folders);

    expect(await snapshot(...watched)).toEqual(before);
  });
});
