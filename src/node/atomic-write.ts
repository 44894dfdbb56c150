// Writes a file so that it is either wholly there or not changed at all: the bytes go to a
// temporary file in the same folder, are flushed to disk, then renamed over the target.
import { randomBytes } from 'node:crypto';
import { closeSync, fsyncSync, openSync, renameSync, rmSync, writeSync } from 'node:fs';
import { open, rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

const temporaryPath = (path: string): string => join(dirname(path), `.${basename(path)}.${randomBytes(6).toString('hex')}.partial`);

export async function writeFileAtomic(path: string, bytes: Uint8Array): Promise<void> {
  const temp = temporaryPath(path);
  let handle;
  try {
    handle = await open(temp, 'wx', 0o644);
    await handle.writeFile(bytes);
    await handle.sync();
    await handle.close();
    handle = undefined;
    await rename(temp, path);
  } catch (error) {
    await handle?.close().catch(() => undefined);
    await rm(temp, { force: true }).catch(() => undefined);
    throw error;
  }
}

/** The same, synchronously: for the last write of a process that is about to quit (window bounds). */
export function writeFileAtomicSync(path: string, bytes: Uint8Array): void {
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
    throw error;
  }
}
