// The app's API (src/shared/api.ts), implemented once over core for both hosts: Electron's main
// process and the web host hand every call to `handle`, which validates the payload, runs the
// channel's handler and always resolves to a result or to problems a user can act on — never
// to a thrown error or a stack trace. The workspace is loaded once and reloaded after the user
// changes templates or settings.
import type { z } from 'zod';
import {
  CHANNELS,
  MAX_PAYLOAD_BYTES,
  PAYLOAD_TOO_LARGE,
  channels,
  type ApiResponse,
  type ApiResults,
  type BriefRequestPayload,
  type Channel,
  type ExportFormat,
  type Problem,
  type Settings,
  type TemplateFile,
  type TemplateSummary,
} from '../shared/api';
import { FORMATS } from '../shared/formats';
import { BriefError, type Diagnostic } from '../core/diagnostics';
import { parseDate } from '../core/facts/dates';
import { queryFacts } from '../core/facts/query';
import type { FormatOptions } from '../core/templates/format';
import { loadTemplates, parseTemplate, type Template, type TemplateSet } from '../core/templates/template';
import type { Workspace } from '../core/workspace/load';
import { writeFileAtomic } from './atomic-write';
import { conflictNotes, factSummary, sourceView } from './fact-views';
import { fileFailure } from './file-errors';
import { inProcessRunner, type PaperRunner, type RunControl } from './paper-runner';
import { toProblem, type PaperJob, type PaperOutcome, type PaperSettings, type PaperSetup } from './papers';
import { checkSettings, readRecent, readSettings, recordRecent, writeSettings } from './settings';
import { draftPath, exists, listDrafts, readDraft, readText, remove, setFrontMatterField, templatePath, writeText } from './user-templates';
import { openWorkspace } from './workspace-folder';

export interface ApiOptions {
  /** Where the user's templates, drafts, settings and recent exports live. */
  userFolder: string;
  /** Workspace folders layered on top, before those the settings name. */
  extraFolders?: string[];
  /** Asks where to save an export (Electron's save dialog); undefined when the user cancels. Without it, exports are downloads. */
  chooseSavePath?: (suggestedName: string, format: ExportFormat) => Promise<string | undefined>;
  /** Opens an exported file, or shows it in its folder; resolves to whether that worked. */
  openPath?: (path: string, reveal: boolean) => Promise<boolean>;
  now?: () => Date;
  /** Where an internal fault goes, with its stack (the hosts log it to stderr). */
  logError?: (error: unknown, channel: string) => void;
  /**
   * Where papers are made. The hosts pass a `workerRunner`, so that no paper holds up their
   * thread; by default they are made on the caller's thread (the CLI, tests).
   */
  runner?: PaperRunner;
}

/** Who is calling, as the host knows it. */
export interface CallContext {
  /** One page (a browser tab, the app's window): its newer preview replaces its older one, never another page's. */
  client?: string;
  /** Fires when the caller gives up (the page closed the request): the paper being made for it is stopped. */
  signal?: AbortSignal;
}

export interface Api {
  handle<C extends Channel>(channel: C, payload: unknown, context?: CallContext): Promise<ApiResponse<C>>;
  handle(channel: string, payload: unknown, context?: CallContext): Promise<ApiResponse<Channel>>;
  /** Stops the papers being made and the workers that make them. */
  close(): Promise<void>;
}

/** A request refused with problems for the user (a bad payload, a read-only template, …). */
class Refusal extends Error {
  constructor(
    readonly problems: Problem[],
    /** A preview replaced by the same page's newer one: the page drops the answer. */
    readonly superseded = false,
  ) {
    super(problems.map((p) => p.message).join('\n'));
  }
}

const problem = (message: string, where: Partial<Pick<Problem, 'file' | 'line' | 'column'>> = {}): Problem => ({
  severity: 'error',
  file: where.file ?? '',
  ...(where.line !== undefined ? { line: where.line } : {}),
  ...(where.column !== undefined ? { column: where.column } : {}),
  message,
});
const refuse = (message: string, where?: Partial<Pick<Problem, 'file' | 'line' | 'column'>>): never => {
  throw new Refusal([problem(message, where)]);
};

