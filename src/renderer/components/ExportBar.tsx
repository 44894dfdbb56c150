// Export the paper in each format the app offers (shared/formats.ts). In the browser the file
// downloads; in the desktop app it is saved where the user chose, and can be opened or shown in
// its folder. An export in progress shows it and cannot be started twice.
import { useCallback, useEffect, useImperativeHandle, useState, type Ref } from 'react';
import type { ApiResults, BriefRequestPayload, ExportFormat, LastExportView, Problem } from '../../shared/api';
import { APP_FORMATS, FORMATS, appOffer } from '../../shared/formats';
import { api, fromBase64 } from '../api';
import { keyShortcuts } from '../shortcuts';

type Recent = ApiResults['recentExports'];

export interface ExportBarHandle {
  exportAs: (format: ExportFormat) => void;
}

interface ExportBarProps {
  request: BriefRequestPayload | null;
  /** The saved brief the paper comes from (its file), whose last export is recorded in it. */
  brief?: string | undefined;
  /** What the export held, once it is saved or downloaded. */
  onExported?: (lastExport: LastExportView) => void;
  onProblems: (problems: Problem[]) => void;
  /** Opens the batch: one paper per topic. */
  onBatch?: () => void;
  ref?: Ref<ExportBarHandle>;
}

type Outcome = { kind: 'saved'; path: string } | { kind: 'downloaded'; fileName: string } | { kind: 'cancelled' } | { kind: 'failed' };

/** Hands the browser a file to download: `data` in base64, or bytes. */
export function download(fileName: string, mime: string, data: string | Uint8Array<ArrayBuffer>) {
  const url = URL.createObjectURL(new Blob([typeof data === 'string' ? fromBase64(data) : data], { type: mime }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  // Give the download a moment to take the bytes before the URL goes.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

const fileName = (path: string) => path.split(/[\\/]/).pop() ?? path;

export function ExportBar({ request, brief, onExported, onProblems, onBatch, ref }: ExportBarProps) {
  const [running, setRunning] = useState<ExportFormat | null>(null);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const [recent, setRecent] = useState<Recent>([]);

  const loadRecent = useCallback(() => {
    if (!api.isDesktop) return;
    void api.call('recentExports', {}).then((response) => {
      if (response.ok) setRecent(response.result);
    });
  }, []);
  useEffect(loadRecent, [loadRecent]);

  const exportAs = useCallback(
    async (format: ExportFormat) => {
      if (!request || running) return;
      setRunning(format);
      setOutcome(null);
      onProblems([]);
      try {
        const response = await api.call('export', { request, format, ...(brief ? { brief } : {}) });
        if (!response.ok) {
          onProblems(response.problems);
          setOutcome({ kind: 'failed' });
          return;
        }
        const result = response.result;
        if (result.status !== 'cancelled') {
          // A host that keeps no record (an older desktop build) sends none.
          if (result.lastExport) onExported?.(result.lastExport);
          if (result.problems) onProblems(result.problems);
        }
        if (result.status === 'download') {
          download(result.fileName, result.mime, result.data);
          setOutcome({ kind: 'downloaded', fileName: result.fileName });
        } else if (result.status === 'saved') {
          setOutcome({ kind: 'saved', path: result.path });
          loadRecent();
        } else {
          setOutcome({ kind: 'cancelled' });
        }
      } finally {
        setRunning(null);
      }
    },
    [request, running, brief, onExported, onProblems, loadRecent],
  );

  useImperativeHandle(ref, () => ({ exportAs: (format) => void exportAs(format) }), [exportAs]);

  const open = (path: string, reveal: boolean) =>
    void api.call('openPath', { path, reveal }).then((response) => {
      if (!response.ok) onProblems(response.problems);
    });

  return (
    <div className="export-bar" aria-busy={running !== null}>
      <div className="export-buttons" role="group" aria-label="Export">
        {APP_FORMATS.map((format) => (
          <button
            key={format}
            type="button"
            className={appOffer(format).primary ? 'button button-primary' : 'button'}
            disabled={!request || running !== null}
            onClick={() => void exportAs(format)}
            aria-keyshortcuts={keyShortcuts(appOffer(format).accelerator)}
          >
            {running === format && <span className="spinner" aria-hidden="true" />}
            Export {FORMATS[format].label}
          </button>
        ))}
        {onBatch && (
          <button type="button" className="button" disabled={!request || running !== null} onClick={onBatch} title="One paper for each topic, in one action">
            One per topic…
          </button>
        )}
      </div>
      <div className="export-status" role="status">
        {running && (
          <span>
            Exporting {FORMATS[running].label}…
          </span>
        )}
        {!running && outcome?.kind === 'downloaded' && <span>Downloaded “{outcome.fileName}”.</span>}
        {!running && outcome?.kind === 'cancelled' && <span>Export cancelled.</span>}
        {!running && outcome?.kind === 'failed' && <span className="text-error">Export failed: see the problems.</span>}
        {!running && outcome?.kind === 'saved' && (
          <span className="export-saved">
            Saved “{fileName(outcome.path)}”.
            <button type="button" className="link-button" onClick={() => open(outcome.path, false)}>
              Open
            </button>
            <button type="button" className="link-button" onClick={() => open(outcome.path, true)}>
              Show in folder
            </button>
          </span>
        )}
      </div>
      {recent.length > 0 && (
        <details className="recent-exports">
          <summary>Recent exports</summary>
          <ul>
            {recent.slice(0, 10).map((item) => (
              <li key={`${item.path}-${item.at}`}>
                <span className="recent-name" title={item.path}>
                  {fileName(item.path)}
                </span>
                <span className="recent-at">{new Date(item.at).toLocaleString()}</span>
                <button type="button" className="link-button" onClick={() => open(item.path, false)}>
                  Open
                </button>
                <button type="button" className="link-button" onClick={() => open(item.path, true)}>
                  Show in folder
                </button>
              </li>
            ))}
          </ul>
        </details>
      )}
    </div>
  );
}
