// The paper as it will print: the `preview` channel's PDF drawn page by page. It updates as the
// user changes anything, without flicker: the old pages stay until the new ones are all drawn,
// then swap in one frame; a change that overtakes a preview cancels it.
import { useCallback, useEffect, useRef, useState, type ReactNode } from 'react';
import type { BriefRequestPayload, PreviewResult, Problem } from '../../shared/api';
import { api, fromBase64, isAbort } from '../api';
import { useSettledCall } from '../hooks/useSettledCall';
import { useStoredState } from '../hooks/useStoredState';
import { drawPaper, type PaperSize } from '../pdf-pages';
import { previewAtWork } from '../preview-first';

export interface PreviewProps {
  /** What to preview; null holds the current pages (the user is mid-way through a fix). */
  request: BriefRequestPayload | null;
  /** The template editor's unsaved text, previewed in place of the saved template. */
  templateText?: string;
  /** Bumped when something the request does not show changes (settings, a saved template). */
  refreshKey?: number;
  /** Why the preview is held, shown instead of "updating". */
  heldReason?: string;
  /** Problems of the latest preview (empty when it succeeded without any). */
  onProblems: (problems: Problem[]) => void;
  /** Buttons for the header (export). */
  actions?: ReactNode;
  /** Shown between the header and the paper (problems). */
  notices?: ReactNode;
  /** Id prefix, so two previews can coexist in the DOM (only one is shown at a time). */
  label?: string;
}

const ZOOMS: [value: string, label: string][] = [
  ['fit', 'Fit width'],
  ['0.75', '75%'],
  ['1', '100%'],
  ['1.25', '125%'],
  ['1.5', '150%'],
];

const NUMBER_WORDS = ['zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten'];
const pages = (n: number) => `${n} ${n === 1 ? 'page' : 'pages'}`;

function overflowWarning(pageCount: number, maxPages?: number): string | undefined {
  if (maxPages === undefined || pageCount <= maxPages) return undefined;
  const word = NUMBER_WORDS[maxPages] ?? String(maxPages);
  return `This ${word}-page template runs to ${pages(pageCount)}`;
}

/** The pipeline's own "runs to N pages" warning: the preview's notice says it already. */
export const isOverflowWarning = (p: Problem) => p.severity === 'warning' && /^the paper runs to \d+ pages?/.test(p.message);

const OVERFLOW_ADVICE = 'To fit, choose fewer topics or a shorter range, or leave some facts out.';

type Status = { kind: 'waiting' } | { kind: 'updating' } | { kind: 'ready' } | { kind: 'failed' };

