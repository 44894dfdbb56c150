// Reads workspace folders from disk for the Node hosts (CLI, Electron main, web host): the
// bundled workspace shipped with the app, the user's folder, and any extra folders. Core never
// touches the file system; this is the one place that turns folders into workspace layers.
import { readdir, readFile, stat } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Diagnostic } from '../core/diagnostics';
import { loadWorkspace, type Workspace, type WorkspaceFile, type WorkspaceLayer } from '../core/workspace/load';

/** The project folder: this file sits two levels down both in src/ and in the built out/. */
export const appRoot = fileURLToPath(new URL('../../', import.meta.url));

const WANTED = /\.(ya?ml|md|hbs)$/i;
const MAX_FILE_BYTES = 8 * 1024 * 1024;
const SKIP_DIRS = new Set(['node_modules', '.git']);

/** Where a user's own templates, facts and settings live. */
export function userFolder(env: NodeJS.ProcessEnv = process.env): string {
  if (env.BRIEFWRIGHT_HOME) return resolve(env.BRIEFWRIGHT_HOME);
  if (process.platform === 'win32' && env.APPDATA) return join(env.APPDATA, 'briefwright');
  if (process.platform === 'darwin') return join(homedir(), 'Library', 'Application Support', 'briefwright');
  return join(env.XDG_CONFIG_HOME || join(homedir(), '.config'), 'briefwright');
}

/** Reads every workspace file below `dir` into a layer; unreadable files become diagnostics. */
export async function readLayer(name: string, dir: string, display = dir): Promise<WorkspaceLayer> {
  const files: WorkspaceFile[] = [];
  const diagnostics: Diagnostic[] = [];
  const decoder = new TextDecoder('utf-8', { fatal: true });
  const walk = async (folder: string): Promise<void> => {
    let entries;
    try {
      entries = await readdir(folder, { withFileTypes: true });
    } catch (error) {
      diagnostics.push({ severity: 'error', file: displayPath(display, dir, folder), message: `cannot read this folder (${reason(error)})` });
      return;
    }
    for (const entry of entries.sort((a, b) => a.name.localeCompare(b.name))) {
      const full = join(folder, entry.name);
      if (entry.isDirectory()) {
        if (!SKIP_DIRS.has(entry.name) && !entry.name.startsWith('.')) await walk(full);
        continue;
      }
      if (!entry.isFile() || !WANTED.test(entry.name)) continue;
      const path = relative(dir, full).split(sep).join('/');
      const shown = displayPath(display, dir, full);
      try {
        const info = await stat(full);
        if (info.size > MAX_FILE_BYTES) {
          diagnostics.push({ severity: 'error', file: shown, message: `file is too large (${(info.size / 1048576).toFixed(1)} MB; the limit is 8 MB)` });
          continue;
        }
        const bytes = await readFile(full);
        let text: string;
        try {
          text = decoder.decode(bytes);
        } catch {
          diagnostics.push({ severity: 'error', file: shown, line: 1, column: 1, message: 'file is not UTF-8 text: save it as UTF-8' });
          continue;
        }
        files.push({ path, text: text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n'), display: shown });
      } catch (error) {
        diagnostics.push({ severity: 'error', file: shown, message: `cannot read this file (${reason(error)})` });
      }
    }
  };
  await walk(dir);
  return { name, root: display, files, diagnostics };
}

/** The bundled workspace: data/ plus the bundled templates/. */
export async function readBundledLayer(): Promise<WorkspaceLayer> {
  const data = await readLayer('bundled', join(appRoot, 'data'), 'data');
  const templates = await readLayer('bundled', join(appRoot, 'templates'), 'templates');
  return {
    name: 'bundled',
    root: 'data',
    files: [...data.files, ...templates.files.map((f) => ({ ...f, path: `templates/${f.path}` }))],
    diagnostics: [...(data.diagnostics ?? []), ...(templates.diagnostics ?? [])],
  };
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
    if (!(await isDirectory(dir))) {
      layers.push({ name: dir, root: dir, files: [], diagnostics: [{ severity: 'error', file: dir, message: 'workspace folder not found' }] });
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
  return rel ? `${display.replace(/\/$/, '')}/${rel}` : display;
}

function reason(error: unknown): string {
  const code = (error as NodeJS.ErrnoException)?.code;
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  if (code === 'ENOENT') return 'not found';
  return code ?? 'unreadable';
}
