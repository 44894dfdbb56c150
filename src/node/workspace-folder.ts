// Reads workspace folders from disk for the Node hosts (CLI, Electron main, web host): the
// bundled workspace shipped with the app, the user's folder, and any extra folders. Core never
// touches the file system; this is the one place that turns folders into workspace layers.
import { readdir, readFile, stat } from 'node:fs/promises';
import { join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Diagnostic } from '../core/diagnostics';
import { userFolder } from './user-folder';
import { loadWorkspace, type Workspace, type WorkspaceFile, type WorkspaceLayer } from '../core/workspace/load';

/** The project folder: this file sits two levels down both in src/ and in the built out/. */
export const appRoot = fileURLToPath(new URL('../../', import.meta.url));

const WANTED = /\.(ya?ml|md|hbs)$/i;
const MAX_FILE_BYTES = 8 * 1024 * 1024;
const SKIP_DIRS = new Set(['node_modules', '.git']);

/**
 * What a workspace folder holds (data/README.md): these files at its top, and these folders.
 * Only they are read, so that naming a folder that is not a workspace (a home folder, `/`)
 * reads nothing else.
 */
export const WORKSPACE_FILES = ['workspace.yaml', 'topics.yaml', 'indicators.yaml', 'entities.yaml'] as const;
export const WORKSPACE_FOLDERS = ['facts', 'sources', 'templates'] as const;

export { userFolder };

/** Reads the workspace files of folder `dir` into a layer; unreadable files become diagnostics. */
export async function readLayer(name: string, dir: string, display = dir): Promise<WorkspaceLayer> {
  const reader = new FolderReader(dir, display);
  for (const file of WORKSPACE_FILES) await reader.file(join(dir, file));
  for (const folder of WORKSPACE_FOLDERS) await reader.folder(join(dir, folder));
  return { name, root: display, files: reader.files, diagnostics: reader.diagnostics };
}

/** Reads files below a root, naming each by its path from the root (with '/') and for diagnostics by `display`. */
class FolderReader {
  readonly files: WorkspaceFile[] = [];
  readonly diagnostics: Diagnostic[] = [];
  constructor(
    private readonly root: string,
    private readonly display: string,
  ) {}

  /** Every workspace file below `folder`, if it is there. */
  async folder(folder: string): Promise<void> {
    let entries;
    try {
      entries = await readdir(folder, { withFileTypes: true });
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code !== 'ENOENT' && code !== 'ENOTDIR') this.problem(folder, `cannot read this folder (${reason(error)})`);
      return;
    }
    for (const entry of entries.sort((a, b) => a.name.localeCompare(b.name))) {
      const full = join(folder, entry.name);
      if (entry.isDirectory()) {
        if (!SKIP_DIRS.has(entry.name) && !entry.name.startsWith('.')) await this.folder(full);
      } else if (entry.isFile() && WANTED.test(entry.name)) {
        await this.read(full);
      }
    }
  }

  /** The file at `path`, if it is there. */
  async file(path: string): Promise<void> {
    if (await stat(path).then((s) => s.isFile()).catch(() => false)) await this.read(path);
  }

  private async read(full: string): Promise<void> {
    try {
      const info = await stat(full);
      if (info.size > MAX_FILE_BYTES) {
        this.problem(full, `file is too large (${(info.size / 1048576).toFixed(1)} MB; the limit is ${MAX_FILE_BYTES / 1048576} MB): split it into smaller files`);
        return;
      }
      const decoded = decodeText(await readFile(full));
      if ('error' in decoded) {
        this.diagnostics.push({ severity: 'error', file: this.shown(full), line: decoded.line, column: decoded.column, message: decoded.error });
        return;
      }
      this.files.push({ path: relative(this.root, full).split(sep).join('/'), text: decoded.text, display: this.shown(full) });
    } catch (error) {
      this.problem(full, `cannot read this file (${reason(error)})`);
    }
  }

  private shown(full: string): string {
    return displayPath(this.display, this.root, full);
  }

  private problem(full: string, message: string): void {
    this.diagnostics.push({ severity: 'error', file: this.shown(full), message });
  }
}

/**
 * A workspace file's bytes as text: UTF-8, a byte-order mark dropped and line endings made
 * "\n". Anything else is an error that says where the first byte that is not UTF-8 stands.
 */
