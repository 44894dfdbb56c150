// The API's channels that make papers: the preview (a page's newer one stops its older one), the
// export (saved where the host's dialog says, or handed to the page as a download) and the check
// of the whole workspace, which trial-runs every template that is not bundled. The papers
// themselves are made by the runner (../papers.ts, on workers in the app).
import type { BriefRequestPayload, ExportFormat } from '../../shared/api';
import { FORMATS } from '../../shared/formats';
import { writeFileAtomic } from '../../platform/atomic-write';
import { recordRecent } from '../../platform/settings';
import { toProblem } from '../papers';
import { lastExportOf, recordExport } from './briefs';
import { checkDates, type ApiContext, type Handlers } from './context';

/** Asks where to save an export (Electron's save dialog); undefined when the user cancels. */
export type ChooseSavePath = (suggestedName: string, format: ExportFormat) => Promise<string | undefined>;

export function paperHandlers({ folder, now, loaded, reload, paper, paperSettings }: ApiContext, chooseSavePath: ChooseSavePath | undefined) {
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
      const exported = async () => {
        const lastExport = lastExportOf(state, request, format, now());
        if (brief !== undefined) await recordExport(folder, state.settings.extraFolders, brief, lastExport);
        return lastExport;
      };
      if (!chooseSavePath) {
        const data = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64');
        return { status: 'download', fileName, mime: FORMATS[format].mediaType, data, lastExport: await exported() };
      }
      const path = await chooseSavePath(fileName, format);
      if (!path) return { status: 'cancelled' };
      await writeFileAtomic(path, bytes);
      await recordRecent(folder, { path, format, at: now().toISOString() });
      return { status: 'saved', path, lastExport: await exported() };
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
