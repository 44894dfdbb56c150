// The rule for what may be read below a folder the user named (a workspace folder, the user
// folder): only what lies inside it. A symbolic link is followed when it leads inside; a link
// that leads outside, to nothing or round in a loop, and anything that is neither a file nor a
// folder (a named pipe, a socket, a device), is not read and says why — never what it points
// to. The folder itself may be a link: the user chose it. Documented in data/README.md
// ("Symbolic links"); every reader of workspace and user-folder files asks here first.
import { constants } from 'node:fs';
import { lstat, readFile, realpath, stat } from 'node:fs/promises';
import type { Stats } from 'node:fs';
import { isAbsolute, relative, resolve, sep } from 'node:path';

/** What an entry below a folder is, under the rule. */
export type Entry =
  | { kind: 'missing' }
  /** `path` is where it really is (a link followed); `size` in bytes. */
  | { kind: 'file'; path: string; size: number }
  | { kind: 'folder'; path: string }
  /** Not read: `why` is the sentence a diagnostic gives. `mayBeFolder` when it is, or may have been meant as, a folder. */
  | { kind: 'refused'; why: string; mayBeFolder: boolean }
  /** The file system would not say (permission denied…): `reason` in words. */
  | { kind: 'unreadable'; reason: string };

/** The folder's real path, which every entry must lie inside (the folder may itself be a link). */
export async function realFolder(folder: string): Promise<string> {
  return realpath(folder).catch(() => resolve(folder));
}

/**
 * What `path` is, read by the rule against `root` (a `realFolder`): `place` names the folder in
 * the sentence a refusal gives ("workspace folder", "user folder"). Nothing is opened: a named
 * pipe would block whoever opened it.
 */
export async function entryInside(root: string, path: string, place: string): Promise<Entry> {
  let info: Stats;
  try {
    info = await lstat(path);
  } catch (error) {
    return missingOrUnreadable(error);
  }
  let real = path;
  if (info.isSymbolicLink()) {
    try {
      real = await realpath(path);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'ELOOP') return refused('a link that leads round in a loop; not read', true);
      if (code === 'ENOENT' || code === 'ENOTDIR') return refused('a link to nothing (what it points to does not exist); not read', true);
      return refused(`a link that cannot be followed (${reasonOf(error)}); not read`, true);
    }
    // Where it leads is looked at (stat opens nothing), never read: only whether it is a folder.
    const target = await stat(real).catch(() => undefined);
    if (!isInside(root, real)) return refused(`a link to a place outside the ${place}; not read`, target?.isDirectory() ?? true);
    if (!target) return refused('a link to nothing (what it points to does not exist); not read', true);
    info = target;
  }
  if (info.isFile()) return { kind: 'file', path: real, size: info.size };
  // A folder's real path, so that a walk can tell a link back to a folder it is in (a loop).
  if (info.isDirectory()) return { kind: 'folder', path: real === path ? await realpath(path).catch(() => path) : real };
  return refused(`${specialKind(info)}, not a file or a folder; not read`, false);
}

/**
 * The bytes of a file `entryInside` found. Opened so that it cannot block: had a named pipe
 * taken the file's place since, reading it fails at once instead of waiting for a writer.
 */
export async function readEntry(entry: { path: string }): Promise<Buffer> {
  return readFile(entry.path, { flag: constants.O_RDONLY | (constants.O_NONBLOCK ?? 0) });
}

/**
 * The bytes of one file of `folder` (not yet a `realFolder`) by the rule: undefined when there is
 * no such file; `problem` is the sentence to give the user when it is not read.
 */
export async function readFileInside(folder: string, path: string, place: string): Promise<{ bytes: Uint8Array } | { problem: string } | undefined> {
  const entry = await entryInside(await realFolder(folder), path, place);
  if (entry.kind === 'missing') return undefined;
  if (entry.kind === 'refused') return { problem: entry.why };
  if (entry.kind === 'unreadable') return { problem: `cannot read this file (${entry.reason})` };
  if (entry.kind === 'folder') return { problem: 'a folder, not a file; not read' };
  try {
    return { bytes: await readEntry(entry) };
  } catch (error) {
    return { problem: `cannot read this file (${reasonOf(error)})` };
  }
}

/** Whether `path` (a real path) is `root` or below it. */
export function isInside(root: string, path: string): boolean {
  const rel = relative(root, path);
  return rel === '' || (!isAbsolute(rel) && rel !== '..' && !rel.startsWith(`..${sep}`));
}

/** A file system error in words, for "cannot read this file (…)". */
export function reasonOf(error: unknown): string {
  const code = (error as NodeJS.ErrnoException)?.code;
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  if (code === 'ENOENT') return 'not found';
  return code ?? 'unreadable';
}

function refused(why: string, mayBeFolder: boolean): Entry {
  return { kind: 'refused', why, mayBeFolder };
}

function missingOrUnreadable(error: unknown): Entry {
  const code = (error as NodeJS.ErrnoException).code;
  return code === 'ENOENT' || code === 'ENOTDIR' ? { kind: 'missing' } : { kind: 'unreadable', reason: reasonOf(error) };
}

function specialKind(info: Stats): string {
  if (info.isFIFO()) return 'a named pipe (FIFO)';
  if (info.isSocket()) return 'a socket';
  if (info.isCharacterDevice() || info.isBlockDevice()) return 'a device';
  return 'something unusual';
}
