// Writes a file so that it is either wholly there or not changed at all: the bytes go to a
// temporary file in the same folder, are flushed to disk, then renamed over the target. A
// process killed mid-write cannot remove its temporary file; the next write of the same target
// does (see `strayTemporaries`), so a crash leaves no lasting litter next to the user's file.
import { createHash, randomBytes } from 'node:crypto';
import { closeSync, fsyncSync, openSync, readdirSync, renameSync, rmSync, statSync, writeSync } from 'node:fs';
import { open, readdir, rename, rm, stat } from 'node:fs/promises';
import { hostname } from 'node:os';
import { basename, dirname, join } from 'node:path';

/** This machine, in temporary names: a process id means something only on the machine it runs on. */
const HOST = createHash('sha256').update(hostname()).digest('hex').slice(0, 6);
/** A temporary file this old is abandoned whoever wrote it: no export takes a day. */
const ABANDONED_MS = 24 * 60 * 60 * 1000;

/** What a temporary name adds to its target's: ".", ".", pid (up to 7 digits), "-", host, "-", 8 hex, ".partial". */
const ADDED_BYTES = 1 + 1 + 7 + 1 + 6 + 1 + 8 + 8;
/** The longest file name most file systems take, in bytes. */
const NAME_MAX = 255;

/**
 * The target's name as its temporary files carry it: cut short (on a character boundary) where
 * the whole would pass the file system's limit, so a long but legal name can still be written.
 */
function stem(path: string): string {
  const name = basename(path);
  const room = NAME_MAX - ADDED_BYTES;
  if (Buffer.byteLength(name) <= room) return name;
  let cut = '';
  for (const char of name) {
    if (Buffer.byteLength(cut + char) > room) break;
    cut += char;
  }
  return cut;
}

/** ".brief.pdf.4242-1a2b3c-9f8e7d6c.partial": hidden, named for its target, its process and its machine. */
const temporaryPath = (path: string): string => join(dirname(path), `.${stem(path)}.${process.pid}-${HOST}-${randomBytes(4).toString('hex')}.partial`);

/**
 * A file the user made read-only is not replaced behind their back (a rename would do it: the
 * folder's permissions decide, not the file's). Refused as the file system refuses a write.
 */
function refuseReadOnly(path: string, mode: number | undefined): void {
  if (mode === undefined || (mode & 0o222) !== 0) return;
  const error = new Error(`the file is read-only: ${path}`) as NodeJS.ErrnoException;
  error.code = 'EREADONLY';
  error.syscall = 'open';
  error.path = path;
  throw error;
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * Of the names in the target's folder, the temporary files of this target that no live writer
 * owns: those of a process of this machine that has ended, and any abandoned for a day (from
 * another machine sharing the folder, or from an older version's names). A writer still at work,
 * in this process or another, keeps its file.
 */
function strayTemporaries(path: string, names: readonly string[], age: (name: string) => number | undefined): string[] {
  const pattern = new RegExp(`^\\.${escapeRegExp(stem(path))}\\.(?:(\\d+)-([0-9a-f]{6})-[0-9a-f]{8}|[0-9a-f]{12})\\.partial$`);
  return names.filter((name) => {
    const match = pattern.exec(name);
    if (!match) return false;
    const [, pid, host] = match;
    if (host === HOST && Number(pid) === process.pid) return false;
    if (host === HOST && pid !== undefined && !isRunning(Number(pid))) return true;
    const ms = age(name);
    return ms !== undefined && ms > ABANDONED_MS;
  });
}

/** Whether process `pid` of this machine is running (as this user or another). */
export function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it runs, as another user.
    return (error as NodeJS.ErrnoException).code !== 'ESRCH';
  }
}

/** An error about the temporary file names the file the user asked for. */
function aboutTarget(error: unknown, temp: string, path: string): unknown {
  if (error && typeof error === 'object') {
    const e = error as NodeJS.ErrnoException;
    // A write or sync error carries no path at all.
    if (e.path === temp || (e.path === undefined && e.code !== undefined && e.syscall !== 'rename')) e.path = path;
    if (typeof e.message === 'string') e.message = e.message.split(temp).join(path);
  }
  return error;
}

/** `mode` is the new file's permissions; 0o600 keeps a secret to its owner (POSIX). */
export async function writeFileAtomic(path: string, bytes: Uint8Array, { mode = 0o644 }: { mode?: number } = {}): Promise<void> {
  refuseReadOnly(path, (await stat(path).catch(() => undefined))?.mode);
  const temp = temporaryPath(path);
  let handle;
  try {
    handle = await open(temp, 'wx', mode);
    await handle.writeFile(bytes);
    await handle.sync();
    await handle.close();
    handle = undefined;
    await rename(temp, path);
  } catch (error) {
    await handle?.close().catch(() => undefined);
    await rm(temp, { force: true }).catch(() => undefined);
    throw aboutTarget(error, temp, path);
  }
  await syncFolder(dirname(path));
  await sweep(path);
}

/** Makes the rename itself durable (POSIX); where a folder cannot be opened (Windows) the rename stands as it is. */
async function syncFolder(folder: string): Promise<void> {
  const handle = await open(folder, 'r').catch(() => undefined);
  await handle?.sync().catch(() => undefined);
  await handle?.close().catch(() => undefined);
}

/** Removes the stray temporary files of `path`. Clearing up never fails the write that succeeded. */
async function sweep(path: string): Promise<void> {
  const folder = dirname(path);
  const names = await readdir(folder).catch(() => [] as string[]);
  const ages = new Map<string, number>();
  const prefix = `.${stem(path)}.`;
  for (const name of names.filter((n) => n.startsWith(prefix) && n.endsWith('.partial'))) {
    const info = await stat(join(folder, name)).catch(() => undefined);
    if (info) ages.set(name, Date.now() - info.mtimeMs);
  }
  for (const name of strayTemporaries(path, names, (n) => ages.get(n))) await rm(join(folder, name), { force: true }).catch(() => undefined);
}

/** The same, synchronously: for the last write of a process that is about to quit (window bounds). */
export function writeFileAtomicSync(path: string, bytes: Uint8Array): void {
  refuseReadOnly(path, statSync(path, { throwIfNoEntry: false })?.mode);
  const temp = temporaryPath(path);
  let fd: number | undefined;
  try {
    fd = openSync(temp, 'wx', 0o644);
    let written = 0;
    while (written < bytes.length) written += writeSync(fd, bytes, written);
    fsyncSync(fd);
    closeSync(fd);
    fd = undefined;
    renameSync(temp, path);
  } catch (error) {
    if (fd !== undefined) closeSync(fd);
    rmSync(temp, { force: true });
    throw aboutTarget(error, temp, path);
  }
  try {
    const folder = dirname(path);
    const age = (name: string) => {
      try {
        return Date.now() - statSync(join(folder, name)).mtimeMs;
      } catch {
        return undefined;
      }
    };
    for (const name of strayTemporaries(path, readdirSync(folder), age)) rmSync(join(folder, name), { force: true });
  } catch {
    // Clearing up never fails the write that succeeded.
  }
}