/** The workspace as loaded, with what the handlers derive from it. */
interface Loaded {
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

type Handlers = { [C in Channel]: (payload: z.output<(typeof channels)[C]>, context: CallContext) => Promise<ApiResults[C]> };

/** A paper that runs longer than this is stopped (where papers are made on workers); the user raises it in Settings. */
const DEFAULT_TIME_BUDGET_SECONDS = 60;

export function createApi(options: ApiOptions): Api {
  const folder = options.userFolder;
  const now = options.now ?? (() => new Date());
  const logError = options.logError ?? ((error: unknown) => process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`));

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
  const reload = () => {
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

  /** Makes a paper (or checks templates) where the runner makes them, within the time budget; its problems are the user's, a fault is logged. */
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

  const summary = (state: Loaded, t: Template): TemplateSummary => ({
    id: t.id,
    name: t.name,
    description: t.description,
    layer: t.layer,
    readOnly: t.layer !== 'user',
    overridesBundled: t.layer === 'user' && state.bundledIds.has(t.id),
    topicsMode: t.topics,
    ...(t.maxPages !== undefined ? { maxPages: t.maxPages } : {}),
    defaults: { topics: t.defaults.topics, ...(t.defaults.from ? { from: t.defaults.from } : {}), ...(t.defaults.to ? { to: t.defaults.to } : {}) },
    inputs: t.inputs.map((i) => ({
      key: i.key,
      label: i.label,
      type: i.type,
      required: i.required,
      ...(i.default !== undefined ? { default: i.default } : {}),
      ...(i.options ? { options: i.options } : {}),
      ...(i.help ? { help: i.help } : {}),
    })),
  });

  /** The template after a write: the reloaded workspace's, or (shadowed by an extra folder) the one written. */
  const reloadedSummary = async (id: string, written: Template): Promise<{ state: Loaded; template: TemplateSummary }> => {
    reload();
    const state = await loaded();
    const template = state.templates.templates.get(id);
    return { state, template: summary(state, template?.layer === 'user' ? template : written) };
  };

  /** The user's file for template `id`: where it was loaded from, or where it would go. */
  const userFileOf = (state: Loaded, id: string): string => {
    const t = state.templates.templates.get(id);
    return t?.layer === 'user' ? t.file : templatePath(folder, id);
  };

  /** Refuses writing over a template that is not the user's. */
  const requireWritable = async (state: Loaded, id: string, action: string): Promise<string> => {
    const t = state.templates.templates.get(id);
    if (t && t.layer !== 'user' && t.layer !== 'bundled') {
      refuse(`template "${id}" comes from the folder ${t.layer}, which briefwright does not change: duplicate it to ${action}`, { file: t.file });
    }
    const path = userFileOf(state, id);
    if (await exists(path)) return path;
    if (state.bundledIds.has(id)) refuse(`bundled templates are read-only: duplicate it to ${action}`, { file: t?.file ?? '' });
    return path;
  };

  /** Parses a template's text as the user's file, refusing a broken front matter or a changed id. */
  const parseUserTemplate = (path: string, id: string, text: string): { template: Template; diagnostics: Diagnostic[] } => {
    const parsed = parseTemplate(path, text, 'user');
    if (!parsed.template) throw new Refusal(parsed.diagnostics.map(toProblem));
    if (parsed.template.id !== id) {
      const line = text.split('\n').findIndex((l) => /^id[ \t]*:/.test(l)) + 1;
      refuse(`the front matter says id "${parsed.template.id}", but this is template "${id}": keep the id (duplicate the template to make one with another id)`, {
        file: path,
        ...(line > 0 ? { line, column: 1 } : {}),
      });
    }
    return { template: parsed.template, diagnostics: parsed.diagnostics };
  };

  /** The request with its dates checked, so that a wrong one names its field. */
  const briefRequest = (request: BriefRequestPayload): BriefRequestPayload => {
    checkDates({ 'request.from': request.from, 'request.to': request.to });
    return request;
  };

  const handlers: Handlers = {
    async listTemplates() {
      const state = await loaded();
      const templates = [...state.templates.templates.values()].sort((a, b) => a.name.localeCompare(b.name)).map((t) => summary(state, t));
      return { templates, problems: state.templates.diagnostics.map(toProblem) };
    },

    async listPartials() {
      const state = await loaded();
      return [...state.templates.partials.values()]
        .sort((a, b) => a.name.localeCompare(b.name))
        .map((p) => ({
          name: p.name,
          ...(p.description ? { description: p.description } : {}),
          layer: p.layer,
          readOnly: p.layer !== 'user',
          overridesBundled: p.layer !== 'bundled' && state.bundledPartials.has(p.name),
          file: p.file,
        }));
    },

    async listTopics() {
      const { workspace } = await loaded();
      return [...workspace.topics.values()].map((t) => ({ id: t.id, label: t.label, ...(t.description ? { description: t.description } : {}) }));
    },

    async listEntities() {
      const { workspace } = await loaded();
      return [...workspace.entities.values()].map((e) => ({ id: e.id, name: e.name, type: e.type }));
    },

    async listSources() {
      const { workspace } = await loaded();
      return [...workspace.sources.values()]
        .map((s) => ({ id: s.id, title: s.title, author: s.author, date: s.reported, estimated: s.date === undefined }))
        .sort((a, b) => a.date.localeCompare(b.date) || a.id.localeCompare(b.id));
    },

    async queryFacts(query) {
      const state = await loaded();
      const { workspace } = state;
      checkDates({ from: query.from, to: query.to });
      const unknown = [
        ...(query.topics ?? []).filter((t) => !workspace.topics.has(t)).map((t) => `unknown topic "${t}" (topics: ${[...workspace.topics.keys()].join(', ')})`),
        ...(query.entities ?? []).filter((e) => !workspace.entities.has(e)).map((e) => `unknown entity "${e}"`),
      ];
      if (unknown.length > 0) throw new Refusal(unknown.map((m) => problem(m)));
      const result = queryFacts(workspace, {
        ...(query.topics ? { topics: query.topics } : {}),
        ...(query.entities ? { entities: query.entities } : {}),
        ...(query.kinds ? { kinds: query.kinds } : {}),
        ...(query.from ? { from: query.from } : {}),
        ...(query.to ? { to: query.to } : {}),
        ...(query.text ? { text: query.text } : {}),
      });
      if ('error' in result) refuse(result.error);
      const facts = (result as { facts: Workspace['facts'] }).facts;
      state.conflicts ??= conflictNotes(workspace, state.format);
      const offset = query.offset ?? 0;
      const page = facts.slice(offset, query.limit === undefined ? undefined : offset + query.limit);
      return { facts: page.map((f) => factSummary(workspace, f, state.format, state.conflicts!)), total: facts.length };
    },

    async getSource({ id, factId }) {
      const { workspace } = await loaded();
      const source = workspace.sources.get(id) ?? refuse(`unknown source "${id}"`);
      if (factId !== undefined && workspace.factsById.get(factId)?.source !== id) refuse(`fact "${factId}" is not from source "${id}"`);
      return sourceView(workspace, source);
    },

    async preview({ request, templateText }, context) {
      const state = await loaded();
      const job = { kind: 'preview', request: briefRequest(request), ...(templateText !== undefined ? { templateText } : {}), settings: paperSettings(state) } as const;
      // A page's newer preview replaces its older one, which is stopped wherever it has got to.
      const made = await paper(state, job, { lane: `preview:${context.client ?? ''}`, ...(context.signal ? { signal: context.signal } : {}) });
      const { pdf, ...rest } = made;
      return { ...rest, pdf: Buffer.from(pdf.buffer, pdf.byteOffset, pdf.byteLength).toString('base64') };
    },

    async export({ request, format }, context) {
      const state = await loaded();
      const job = { kind: 'export', request: briefRequest(request), format, settings: paperSettings(state) } as const;
      const { bytes, fileName } = await paper(state, job, context.signal ? { signal: context.signal } : {});
      if (!options.chooseSavePath) {
        return { status: 'download', fileName, mime: FORMATS[format].mediaType, data: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64') };
      }
      const path = await options.chooseSavePath(fileName, format);
      if (!path) return { status: 'cancelled' };
      await writeFileAtomic(path, bytes);
      await recordRecent(folder, { path, format, at: now().toISOString() });
      return { status: 'saved', path };
    },

    async readTemplate({ id }): Promise<TemplateFile> {
      const state = await loaded();
      const t = state.templates.templates.get(id);
      if (t && t.layer !== 'bundled') return templateFile(t);
      // A user file whose front matter is broken is not loaded; the user must still be able to open and fix it.
      const path = templatePath(folder, id);
      const text = await readText(folder, path);
      if (text !== undefined) return { id, name: t?.name ?? id, text, readOnly: false, layer: 'user', file: path };
      if (t) return templateFile(t);
      return refuse(`unknown template "${id}"`);
    },

    async saveTemplate({ id, text }) {
      const state = await loaded();
      const path = await requireWritable(state, id, 'edit');
      const parsed = parseUserTemplate(path, id, text);
      await writeText(folder, path, text);
      await remove(folder, draftPath(folder, id));
      const after = await reloadedSummary(id, parsed.template);
      const trial = await paper(after.state, { kind: 'trial', file: path, text, settings: paperSettings(after.state) });
      return { template: after.template, problems: [...parsed.diagnostics.map(toProblem), ...trial.problems] };
    },

    async duplicateTemplate({ id, newId, name }) {
      const state = await loaded();
      const source = state.templates.templates.get(id) ?? refuse(`unknown template "${id}"`);
      const taken = async (candidate: string) =>
        state.templates.templates.has(candidate) || state.bundledIds.has(candidate) || (await exists(templatePath(folder, candidate)));
      // Duplicating a bundled template under its own id makes the user's version of it (restorable).
      const customising = newId === id && source.layer === 'bundled' && !(await exists(templatePath(folder, id)));
      let target = newId;
      if (target === undefined) {
        target = `${id}-copy`;
        for (let n = 2; await taken(target); n++) target = `${id}-copy-${n}`;
      } else if (!customising && (await taken(target))) {
        refuse(`a template with id "${target}" already exists: choose another id`);
      }
      // "Pre-visit brief (copy)", then "(copy 2)"…, numbered like the id so two copies never look alike.
      const copyNumber = /-copy-(\d+)$/.exec(target)?.[1];
      const newName = name ?? (customising ? source.name : `${source.name} (copy${copyNumber ? ` ${copyNumber}` : ''})`);
      const original = (source.layer === 'user' ? await readText(folder, source.file) : undefined) ?? source.text;
      const withId = setFrontMatterField(original, 'id', target);
      const text = withId === undefined ? undefined : setFrontMatterField(withId, 'name', newName);
      if (text === undefined) return refuse(`cannot copy template "${id}": its front matter has no "id:" or "name:" line to rewrite`, { file: source.file });
      const path = templatePath(folder, target);
      const parsed = parseUserTemplate(path, target, text);
      await writeText(folder, path, text);
      return (await reloadedSummary(target, parsed.template)).template;
    },

    async renameTemplate({ id, name }) {
      const state = await loaded();
      const t = state.templates.templates.get(id);
      if (!t) return refuse(`unknown template "${id}"`);
      if (t.layer !== 'user') refuse(t.layer === 'bundled' ? 'bundled templates are read-only: duplicate it to rename' : `template "${id}" comes from the folder ${t.layer}, which briefwright does not change`);
      const current = (await readText(folder, t.file)) ?? t.text;
      const text = setFrontMatterField(current, 'name', name) ?? refuse(`cannot rename template "${id}": its front matter has no "name:" line`, { file: t.file });
      const parsed = parseUserTemplate(t.file, id, text);
      await writeText(folder, t.file, text);
      // Keep an unsaved draft in step, so that saving it later does not bring the old name back.
      const draft = await readDraft(folder, id);
      const renamedDraft = draft && setFrontMatterField(draft.text, 'name', name);
      if (renamedDraft) await writeText(folder, draftPath(folder, id), renamedDraft);
      return (await reloadedSummary(id, parsed.template)).template;
    },

    async deleteTemplate({ id }) {
      const state = await loaded();
      const t = state.templates.templates.get(id);
      const path = userFileOf(state, id);
      if (!(await exists(path))) {
        if (t?.layer === 'bundled' || state.bundledIds.has(id)) refuse('bundled templates are read-only and cannot be deleted');
        if (t) refuse(`template "${id}" comes from the folder ${t.layer}, which briefwright does not change`);
        refuse(`unknown template "${id}"`);
      }
      await remove(folder, path);
      await remove(folder, draftPath(folder, id));
      reload();
      return { deleted: true };
    },

    async restoreTemplate({ id }) {
      const state = await loaded();
      if (!state.bundledIds.has(id)) refuse(`"${id}" is not a bundled template, so there is nothing to restore`);
      await remove(folder, userFileOf(state, id));
      await remove(folder, templatePath(folder, id));
      await remove(folder, draftPath(folder, id));
      reload();
      return { restored: true };
    },

    async saveDraft({ id, text }) {
      await writeText(folder, draftPath(folder, id), text);
      const draft = await readDraft(folder, id);
      return { savedAt: draft?.savedAt ?? now().toISOString() };
    },

    async getDraft({ id }) {
      return (await readDraft(folder, id)) ?? null;
    },

    async discardDraft({ id }) {
      await remove(folder, draftPath(folder, id));
      return { discarded: true };
    },

    async listDrafts() {
      return listDrafts(folder);
    },

    async validateWorkspace() {
      // The user may have changed files outside the app: look again.
      settingsCache = undefined;
      reload();
      const state = await loaded();
      const trials = await paper(state, { kind: 'trialAll', settings: paperSettings(state) });
      return {
        problems: [...state.settingsProblems, ...[...state.workspace.diagnostics, ...state.templates.diagnostics].map(toProblem), ...trials.problems],
        facts: state.workspace.facts.length,
        sources: state.workspace.sources.size,
      };
    },

    async getSettings() {
      const { settings: current, problems } = await settings();
      return { ...current, userFolder: folder, ...(problems.length > 0 ? { problems } : {}) };
    },

    async saveSettings(next) {
      const problems = await checkSettings(next);
      if (problems.length > 0) throw new Refusal(problems);
      await writeSettings(folder, next);
      settingsCache = undefined;
      reload();
      return { ...next, userFolder: folder };
    },

    async recentExports() {
      return readRecent(folder);
    },

    async openPath({ path, reveal }) {
      // Only what briefwright itself exported: a page must not be able to open any file on the machine.
      const recent = await readRecent(folder);
      if (!recent.some((r) => r.path === path)) refuse('only files briefwright exported can be opened from here');
      if (!options.openPath) return { opened: false };
      return { opened: await options.openPath(path, reveal ?? false) };
    },
  };

  async function handle(channel: string, payload: unknown, context: CallContext = {}): Promise<ApiResponse<Channel>> {
    try {
      if (!(CHANNELS as string[]).includes(channel)) return { ok: false, problems: [problem(`unknown API channel "${channel}"`)] };
      if (payloadSize(payload) > MAX_PAYLOAD_BYTES) return { ok: false, problems: [problem(PAYLOAD_TOO_LARGE)] };
      const schema = channels[channel as Channel];
      const parsed = schema.safeParse(payload === undefined ? {} : payload, { reportInput: true });
      if (!parsed.success) return { ok: false, problems: payloadProblems(parsed.error) };
      const handler = handlers[channel as Channel] as (p: unknown, c: CallContext) => Promise<unknown>;
      return { ok: true, result: (await handler(parsed.data, context)) as ApiResults[Channel] };
    } catch (error) {
      if (error instanceof Refusal) return { ok: false, problems: error.problems, ...(error.superseded ? { superseded: true as const } : {}) };
      if (error instanceof BriefError) return { ok: false, problems: error.diagnostics.map(toProblem) };
      const fileProblem = fileSystemProblem(error);
      if (fileProblem) return { ok: false, problems: [fileProblem] };
      logError(error, channel);
      const message = error instanceof Error ? error.message : String(error);
      return { ok: false, problems: [problem(`internal error: ${message.split('\n')[0]}`)] };
    }
  }

  return { handle, close: () => runner.close() } as Api;
}

function templateFile(t: Template): TemplateFile {
  return { id: t.id, name: t.name, text: t.text, readOnly: t.layer !== 'user', layer: t.layer, file: t.file };
}

/** Dates that pass the payload's shape check but do not exist (2019-13-45) are refused, naming the field. */
function checkDates(fields: Record<string, string | undefined>): void {
  const problems: Problem[] = [];
  for (const [field, value] of Object.entries(fields)) {
    if (value === undefined) continue;
    const parsed = parseDate(value);
    if ('error' in parsed) problems.push(problem(`"${field}": ${parsed.error}`));
  }
  if (problems.length > 0) throw new Refusal(problems);
}

function payloadSize(payload: unknown): number {
  if (payload === undefined) return 0;
  try {
    return Buffer.byteLength(JSON.stringify(payload) ?? '');
  } catch {
    throw new Refusal([problem('the request cannot be read (it nests too deeply, or is not plain JSON data)')]);
  }
}

/** Schema issues as problems that name the field at fault, in words rather than the schema's. */
function payloadProblems(error: z.ZodError): Problem[] {
  return error.issues.map((issue) => problem(describeIssue(issue, [])));
}

const TYPE_WORDS: Record<string, string> = { string: 'text', number: 'a number', int: 'a whole number', boolean: 'true or false', array: 'a list', object: 'an object' };

/** What a value is, in the words of TYPE_WORDS. */
function kindOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'string') return 'text';
  if (typeof value === 'number') return Number.isInteger(value) ? 'a whole number' : 'a number';
  if (typeof value === 'boolean') return `${value}`;
  return typeof value === 'object' ? 'an object' : typeof value;
}

function describeIssue(issue: z.core.$ZodIssue, at: PropertyKey[]): string {
  const path = [...at, ...issue.path];
  const field = path.map(String).join('.');
  const name = field ? `"${field}"` : 'the request';
  if (issue.code === 'unrecognized_keys') {
    return `unknown field${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((k) => `"${field ? `${field}.` : ''}${k}"`).join(', ')}`;
  }
  const input = (issue as { input?: unknown }).input;
  if (input === undefined && field) return `${name} is missing`;
  switch (issue.code) {
    case 'invalid_type':
      return `${name} must be ${TYPE_WORDS[issue.expected] ?? issue.expected} (got ${kindOf(input)})`;
    case 'too_big': {
      const most = Number(issue.maximum);
      if (issue.origin === 'string') return `${name} is too long (${String(input).length.toLocaleString('en')} characters; at most ${most.toLocaleString('en')})`;
      if (issue.origin === 'array') return `${name} has too many items (${(input as unknown[]).length.toLocaleString('en')}; at most ${most.toLocaleString('en')})`;
      return `${name} must be at most ${most.toLocaleString('en')} (got ${String(input)})`;
    }
    case 'too_small': {
      const least = Number(issue.minimum);
      if (issue.origin === 'string') return least <= 1 ? `${name} must not be empty` : `${name} is too short (at least ${least} characters)`;
      if (issue.origin === 'array') return `${name} needs at least ${least} item${least === 1 ? '' : 's'}`;
      return `${name} must be at least ${least} (got ${String(input)})`;
    }
    case 'invalid_value':
      return `${name} must be one of ${issue.values.map(String).join(', ')} (got ${JSON.stringify(input) ?? kindOf(input)})`;
    case 'invalid_union': {
      // The alternative whose type the value has says what is wrong with it; if none has, list the types.
      const fitting = issue.errors.find((branch) => !branch.some((i) => i.code === 'invalid_type' && i.path.length === 0));
      if (fitting?.[0]) return describeIssue(fitting[0], path);
      const types = issue.errors.flatMap((branch) => branch.filter((i) => i.code === 'invalid_type' && i.path.length === 0).map((i) => TYPE_WORDS[(i as { expected: string }).expected] ?? ''));
      return `${name} must be ${[...new Set(types)].filter(Boolean).join(' or ') || 'something else'} (got ${kindOf(input)})`;
    }
    default:
      return `${name}: ${issue.message}`;
  }
}

/** A file that cannot be written (permissions, a full disk) is the user's to fix, not an internal fault. */
function fileSystemProblem(error: unknown): Problem | undefined {
  const failure = fileFailure(error);
  return failure && problem(`cannot ${failure.action} "${failure.file}": ${failure.reason}`, { file: failure.file });
}
