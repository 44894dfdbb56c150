// What every handler of the API shares: the user's folder and the clock, the settings and the
// workspace as loaded (read once, read again after the user changes templates or settings, each
// load numbered so that the workers making papers load the same), making a paper where the
// runner makes them, and refusing a request with problems a user can act on.
import type { z } from 'zod';
import type { ApiResults, Channel, Problem, Settings, channels } from '../../shared/api';
import { parseDate } from '../../core/facts/dates';
import type { FormatOptions } from '../../core/templates/format';
import { loadTemplates, type TemplateSet } from '../../core/templates/template';
import type { Workspace } from '../../core/workspace/load';
import { readSettings } from '../../platform/settings';
import { openWorkspace } from '../../platform/workspace-folder';
import { inProcessRunner, type PaperRunner, type RunControl } from '../paper-runner';
import type { PaperJob, PaperOutcome, PaperSettings, PaperSetup } from '../papers';

/** Who is calling, as the host knows it. */
export interface CallContext {
  /** One page (a browser tab, the app's window): its newer preview replaces its older one, never another page's. */
  client?: string;
  /** Fires when the caller gives up (the page closed the request): the paper being made for it is stopped. */
  signal?: AbortSignal;
}

/** Every channel's handler: its payload as the schema parsed it, and who is calling. */
export type Handlers = { [C in Channel]: (payload: z.output<(typeof channels)[C]>, context: CallContext) => Promise<ApiResults[C]> };

/** A request refused with problems for the user (a bad payload, a read-only template, …). */
export class Refusal extends Error {
  constructor(
    readonly problems: Problem[],
    /** A preview replaced by the same page's newer one: the page drops the answer. */
    readonly superseded = false,
  ) {
    super(problems.map((p) => p.message).join('\n'));
  }
}

export const problem = (message: string, where: Partial<Pick<Problem, 'file' | 'line' | 'column'>> = {}): Problem => ({
  severity: 'error',
  file: where.file ?? '',
  ...(where.line !== undefined ? { line: where.line } : {}),
  ...(where.column !== undefined ? { column: where.column } : {}),
  message,
});
export const refuse = (message: string, where?: Partial<Pick<Problem, 'file' | 'line' | 'column'>>): never => {
  throw new Refusal([problem(message, where)]);
};

/** Dates that pass the payload's shape check but do not exist (2019-13-45) are refused, naming the field. */
export function checkDates(fields: Record<string, string | undefined>): void {
  const problems: Problem[] = [];
  for (const [field, value] of Object.entries(fields)) {
    if (value === undefined) continue;
    const parsed = parseDate(value);
    if ('error' in parsed) problems.push(problem(`"${field}": ${parsed.error}`));
  }
  if (problems.length > 0) throw new Refusal(problems);
}

/** The workspace as loaded, with what the handlers derive from it. */
export interface Loaded {
  settings: Settings;
  settingsProblems: Problem[];
  workspace: Workspace;
  templates: TemplateSet;
  /** Ids of the templates shipped with the app (read-only, restorable). */
  bundledIds: Set<string>;
  /** Names of the partials shipped with the app. */
  bundledPartials: Set<string>;
  format: FormatOptions;
  conflicts?: Map<string, string>;
  /** The reload this state came from: workers making papers load the same. */
  generation: number;
}

export interface ApiContext {
  /** Where the user's templates, drafts, settings and recent exports live. */
  folder: string;
  now: () => Date;
  /** The settings as read from the user's folder, with the problems of a damaged file. */
  settings(): Promise<{ settings: Settings; problems: Problem[] }>;
  loaded(): Promise<Loaded>;
  /** Forgets the loaded workspace, and with `settings` the settings too: the next call reads them again. */
  reload(what?: { settings?: boolean }): void;
  /** Makes a paper (or checks templates) where the runner makes them, within the time budget; its problems are the user's, a fault is logged. */
  paper<J extends PaperJob>(state: Loaded, job: J, control?: RunControl): Promise<Extract<PaperOutcome<J['kind']>, { ok: true }>['result']>;
  /** The settings a paper needs, as of now. */
  paperSettings(state: Loaded): PaperSettings;
  /** Stops the papers being made and the workers that make them. */
  close(): Promise<void>;
}

