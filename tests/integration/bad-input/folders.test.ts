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

/** Links and named pipes are made with POSIX calls: on Windows they need rights a test does not have. */
const POSIX_ONLY = '(skipped: on Windows, making symbolic links and named pipes needs administrator rights)';
const needsPosix = (c: (typeof folderCases)[number]) => /"(link|fifo)":/.test(JSON.stringify([c.files, c.outside]));
const cases = folderCases.map((c) => {
  const skip = process.platform === 'win32' && needsPosix(c);
  return [skip ? `${c.did} ${POSIX_ONLY}` : c.did, c, skip] as const;
});

describe('what a workspace folder holds besides files: links, pipes, device names', () => {
  it.for(cases)('%s', async ([, c, posixOnly], context) => {
    if (posixOnly) context.skip(POSIX_ONLY);
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
