// The heavy part of the API: making a paper (a preview's PDF, an export's bytes), joining papers
// behind a contents page (a pack), and the trial runs that check templates. Kept apart from the
// API's handlers so that it runs the same in the host's own thread (the CLI, tests) and in a
// worker thread (src/app/paper-worker.ts), which loads the workspace itself: everything that goes
// in or comes out of a job is plain data.
import type { BriefRequestPayload, ExportFormat, Problem } from '../shared/api';
import { prepareBrief, suggestedFileName, type BriefOptions, type PreparedBrief } from '../core/brief';
import { writeDocument } from '../core/write';
import { BriefError, type Diagnostic } from '../core/diagnostics';
import { loadTemplates, parseTemplate, type TemplateSet } from '../core/templates/template';
import type { Workspace } from '../core/workspace/load';
import type { DocumentMeta, PageSettings } from '../core/document/model';
import type { Pack, PackPaper } from '../core/pack';
import { fileFailure } from '../platform/file-errors';
import { templatePath } from '../platform/user-templates';
import { openWorkspace } from '../platform/workspace-folder';
import { countPdfPages } from './pdf-pages';
import { trialRequest, trialRun, trialRunAll } from './template-check';

/** Which workspace a job runs against: a worker loads it again when `generation` changes (the API bumps it on every reload). */
export interface PaperSetup {
  userFolder: string;
  extraFolders: string[];
  generation: number;
}

/** The user's settings as a job needs them; `now` as an ISO time, so that host and worker agree on the date. */
export interface PaperSettings {
  now: string;
  author: string;
  organisation: string;
  marking: string;
  locale: string;
  pageBudget?: number;
}

export type PaperJob =
  | { kind: 'preview'; request: BriefRequestPayload; templateText?: string; settings: PaperSettings }
  | { kind: 'export'; request: BriefRequestPayload; format: ExportFormat; settings: PaperSettings }
  /** Checks one template (the one just saved, as its text and file) with its defaults. */
  | { kind: 'trial'; file: string; text: string; settings: PaperSettings }
  /** Checks every template that is not bundled (`validateWorkspace`). */
  | { kind: 'trialAll'; settings: PaperSettings }
  /** Joins papers made with `template` behind a contents page (core/pack), in the workspace's house style. */
  | { kind: 'pack'; papers: PackPaper[]; template: string; settings: PaperSettings };

export interface PreviewPaper {
  pdf: Uint8Array;
  pageCount: number;
  maxPages?: number;
  problems: Problem[];
  title: string;
  suggestedName: string;
  staleness?: string;
}

export interface ExportPaper {
  bytes: Uint8Array;
  fileName: string;
  /** What its Document says of the paper, as a pack of papers needs it. */
  meta: DocumentMeta;
  page: PageSettings;
}

export interface PaperResults {
  preview: PreviewPaper;
  export: ExportPaper;
  trial: { problems: Problem[] };
  trialAll: { problems: Problem[] };
  pack: Pack;
}

/** How a job ended: its result, problems for the user, or a fault (a bug: the host logs it). */
export type PaperOutcome<K extends PaperJob['kind'] = PaperJob['kind']> =
  | { ok: true; result: PaperResults[K] }
  | { ok: false; problems: Problem[]; stopped?: 'superseded' | 'abandoned' | 'time' | 'memory'; fault?: { message: string; stack?: string } };

/** A loaded workspace with its templates: what every job runs against. */
export interface PaperState {
  userFolder: string;
  workspace: Workspace;
  templates: TemplateSet;
}

export async function loadPaperState(setup: PaperSetup): Promise<PaperState> {
  const workspace = await openWorkspace({ userFolder: setup.userFolder, extra: setup.extraFolders });
  return { userFolder: setup.userFolder, workspace, templates: loadTemplates(workspace.otherFiles) };
}

export const toProblem = (d: Diagnostic): Problem => ({
  severity: d.severity,
  file: d.file,
  ...(d.line !== undefined ? { line: d.line } : {}),
  ...(d.column !== undefined ? { column: d.column } : {}),
  message: d.message,
});

function briefOptionsOf(settings: PaperSettings): BriefOptions {
  return {
    now: new Date(settings.now),
    author: settings.author,
    organisation: settings.organisation,
    marking: settings.marking,
    format: { locale: settings.locale },
    ...(settings.pageBudget !== undefined ? { maxPages: settings.pageBudget } : {}),
  };
}

