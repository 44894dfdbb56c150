// The bad-input corpus, command line (tests/corpus/cli.ts): each case runs the built command as
// a user does and must exit 1 with exactly the message expected, no stack trace, and every
// folder it could touch (output, user folder, workspace) exactly as it was.
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cliCases } from '../../corpus/cli';
import { briefwrightProcess, caseFolders, ensureCliBuilt, expectNoStackTrace, fill, removeCaseFolders, snapshot, unwritableFolder, writeFiles } from '../../corpus/harness';

beforeAll(() => ensureCliBuilt(), 120_000);
afterAll(removeCaseFolders);

describe('bad input on the command line', () => {
  it.each(cliCases.map((c) => [c.did, c] as const))('%s', async (_, c) => {
    const folders = await caseFolders();
    await writeFiles(folders.root, c.files ?? {}, folders);
    const ro = c.args.some((a) => a.includes('{ro}')) ? await unwritableFolder(folders) : '';
    const expand = (text: string) => fill(text, folders).replaceAll('{ro}', ro);
    const watched = [folders.out, folders.home, folders.ws, ...(ro && !ro.startsWith('/sys') ? [ro] : [])];
    const before = await snapshot(...watched);

    const run = briefwrightProcess(c.args.map(expand), folders.home, c.cwd ? join(folders.root, c.cwd) : undefined);

    expect(run.stdout).toBe('');
    if (typeof c.stderr === 'string') expect(run.stderr).toBe(expand(c.stderr));
    else expect(run.stderr).toMatch(c.stderr);
    expect(run.code).toBe(1);
    expectNoStackTrace(run.stderr);
    expect(await snapshot(...watched)).toEqual(before);
  });
});
