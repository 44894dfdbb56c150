// The API's channels for saved briefs and the working brief: listing the briefs of the user's
// folder and the extra folders, opening one (its faults at their line and column), saving one
// (over the user's own file, or as a new file by name, never over another unasked), keeping the
// working brief as the user works, and telling how a paper's facts differ from its last export.
// Only files the list names are opened or written: a page cannot reach any other path.
import { selectFacts } from '../../core/brief';
import {
  describeChanges,
  exportChanges,
  exportedFacts,
  hasChanges,
  readSavedBrief,
  rewriteSavedBrief,
  unknownExclusions,
  writeSavedBrief,
  type ExportedFact,
  type LastExport,
} from '../../core/saved-brief';
import { parseDocument } from 'yaml';
import { listBriefFiles, readBriefFile, readRecentBriefs, readSession, recordRecentBrief, writeBriefFile, writeSession, type BriefFile } from '../../platform/saved-briefs';
import type { BriefListing, BriefRequestPayload, ExportChangesView, ExportFormat, SavedBriefPayload } from '../../shared/api';
import { toProblem } from '../papers';
import { Refusal, refuse, type ApiContext, type Handlers, type Loaded } from './context';

export function briefHandlers({ folder, now, settings, loaded }: ApiContext) {
  const files = async (): Promise<BriefFile[]> => listBriefFiles(folder, (await settings()).settings.extraFolders);
  const listed = async (path: string): Promise<BriefFile> => (await files()).find((f) => f.path === path) ?? refuse('there is no saved brief at that place any more (it may have been moved or deleted)', { file: path });

  return {
    async getSession() {
      return { state: (await readSession(folder)) ?? null };
    },

    async saveSession({ state }) {
      await writeSession(folder, state);
      return { savedAt: now().toISOString() };
    },

    async listBriefs() {
      const all = await files();
      const briefs = await Promise.all(all.map(listing));
      const paths = new Set(all.map((f) => f.path));
      return { briefs, recent: (await readRecentBriefs(folder)).filter((p) => paths.has(p)) };
    },

    async openBrief({ path }) {
      const file = await listed(path);
      const read = readSavedBrief(file.path, await readBriefFile(folder, file));
      const errors = read.diagnostics.filter((d) => d.severity === 'error');
      if (!read.brief || errors.length > 0) throw new Refusal(errors.map(toProblem));
      const state = await loaded();
      const warnings = [...read.diagnostics, ...unknownExclusions(file.path, read, (id) => state.workspace.factsById.has(id))].map(toProblem);
      const { brief } = read;
      if (!file.readOnly) await recordRecentBrief(folder, file.path);
      return {
        brief: {
          path: file.path,
          name: file.name,
          readOnly: file.readOnly,
          title: brief.title,
          template: brief.template,
          topics: brief.topics,
          ...(brief.from ? { from: brief.from } : {}),
          ...(brief.to ? { to: brief.to } : {}),
          inputs: { ...brief.inputs },
          exclude: brief.exclude,
          ...(brief.format ? { format: brief.format } : {}),
          ...(brief.lastExport ? { lastExport: brief.lastExport } : {}),
        },
        problems: warnings,
      };
    },

    async saveBrief({ brief, path, name, overwrite }) {
      let target: string;
      let text = writeSavedBrief(savedBrief(brief));
      if (path !== undefined) {
        const file = await listed(path);
        if (file.readOnly) refuse(`"${file.name}" belongs to the folder ${file.layer}, which briefwright does not change: use Save As to keep your own copy`, { file: path });
        target = file.name;
        // Saved over: the file's own comments and layout stay.
        text = rewriteSavedBrief(await readBriefFile(folder, file), savedBrief(brief));
      } else if (name !== undefined) {
        const existing = (await files()).find((f) => f.layer === 'user' && f.name === name);
        if (existing && !overwrite) return { status: 'exists' as const, path: existing.path, name };
        target = name;
      } else {
        return refuse('say where to save the brief: over its file, or as a new name');
      }
      const written = await writeBriefFile(folder, target, text);
      await recordRecentBrief(folder, written);
      return { status: 'saved' as const, path: written, name: target, savedAt: now().toISOString() };
    },

    async exportChanges({ request, facts }) {
      const state = await loaded();
      return changesView(facts, selectedFacts(state, request));
    },
  } satisfies Partial<Handlers>;

  async function listing(file: BriefFile): Promise<BriefListing> {
    const base = { path: file.path, name: file.name, layer: file.layer, readOnly: file.readOnly, modified: file.modified };
    try {
      const read = readSavedBrief(file.path, await readBriefFile(folder, file));
      const error = read.diagnostics.find((d) => d.severity === 'error');
      if (!read.brief || error) return { ...base, title: file.name, template: '', problem: error ? toProblem(error).message : 'not a saved brief' };
      return { ...base, title: read.brief.title, template: read.brief.template, ...(read.brief.lastExport ? { lastExport: read.brief.lastExport.at } : {}) };
    } catch (error) {
      return { ...base, title: file.name, template: '', problem: error instanceof Error ? error.message : String(error) };
    }
  }
}