/** Runs one job to its outcome; never throws. */
export async function runPaperJob<J extends PaperJob>(state: PaperState, job: J): Promise<PaperOutcome<J['kind']>> {
  try {
    return { ok: true, result: (await make(state, job)) as PaperResults[J['kind']] };
  } catch (error) {
    return failedOutcome(error);
  }
}

/** A thrown error as an outcome: the user's problems (a template's, a file's) or a fault. */
export function failedOutcome(error: unknown): PaperOutcome & { ok: false } {
  if (error instanceof BriefError) return { ok: false, problems: error.diagnostics.map(toProblem) };
  const failure = fileFailure(error);
  if (failure) return { ok: false, problems: [{ severity: 'error', file: failure.file, message: `cannot ${failure.action} "${failure.file}": ${failure.reason}` }] };
  const message = error instanceof Error ? error.message : String(error);
  return {
    ok: false,
    problems: [{ severity: 'error', file: '', message: `internal error: ${message.split('\n')[0]}` }],
    fault: { message, ...(error instanceof Error && error.stack ? { stack: error.stack } : {}) },
  };
}

async function make(state: PaperState, job: PaperJob): Promise<PaperResults[PaperJob['kind']]> {
  const options = briefOptionsOf(job.settings);
  switch (job.kind) {
    case 'preview': {
      const prepared = prepare(state, job.request, options, job.templateText);
      const pdf = await writeDocument(prepared, 'pdf');
      const pageCount = countPdfPages(pdf);
      const { maxPages } = prepared.template;
      const problems = prepared.diagnostics.map(toProblem);
      if (maxPages !== undefined && pageCount > maxPages) {
        problems.push({
          severity: 'warning',
          file: prepared.template.file,
          message: `the paper runs to ${pageCount} pages; template "${prepared.template.name}" is meant to fit ${maxPages} page${maxPages === 1 ? '' : 's'}: choose fewer topics, a shorter range or leave facts out`,
        });
      }
      return {
        pdf,
        pageCount,
        ...(maxPages !== undefined ? { maxPages } : {}),
        problems,
        title: prepared.document.meta.title,
        suggestedName: suggestedFileName(prepared.document.meta.title, prepared.template.name, 'pdf', options.now),
        ...(prepared.staleness ? { staleness: prepared.staleness } : {}),
      };
    }
    case 'export': {
      const prepared = prepare(state, job.request, options);
      const bytes = await writeDocument(prepared, job.format);
      const { meta, page } = prepared.document;
      return { bytes, fileName: suggestedFileName(meta.title, prepared.template.name, job.format, options.now), meta, page };
    }
    case 'trial': {
      const { template } = parseTemplate(job.file, job.text, 'user');
      return { problems: template ? trialRun(state.workspace, state.templates, template, options).map(toProblem) : [] };
    }
    case 'trialAll':
      return { problems: trialRunAll(state.workspace, state.templates, options).map(toProblem) };
    case 'pack': {
      // Loaded with the first pack: the PDF reader it needs is no part of any paper.
      const { packPapers } = await import('../core/pack');
      const templateName = state.templates.templates.get(job.template)?.name ?? job.template;
      return packPapers(job.papers, { templateName, style: state.workspace.style.tokens });
    }
  }
}

/** Runs a request to the Document, with `templateText` (the editor's unsaved text) as the template when given. */
function prepare(state: PaperState, request: BriefRequestPayload, options: BriefOptions, templateText?: string): PreparedBrief {
  let templates = state.templates;
  if (templateText !== undefined) {
    const current = state.templates.templates.get(request.template);
    const file = current?.file ?? templatePath(state.userFolder, request.template);
    const parsed = parseTemplate(file, templateText, current?.layer ?? 'user');
    if (!parsed.template) throw new BriefError(parsed.diagnostics);
    templates = { ...templates, templates: new Map(templates.templates).set(request.template, parsed.template) };
  }
  return prepareBrief(state.workspace, templates, request, options);
}

/**
 * Makes one paper and throws it away, so that a fresh worker has its PDF engine, fonts and
 * layout code loaded and compiled before the user's first preview reaches it (that first paper
 * would otherwise take most of a second longer). Whatever goes wrong here, the real job reports.
 */
export async function warmUp(state: PaperState): Promise<void> {
  const template = [...state.templates.templates.values()].find((t) => t.layer === 'bundled') ?? [...state.templates.templates.values()][0];
  if (!template) return;
  const now = new Date();
  try {
    const prepared = prepareBrief(state.workspace, state.templates, trialRequest(state.workspace, template, now), { now });
    await writeDocument(prepared, 'pdf');
  } catch {
    // Nothing to warm with: the first real paper loads what it needs.
  }
}