interface ContextOptions {
  folder: string;
  /** Workspace folders layered on top, before those the settings name. */
  extraFolders?: string[];
  now: () => Date;
  logError: (error: unknown, channel: string) => void;
  /** Where papers are made; by default on the caller's thread. */
  runner?: PaperRunner;
}

/** A paper that runs longer than this is stopped (where papers are made on workers); the user raises it in Settings. */
const DEFAULT_TIME_BUDGET_SECONDS = 60;

export function createContext(options: ContextOptions): ApiContext {
  const { folder, now, logError } = options;

  let settingsCache: Promise<{ settings: Settings; problems: Problem[] }> | undefined;
  let loadedCache: Promise<Loaded> | undefined;
  // Bumped on every reload: a worker holding an older workspace loads it again.
  let generation = 0;
  const settings = () => (settingsCache ??= readSettings(folder).catch((e) => ((settingsCache = undefined), Promise.reject(e))));
  const loaded = (): Promise<Loaded> =>
    (loadedCache ??= load().then(
      (state) => (runner.warm(setupOf(state)), state),
      (e) => ((loadedCache = undefined), Promise.reject(e)),
    ));
  const reload = (what: { settings?: boolean } = {}) => {
    if (what.settings) settingsCache = undefined;
    loadedCache = undefined;
    generation++;
  };
  const runner: PaperRunner =
    options.runner ??
    inProcessRunner(async (setup) => {
      const state = await loaded();
      return { userFolder: setup.userFolder, workspace: state.workspace, templates: state.templates };
    });

  async function load(): Promise<Loaded> {
    const loading = generation;
    const { settings: current, problems } = await settings();
    const workspace = await openWorkspace({ userFolder: folder, extra: extraFoldersOf(current) });
    const templates = loadTemplates(workspace.otherFiles);
    const bundled = loadTemplates(workspace.otherFiles.filter((f) => f.layer.name === 'bundled'));
    return {
      settings: current,
      settingsProblems: problems,
      workspace,
      templates,
      bundledIds: new Set(bundled.templates.keys()),
      bundledPartials: new Set(bundled.partials.keys()),
      format: { locale: current.locale },
      generation: loading,
    };
  }

  const extraFoldersOf = (current: Settings) => [...(options.extraFolders ?? []), ...current.extraFolders];
  const setupOf = (state: Loaded): PaperSetup => ({ userFolder: folder, extraFolders: extraFoldersOf(state.settings), generation: state.generation });
  const paperSettings = (state: Loaded): PaperSettings => ({
    now: now().toISOString(),
    author: state.settings.author,
    organisation: state.settings.organisation,
    marking: state.settings.marking,
    locale: state.settings.locale,
    ...(state.settings.pageBudget !== undefined ? { pageBudget: state.settings.pageBudget } : {}),
  });

  async function paper<J extends PaperJob>(state: Loaded, job: J, control: RunControl = {}): Promise<Extract<PaperOutcome<J['kind']>, { ok: true }>['result']> {
    const seconds = state.settings.timeBudget ?? DEFAULT_TIME_BUDGET_SECONDS;
    const outcome = await runner.run(setupOf(state), job, { timeLimitMs: seconds * 1000, ...control });
    if (outcome.ok) return outcome.result;
    if (outcome.fault) {
      const fault = new Error(outcome.fault.message);
      if (outcome.fault.stack) fault.stack = outcome.fault.stack;
      logError(fault, job.kind);
    }
    throw new Refusal(outcome.problems, outcome.stopped === 'superseded');
  }

  return { folder, now, settings, loaded, reload, paper, paperSettings, close: () => runner.close() };
}
