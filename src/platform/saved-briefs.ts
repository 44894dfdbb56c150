// Saved briefs on disk (core/saved-brief.ts holds the format): the user's own in
// <userFolder>/briefs/, a team's in the `briefs/` of each extra workspace folder (opened, never
// written: saving one makes the user's own copy); the list of briefs recently opened or saved;
// and the working brief — the app's whole selection, kept in <userFolder>/session.json as the
// user works, so that a crash, a relaunch or a web host on a new port loses nothing. Every file
// is read by the user folder's rule for links and written atomically.
import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { BRIEF_EXTENSION } from '../core/saved-brief';
import { BriefError } from '../core/diagnostics';
import { entryInside, readFileInside, realFolder } from './inside-folder';
import { readText, writeText } from './user-templates';
import { decodeText } from './workspace-folder';

const SESSION_FILE = 'session.json';
const RECENT_FILE = 'recent-briefs.json';
const MAX_RECENT = 8;
/** A saved brief is a few kilobytes; a file far larger is not one. */
const MAX_BRIEF_BYTES = 2 * 1024 * 1024;

export interface BriefFile {
  path: string;
  /** The file's name without `.brief.yaml`. */
  name: string;
  /** "user", or the extra folder it is in. */
  layer: string;
  /** A team folder's brief is opened, never written. */
  readOnly: boolean;
  modified: string;
}

const userBriefPath = (folder: string, name: string): string => join(folder, 'briefs', `${name}${BRIEF_EXTENSION}`);

/** Every saved brief of the user's folder and the extra folders, the most recently changed first. */
export async function listBriefFiles(folder: string, extraFolders: readonly string[]): Promise<BriefFile[]> {
  const found: BriefFile[] = [];
  for (const [root, layer] of [[folder, 'user'] as const, ...extraFolders.map((f) => [f, f] as const)]) {
    const real = await realFolder(root);
    const place = layer === 'user' ? 'user folder' : 'workspace folder';
    // A `briefs` that is a link leading out of its folder is not looked in.
    const dir = await entryInside(real, join(root, 'briefs'), place);
    if (dir.kind !== 'folder') continue;
    let names: string[];
    try {
      names = await readdir(dir.path);
    } catch {
      continue;
    }
    for (const name of names.sort()) {
      // Temporary files of an atomic write start with "." and end otherwise.
      if (!name.endsWith(BRIEF_EXTENSION) || name.startsWith('.')) continue;
      const path = join(root, 'briefs', name);
      const entry = await entryInside(real, path, place);
      if (entry.kind !== 'file' || entry.size > MAX_BRIEF_BYTES) continue;
      const info = await stat(entry.path).catch(() => undefined);
      if (!info) continue;
      found.push({ path, name: name.slice(0, -BRIEF_EXTENSION.length), layer, readOnly: layer !== 'user', modified: info.mtime.toISOString() });
    }
  }
  return found.sort((a, b) => b.modified.localeCompare(a.modified) || a.path.localeCompare(b.path));
}

/** The text of a listed brief (by its folder's rule), or the sentence saying why it cannot be read. */
export async function readBriefFile(folder: string, file: BriefFile): Promise<string> {
  if (file.layer === 'user') return (await readText(folder, file.path)) ?? '';
  const read = await readFileInside(file.layer, file.path, 'workspace folder');
  if (read === undefined) return '';
  if ('problem' in read) throw new BriefError([{ severity: 'error', file: file.path, message: read.problem }]);
  const decoded = decodeText(read.bytes);
  if ('error' in decoded) throw new BriefError([{ severity: 'error', file: file.path, line: decoded.line, column: decoded.column, message: decoded.error }]);
  return decoded.text;
}

/** Writes a brief of the user's folder atomically (its `briefs/` folder created when missing). */
export async function writeBriefFile(folder: string, name: string, text: string): Promise<string> {
  const path = userBriefPath(folder, name);
  await writeText(folder, path, text);
  return path;
}

/** The briefs recently opened or saved, most recent first (paths); a damaged list is empty. */
export async function readRecentBriefs(folder: string): Promise<string[]> {
  const value = await readJson(folder, RECENT_FILE);
  return Array.isArray(value) ? value.filter((p): p is string => typeof p === 'string').slice(0, MAX_RECENT) : [];
}

export async function recordRecentBrief(folder: string, path: string): Promise<void> {
  const list = [path, ...(await readRecentBriefs(folder)).filter((p) => p !== path)].slice(0, MAX_RECENT);
  await writeText(folder, join(folder, RECENT_FILE), `${JSON.stringify(list, null, 2)}\n`);
}

/** The working brief as the app last kept it (its own shape, checked by the page); undefined when there is none or it is damaged. */
export async function readSession(folder: string): Promise<Record<string, unknown> | undefined> {
  const value = await readJson(folder, SESSION_FILE);
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}

export async function writeSession(folder: string, state: Record<string, unknown>): Promise<void> {
  await writeText(folder, join(folder, SESSION_FILE), `${JSON.stringify(state)}\n`);
}

async function readJson(folder: string, name: string): Promise<unknown> {
  try {
    const text = await readText(folder, join(folder, name));
    return text === undefined ? undefined : (JSON.parse(text) as unknown);
  } catch {
    return undefined;
  }
}
