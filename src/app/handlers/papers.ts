// The API's channels that make papers: the preview (a page's newer one stops its older one), the
// export (saved where the host's dialog says, or handed to the page as a download) and the check
// of the whole workspace, which trial-runs every template that is not bundled. The papers
// themselves are made by the runner (../papers.ts, on workers in the app).
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

/** Asks where to save an export (Electron's save dialog); undefined when the user cancels. */
export type ChooseSavePath = (suggestedName: string, format: ExportFormat) => Promise<string | undefined>;
/** Asks for the folder a batch of papers goes to (Electron's folder dialog); undefined when the user cancels. */
export type ChooseFolder = () => Promise<string | undefined>;

export function paperHandlers({ folder, now, loaded, reload, paper, paperSettings }: ApiContext, chooseSavePath: ChooseSavePath | undefined, chooseFolder?: ChooseFolder) {
  // The folders the user chose for batches: a page may write papers there, and nowhere else.
  const batchFolders = new Set<string>();
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

    async exportEach({ request, format, topic, folder: into }, context) {
      if (into !== undefined && !batchFolders.has(into)) refuse('choose the folder for these papers first: papers are saved only in a folder chosen for them');
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
