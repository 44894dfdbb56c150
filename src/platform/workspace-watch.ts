// Follows, while a host runs, the files of the workspace's layers that shape papers: those the
// reader reads (workspace-folder.ts: the files at a layer's top, facts/, sources/, templates/),
// `reference.docx` at a layer's top, and the files a style.yaml names (its logo, its fonts). A
// change (an editor's save, a `git pull`) is reported once, after a quiet spell, so that a save
// that writes, renames and deletes, or a pull of many files, reads the workspace again once.
//
// Each folder is watched by itself (fs.watch, not recursive), walked by the reader's rule for
// links (inside-folder.ts): a link that leads outside the folder is not followed, so nothing is
// watched that the reader would not read. A folder that is missing, vanishes or cannot be
// watched costs only the following of that folder, with one line in the log; nothing throws.
import { watch, type FSWatcher } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import { basename, dirname, isAbsolute, join, resolve, sep } from 'node:path';
import { assetsNamedBy } from '../core/workspace/letterhead';
import { entryInside, isInside, readFileInside, realFolder, reasonOf } from './inside-folder';
import { decodeText } from './workspace-folder';

// The reader's layout (workspace-folder.ts WORKSPACE_FILES, WORKSPACE_FOLDERS, WANTED, SKIP_DIRS),
// which tests/integration/workspace-watch.test.ts holds these to: every file it reads is followed.
const LAYER_FILES = ['workspace.yaml', 'topics.yaml', 'indicators.yaml', 'entities.yaml', 'style.yaml', 'reference.docx'];
const LAYER_FOLDERS = ['facts', 'sources', 'templates'];
const WANTED = /\.(ya?ml|md|hbs)$/i;
const SKIP_DIRS = new Set(['node_modules', '.git']);

/** A folder to follow: what of it is read. */
export interface FollowedFolder {
  dir: string;
  /** Names at its top that are read. */
  files: readonly string[];
  /** Folders below it read whole. */
  folders: readonly string[];
  /** Its style.yaml names files to follow (a layer's root). */
  style: boolean;
  /** The folder in words, for the log ("user folder", "workspace folder"). */
  place: string;
}

/** A workspace layer's folder (bundled data/, the user folder, an extra folder): everything of it the reader reads. */
export function layerFolder(dir: string, place = 'workspace folder'): FollowedFolder {
  return { dir, files: LAYER_FILES, folders: LAYER_FOLDERS, style: true, place };
}

/** A folder of which only some subfolders are read (the bundled templates/ beside data/). */
export function foldersOf(dir: string, folders: readonly string[], place = 'workspace folder'): FollowedFolder {
  return { dir, files: [], folders, style: false, place };
}

export interface WatchOptions {
  /**
   * Called once the files have been quiet for `debounceMs` after a change (or after eight quiet
   * spells of changes that never pause); a change during the call brings one more call after it.
   */
  onChange: (changed: readonly string[]) => void | Promise<void>;
  /** The quiet spell, in milliseconds (default 250). */
  debounceMs?: number;
  /** One line for the log: a folder that cannot be followed, a failed reload. */
  log?: (line: string) => void;
  /** A change to this path calls for no `onChange` (the app's own write, which it has read again itself); what is watched still follows it. */
  ignore?: (path: string) => boolean;
}

export interface WorkspaceWatcher {
  /** Resolves once the folders are watched: a change after it is seen. */
  readonly ready: Promise<void>;
  /** Follows these folders from now on, in place of the earlier ones (the settings' extra folders changed). */
  follow(folders: readonly FollowedFolder[]): Promise<void>;
  close(): void;
}

/** What a watched directory reports: names it holds that are read, and whether any folder below it counts. */
interface Wanted {
  /** Names whose change counts whatever they are. */
  names: Set<string>;
  /** A new or removed folder here counts (and a file the reader reads, with `files`). */
  folders: boolean;
  files: boolean;
}

interface Watched {
  watcher: FSWatcher;
  wanted: Wanted;
}

const DEFAULT_DEBOUNCE_MS = 250;
/** Changes that never pause are followed at least once in this many quiet spells (2 s at the default). */
const MAX_WAIT_SPELLS = 8;

