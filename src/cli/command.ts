// What every `briefwright` command shares: its output, the user error that ends it with exit 1,
// its flags read into one plain sentence when they are wrong, the workspace of `--workspace`,
// and the reading of a small text file the user names (an inputs file, a saved brief).
import { readFile, stat } from 'node:fs/promises';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { BriefError } from '../core/diagnostics';
import { parseDate } from '../core/facts/dates';
import { quote } from '../core/quote';
import { didYouMean } from '../core/suggest';
import type { Workspace } from '../core/workspace/load';
import { fileFailure } from '../platform/file-errors';
import { decodeText, openWorkspace, workspaceFolderProblem } from '../platform/workspace-folder';

export class UsageError extends Error {}

export interface Io {
  out: (text: string) => void;
  err: (text: string) => void;
  /**
   * Whether the user has stopped the command (the resident process's client was interrupted):
   * a paper is then not written, as a cold command stopped with Ctrl-C writes none.
   */
  stopped?: () => boolean | Promise<boolean>;
}

/** The exit status of a command stopped by the user (SIGINT's, as a shell reports it). */
export const STOPPED = 130;

/** node:util parseArgs, with its errors turned into one plain sentence; no value without its flag. */
export function parseFlags<T extends NonNullable<ParseArgsConfig['options']>>(args: string[], options: T) {
  return parseCommandLine(args, options, false).values;
}

/** parseFlags for a command that also takes values of its own (`generate BRIEF.brief.yaml`). */
export function parseCommandLine<T extends NonNullable<ParseArgsConfig['options']>>(args: string[], options: T, allowPositionals = true) {
  try {
    return parseArgs({ args, options, allowPositionals, strict: true });
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    throw new UsageError(
      message
        .replace(/^Unknown option '(.+?)'.*$/s, 'unknown flag $1')
        .replace(/^Option '(-[^' ]+)(?: <value>)?' argument missing.*$/s, '$1 needs a value')
        .replace(/^Unexpected argument '(.*)'.*$/s, 'unexpected argument "$1": every value follows its flag (--template ID, --out FILE, …)')
        .replace(/\. To specify a positional.*$/s, ''),
    );
  }
}

export const listFlag = (value: string | undefined): string[] =>
  value ? value.split(',').map((v) => v.trim()).filter(Boolean) : [];

export function requireKnown(kind: string, ids: readonly string[], known: Map<string, unknown>): void {
  for (const id of ids) {
    if (known.has(id)) continue;
    // A short vocabulary is listed; a long one would bury the message.
    const hint = known.size <= 20 ? ` (known: ${[...known.keys()].join(', ')})` : didYouMean(id, known.keys()) || ` (none of the ${known.size} known)`;
    throw new UsageError(`unknown ${kind} ${quote(id)}${hint}`);
  }
}

/** A DATE flag that is not a date is a bad flag, named as such. */
export function checkDateFlags(flags: { from?: string; to?: string }): void {
  for (const name of ['from', 'to'] as const) {
    const value = flags[name];
    if (value === undefined) continue;
    const parsed = parseDate(value);
    if ('error' in parsed) throw new UsageError(`--${name}: ${parsed.error}`);
  }
}

/** The workspace with the folders of `--workspace` on top; a folder that is not there, or not a workspace, is a bad flag. */
export async function openWorkspaceFlag(folders: readonly string[] | undefined): Promise<Workspace> {
  for (const folder of folders ?? []) {
    const problem = await workspaceFolderProblem(folder);
    if (problem) throw new UsageError(`--workspace "${folder}": ${problem}`);
  }
  return openWorkspace({ extra: folders ?? [] });
}

/** Warns once on stderr when the workspace has problems, so output stays usable but honest. */
export function reportWorkspaceProblems(workspace: Workspace, io: Io): void {
  const errors = workspace.diagnostics.filter((d) => d.severity === 'error').length;
  if (errors > 0) {
    io.err(`briefwright: warning: ${errors} problem${errors === 1 ? '' : 's'} in the workspace; the affected records are left out (run "briefwright validate" for details)\n`);
  }
}

/** How the messages about a small file the user names call it. */
export interface NamedFile {
  /** Before its path: `--input`, `the saved brief`. */
  name: string;
  /** After "cannot read": `--input file`, `the saved brief`. */
  reading: string;
  /** What to name instead of a folder: `a YAML file`. */
  expected: string;
  /** What it is too large for: `an inputs file`. */
  kind: string;
  /** The most bytes such a file can sensibly hold. */
  maxBytes: number;
}

/**
 * The text of a small file the user names: one that is not there, is a folder, is too large or
 * cannot be read is a user error in one sentence; one that is not UTF-8 is named at its line and
 * column.
 */
export async function readNamedTextFile(path: string, file: NamedFile): Promise<string> {
  let bytes: Uint8Array;
  try {
    const info = await stat(path);
    if (info.isDirectory()) throw new UsageError(`${file.name} "${path}" is a folder: name ${file.expected}`);
    if (!info.isFile()) throw new UsageError(`${file.name} "${path}" is not a file (a named pipe or a device?): name ${file.expected}`);
    if (info.size > file.maxBytes) {
      throw new UsageError(`${file.name} "${path}" is too large for ${file.kind} (${(info.size / 1048576).toFixed(1)} MB; the limit is ${file.maxBytes / 1048576} MB)`);
    }
    bytes = await readFile(path);
  } catch (error) {
    if (error instanceof UsageError) throw error;
    const why = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (fileFailure(error)?.reason ?? 'unreadable');
    throw new UsageError(`cannot read ${file.reading} "${path}" (${why})`);
  }
  const decoded = decodeText(bytes);
  if ('error' in decoded) throw new BriefError([{ severity: 'error', file: path, line: decoded.line, column: decoded.column, message: decoded.error }]);
  return decoded.text;
}
