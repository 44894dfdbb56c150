// The bad-input corpus, workspace files (tests/corpus/files.ts): each folder is checked with
// `briefwright validate --workspace`, through the command's own `main` (and, for a few, the built
// command in a child process), and must give exactly the problems expected — or be valid — with
// no stack trace and no file written or changed.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fileCases, type FileCase } from '../../corpus/files';
import {
  briefwrightInProcess,
  briefwrightProcess,
  caseFolders,
  ensureCliBuilt,
  expectNoStackTrace,
  fill,
  removeCaseFolders,
  snapshot,
  writeFiles,
  type Folders,
  type Run,
} from '../../corpus/harness';
import { validateSummary, validOutput } from '../../corpus/outcome';

beforeAll(() => ensureCliBuilt(), 120_000);
afterAll(removeCaseFolders);

function expectOutcome(c: FileCase, run: Run, folders: Folders): void {
  expectNoStackTrace(run.stderr);
  if (c.problems.length === 0) {
    expect(run.stderr).toBe('');
    expect(run.stdout).toMatch(validOutput);
    expect(run.code).toBe(0);
    return;
  }
  const lines = run.stderr.split('\n');
  const summary = `${lines.slice(c.problems.length).join('\n')}`;
  expect(lines.slice(0, c.problems.length)).toEqual(c.problems.map((p) => fill(p, folders)));
  expect(summary).toMatch(validateSummary(c.problems.length));
  expect(run.stdout).toBe('');
  expect(run.code).toBe(1);
}

describe('bad workspace files', () => {
  it.each(fileCases.map((c) => [c.did, c] as const))('%s', async (_, c) => {
    const folders = await caseFolders();
    await writeFiles(folders.ws, c.files, folders);
    const before = await snapshot(folders.out, folders.home, folders.ws);

    expectOutcome(c, await briefwrightInProcess(['validate', '--workspace', folders.ws], folders.home), folders);
    if (c.process) expectOutcome(c, briefwrightProcess(['validate', '--workspace', folders.ws], folders.home), folders);

    expect(await snapshot(folders.out, folders.home, folders.ws)).toEqual(before);
  });
});