export function watchWorkspace(initial: readonly FollowedFolder[], options: WatchOptions): WorkspaceWatcher {
  const debounceMs = options.debounceMs ?? DEFAULT_DEBOUNCE_MS;
  const log = options.log ?? ((line: string) => process.stderr.write(`${line}\n`));
  const watched = new Map<string, Watched>();
  /** Folders already said in the log as not followed (once each, not on every change). */
  const told = new Set<string>();
  let targets = [...initial];
  let closed = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  /** When the first change not yet followed came. */
  let firstPending: number | undefined;
  let changed = new Set<string>();
  let running = false;
  let again = false;
  let planning: Promise<void> = Promise.resolve();

  const notice = (dir: string, why: string) => {
    if (told.has(dir)) return;
    told.add(dir);
    log(`briefwright: not following changes to ${dir} (${why}); its files are read again when Settings are saved or Validate runs`);
  };

  /** Watches exactly the directories the targets want, keeping those already watched. */
  function plan(): Promise<void> {
    planning = planning.then(async () => {
      if (closed) return;
      const wanted = new Map<string, Wanted>();
      for (const target of targets) {
        try {
          await planFolder(target, wanted);
        } catch (error) {
          notice(target.dir, reasonOf(error));
        }
      }
      if (closed) return;
      for (const [dir, entry] of watched) {
        if (!wanted.has(dir)) {
          entry.watcher.close();
          watched.delete(dir);
        }
      }
      for (const [dir, want] of wanted) {
        const current = watched.get(dir);
        if (current) current.wanted = want;
        else open(dir, want);
      }
    });
    return planning;
  }

  function open(dir: string, want: Wanted): void {
    let watcher: FSWatcher;
    try {
      // Not persistent: a host that forgets to close its watcher still exits.
      watcher = watch(dir, { persistent: false }, (_event, name) => void seen(dir, name === null ? null : String(name)));
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      notice(dir, code === 'ENOSPC' ? "the system's limit of watched folders is reached" : reasonOf(error));
      return;
    }
    told.delete(dir);
    watcher.on('error', (error) => {
      // The folder went away or can no longer be read: the next plan decides what to watch.
      watcher.close();
      if (watched.get(dir)?.watcher === watcher) watched.delete(dir);
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') notice(dir, reasonOf(error));
      schedule(dir);
    });
    watched.set(dir, { watcher, wanted: want });
  }

  /** A name changed in a watched directory: counted when the reader reads it (or may, a folder). */
  async function seen(dir: string, name: string | null): Promise<void> {
    if (closed) return;
    const entry = watched.get(dir);
    if (!entry) return;
    const path = name === null ? dir : join(dir, name);
    // The watched folder itself was removed or renamed away (Linux names it by its own name).
    if (name === basename(dir) && !(await isFolder(dir))) return schedule(dir);
    const want = entry.wanted;
    if (name === null || want.names.has(name) || (want.files && WANTED.test(name))) return schedule(path);
    if (want.folders && folderName(name) && (watched.has(path) || (await isFolder(path)))) schedule(path);
  }

  /** A change to `path` is followed after the quiet spell; an ignored one only updates what is watched (a folder it made). */
  function schedule(path: string): void {
    if (closed) return;
    if (!options.ignore?.(path)) changed.add(path);
    // Files written without a pause (a long git checkout, a tool saving in a loop) still reload
    // at least every few quiet spells, not only when the writing stops.
    firstPending ??= Date.now();
    clearTimeout(timer);
    const waited = Date.now() - firstPending;
    timer = setTimeout(() => void flush(), Math.max(0, Math.min(debounceMs, debounceMs * MAX_WAIT_SPELLS - waited)));
  }

  async function flush(): Promise<void> {
    if (running) {
      again = true;
      return;
    }
    running = true;
    firstPending = undefined;
    const paths = [...changed];
    changed = new Set();
    try {
      // Folders that appeared are watched before the workspace is read, so no change between is lost.
      await plan();
      if (!closed && paths.length > 0) await options.onChange(paths);
    } catch (error) {
      log(`briefwright: could not read the workspace again after a change (${error instanceof Error ? error.message.split('\n')[0] : String(error)})`);
    } finally {
      running = false;
      if (again && !closed) {
        again = false;
        clearTimeout(timer);
        timer = setTimeout(() => void flush(), debounceMs);
      }
    }
  }

  const ready = plan();
  return {
    ready,
    follow(folders) {
      targets = [...folders];
      return plan();
    },
    close() {
      closed = true;
      clearTimeout(timer);
      for (const entry of watched.values()) entry.watcher.close();
      watched.clear();
    },
  };
}