export function decodeText(bytes: Uint8Array): { text: string } | { error: string; line: number; column: number } {
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) {
    return { error: 'file is UTF-16 text (it starts with a UTF-16 byte-order mark): save it as UTF-8', line: 1, column: 1 };
  }
  try {
    const text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return { text: text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n') };
  } catch {
    const at = firstInvalidUtf8(bytes);
    const lineStart = bytes.lastIndexOf(0x0a, at - 1) + 1;
    let line = 1;
    for (let i = 0; i < lineStart; i++) if (bytes[i] === 0x0a) line++;
    const before = new TextDecoder('utf-8').decode(bytes.subarray(lineStart, at)).replace(/^\uFEFF/, '');
    const byte = bytes[at]!.toString(16).toUpperCase().padStart(2, '0');
    return {
      error: `file is not UTF-8 text (byte 0x${byte} here is not UTF-8; the file may be Latin-1 or Windows-1252): save it as UTF-8`,
      line,
      column: [...before].length + 1,
    };
  }
}

/** The offset of the first byte that does not begin a well-formed UTF-8 sequence. */
function firstInvalidUtf8(bytes: Uint8Array): number {
  const continuation = (at: number, low = 0x80, high = 0xbf) => at < bytes.length && bytes[at]! >= low && bytes[at]! <= high;
  for (let i = 0; i < bytes.length; ) {
    const b = bytes[i]!;
    if (b < 0x80) i += 1;
    else if (b >= 0xc2 && b <= 0xdf && continuation(i + 1)) i += 2;
    // E0 and ED, F0 and F4 narrow their second byte: no overlong forms, surrogates or code points past U+10FFFF.
    else if (b >= 0xe0 && b <= 0xef && continuation(i + 1, b === 0xe0 ? 0xa0 : 0x80, b === 0xed ? 0x9f : 0xbf) && continuation(i + 2)) i += 3;
    else if (b >= 0xf0 && b <= 0xf4 && continuation(i + 1, b === 0xf0 ? 0x90 : 0x80, b === 0xf4 ? 0x8f : 0xbf) && continuation(i + 2) && continuation(i + 3)) i += 4;
    else return i;
  }
  return Math.max(0, bytes.length - 1);
}

/** The bundled workspace: data/ plus the bundled templates/. */
export async function readBundledLayer(): Promise<WorkspaceLayer> {
  const data = await readLayer('bundled', join(appRoot, 'data'), 'data');
  const templates = new FolderReader(appRoot, '');
  await templates.folder(join(appRoot, 'templates'));
  return {
    name: 'bundled',
    root: 'data',
    files: [...data.files, ...templates.files],
    diagnostics: [...(data.diagnostics ?? []), ...templates.diagnostics],
  };
}

/**
 * Why `dir` cannot be a workspace folder layered on top (`--workspace DIR`, the settings' extra
 * folders), or undefined when it can: it must be a folder holding at least one of the workspace's files or folders.
 */
export async function workspaceFolderProblem(dir: string): Promise<string | undefined> {
  const info = await stat(dir).catch((error: unknown) => error as NodeJS.ErrnoException);
  if (info instanceof Error) return info.code === 'ENOENT' || info.code === 'ENOTDIR' ? 'workspace folder not found' : `cannot read this folder (${reason(info)})`;
  if (!info.isDirectory()) return 'this is a file, not a workspace folder';
  for (const entry of [...WORKSPACE_FILES, ...WORKSPACE_FOLDERS]) {
    if (await stat(join(dir, entry)).then(() => true, () => false)) return undefined;
  }
  return `not a workspace folder: it holds none of ${[...WORKSPACE_FOLDERS.map((f) => `${f}/`), ...WORKSPACE_FILES].join(', ')}`;
}

export interface OpenOptions {
  /** Extra folders layered on top (`--workspace DIR`), in order. */
  extra?: readonly string[];
  /** Include the user's folder (default true; tests turn it off). */
  user?: boolean;
  /** The user's folder, when not `userFolder()` (the app hosts are given theirs). */
  userFolder?: string;
}

/** Opens the layered workspace: bundled, then the user's folder if it exists, then `extra`. */
export async function openWorkspace(options: OpenOptions = {}): Promise<Workspace> {
  const layers = [await readBundledLayer()];
  if (options.user !== false) {
    const folder = options.userFolder ?? userFolder();
    if (await isDirectory(folder)) layers.push(await readLayer('user', folder));
  }
  for (const dir of options.extra ?? []) {
    const problem = await workspaceFolderProblem(dir);
    if (problem) {
      layers.push({ name: dir, root: dir, files: [], diagnostics: [{ severity: 'error', file: dir, message: problem }] });
      continue;
    }
    layers.push(await readLayer(dir, resolve(dir), dir));
  }
  return loadWorkspace(layers);
}

async function isDirectory(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isDirectory();
  } catch {
    return false;
  }
}

function displayPath(display: string, dir: string, full: string): string {
  const rel = relative(dir, full).split(sep).join('/');
  if (!display) return rel;
  return rel ? `${display.replace(/\/$/, '')}/${rel}` : display;
}

function reason(error: unknown): string {
  const code = (error as NodeJS.ErrnoException)?.code;
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  if (code === 'ENOENT') return 'not found';
  return code ?? 'unreadable';
}
