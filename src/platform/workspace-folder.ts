// Reads workspace folders from disk for the Node hosts (CLI, Electron main, web host): the
// bundled workspace shipped with the app, the user's folder, and any extra folders. Core never
// touches the file system; this is the one place that turns folders into workspace layers.
import { readdir, stat } from 'node:fs/promises';
import { isAbsolute, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Diagnostic } from '../core/diagnostics';
import { entryInside, isInside, readEntry, realFolder, reasonOf, type Entry } from './inside-folder';
import { userFolder } from './user-folder';
import { assetsNamedBy } from '../core/workspace/letterhead';
import { REFERENCE_FILE, REFERENCE_MAX_BYTES } from '../core/workspace/reference-docx';
import { loadWorkspace, type LayerAsset, type Workspace, type WorkspaceFile, type WorkspaceLayer } from '../core/workspace/load';

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
const WORKSPACE_FILES = ['workspace.yaml', 'topics.yaml', 'indicators.yaml', 'entities.yaml', 'style.yaml'] as const;
const WORKSPACE_FOLDERS = ['facts', 'sources', 'templates'] as const;

export { userFolder };

/**
 * Reads the workspace files of folder `dir` into a layer; unreadable files become diagnostics.
 * Only what lies inside `dir` is read (inside-folder.ts); `place` names the folder when an
 * entry is not ("workspace folder", "user folder").
 */
export async function readLayer(name: string, dir: string, display = dir, place = 'workspace folder'): Promise<WorkspaceLayer> {
  const reader = await FolderReader.of(dir, display, place);
  for (const file of WORKSPACE_FILES) await reader.file(join(dir, file));
  for (const folder of WORKSPACE_FOLDERS) await reader.folder(join(dir, folder));
  const style = reader.files.find((f) => f.path === 'style.yaml');
  const assets = style ? await readAssets(dir, assetsNamedBy(style.text), place) : [];
  const reference = await readReference(dir, place);
  return {
    name,
    root: display,
    files: reader.files,
    diagnostics: reader.diagnostics,
    ...(assets.length > 0 ? { assets } : {}),
    ...(reference ? { reference } : {}),
  };
}

/** The folder's Word template, `reference.docx` at its top, when there is one: read as a logo is, by the folder's rule. */
async function readReference(dir: string, place: string): Promise<LayerAsset | undefined> {
  const entry = await entryInside(await realFolder(dir), join(dir, REFERENCE_FILE), place);
  if (entry.kind === 'missing') return undefined;
  const [asset] = await readAssets(dir, [{ path: REFERENCE_FILE, maxBytes: REFERENCE_MAX_BYTES }], place);
  return asset;
}

/**
 * The files a style.yaml names (its logo), by the folder's rule for links: only inside the
 * folder, and none larger than its limit. Core says what is wrong with one, at its line.
 */
async function readAssets(dir: string, named: readonly { path: string; maxBytes: number }[], place: string): Promise<LayerAsset[]> {
  const root = await realFolder(dir);
  const assets: LayerAsset[] = [];
  for (const { path, maxBytes } of named) {
    const full = resolve(dir, path);
    if (isAbsolute(path) || !isInside(resolve(dir), full)) {
      assets.push({ path, problem: `it is outside the ${place} (a path from the folder that holds style.yaml is wanted)` });
      continue;
    }
    const entry = await entryInside(root, full, place);
    if (entry.kind === 'missing') assets.push({ path, problem: `there is no such file in the ${place}` });
    else if (entry.kind === 'refused') assets.push({ path, problem: `it is ${entry.why.replace(/; not read$/, '')}` });
    else if (entry.kind === 'unreadable') assets.push({ path, problem: `cannot read this file (${entry.reason})` });
    else if (entry.kind === 'folder') assets.push({ path, problem: 'it is a folder, not a file' });
    else if (entry.size > maxBytes) {
      assets.push({ path, problem: `it is too large (${(entry.size / 1048576).toFixed(1)} MB; the limit is ${maxBytes / 1048576} MB)` });
    } else {
      try {
        assets.push({ path, bytes: new Uint8Array(await readEntry(entry)) });
      } catch (error) {
        assets.push({ path, problem: `cannot read this file (${reasonOf(error)})` });
      }
    }
  }
  return assets;
}

/** Reads files below a root, naming each by its path from the root (with '/') and for diagnostics by `display`. */
class FolderReader {
  readonly files: WorkspaceFile[] = [];
  readonly diagnostics: Diagnostic[] = [];
  private constructor(
    private readonly root: string,
    private readonly display: string,
    private readonly place: string,
    /** The root's real path: nothing outside it is read. */
    private readonly realRoot: string,
  ) {}

  static async of(root: string, display: string, place = 'workspace folder'): Promise<FolderReader> {
    return new FolderReader(root, display, place, await realFolder(root));
  }

