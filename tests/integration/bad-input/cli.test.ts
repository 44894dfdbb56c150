// The bad-input corpus, command line (tests/corpus/cli.ts): each case runs the built command as
// a user does and must exit 1 with exactly the message expected (or, for a listing that shows
// hostile data escaped, exit 0 with exactly the listing expected), no stack trace, and every
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

    if (c.stdout === undefined) expect(run.stdout).toBe('');
    else if (typeof c.stdout === 'string') expect(run.stdout).toBe(expand(c.stdout));
    else expect(run.stdout).toMatch(c.stdout);
    if (typeof c.stderr === 'string') expect(run.stderr).toBe(expand(c.stderr));
    else expect(run.stderr).toMatch(c.stderr);
    expect(run.code).toBe(c.stdout === undefined ? 1 : 0);
    // Nothing a terminal acts on: no C0 control but a line break, no DEL, C1 control or bidi control.
    expect(run.stdout + run.stderr).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/);
    expectNoStackTrace(run.stderr);
    expect(await snapshot(...watched)).toEqual(before);
  });
});
