// The bad-input corpus, workspace files (tests/corpus/files.ts): each folder is checked with
// `briefwright validate --workspace`, through the command's own `main` (and, for a few, the built
// command in a child process), and must give exactly the problems expected — or be valid — with
// no stack trace and no file written or changed.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fileCases } from '../../corpus/files';
import { briefwrightInProcess, briefwrightProcess, caseFolders, ensureCliBuilt, expectValidated, removeCaseFolders, snapshot, writeFiles } from '../../corpus/harness';

beforeAll(() => ensureCliBuilt(), 120_000);
afterAll(removeCaseFolders);

describe('bad workspace files', () => {
  it.each(fileCases.map((c) => [c.did, c] as const))('%s', async (_, c) => {
    const folders = await caseFolders();
    await writeFiles(folders.ws, c.files, folders);
    const before = await snapshot(folders.out, folders.home, folders.ws);

    expectValidated(c.problems, await briefwrightInProcess(['validate', '--workspace', folders.ws], folders.home), folders);
    if (c.process) expectValidated(c.problems, briefwrightProcess(['validate', '--workspace', folders.ws], folders.home), folders);

    expect(await snapshot(folders.out, folders.home, folders.ws)).toEqual(before);
  });
});
