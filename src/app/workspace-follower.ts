// Follows the workspace's files while a host runs (src/platform/workspace-watch.ts): when one
// that shapes papers changes on disk — a style.yaml, its logo, a fact file, a template — the
// workspace is read again the one way the API reads it again after Settings or Validate
// (context.ts `reload`), and the host tells its pages, which draw the preview and the fact list
// again. A change the app makes itself (a template saved from its editor) is not followed: the
// call that wrote it read the workspace again already, and its page redraws by itself.
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Channel } from '../shared/api';
import { isInside } from '../platform/inside-folder';
import { appRoot } from '../platform/workspace-folder';
import { foldersOf, layerFolder, watchWorkspace, type FollowedFolder } from '../platform/workspace-watch';
import type { Api } from './api';
import type { ApiContext } from './handlers/context';

export interface FollowOptions {
  /** Tells the host's pages that the workspace was read again; `version` counts the times since the host started. */
  changed: (version: number) => void;
  /** Follow the bundled workspace too (data/ and templates/: a development build, where they are edited; never inside an installed app). */
  bundled?: boolean;
  /** One line for the host's log. */
  log?: (line: string) => void;
  /** The quiet spell after a change before the workspace is read again (workspace-watch.ts's default when absent). */
  debounceMs?: number;
}

/** The API's calls that write a template of the user's templates/ and read the workspace again themselves. */
const OWN_WRITES = new Set<Channel>(['saveTemplate', 'duplicateTemplate', 'renameTemplate', 'deleteTemplate', 'restoreTemplate']);
/** How long after such a call its own changes may still be arriving from the file system. */
const OWN_WRITE_SETTLE_MS = 500;

/** A template file a call of the app's own is writing: while it runs, and after, as long as the file holds what the call left (`left`, null: no file). */
interface OwnWrite {
  calls: number;
  left?: string | null;
}

/** The text of a file now, or null when there is none. */
function textNow(path: string): string | null {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return null;
  }
}

/** `api`, following the workspace's files while it runs; closing it stops following. */
export function followWorkspace(
  api: Api,
  context: Pick<ApiContext, 'settings' | 'reload' | 'loaded'>,
  options: { userFolder: string; extraFolders?: readonly string[]; follow: FollowOptions },
): Api & { following: Promise<void> } {
  const { follow } = options;
  const userFolder = resolve(options.userFolder);
  const userTemplates = join(userFolder, 'templates');
  /** The template files of the user's a call names by id (`id`, a duplicate's `newId`). */
  const templatePaths = (value: unknown): string[] => {
    if (typeof value !== 'object' || value === null) return [];
    const ids = ['id', 'newId'].map((key) => (value as Record<string, unknown>)[key]).filter((id): id is string => typeof id === 'string' && /^[a-z0-9][a-z0-9-]*$/i.test(id));
    return ids.map((id) => join(userTemplates, `${id}.hbs`));
  };
  let version = 0;
  // A change to a template the app is writing is its own while the call runs, and after it only
  // while the file holds what the call left: an edit from outside just after (a git pull right
  // after a duplicate) is followed, not taken for the app's own.
  const ownWrites = new Map<string, OwnWrite>();
  const isOwn = (path: string): boolean => {
    const own = ownWrites.get(path);
    if (!own) return false;
    return own.left === undefined || textNow(path) === own.left;
  };

  const watcher = watchWorkspace([], {
    ...(follow.debounceMs !== undefined ? { debounceMs: follow.debounceMs } : {}),
    ...(follow.log ? { log: follow.log } : {}),
    ignore: (path) => isInside(userTemplates, path) && isOwn(path),
    onChange: async () => {
      context.reload();
      await context.loaded();
      follow.changed(++version);
    },
  });

  const folders = async (): Promise<FollowedFolder[]> => {
    const { settings } = await context.settings();
    return [
      ...(follow.bundled ? [layerFolder(join(appRoot, 'data'), 'bundled workspace'), foldersOf(appRoot, ['templates'], 'bundled workspace')] : []),
      layerFolder(userFolder, 'user folder'),
      ...[...(options.extraFolders ?? []), ...settings.extraFolders].map((dir) => layerFolder(resolve(dir))),
    ];
  };
  const retarget = () =>
    folders().then(
      (list) => watcher.follow(list),
      (error: unknown) => follow.log?.(`briefwright: not following the workspace's files (${error instanceof Error ? error.message : String(error)})`),
    );

  const following = retarget();
  return {
    following,
    async handle(channel: string, payload: unknown, call?: Parameters<Api['handle']>[2]) {
      const paths = OWN_WRITES.has(channel as Channel) ? templatePaths(payload) : [];
      const begin = (path: string): void => {
        const own = ownWrites.get(path) ?? { calls: 0 };
        own.calls++;
        delete own.left;
        ownWrites.set(path, own);
      };
      paths.forEach(begin);
      try {
        const response = await api.handle(channel, payload, call);
        // A duplicate without a given id names its file only in its answer.
        const made = channel === 'duplicateTemplate' && response.ok ? templatePaths(response.result) : [];
        made.filter((path) => !paths.includes(path)).forEach((path) => (begin(path), paths.push(path)));
        // The settings name the extra folders: follow the ones they name now.
        if (channel === 'saveSettings' && response.ok) await retarget();
        return response;
      } finally {
        for (const path of paths) {
          const own = ownWrites.get(path)!;
          own.left = textNow(path);
          setTimeout(() => {
            if (--own.calls === 0) ownWrites.delete(path);
          }, OWN_WRITE_SETTLE_MS).unref();
        }
      }
    },
    async close() {
      watcher.close();
      await api.close();
    },
  } as Api & { following: Promise<void> };
}
