// One paper per topic in one action: the user ticks the topics and a format, and the papers are
// made one after another with their progress shown, each named for its topic — saved into a
// folder the user chooses (the desktop app) or downloaded together as one .zip (a browser); or,
// as one PDF, joined behind a contents page into the file the user chooses (or one download). A
// paper that fails does not stop the others; the result lists each. Stop ends the batch after
// the paper being made (a combined PDF then joins those made).
import { zipSync } from 'fflate';
import { useId, useRef, useState } from 'react';
import type { BriefRequestPayload, ExportFormat } from '../../shared/api';
import { APP_FORMATS, FORMATS } from '../../shared/formats';
import { api, fromBase64 } from '../api';
import { Dialog } from './Dialog';
import { download } from './ExportBar';

interface BatchExportProps {
  /** The paper as it stands; each topic's paper is this on that topic alone. */
  request: BriefRequestPayload;
  templateName: string;
  topics: { id: string; label: string }[];
  onClose: () => void;
}

type Result = { topic: string; label: string } & ({ ok: true; file: string } | { ok: false; message: string });

/** Where the papers go: a file each, in a folder (or a .zip), or one PDF behind a contents page. */
type Output = 'folder' | 'combined';

const pages = (start: number, count: number) => (count === 1 ? `page ${start}` : `pages ${start}–${start + count - 1}`);
const problemsOf = (response: { problems: { message: string }[] }) => response.problems.map((p) => p.message).join(' ');

