// The user's own template files (<userFolder>/templates/<id>.hbs) and the autosaved drafts of
// templates being edited (<userFolder>/drafts/<id>.hbs): where they are, reading, writing
// (always atomically), removing, and rewriting the `id` and `name` lines of a front matter.
// Reading follows the user folder's rule for links (inside-folder.ts); so do writing and removing:
// a `templates/` or `drafts/` that is a link leading out of the user folder is never written or
// deleted through.
import { mkdir, readdir, realpath, rm, stat } from 'node:fs/promises';
import { dirname, join, relative } from 'node:path';
import { BriefError } from '../core/diagnostics';
import { splitFrontMatter } from '../shared/front-matter';
import { writeFileAtomic } from './atomic-write';
import { entryInside, isInside, readFileInside, realFolder } from './inside-folder';
import { decodeText } from './workspace-folder';

export const templatePath = (folder: string, id: string): string => join(folder, 'templates', `${id}.hbs`);
export const draftPath = (folder: string, id: string): string => join(folder, 'drafts', `${id}.hbs`);

export async function exists(path: string): Promise<boolean> {
  return stat(path).then((s) => s.isFile()).catch(() => false);
}

/** Writes a template or draft file of the user's `folder` atomically, creating its folder. */
export async function writeText(folder: string, path: string, text: string): Promise<void> {
  await requireInside(folder, path, 'save');
  await mkdir(dirname(path), { recursive: true });
  await writeFileAtomic(path, new TextEncoder().encode(text));
}

/**
 * Refuses a write or a removal that would land outside the user's `folder`: where the nearest
 * existing folder on the way to `path` really is decides where it lands.
 */
async function requireInside(folder: string, path: string, action: string): Promise<void> {
  const root = await realFolder(folder);
  for (let dir = dirname(path); ; dir = dirname(dir)) {
    const real = await realpath(dir).catch(() => undefined);
    if (real !== undefined) {
      if (isInside(root, real)) return;
      const name = relative(folder, dir) || dir;
      throw new BriefError([
        { severity: 'error', file: path, message: `cannot ${action} "${relative(folder, path)}": the folder "${name}" is a link to a place outside the user folder, and briefwright changes nothing outside it` },
      ]);
    }
    if (dirname(dir) === dir) return;
  }
}

/**
 * The text of `path`, a file of the user's `folder` (see decodeText); undefined when there is no
 * file. A file that is not UTF-8 is refused with where it stops being so; a link that leads out
 * of the folder, a pipe or a device is refused unread.
 */
export async function readText(folder: string, path: string): Promise<string | undefined> {
  const read = await readFileInside(folder, path, 'user folder');
  if (read === undefined) return undefined;
  if ('problem' in read) throw new BriefError([{ severity: 'error', file: path, message: read.problem }]);
  const decoded = decodeText(read.bytes);
  if ('error' in decoded) throw new BriefError([{ severity: 'error', file: path, line: decoded.line, column: decoded.column, message: decoded.error }]);
  return decoded.text;
}

/** Removes a template or draft file of the user's `folder`, if there is one. */
export async function remove(folder: string, path: string): Promise<void> {
  await requireInside(folder, path, 'remove');
  await rm(path, { force: true });
}

export interface Draft {
  text: string;
  savedAt: string;
}

export async function readDraft(folder: string, id: string): Promise<Draft | undefined> {
  const path = draftPath(folder, id);
  const text = await readText(folder, path);
  if (text === undefined) return undefined;
  return { text, savedAt: (await stat(path)).mtime.toISOString() };
}

/** Every draft, most recently saved first. */
export async function listDrafts(folder: string): Promise<{ id: string; savedAt: string }[]> {
  let names: string[];
  try {
    names = await readdir(join(folder, 'drafts'));
  } catch {
    return [];
  }
  const drafts: { id: string; savedAt: string }[] = [];
  const root = await realFolder(folder);
  for (const name of names) {
    const match = /^([a-z0-9]+(?:-[a-z0-9]+)*)\.hbs$/.exec(name);
    if (!match) continue; // temporary files of an atomic write start with "."
    // Only drafts that can be read back are offered (a link out of the folder is not).
    const entry = await entryInside(root, join(folder, 'drafts', name), 'user folder');
    const info = entry.kind === 'file' ? await stat(entry.path).catch(() => undefined) : undefined;
    if (info?.isFile()) drafts.push({ id: match[1]!, savedAt: info.mtime.toISOString() });
  }
  return drafts.sort((a, b) => b.savedAt.localeCompare(a.savedAt) || a.id.localeCompare(b.id));
}

/**
 * Sets a top-level `key: value` line of the front matter (replacing a value continued on
 * indented lines too), leaving every other line, comment and layout as it was. Undefined when
 * the front matter has no such line.
 */
export function setFrontMatterField(text: string, key: 'id' | 'name', value: string): string | undefined {
  const front = splitFrontMatter(text);
  if (!front) return undefined;
  // Up to the line's end, not its `\r`: a file with Windows line ends keeps them.
  const line = new RegExp(`^${key}[ \\t]*:[^\\r\\n]*(?:\\r?\\n[ \\t]+[^\\r\\n]*)*`, 'm');
  if (!line.test(front.yaml)) return undefined;
  const replaced = front.yaml.replace(line, () => `${key}: ${yamlScalar(value)}`);
  return `${text.slice(0, front.yamlStart)}${replaced}${text.slice(front.yamlEnd)}`;
}

/** A YAML scalar for `value`: plain when that reads back unchanged, else double-quoted (JSON is valid YAML). */
function yamlScalar(value: string): string {
  const plain = /^[A-Za-z0-9À-ɏЀ-ӿ(][^\n:#]*$/u.test(value) && !/\s$/.test(value) && !/^(true|false|null|yes|no|on|off|~)$/i.test(value);
  const looksNumeric = /^[-+]?(\d|\.\d)/.test(value);
  return plain && !looksNumeric ? value : JSON.stringify(value);
}
