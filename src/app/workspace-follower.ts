// Follows the workspace's files while a host runs (src/platform/workspace-watch.ts): when one
// that shapes papers changes on disk — a style.yaml, its logo, a fact file, a template — the
// workspace is read again the one way the API reads it again after Settings or Validate
// (context.ts `reload`), and the host tells its pages, which draw the preview and the fact list
// again. A change the app makes itself (a template saved from its editor) is not followed: the
// call that wrote it read the workspace again already, and its page redraws by itself.
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

/** The API's calls that write the user's templates/ and read the workspace again themselves. */
const OWN_WRITES = new Set<Channel>(['saveTemplate', 'duplicateTemplate', 'renameTemplate', 'deleteTemplate', 'restoreTemplate']);
/** How long after such a call its own changes may still be arriving from the file system. */
const OWN_WRITE_SETTLE_MS = 500;

/** `api`, following the workspace's files while it runs; closing it stops following. */
export function followWorkspace(
  api: Api,
  context: Pick<ApiContext, 'settings' | 'reload' | 'loaded'>,
  options: { userFolder: string; extraFolders?: readonly string[]; follow: FollowOptions },
): Api & { following: Promise<void> } {
  const { follow } = options;
  const userFolder = resolve(options.userFolder);
  const userTemplates = join(userFolder, 'templates');
  let writing = 0;
  let version = 0;

  const watcher = watchWorkspace([], {
    ...(follow.debounceMs !== undefined ? { debounceMs: follow.debounceMs } : {}),
    ...(follow.log ? { log: follow.log } : {}),
    ignore: (path) => writing > 0 && isInside(userTemplates, path),
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
      const own = OWN_WRITES.has(channel as Channel);
      if (own) writing++;
      try {
        const response = await api.handle(channel, payload, call);
        // The settings name the extra folders: follow the ones they name now.
        if (channel === 'saveSettings' && response.ok) await retarget();
        return response;
      } finally {
        if (own) setTimeout(() => writing--, OWN_WRITE_SETTLE_MS).unref();
      }
    },
    async close() {
      watcher.close();
      await api.close();
    },
  } as Api & { following: Promise<void> };
}
