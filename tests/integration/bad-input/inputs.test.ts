// The bad-input corpus, template inputs (tests/corpus/inputs.ts): each case generates the team
// template `memo` over an earlier brief, through the command's own `main` (and, for a few, the
// built command), and must stop with exactly the message expected, no stack trace, and every
// folder as it was — or, for what is only unusual, write the brief expected.
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inputCases, memoTemplate, type InputCase } from '../../corpus/inputs';
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

beforeAll(() => ensureCliBuilt(), 120_000);
afterAll(removeCaseFolders);

const EARLIER = '# The brief from last week\n';

const args = (c: InputCase, folders: Folders) => [
  'generate',
  '--workspace',
  folders.ws,
  '--template',
  'memo',
  '--format',
  'md',
  '--out',
  join(folders.out, 'brief.md'),
  ...c.args.map((a) => fill(a, folders)),
];

async function expectOutcome(c: InputCase, run: Run, folders: Folders): Promise<void> {
  expectNoStackTrace(run.stderr);
  if (c.writes !== undefined) return expectBriefWritten(run, folders, c.writes);
  expect(run.stderr).toBe(fill(c.stderr!, folders));
  expect(run.stdout).toBe('');
  expect(run.code).toBe(1);
}

describe('bad template inputs', () => {
  it.each(inputCases.map((c) => [c.did, c] as const))('%s', async (_, c) => {
    const folders = await caseFolders();
    await writeFiles(folders.ws, { 'templates/memo.hbs': memoTemplate }, folders);
    await writeFiles(folders.root, c.files ?? {}, folders);
    await writeFiles(folders.out, { 'brief.md': EARLIER }, folders);
    const watched = [folders.home, folders.ws, ...(c.writes === undefined ? [folders.out] : [])];
    const before = await snapshot(...watched);

    await expectOutcome(c, await briefwrightInProcess(args(c, folders), folders.home), folders);
    if (c.process) await expectOutcome(c, briefwrightProcess(args(c, folders), folders.home), folders);

    expect(await snapshot(...watched)).toEqual(before);
  });
});
