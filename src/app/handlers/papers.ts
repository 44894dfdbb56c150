// The API's channels that make papers: the preview (a page's newer one stops its older one), the
// export (saved where the host's dialog says, or handed to the page as a download) and the check
// of the whole workspace, which trial-runs every template that is not bundled; and a batch, one
// paper per topic, into a folder or joined into one PDF behind a contents page. The papers
// themselves are made by the runner (../papers.ts, on workers in the app).
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import type { BriefRequestPayload, ExportFormat } from '../../shared/api';
import { FORMATS } from '../../shared/formats';
import { writeFileAtomic } from '../../platform/atomic-write';
import { recordRecent } from '../../platform/settings';
import { toProblem } from '../papers';
import { lastExportOf, recordExport } from './briefs';
import { BriefError } from '../../core/diagnostics';
import { fileFailure } from '../../platform/file-errors';
import { checkDates, refuse, type ApiContext, type Handlers } from './context';
import type { PackPaper } from '../../core/pack';

/** Combined PDFs being made at once: a page that starts another while older ones wait (closed mid-batch) drops the oldest's papers. */
const OPEN_COMBINED = 3;
/** A combined PDF no paper was added to for this long was left (its dialog closed mid-batch): its papers are let go. */
const COMBINED_IDLE_MS = 10 * 60 * 1000;

/** Asks where to save an export (Electron's save dialog); undefined when the user cancels. */
export type ChooseSavePath = (suggestedName: string, format: ExportFormat) => Promise<string | undefined>;
/** Asks for the folder a batch of papers goes to (Electron's folder dialog); undefined when the user cancels. */
export type ChooseFolder = () => Promise<string | undefined>;

