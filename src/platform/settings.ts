// The user's settings (<userFolder>/settings.json) and the list of recent exports
// (<userFolder>/recent.json). A damaged file never stops the app: each faulty setting falls back
// to its default and is reported; a damaged recent list is simply empty. Both are read by the
// user folder's rule for links (inside-folder.ts).
import { mkdir } from 'node:fs/promises';
import { isAbsolute, join } from 'node:path';
import { defaultSettings, settingsSchema, type ExportFormat, type Problem, type Settings } from '../shared/api';
import { isFormatId } from '../shared/formats';
import { writeFileAtomic } from './atomic-write';
import { readFileInside } from './inside-folder';
import { workspaceFolderProblem } from './workspace-folder';

const SETTINGS_FILE = 'settings.json';
const RECENT_FILE = 'recent.json';
/** How many exports the recent list keeps. */
const MAX_RECENT = 10;

export interface RecentExport {
  path: string;
  format: ExportFormat;
  at: string;
}

/** Reads settings.json: missing → the defaults; each invalid field → its default and a problem. */
export async function readSettings(folder: string): Promise<{ settings: Settings; problems: Problem[] }> {
  const file = join(folder, SETTINGS_FILE);
  const read = await readFileInside(folder, file, 'user folder');
  if (read === undefined) return { settings: { ...defaultSettings }, problems: [] };
  if ('problem' in read) return { settings: { ...defaultSettings }, problems: [{ severity: 'warning', file, message: `${read.problem}; the defaults are used` }] };
  const text = new TextDecoder().decode(read.bytes);
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    return {
      settings: { ...defaultSettings },
      problems: [{ severity: 'warning', file, line: 1, column: 1, message: `the settings file is not valid JSON (${detail}); the defaults are used` }],
    };
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    return { settings: { ...defaultSettings }, problems: [{ severity: 'warning', file, line: 1, column: 1, message: 'the settings file is not a JSON object; the defaults are used' }] };
  }
  const settings: Settings = { ...defaultSettings };
  const problems: Problem[] = [];
  const record = value as Record<string, unknown>;
  const fields = settingsSchema.shape;
  for (const [key, given] of Object.entries(record)) {
    if (!(key in fields)) {
      problems.push({ severity: 'warning', file, message: `unknown setting "${key}" is ignored` });
      continue;
    }
    const field = key as keyof Settings;
    const parsed = fields[field].safeParse(given);
    if (parsed.success) (settings as Record<keyof Settings, unknown>)[field] = parsed.data;
    else problems.push({ severity: 'warning', file, message: `setting "${key}": ${parsed.error.issues[0]?.message ?? 'invalid'}; the default is used` });
  }
  return { settings, problems };
}

/** Checks what a schema cannot: extra folders are absolute paths of existing folders. */
export async function checkSettings(settings: Settings): Promise<Problem[]> {
  const problems: Problem[] = [];
  for (const [index, folder] of settings.extraFolders.entries()) {
    const where = `extraFolders.${index}`;
    if (!isAbsolute(folder)) {
      problems.push({ severity: 'error', file: '', message: `${where}: "${folder}" is not an absolute path; give the folder's full path` });
      continue;
    }
    // The same test `--workspace` passes: a missing folder, a file, or a folder that holds no
    // workspace (the disk's root, a home folder) is refused before it is ever read.
    const problem = await workspaceFolderProblem(folder);
    if (problem) problems.push({ severity: 'error', file: '', message: `${where}: "${folder}": ${problem === 'workspace folder not found' ? 'the folder does not exist' : problem}` });
  }
  return problems;
}

export async function writeSettings(folder: string, settings: Settings): Promise<void> {
  await mkdir(folder, { recursive: true });
  await writeFileAtomic(join(folder, SETTINGS_FILE), new TextEncoder().encode(`${JSON.stringify(settings, null, 2)}\n`));
}

/** The recent exports, most recent first; an unreadable or damaged list is empty. */
export async function readRecent(folder: string): Promise<RecentExport[]> {
  const read = await readFileInside(folder, join(folder, RECENT_FILE), 'user folder');
  if (read === undefined || 'problem' in read) return [];
  try {
    const value: unknown = JSON.parse(new TextDecoder().decode(read.bytes));
    if (!Array.isArray(value)) return [];
    return value.filter(isRecentExport).slice(0, MAX_RECENT);
  } catch {
    return [];
  }
}

/** Puts `entry` first (once), keeping at most MAX_RECENT. */
export async function recordRecent(folder: string, entry: RecentExport): Promise<RecentExport[]> {
  const list = [entry, ...(await readRecent(folder)).filter((e) => e.path !== entry.path)].slice(0, MAX_RECENT);
  await mkdir(folder, { recursive: true });
  await writeFileAtomic(join(folder, RECENT_FILE), new TextEncoder().encode(`${JSON.stringify(list, null, 2)}\n`));
  return list;
}

function isRecentExport(value: unknown): value is RecentExport {
  if (value === null || typeof value !== 'object') return false;
  const v = value as Record<string, unknown>;
  return typeof v.path === 'string' && typeof v.at === 'string' && isFormatId(v.format);
}