/** The facts a request puts in its paper now, as an export would print them. */
function selectedFacts(state: Loaded, request: BriefRequestPayload): ExportedFact[] {
  const template = state.templates.templates.get(request.template);
  if (!template) return refuse(`unknown template "${request.template}"`);
  const problems: Parameters<typeof selectFacts>[3] = [];
  const { facts } = selectFacts(state.workspace, template, request, problems);
  if (problems.length > 0) throw new Refusal(problems.map(toProblem));
  return exportedFacts(facts, state.format);
}

/** What an export of `request` held, to keep with its brief. */
export function lastExportOf(state: Loaded, request: BriefRequestPayload, format: ExportFormat, at: Date): LastExport {
  return { at: at.toISOString(), format, facts: selectedFacts(state, request) };
}

/**
 * Records `lastExport` in the user's brief at `path` (one listed, of the user's own), changing
 * no other line of it: the user's comments and layout stay. A brief that is gone or not theirs
 * is left alone: the export itself has succeeded.
 */
export async function recordExport(folder: string, extraFolders: readonly string[], path: string, lastExport: LastExport): Promise<void> {
  const file = (await listBriefFiles(folder, extraFolders)).find((f) => f.path === path && !f.readOnly);
  if (!file) return;
  const text = await readBriefFile(folder, file);
  const read = readSavedBrief(file.path, text);
  if (!read.brief) return;
  const document = parseDocument(text);
  document.set('lastExport', document.createNode(lastExport));
  await writeBriefFile(folder, file.name, document.toString({ lineWidth: 0 }));
}

function savedBrief(brief: SavedBriefPayload) {
  const { request } = brief;
  return {
    title: brief.title,
    template: request.template,
    topics: request.topics ?? [],
    ...(request.from ? { from: request.from } : {}),
    ...(request.to ? { to: request.to } : {}),
    inputs: request.inputs ?? {},
    exclude: request.exclude ?? [],
    ...(brief.format ? { format: brief.format } : {}),
    ...(brief.lastExport ? { lastExport: brief.lastExport } : {}),
  };
}

function changesView(last: readonly ExportedFact[], now: readonly ExportedFact[]): ExportChangesView {
  const changes = exportChanges(last, now);
  const brief = (f: ExportedFact) => ({ id: f.id, statement: f.statement, ...(f.when ? { when: f.when } : {}) });
  return {
    summary: hasChanges(changes) ? describeChanges(changes) : '',
    added: changes.added.map(brief),
    removed: changes.removed.map(brief),
    changed: changes.changed.map(({ before, after, fields }) => ({
      id: after.id,
      statement: after.statement,
      fields,
      before: fields.map((field) => before[field] ?? '—').join(' · '),
      after: fields.map((field) => after[field] ?? '—').join(' · '),
    })),
  };
}