/** Adds the directories of `target` to watch, and what each must report. */
async function planFolder(target: FollowedFolder, wanted: Map<string, Wanted>): Promise<void> {
  const dir = resolve(target.dir);
  const want = (path: string): Wanted => {
    let entry = wanted.get(path);
    if (!entry) wanted.set(path, (entry = { names: new Set(), folders: false, files: false }));
    return entry;
  };
  const root = await realFolder(dir);
  const top = await entryInside(root, dir, target.place);
  if (top.kind !== 'folder') {
    // Not there (yet): its parent tells when it comes.
    if (top.kind === 'missing' && (await isFolder(dirname(dir)))) want(dirname(dir)).names.add(basename(dir));
    return;
  }
  const at = want(dir);
  for (const name of [...target.files, ...target.folders]) at.names.add(name);
  for (const folder of target.folders) await planTree(root, join(dir, folder), target.place, [root], want);
  if (target.style) await planStyleFiles(root, dir, target.place, want);
}

/** A folder the reader walks (facts/, …) and every folder below it that it would walk too. */
async function planTree(root: string, folder: string, place: string, within: readonly string[], want: (path: string) => Wanted): Promise<void> {
  const entry = await entryInside(root, folder, place);
  if (entry.kind !== 'folder' || within.includes(entry.path)) return;
  const here = want(folder);
  here.folders = true;
  here.files = true;
  let items;
  try {
    items = await readdir(folder, { withFileTypes: true });
  } catch {
    return;
  }
  for (const item of items) {
    const full = join(folder, item.name);
    if (item.isDirectory()) {
      if (folderName(item.name)) await planTree(root, full, place, [...within, entry.path], want);
    } else if (item.isSymbolicLink()) {
      const target = await entryInside(root, full, place);
      if (target.kind === 'folder' && folderName(item.name)) await planTree(root, full, place, [...within, entry.path], want);
      // A file linked from elsewhere in the folder changes where it really is.
      else if (target.kind === 'file' && WANTED.test(item.name)) want(dirname(target.path)).names.add(basename(target.path));
    }
  }
}

/** The folders on the way to each file the layer's style.yaml names, and the file itself. */
async function planStyleFiles(root: string, dir: string, place: string, want: (path: string) => Wanted): Promise<void> {
  const read = await readFileInside(dir, join(dir, 'style.yaml'), place);
  if (!read || !('bytes' in read)) return;
  const decoded = decodeText(read.bytes);
  if (!('text' in decoded)) return;
  for (const { path } of assetsNamedBy(decoded.text)) {
    const full = resolve(dir, path);
    if (isAbsolute(path) || !isInside(dir, full) || full === dir) continue;
    // Each step from the layer's top: a folder on the way that is replaced, or a link that comes to lead elsewhere, counts too.
    let folder = dir;
    for (const step of full.slice(dir.length + 1).split(sep)) {
      want(folder).names.add(step);
      const next = join(folder, step);
      const entry = await entryInside(root, next, place);
      if (entry.kind === 'file' && entry.path !== next) want(dirname(entry.path)).names.add(basename(entry.path));
      if (entry.kind !== 'folder') break;
      folder = next;
    }
  }
}

const folderName = (name: string) => !SKIP_DIRS.has(name) && !name.startsWith('.');

/** Whether `path` is a folder now (a link to one too: what is followed below it is the plan's to decide). */
async function isFolder(path: string): Promise<boolean> {
  return stat(path).then(
    (info) => info.isDirectory(),
    () => false,
  );
}
