// The bad-input corpus, what a workspace folder holds besides files (tests/corpus/folders.ts):
// each folder is checked with `briefwright validate --workspace`, through the command's own
// `main` (and, for a few, the built command in a child process), and must give exactly the
// problems expected — or be valid — with no stack trace, nothing from outside the folder shown,
// and no file written or changed.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { folderCases } from '../../corpus/folders';
import { briefwrightInProcess, briefwrightProcess, caseFolders, ensureCliBuilt, expectValidated, fill, removeCaseFolders, snapshot, writeFiles } from '../../corpus/harness';

beforeAll(() => ensureCliBuilt(), 120_000);
afterAll(removeCaseFolders);

describe('what a workspace folder holds besides files: links, pipes, device names', () => {
  it.each(folderCases.map((c) => [c.did, c] as const))('%s', async (_, c) => {
    const folders = await caseFolders();
    await writeFiles(folders.ws, c.files, folders);
    await writeFiles(folders.root, c.outside ?? {}, folders);
    const workspace = fill(c.workspace ?? '{ws}', folders);
    const before = await snapshot(folders.out, folders.home, folders.ws);

    const runs = [await briefwrightInProcess(['validate', '--workspace', workspace], folders.home)];
    if (c.process) runs.push(briefwrightProcess(['validate', '--workspace', workspace], folders.home));
    for (const run of runs) {
      expectValidated(c.problems, run, { ...folders, ws: workspace });
      expect(`${run.stdout}${run.stderr}`, 'something from outside the workspace folder was shown').not.toMatch(/SECRET-TOKEN|PATH=|root:x:0/);
    }

    expect(await snapshot(folders.out, folders.home, folders.ws)).toEqual(before);
  });
});