export function paperHandlers({ folder, now, loaded, reload, paper, paperSettings }: ApiContext, chooseSavePath: ChooseSavePath | undefined, chooseFolder?: ChooseFolder) {
  // The folders the user chose for batches: a page may write papers there, and nowhere else.
  const batchFolders = new Set<string>();
  // The combined PDFs being made, by batch: the file the user chose for each (none: a download) and
  // the papers made for it so far, by topic. A page names a batch, never a path, to write one.
  const combined = new Map<string, { template: string; file?: string; papers: Map<string, PackPaper>; touched: number }>();
  /** Lets go of the papers of combined PDFs left idle (a batch stopped or its dialog closed), and of the oldest beyond the few held at once. */
  const dropLeftBatches = (): void => {
    const at = now().getTime();
    for (const [batch, pack] of combined) if (at - pack.touched > COMBINED_IDLE_MS) combined.delete(batch);
    for (const open of combined.keys()) if (combined.size > OPEN_COMBINED) combined.delete(open);
  };
  return {
    async preview({ request, templateText }, context) {
      const state = await loaded();
      const job = { kind: 'preview', request: briefRequest(request), ...(templateText !== undefined ? { templateText } : {}), settings: paperSettings(state) } as const;
      // A page's newer preview replaces its older one, which is stopped wherever it has got to.
      const made = await paper(state, job, { lane: `preview:${context.client ?? ''}`, ...(context.signal ? { signal: context.signal } : {}) });
      const { pdf, ...rest } = made;
      return { ...rest, pdf: Buffer.from(pdf.buffer, pdf.byteOffset, pdf.byteLength).toString('base64') };
    },

    async export({ request, format, brief }, context) {
      const state = await loaded();
      const job = { kind: 'export', request: briefRequest(request), format, settings: paperSettings(state) } as const;
      const { bytes, fileName } = await paper(state, job, context.signal ? { signal: context.signal } : {});
      // What the paper held, kept with the brief it came from: reopened later, the brief lists what has changed since.
      // The paper is the user's whatever happens to the record: a brief that cannot be written is said, not a failed export.
      const exported = async () => {
        const lastExport = lastExportOf(state, request, format, now());
        if (brief === undefined) return { lastExport };
        try {
          await recordExport(folder, state.settings.extraFolders, brief, lastExport);
          return { lastExport };
        } catch (error) {
          const why = error instanceof BriefError ? error.diagnostics.map((d) => d.message).join('; ') : (fileFailure(error)?.reason ?? String(error));
          return { lastExport, problems: [{ severity: 'warning' as const, file: brief, message: `the paper is exported, but its brief could not record it (${why})` }] };
        }
      };
      if (!chooseSavePath) {
        const data = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64');
        return { status: 'download', fileName, mime: FORMATS[format].mediaType, data, ...(await exported()) };
      }
      const path = await chooseSavePath(fileName, format);
      if (!path) return { status: 'cancelled' };
      await writeFileAtomic(path, bytes);
      await recordRecent(folder, { path, format, at: now().toISOString() });
      return { status: 'saved', path, ...(await exported()) };
    },

    async chooseBatchFolder() {
      if (!chooseFolder) return { status: 'download' };
      const chosen = await chooseFolder();
      if (!chosen) return { status: 'cancelled' };
      batchFolders.add(chosen);
      return { status: 'folder', folder: chosen };
    },

    async chooseCombinedFile({ template }) {
      let file: string | undefined;
      if (chooseSavePath) {
        file = await chooseSavePath(`${template}-papers.${FORMATS.pdf.extension}`, 'pdf');
        if (!file) return { status: 'cancelled' };
      }
      const batch = randomUUID();
      combined.set(batch, { template, ...(file ? { file } : {}), papers: new Map(), touched: now().getTime() });
      dropLeftBatches();
      return file ? { status: 'file', file, batch } : { status: 'download', batch };
    },

    async exportEach({ request, format, topic, folder: into, batch }, context) {
      if (into !== undefined && !batchFolders.has(into)) refuse('choose the folder for these papers first: papers are saved only in a folder chosen for them');
      if (batch !== undefined) {
        dropLeftBatches();
        const pack = combined.get(batch) ?? refuse('choose where the combined PDF goes first: this one is finished or was dropped');
        if (into !== undefined) refuse('a paper goes into a folder or into a combined PDF, not both');
        if (format !== 'pdf') refuse(`a combined PDF is made of PDF papers, not ${format.toUpperCase()}`);
        if (request.template !== pack.template) refuse(`this combined PDF is of template "${pack.template}"; choose where one of template "${request.template}" goes`);
        const state = await loaded();
        const job = { kind: 'export', request: briefRequest({ ...request, topics: [topic] }), format, settings: paperSettings(state) } as const;
        const { bytes, meta, page } = await paper(state, job, context.signal ? { signal: context.signal } : {});
        pack.papers.set(topic, { topic: { id: topic, label: state.workspace.topics.get(topic)?.label ?? topic }, bytes, meta, page });
        pack.touched = now().getTime();
        return { status: 'held' };
      }
      const state = await loaded();
      const job = { kind: 'export', request: briefRequest({ ...request, topics: [topic] }), format, settings: paperSettings(state) } as const;
      const { bytes } = await paper(state, job, context.signal ? { signal: context.signal } : {});
      // Each file is named for its topic, as `generate --each-topic` names them.
      const fileName = `${topic}.${FORMATS[format].extension}`;
      if (into === undefined) return { status: 'download', fileName, mime: FORMATS[format].mediaType, data: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64') };
      const path = join(into, fileName);
      await writeFileAtomic(path, bytes);
      await recordRecent(folder, { path, format, at: now().toISOString() });
      return { status: 'saved', path };
    },

    async exportCombined({ batch }, context) {
      dropLeftBatches();
      const pack = combined.get(batch) ?? refuse('choose where the combined PDF goes first: this one is finished or was dropped');
      if (pack.papers.size === 0) refuse('no paper was made for the combined PDF: there is nothing to join');
      // Joined once: its papers are let go whatever happens, and another try starts a new batch.
      combined.delete(batch);
      const state = await loaded();
      const papers = [...pack.papers.values()];
      const made = await paper(state, { kind: 'pack', papers, template: pack.template, settings: paperSettings(state) }, context.signal ? { signal: context.signal } : {});
      const joined = papers.map((p, i) => ({ topic: p.topic.id, start: made.starts[i]!, pages: made.pages[i]! }));
      if (!pack.file) {
        const data = Buffer.from(made.bytes.buffer, made.bytes.byteOffset, made.bytes.byteLength).toString('base64');
        return { status: 'download', fileName: `${pack.template}-papers.${FORMATS.pdf.extension}`, mime: FORMATS.pdf.mediaType, data, papers: joined };
      }
      await writeFileAtomic(pack.file, made.bytes);
      await recordRecent(folder, { path: pack.file, format: 'pdf', at: now().toISOString() });
      return { status: 'saved', path: pack.file, papers: joined };
    },

    async validateWorkspace() {
      // The user may have changed files outside the app: look again.
      reload({ settings: true });
      const state = await loaded();
      const trials = await paper(state, { kind: 'trialAll', settings: paperSettings(state) });
      return {
        problems: [...state.settingsProblems, ...[...state.workspace.diagnostics, ...state.templates.diagnostics].map(toProblem), ...trials.problems],
        facts: state.workspace.facts.length,
        sources: state.workspace.sources.size,
      };
    },
  } satisfies Partial<Handlers>;
}

/** The request with its dates checked, so that a wrong one names its field. */
function briefRequest(request: BriefRequestPayload): BriefRequestPayload {
  checkDates({ 'request.from': request.from, 'request.to': request.to });
  return request;
}