  /**
   * Every workspace file below `folder`, if it is there. `within` holds the real paths of the
   * folders being walked (the root first): a link back to one of them is a loop, not followed.
   */
  async folder(folder: string, within: readonly string[] = [this.realRoot]): Promise<void> {
    const entry = await entryInside(this.realRoot, folder, this.place);
    if (entry.kind === 'missing') return;
    if (entry.kind === 'file') return; // a file named like a folder (facts) holds no workspace files
    if (entry.kind === 'unreadable') return this.problem(folder, `cannot read this folder (${entry.reason})`);
    if (entry.kind === 'refused') return this.warn(folder, entry.why);
    if (within.includes(entry.path)) return this.warn(folder, 'a link to a folder that holds it, which would lead round in a loop; not read');
    const walking = [...within, entry.path];
    let entries;
    try {
      entries = await readdir(folder, { withFileTypes: true });
    } catch (error) {
      this.problem(folder, `cannot read this folder (${reasonOf(error)})`);
      return;
    }
    for (const item of entries.sort((a, b) => a.name.localeCompare(b.name))) {
      const full = join(folder, item.name);
      const wanted = WANTED.test(item.name);
      const folderName = !SKIP_DIRS.has(item.name) && !item.name.startsWith('.');
      if (item.isDirectory()) {
        if (folderName) await this.folder(full, walking);
      } else if (item.isFile()) {
        if (wanted) await this.read(full);
      } else if (item.isSymbolicLink()) {
        const target = await entryInside(this.realRoot, full, this.place);
        if (target.kind === 'folder') {
          if (folderName) await this.folder(full, walking);
        } else if (target.kind === 'file') {
          if (wanted) await this.read(full);
        } else if (target.kind === 'refused') {
          // Passed over by its name as a file would be, unless it is (or may be) a folder.
          if (wanted || (folderName && target.mayBeFolder)) this.refuse(full, target);
        } else if (target.kind === 'unreadable') this.problem(full, `cannot read this file (${target.reason})`);
      } else if (wanted) {
        // A named pipe, socket or device named like a workspace file: said, never opened.
        const target = await entryInside(this.realRoot, full, this.place);
        if (target.kind === 'refused') this.refuse(full, target);
      }
    }
  }

  /** The file at `path`, if it is there. */
  async file(path: string): Promise<void> {
    const entry = await entryInside(this.realRoot, path, this.place);
    if (entry.kind === 'file') await this.read(path, entry);
    else if (entry.kind === 'refused') this.refuse(path, entry);
    else if (entry.kind === 'unreadable') this.problem(path, `cannot read this file (${entry.reason})`);
  }

  private async read(full: string, known?: Entry): Promise<void> {
    const entry = known ?? (await entryInside(this.realRoot, full, this.place));
    if (entry.kind === 'refused') return this.refuse(full, entry);
    if (entry.kind === 'unreadable') return this.problem(full, `cannot read this file (${entry.reason})`);
    if (entry.kind !== 'file') return;
    if (entry.size > MAX_FILE_BYTES) {
      this.problem(full, `file is too large (${(entry.size / 1048576).toFixed(1)} MB; the limit is ${MAX_FILE_BYTES / 1048576} MB): split it into smaller files`);
      return;
    }
    let bytes: Uint8Array;
    try {
      bytes = await readEntry(entry);
    } catch (error) {
      this.problem(full, `cannot read this file (${reasonOf(error)})`);
      return;
    }
    const decoded = decodeText(bytes);
    if ('error' in decoded) {
      this.diagnostics.push({ severity: 'error', file: this.shown(full), line: decoded.line, column: decoded.column, message: decoded.error });
      return;
    }
    this.files.push({ path: relative(this.root, full).split(sep).join('/'), text: decoded.text, display: this.shown(full) });
  }

  private shown(full: string): string {
    return displayPath(this.display, this.root, full);
  }

  private refuse(full: string, entry: Entry): void {
    if (entry.kind === 'refused') this.warn(full, entry.why);
    else if (entry.kind === 'unreadable') this.problem(full, `cannot read this file (${entry.reason})`);
  }

  private warn(full: string, message: string): void {
    this.diagnostics.push({ severity: 'warning', file: this.shown(full), message });
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
async function readBundledLayer(): Promise<WorkspaceLayer> {
  const data = await readLayer('bundled', join(appRoot, 'data'), 'data');
  const templates = await FolderReader.of(appRoot, '');
  await templates.folder(join(appRoot, 'templates'));
  return {
    name: 'bundled',
    root: 'data',
    files: [...data.files, ...templates.files],
    diagnostics: [...(data.diagnostics ?? []), ...templates.diagnostics],
    ...(data.assets ? { assets: data.assets } : {}),
    ...(data.reference ? { reference: data.reference } : {}),
  };
}

/**
 * Why `dir` cannot be a workspace folder layered on top (`--workspace DIR`, the settings' extra
 * folders), or undefined when it can: it must be a folder holding at least one of the workspace's files or folders.
 */
export async function workspaceFolderProblem(dir: string): Promise<string | undefined> {
  const info = await stat(dir).catch((error: unknown) => error as NodeJS.ErrnoException);
  if (info instanceof Error) return info.code === 'ENOENT' || info.code === 'ENOTDIR' ? 'workspace folder not found' : `cannot read this folder (${reasonOf(info)})`;
  if (!info.isDirectory()) return 'this is a file, not a workspace folder';
  for (const entry of [...WORKSPACE_FILES, ...WORKSPACE_FOLDERS, REFERENCE_FILE]) {
    if (await stat(join(dir, entry)).then(() => true, () => false)) return undefined;
  }
  return `not a workspace folder: it holds none of ${[...WORKSPACE_FOLDERS.map((f) => `${f}/`), ...WORKSPACE_FILES, REFERENCE_FILE].join(', ')}`;
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
    if (await isDirectory(folder)) layers.push(await readLayer('user', folder, folder, 'user folder'));
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