export function BatchExport({ request, templateName, topics, onClose }: BatchExportProps) {
  const base = useId();
  // A paper on several topics offers those; a one-topic paper, every topic.
  const [chosen, setChosen] = useState<string[]>(() => ((request.topics?.length ?? 0) > 1 ? request.topics! : topics.map((t) => t.id)));
  const [format, setFormat] = useState<ExportFormat>('pdf');
  const [output, setOutput] = useState<Output>('folder');
  const [running, setRunning] = useState<{ done: number; total: number; current: string; joining?: boolean } | null>(null);
  const [results, setResults] = useState<Result[] | null>(null);
  const [where, setWhere] = useState('');
  const stop = useRef(false);
  /** The dialog was closed mid-batch: what was made is not downloaded after all. */
  const closed = useRef(false);

  const start = async () => {
    const list = topics.filter((t) => chosen.includes(t.id));
    if (list.length === 0 || running) return;
    if (output === 'combined') return combine(list);
    const place = await api.call('chooseBatchFolder', {});
    if (!place.ok) return setResults([{ topic: '', label: 'The batch', ok: false, message: place.problems.map((p) => p.message).join(' ') }]);
    if (place.result.status === 'cancelled') return;
    const folder = place.result.status === 'folder' ? place.result.folder : undefined;
    stop.current = false;
    const done: Result[] = [];
    const files: Record<string, Uint8Array> = {};
    setResults([]);
    for (const [index, topic] of list.entries()) {
      if (stop.current) break;
      setRunning({ done: index, total: list.length, current: topic.label });
      const response = await api.call('exportEach', { request, format, topic: topic.id, ...(folder ? { folder } : {}) });
      if (!response.ok) {
        done.push({ topic: topic.id, label: topic.label, ok: false, message: problemsOf(response) });
      } else if (response.result.status === 'saved') {
        done.push({ topic: topic.id, label: topic.label, ok: true, file: response.result.path });
      } else if (response.result.status === 'download') {
        files[response.result.fileName] = fromBase64(response.result.data);
        done.push({ topic: topic.id, label: topic.label, ok: true, file: response.result.fileName });
      }
      setResults([...done]);
    }
    setRunning(null);
    if (folder) setWhere(`Saved in ${folder}.`);
    else if (Object.keys(files).length > 0 && !closed.current) {
      const name = `${request.template}-${FORMATS[format].extension}-papers.zip`;
      download(name, 'application/zip', zipSync(files, { level: 0 }));
      setWhere(`Downloaded “${name}”.`);
    }
  };

  /** The papers as PDFs the host holds, then joined behind a contents page into the file chosen, or downloaded. */
  const combine = async (list: { id: string; label: string }[]) => {
    const place = await api.call('chooseCombinedFile', { template: request.template });
    if (!place.ok) return setResults([{ topic: '', label: 'The combined PDF', ok: false, message: problemsOf(place) }]);
    if (place.result.status === 'cancelled') return;
    const { batch } = place.result;
    stop.current = false;
    setWhere('');
    const done: Result[] = [];
    setResults([]);
    for (const [index, topic] of list.entries()) {
      if (stop.current) break;
      setRunning({ done: index, total: list.length, current: topic.label });
      const response = await api.call('exportEach', { request, format: 'pdf', topic: topic.id, batch });
      done.push(response.ok ? { topic: topic.id, label: topic.label, ok: true, file: 'made' } : { topic: topic.id, label: topic.label, ok: false, message: problemsOf(response) });
      setResults([...done]);
    }
    if (closed.current || !done.some((r) => r.ok)) return setRunning(null);
    setRunning({ done: done.length, total: list.length, current: '', joining: true });
    const joined = await api.call('exportCombined', { batch });
    setRunning(null);
    if (!joined.ok) {
      setResults(done.map((r): Result => (r.ok ? { ...r, file: 'made, not saved' } : r)));
      return setWhere(`The combined PDF was not made: ${problemsOf(joined)}`);
    }
    const { papers } = joined.result;
    setResults(
      done.map((r): Result => {
        const at = papers.find((p) => p.topic === r.topic);
        return r.ok && at ? { ...r, file: pages(at.start, at.pages) } : r;
      }),
    );
    if (joined.result.status === 'saved') setWhere(`Saved as ${joined.result.path}.`);
    else if (!closed.current) {
      download(joined.result.fileName, joined.result.mime, fromBase64(joined.result.data));
      setWhere(`Downloaded “${joined.result.fileName}”.`);
    }
  };

  const failed = results?.filter((r) => !r.ok).length ?? 0;
  return (
    <Dialog
      title="Export one paper per topic"
      onClose={() => {
        stop.current = true;
        closed.current = true;
        onClose();
      }}
      footer={
        running ? (
          <button type="button" className="button" onClick={() => (stop.current = true)}>
            Stop after this paper
          </button>
        ) : (
          <>
            <button type="button" className="button" onClick={onClose}>
              {results ? 'Close' : 'Cancel'}
            </button>
            <button type="button" className="button button-primary" disabled={chosen.length === 0} onClick={() => void start()}>
              Export {chosen.length} paper{chosen.length === 1 ? '' : 's'}
            </button>
          </>
        )
      }
    >
      <p className="field-help">
        One “{templateName}” for each topic ticked, with the dates, details and facts left out as they are now.{' '}
        {output === 'folder'
          ? `Each file is named for its topic.${api.isDesktop ? ' You choose the folder next.' : ' They download together as one .zip file.'}`
          : `One PDF: a contents page with the page each paper starts on, then each paper on its own pages, in the order listed.${api.isDesktop ? ' You choose the file next.' : ' It downloads as one file.'}`}
      </p>
      <fieldset className="field" disabled={!!running}>
        <legend className="field-label">Save as</legend>
        <ul className="check-list">
          {(
            [
              ['folder', 'A file per topic (folder)'],
              ['combined', 'One PDF with a contents page'],
            ] as const
          ).map(([value, label]) => (
            <li key={value}>
              <label className="check">
                <input type="radio" name={`${base}-output`} value={value} checked={output === value} onChange={() => setOutput(value)} />
                <span>{label}</span>
              </label>
            </li>
          ))}
        </ul>
      </fieldset>
      <fieldset className="field" disabled={!!running}>
        <legend className="field-label">Topics</legend>
        <p className="field-help">
          <button type="button" className="link-button" onClick={() => setChosen(topics.map((t) => t.id))}>
            Choose all
          </button>{' '}
          ·{' '}
          <button type="button" className="link-button" onClick={() => setChosen([])}>
            Choose none
          </button>
        </p>
        <ul className="check-list">
          {topics.map((topic) => (
            <li key={topic.id}>
              <label className="check">
                <input
                  type="checkbox"
                  checked={chosen.includes(topic.id)}
                  onChange={(e) => setChosen((c) => (e.target.checked ? [...c, topic.id] : c.filter((id) => id !== topic.id)))}
                />
                <span>{topic.label}</span>
              </label>
            </li>
          ))}
        </ul>
      </fieldset>
      {output === 'folder' && (
        <div className="field">
          <label className="field-label" htmlFor={`${base}-format`}>
            Format
          </label>
          <select id={`${base}-format`} value={format} disabled={!!running} onChange={(e) => setFormat(e.target.value as ExportFormat)}>
            {APP_FORMATS.map((id) => (
              <option key={id} value={id}>
                {FORMATS[id].label}
              </option>
            ))}
          </select>
        </div>
      )}
      <div role="status" className="batch-status">
        {running && (
          <>
            <progress max={running.total} value={running.done} aria-label="Papers made" />
            <span>{running.joining ? 'Joining the papers behind a contents page…' : `Making ${running.done + 1} of ${running.total}: ${running.current}…`}</span>
          </>
        )}
        {!running && results && results.length > 0 && (
          <span>
            {results.length - failed} of {results.length} paper{results.length === 1 ? '' : 's'} made{failed ? `; ${failed} failed` : ''}. {where}
          </span>
        )}
      </div>
      {results && results.length > 0 && (
        <ul className="batch-results" aria-label="Papers">
          {results.map((r) => (
            <li key={r.topic || r.label} className={r.ok ? '' : 'text-error'}>
              <strong>{r.label}</strong>: {r.ok ? (r.file.split(/[\\/]/).pop() ?? r.file) : `failed: ${r.message}`}
            </li>
          ))}
        </ul>
      )}
    </Dialog>
  );
}