export function Preview({ request, templateText, refreshKey = 0, heldReason, onProblems, actions, notices, label = 'Preview' }: PreviewProps) {
  const scroller = useRef<HTMLDivElement>(null);
  const paper = useRef<HTMLDivElement>(null);
  const version = useRef(0);
  /** The paper on screen, and the newest one (being drawn, perhaps). */
  const lastPdf = useRef<Uint8Array<ArrayBuffer> | null>(null);
  const latestPdf = useRef<Uint8Array<ArrayBuffer> | null>(null);
  const drawnSize = useRef('');
  const [status, setStatus] = useState<Status>({ kind: 'waiting' });
  const [meta, setMeta] = useState<Pick<PreviewResult, 'pageCount' | 'maxPages' | 'title' | 'staleness'> | null>(null);
  const [width, setWidth] = useState(0);
  const onProblemsRef = useRef(onProblems);
  useEffect(() => {
    onProblemsRef.current = onProblems;
  });

  const [zoom, setZoom] = useStoredState<string>('briefwright.zoom', () => 'fit', (v): v is string => typeof v === 'string' && ZOOMS.some(([z]) => z === v));
  const zoomRef = useRef(zoom);
  zoomRef.current = zoom;
  /** The size to draw at now: the panel's width (less the margins), or the chosen zoom. */
  const paperSize = useCallback((): PaperSize => {
    if (zoomRef.current !== 'fit') return { zoom: Number(zoomRef.current) };
    const box = scroller.current?.clientWidth ?? 600;
    return { fitWidth: Math.max(240, Math.min(box - 40, 1400)) };
  }, []);
  const sizeKey = (size: PaperSize) => ('zoom' in size ? `z${size.zoom}` : `w${Math.round(size.fitWidth / 4)}`);

  /** Which pages are on screen now (0-based), to draw those first next time. */
  const pagesInView = useCallback(() => {
    const box = scroller.current;
    const shown = [...(paper.current?.children ?? [])] as HTMLElement[];
    if (!box || shown.length === 0) return { first: 0, last: 1 };
    const top = box.scrollTop;
    const bottom = top + box.clientHeight;
    const visible = shown.map((el, i) => (el.offsetTop < bottom && el.offsetTop + el.offsetHeight > top ? i : -1)).filter((i) => i >= 0);
    return visible.length ? { first: visible[0]!, last: visible[visible.length - 1]! } : { first: 0, last: 1 };
  }, []);

  /** The paper on screen: its remaining pages stop drawing when another replaces it. */
  const shownPaper = useRef<AbortController | null>(null);
  const [drawingRest, setDrawingRest] = useState(false);
  useEffect(() => () => shownPaper.current?.abort(), []);

  /**
   * Draws `bytes` and swaps the pages in, all in one frame, once those in view are drawn; the
   * rest follow. Returns false when the result went stale before the swap.
   */
  const show = useCallback(
    async (bytes: Uint8Array<ArrayBuffer>, size: PaperSize, job: AbortSignal, started: number, isStale: () => boolean): Promise<boolean> => {
      const controller = new AbortController();
      const stop = () => controller.abort();
      job.addEventListener('abort', stop, { once: true });
      const drawn = await drawPaper(bytes.slice(), size, controller.signal, pagesInView());
      // Stale: a newer change waits, or a newer paper arrived while this one (a redraw) was drawn.
      if (job.aborted || isStale() || bytes !== latestPdf.current) {
        controller.abort();
        return false;
      }
      // One task: the browser paints the old pages or the new ones, never a mix or a blank.
      const host = paper.current;
      if (host) {
        shownPaper.current?.abort();
        shownPaper.current = controller;
        host.replaceChildren(...drawn.pages);
        version.current += 1;
        host.dataset.previewVersion = String(version.current);
        performance.mark('briefwright:preview-drawn', { detail: { version: version.current, ms: performance.now() - started } });
      }
      lastPdf.current = bytes;
      drawnSize.current = sizeKey(size);
      setDrawingRest(true);
      void drawn
        .attach(scroller.current!)
        .catch(() => {})
        .finally(() => {
          if (shownPaper.current === controller) setDrawingRest(false);
        });
      return true;
    },
    [pagesInView],
  );

  const key = request ? JSON.stringify([request, templateText ?? null, refreshKey]) : null;

  useSettledCall(key, 150, async (signal, isStale) => {
    if (!request) return;
    const started = performance.now();
    setStatus({ kind: 'updating' });
    const finished = previewAtWork();
    try {
      const response = await api.call('preview', { request, ...(templateText !== undefined ? { templateText } : {}) }, { signal });
      // A newer change is waiting, or the host replaced this preview with the page's newer one: not drawn.
      if (signal.aborted || isStale() || (!response.ok && response.superseded)) return;
      if (!response.ok) {
        onProblemsRef.current(response.problems);
        setStatus({ kind: 'failed' });
        return;
      }
      const result = response.result;
      const bytes = fromBase64(result.pdf);
      latestPdf.current = bytes;
      if (!(await show(bytes, paperSize(), signal, started, isStale))) return;
      setMeta({ pageCount: result.pageCount, maxPages: result.maxPages, title: result.title, staleness: result.staleness });
      onProblemsRef.current(result.problems);
      setStatus({ kind: 'ready' });
    } catch (error) {
      if (isAbort(error) || signal.aborted) return;
      onProblemsRef.current([{ severity: 'error', file: '', message: `The preview could not be drawn: ${error instanceof Error ? error.message : String(error)}` }]);
      setStatus({ kind: 'failed' });
    } finally {
      finished();
    }
    // A change made while a paper is being made stops that paper: the host starts the new one at once.
  }, { replace: true });

  // Redraw the last paper when the panel is resized (fitted) or the zoom changes: same PDF.
  useEffect(() => {
    const box = scroller.current;
    if (!box) return;
    const observer = new ResizeObserver(() => setWidth(Math.round(box.clientWidth / 8) * 8));
    observer.observe(box);
    return () => observer.disconnect();
  }, []);
  useSettledCall(width > 0 ? `${zoom}:${zoom === 'fit' ? width : ''}` : null, 150, async (signal, isStale) => {
    const size = paperSize();
    if (!lastPdf.current || sizeKey(size) === drawnSize.current) return;
    await show(lastPdf.current, size, signal, performance.now(), isStale);
  });

  const warning = meta ? overflowWarning(meta.pageCount, meta.maxPages) : undefined;
  const busy = status.kind === 'updating' || status.kind === 'waiting' || drawingRest;
  const statusText = heldReason
    ? heldReason
    : status.kind === 'failed'
      ? meta
        ? 'Out of date: see the problems above'
        : 'No preview: see the problems above'
      : status.kind === 'updating' && meta
        ? 'Updating…'
        : '';

  return (
    <div className="preview">
      <div className="preview-bar">
        <div className="preview-facts">
          <h2 className="panel-title" id={`${label}-title`}>
            {label}
          </h2>
          <span className="page-count" data-testid="page-count">
            {meta ? pages(meta.pageCount) : ''}
          </span>
          <span className={`preview-status${status.kind === 'failed' || heldReason ? ' is-stale' : ''}`} aria-live="polite">
            {statusText}
          </span>
        </div>
        <div className="preview-tools">
          <label className="zoom">
            <span className="visually-hidden">Zoom</span>
            <select value={zoom} onChange={(e) => setZoom(e.target.value)}>
              {ZOOMS.map(([value, name]) => (
                <option key={value} value={value}>
                  {name}
                </option>
              ))}
            </select>
          </label>
          {actions}
        </div>
      </div>
      {notices}
      {warning && (
        <p className="notice notice-warning" role="status">
          <span aria-hidden="true">⚠ </span>
          <strong>{warning}</strong>. {OVERFLOW_ADVICE}
        </p>
      )}
      {meta?.staleness && (
        <p className="notice notice-warning" role="status" data-testid="staleness">
          <span aria-hidden="true">⚠ </span>
          {meta.staleness}
        </p>
      )}
      <section
        className={`paper-scroller${status.kind === 'failed' || heldReason ? ' is-stale' : ''}`}
        role="region"
        aria-label={label}
        aria-busy={busy}
        tabIndex={0}
        ref={scroller}
      >
        {!meta && (
          <p className="paper-placeholder">{status.kind === 'failed' ? 'The paper could not be made: see the problems.' : heldReason || 'Drawing the paper…'}</p>
        )}
        <div className="paper" ref={paper} data-preview-version="0" />
      </section>
    </div>
  );
}
