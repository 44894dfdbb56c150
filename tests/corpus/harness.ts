// What every bad-input case needs: scratch folders, the `briefwright` command (as a child
// process, and in-process through the same `main`), and the two checks every case makes
// whatever it tried: the user sees no stack trace, and no file was written or damaged.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { chmodSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { lstat, mkdir, mkdtemp, readdir, readFile, readlink, rm, symlink, truncate, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from 'vitest';
import { main } from '../../src/cli/main';
import { validateSummary, validOutput } from './outcome';
export { ensureCliBuilt } from '../fixtures/cli';

export const repo = fileURLToPath(new URL('../../', import.meta.url));

/** The folders a case works in: what `{out}`, `{home}`, `{ws}` and `{root}` stand for in its data. */
export interface Folders {
  /** Where outputs go (`--out {out}/brief.pdf`). */
  out: string;
  /** The user's folder (BRIEFWRIGHT_HOME). */
  home: string;
  /** A workspace folder the case fills (`--workspace {ws}`). */
  ws: string;
  /** Their parent, for anything else (an --input file, a folder that is not a workspace). */
  root: string;
}

const made: string[] = [];

/** Fresh, empty folders for one case. */
export async function caseFolders(): Promise<Folders> {
  const root = await mkdtemp(join(tmpdir(), 'briefwright-corpus-'));
  made.push(root);
  const folders = { root, out: join(root, 'out'), home: join(root, 'home'), ws: join(root, 'ws') };
  for (const dir of [folders.out, folders.home, folders.ws]) await mkdir(dir);
  return folders;
}

/** Removes every folder `caseFolders` made (call in afterAll). */
export async function removeCaseFolders(): Promise<void> {
  for (const root of made.splice(0)) {
    await makeWritable(root);
    await rm(root, { recursive: true, force: true });
  }
}

/** `{out}/brief.pdf` → the case's path. */
export function fill(text: string, folders: Folders): string {
  return text.replace(/\{(out|home|ws|root)\}/g, (_, key: keyof Folders) => folders[key]);
}

/**
 * A file's content: text, bytes, a stand-in of a given size (written sparse, so 50 MB costs
 * nothing), a symbolic link to `link` (`{…}` filled in; relative to the link's folder unless
 * absolute), or a named pipe (`fifo`), which a reader that opens it would wait on for ever.
 */
export type Content = string | Uint8Array | { size: number } | { link: string } | { fifo: true };

/** Writes `files` (paths relative to `dir`, `{…}` filled in) below `dir`. */
export async function writeFiles(dir: string, files: Record<string, Content>, folders: Folders): Promise<void> {
  for (const [path, content] of Object.entries(files)) {
    const full = join(dir, fill(path, folders));
    await mkdir(dirname(full), { recursive: true });
    if (typeof content === 'string' || content instanceof Uint8Array) await writeFile(full, content);
    else if ('link' in content) await symlink(fill(content.link, folders), full);
    else if ('fifo' in content) {
      const made = spawnSync('mkfifo', [full]);
      if (made.status !== 0) throw new Error(`cannot make a named pipe at ${full}: ${made.stderr}`);
    } else {
      await writeFile(full, '');
      await truncate(full, content.size);
    }
  }
}

/** Every file and folder below each of `dirs`, with the sha256 of each file: equal snapshots mean nothing was written or changed. */
export async function snapshot(...dirs: string[]): Promise<Record<string, string>> {
  const entries: Record<string, string> = {};
  const walk = async (dir: string, shown: string): Promise<void> => {
    let names: string[];
    try {
      names = (await readdir(dir)).sort();
    } catch {
      entries[shown] = 'unreadable or missing';
      return;
    }
    for (const name of names) {
      const full = join(dir, name);
      const info = await lstat(full);
      if (info.isDirectory()) {
        entries[`${shown}/${name}/`] = 'folder';
        await walk(full, `${shown}/${name}`);
      } else if (info.isFile()) {
        const bytes = info.size > 64 * 1024 * 1024 ? `sparse ${info.size}` : createHash('sha256').update(await readFile(full)).digest('hex');
        entries[`${shown}/${name}`] = `${info.size} ${bytes}`;
      } else if (info.isSymbolicLink()) entries[`${shown}/${name}`] = `link to ${await readlink(full)}`;
      else entries[`${shown}/${name}`] = 'other';
    }
  };
  for (const dir of dirs) await walk(dir, dir);
  return entries;
}

/** What the user must never see: a stack trace, or the name of a JavaScript error class. */
export function expectNoStackTrace(text: string): void {
  expect(text, 'a stack trace reached the user').not.toMatch(/\n\s+at .+(:\d+:\d+|\(native\)|<anonymous>)/);
  expect(text, 'an error class name reached the user').not.toMatch(/\b(?:[A-Z][a-z]+)*Error\b|\bError:/);
}

export interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/**
 * What `validate --workspace` must say of a folder: exactly `problems`, in order (`{…}` filled
 * in), then its summary. Only warnings (`file: warning: …`): the folder is valid, with that many
 * warnings, exit 0. Any error: the count of each, exit 1. No problems: valid, nothing on stderr.
 */
export function expectValidated(problems: readonly string[], run: Run, folders: Folders): void {
  expectNoStackTrace(run.stderr);
  const warnings = problems.filter((p) => /^[^:]*(?::\d+)*: warning: /.test(p)).length;
  const errors = problems.length - warnings;
  const lines = run.stderr.split('\n');
  expect(lines.slice(0, problems.length)).toEqual(problems.map((p) => fill(p, folders)));
  const rest = lines.slice(problems.length).join('\n');
  if (errors === 0) {
    expect(rest).toBe('');
    expect(run.stdout).toMatch(validOutput);
    expect(run.stdout).toContain(warnings ? `; ${warnings} warning${warnings === 1 ? '' : 's'}.` : ' templates.');
    expect(run.code).toBe(0);
    return;
  }
  expect(rest).toMatch(validateSummary(errors, warnings));
  expect(run.stdout).toBe('');
  expect(run.code).toBe(1);
}

/** Runs `briefwright …args` through the command's own `main`, in this process (the user folder: `home`). */
export async function briefwrightInProcess(args: string[], home: string): Promise<Run> {
  let stdout = '';
  let stderr = '';
  const previous = process.env.BRIEFWRIGHT_HOME;
  process.env.BRIEFWRIGHT_HOME = home;
  try {
    const code = await main(args, { out: (t) => void (stdout += t), err: (t) => void (stderr += t) });
    return { code, stdout, stderr };
  } finally {
    if (previous === undefined) delete process.env.BRIEFWRIGHT_HOME;
    else process.env.BRIEFWRIGHT_HOME = previous;
  }
}

/** Runs the built command `node bin/briefwright.js …args` as a user does, in `cwd`. */
export function briefwrightProcess(args: string[], home: string, cwd = repo): Run {
  for (let attempt = 0; ; attempt++) {
    const result = spawnSync(process.execPath, [join(repo, 'bin', 'briefwright.js'), ...args], {
      cwd,
      encoding: 'utf8',
      env: { ...process.env, BRIEFWRIGHT_HOME: home, NO_COLOR: '1' },
      timeout: 60_000,
    });
    // Another test file may be rebuilding the bundle at this moment: wait for it, and run again.
    if (attempt < 5 && result.status === 2 && /is not built yet|Cannot find module '.*out[\\/]cli/.test(result.stderr)) {
      spawnSync(process.execPath, ['-e', 'setTimeout(() => {}, 1000)']);
      continue;
    }
    return { code: result.status, stdout: result.stdout, stderr: result.stderr };
  }
}

/**
 * A folder this process cannot create files in. A mode of 0o500 is enough for an ordinary user;
 * root writes through it, so there the folder is made immutable (`chattr +i`), and where that is
 * not allowed either, a folder of the kernel's that refuses new files (/sys) stands in.
 */
export async function unwritableFolder(folders: Folders): Promise<string> {
  const dir = join(folders.root, 'read-only');
  await mkdir(dir, { recursive: true });
  chmodSync(dir, 0o500);
  if (!canCreateFileIn(dir)) return dir;
  spawnSync('chattr', ['+i', dir]);
  if (!canCreateFileIn(dir)) return dir;
  spawnSync('chattr', ['-i', dir]);
  if (!canCreateFileIn('/sys')) return '/sys';
  throw new Error('no folder on this machine refuses new files to this user: cannot try an unwritable output folder');
}

function canCreateFileIn(dir: string): boolean {
  const probe = join(dir, `.probe-${process.pid}`);
  try {
    writeFileSync(probe, '');
  } catch {
    return false;
  }
  rmSync(probe);
  return true;
}

/** Undoes what `unwritableFolder` did below `root`, so the scratch folders can go. */
async function makeWritable(root: string): Promise<void> {
  const dir = join(root, 'read-only');
  try {
    statSync(dir);
  } catch {
    return;
  }
  spawnSync('chattr', ['-i', dir]);
  chmodSync(dir, 0o700);
}

/** A case that only looks odd: no message, exit 0, and exactly the brief expected at {out}/brief.md. */
export async function expectBriefWritten(run: Run, folders: Folders, writes: string): Promise<void> {
  expect(run.stderr).toBe('');
  expect(run.stdout).toMatch(/^Wrote .*brief\.md \(MD, /);
  expect(run.code).toBe(0);
  expect(await readFile(join(folders.out, 'brief.md'), 'utf8')).toBe(writes);
}
