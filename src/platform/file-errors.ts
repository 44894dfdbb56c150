// What a failed file operation means to the user: the file system's error codes in words, so
// that a folder that cannot be written or a full disk is a problem the user can fix, not an
// internal fault. Shared by the API (export, templates, drafts) and the CLI (--out).

const REASONS: Record<string, string> = {
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  EROFS: 'the disk is read-only',
  ENOSPC: 'the disk is full',
  EDQUOT: 'the disk quota is used up',
  ENOENT: 'the folder does not exist',
  ENOTDIR: 'a part of the path is not a folder',
  EISDIR: 'it is a folder',
  ENAMETOOLONG: 'the name is too long',
  EEXIST: 'a file of that name is in the way',
  // Ours (atomic-write.ts): the target exists and its owner made it read-only.
  EREADONLY: 'the file is read-only',
};

export interface FileFailure {
  /** "write" or "use". */
  action: string;
  /** The file the user meant (for an atomic write, not its temporary file). */
  file: string;
  reason: string;
}

/** A file system error in the user's words, or undefined when it is not one the user can fix. */
export function fileFailure(error: unknown): FileFailure | undefined {
  const e = error as NodeJS.ErrnoException & { dest?: string };
  const reason = e && typeof e.code === 'string' ? REASONS[e.code] : undefined;
  if (!reason) return undefined;
  // An atomic write may fail on its temporary file (".brief.pdf.<writer>.partial"): name the file meant.
  const file = ((e.syscall === 'rename' ? e.dest : e.path) ?? '').replace(/([\\/])\.([^\\/]+)\.(?:\d+-[0-9a-f]{6}-[0-9a-f]{8}|[0-9a-f]{12})\.partial$/, '$1$2');
  const action = e.syscall === 'open' || e.syscall === 'rename' || e.syscall === 'write' ? 'write' : 'use';
  return { action, file, reason };
}
