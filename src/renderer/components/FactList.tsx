// The facts of the current selection, one row each: date, statement, kind, source, and a
// checkbox to leave the fact out of the paper or put it back. Virtualised and fetched page by
// page, so a workspace of 100,000 facts scrolls without freezing. A grid to the keyboard: one tab
// stop, the arrow keys inside it.
import { useVirtualizer } from '@tanstack/react-virtual';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { FactQueryPayload, FactSummary } from '../../shared/api';
import { api } from '../api';
import { afterPreview } from '../preview-first';

const PAGE = 250;

interface FactListProps {
  query: FactQueryPayload;
  excluded: ReadonlySet<string>;
  onToggle: (id: string, include: boolean) => void;
  onIncludeAll: () => void;
  onOpen: (fact: FactSummary) => void;
  openId?: string;
  /** Fetch again (a setting changed how dates read, say). */
  refreshKey?: number;
}

const KIND_LABEL: Partial<Record<FactSummary['kind'], string>> = { forecast: 'Forecast', plan: 'Plan', claim: 'Claim' };

type Pages = { key: string; total: number | null; pages: Map<number, FactSummary[]>; error?: string };

/** A row's two controls: the checkbox that leaves the fact out, and the statement that opens its source. */
type Part = 'include' | 'open';
const isPart = (value: string | undefined): value is Part => value === 'include' || value === 'open';
/** A fact's control, by the fact's row. */
type Spot = { index: number; part: Part };
const FIRST_SPOT: Spot = { index: 0, part: 'include' };

export function FactList({ query, excluded, onToggle, onIncludeAll, onOpen, openId, refreshKey = 0 }: FactListProps) {
  const key = JSON.stringify([query, refreshKey]);
  const [data, setData] = useState<Pages>({ key, total: null, pages: new Map() });
  const loading = useRef(new Set<string>());
  const scroller = useRef<HTMLDivElement>(null);

  const current = data.key === key ? data : { key, total: null, pages: new Map<number, FactSummary[]>() };
  // The selection the list shows now: an answer for an older one, arriving late, is dropped
  // rather than put in its place (it would leave the list empty, its pages never asked again).
  const latestKey = useRef(key);
  latestKey.current = key;

  const load = useCallback(
    (page: number, wait: Promise<void> = Promise.resolve()) => {
      const tag = `${key}#${page}`;
      if (loading.current.has(tag)) return;
      loading.current.add(tag);
      void wait.then(() => api.call('queryFacts', { ...query, offset: page * PAGE, limit: PAGE })).then((response) => {
        setData((prev) => {
          if (key !== latestKey.current) return prev;
          const base = prev.key === key ? prev : { key, total: null, pages: new Map<number, FactSummary[]>() };
          if (!response.ok) return { ...base, error: response.problems.map((p) => p.message).join('; ') };
          const pages = new Map(base.pages);
          pages.set(page, response.result.facts);
          return { key, total: response.result.total, pages };
        });
      });
    },
    // `query` is part of `key`.
    [key],
  );

  useEffect(() => {
    loading.current.clear();
    scroller.current?.scrollTo({ top: 0 });
    // A new selection changes the paper too: its preview goes first (see preview-first.ts).
    load(0, afterPreview());
  }, [load]);

  const count = current.total ?? 0;
  // Rows are keyed by index (the default, and cheap: at 100,000 rows a key function runs 100,000
  // times per measurement); the sizes measured for one list are forgotten when the list changes.
  const virtualizer = useVirtualizer({
    count,
    getScrollElement: () => scroller.current,
    estimateSize: () => 64,
    overscan: 8,
    useFlushSync: false,
  });
  useEffect(() => {
    virtualizer.measure();
  }, [key, virtualizer]);
  const items = virtualizer.getVirtualItems();

  // Fetch the pages the visible rows fall in.
  const wanted = useMemo(() => [...new Set(items.map((item) => Math.floor(item.index / PAGE)))], [items]);
  useEffect(() => {
    for (const page of wanted) if (!current.pages.has(page)) load(page);
  }, [wanted, current.pages, load]);

  const factAt = (index: number) => current.pages.get(Math.floor(index / PAGE))?.[index % PAGE];

  // The list is one tab stop (a roving tabindex): Tab lands on the control last focused in it,
  // and the next Tab leaves the list. Where that row is not drawn (scrolled away, or not yet
  // fetched), the list itself takes the tab stop and hands the focus on when it gets it.
  const [spot, setSpot] = useState<{ key: string; at: Spot }>({ key, at: FIRST_SPOT });
  const active = spot.key === key ? { ...spot.at, index: Math.min(spot.at.index, Math.max(count - 1, 0)) } : FIRST_SPOT;
  const activeDrawn = items.some((item) => item.index === active.index) && !!factAt(active.index);

  // The keys move between rows, keeping to the same control (checkbox or statement): Up and
  // Down by one, Page Up and Page Down by a screenful, Home and End to the first and last fact.
  // Far down a long list the row is not drawn yet, its height only estimated and its facts not
  // fetched; as they arrive, rows change height and push it about. So the list keeps scrolling
  // to the row until it is drawn, filled and has stayed in view a few frames, and focuses it;
  // meanwhile the list itself holds the focus, so it is not lost with the row that had it.
  // Scrolling by hand, or focusing something else, ends the seek.
  type Seek = Spot & { align: 'auto' | 'start' | 'end'; frames: number; steady: number };
  const seeking = useRef<Seek | null>(null);
  const looping = useRef(false);
  const seek = useCallback(
    (index: number, part: Part, align: Seek['align']) => {
      const box = scroller.current;
      if (!box) return;
      const rowOf = (want: Seek) => box.querySelector<HTMLElement>(`[data-index="${want.index}"]`);
      const inView = (row: HTMLElement) => {
        const r = row.getBoundingClientRect();
        const b = box.getBoundingClientRect();
        return r.bottom > b.top + 1 && r.top < b.bottom - 1;
      };
      seeking.current = { index, part, align, frames: 0, steady: 0 };
      virtualizer.scrollToIndex(index, { align });
      const near = rowOf(seeking.current)?.querySelector<HTMLElement>(`[data-part="${part}"]`);
      // Focus moves at once to a row already drawn; the list holds it while the row is sought.
      (near ?? box).focus({ preventScroll: true });
      if (looping.current) return; // the running loop takes up the new row
      looping.current = true;
      // The user scrolling the list (wheel, touch, scrollbar) ends the seek too.
      const userScroll = ['wheel', 'touchstart', 'pointerdown'] as const;
      const stop = () => {
        seeking.current = null;
        looping.current = false;
        for (const type of userScroll) box.removeEventListener(type, stop);
      };
      for (const type of userScroll) box.addEventListener(type, stop, { passive: true });
      const step = () => {
        const want = seeking.current;
        if (!want || !box.isConnected) return stop();
        const row = rowOf(want);
        const control = row?.querySelector<HTMLElement>(`[data-part="${want.part}"]`);
        const active = document.activeElement;
        // The user took the focus elsewhere: the seek is over.
        if (active !== box && active !== control && active !== document.body && !(active && box.contains(active))) return stop();
        if (control && active !== control) control.focus({ preventScroll: true });
        else if (!control && active !== box) box.focus({ preventScroll: true });
        const settled = !!control && inView(row!) && !box.querySelector('.is-loading');
        want.steady = settled ? want.steady + 1 : 0;
        if (want.steady >= 8) return stop();
        want.frames += 1;
        if (!settled && want.frames % 4 === 0) virtualizer.scrollToIndex(want.index, { align: want.align });
        if (want.frames >= 600) return stop();
        requestAnimationFrame(step);
      };
      requestAnimationFrame(step);
    },
    [virtualizer],
  );
  useEffect(() => {
    seeking.current = null;
  }, [key]);

  const rowsPerScreen = () => {
    const box = scroller.current;
    if (!box) return 1;
    const top = box.scrollTop;
    const bottom = top + box.clientHeight;
    return Math.max(1, items.filter((item) => item.start >= top && item.end <= bottom).length - 1);
  };

  /** The row and control `target` is, if it is one of the rows' controls. */
  const spotOf = (target: HTMLElement): Spot | null => {
    const row = target.closest<HTMLElement>('[data-index]');
    const part = target.dataset.part;
    return row && isPart(part) ? { index: Number(row.dataset.index), part } : null;
  };

  const onFocus = (event: React.FocusEvent<HTMLDivElement>) => {
    const box = scroller.current;
    const at = spotOf(event.target);
    if (at) return setSpot({ key, at });
    // Tabbed onto the list itself (a click on its scrollbar is not handed on): to the first fact in
    // view, the one it had being scrolled away.
    if (event.target !== box || seeking.current || box.contains(event.relatedTarget as Node | null) || !box.matches(':focus-visible')) return;
    const inView = items.find((item) => item.start >= box.scrollTop) ?? items[0];
    seek(inView?.index ?? active.index, active.part, 'auto');
  };

  const onKeyDown = (event: React.KeyboardEvent<HTMLDivElement>) => {
    if (event.altKey || event.ctrlKey || event.metaKey || event.shiftKey || count === 0) return;
    const target = event.target as HTMLElement;
    // From a row's control, or from the list while it seeks a row.
    const from = spotOf(target) ?? (target === scroller.current ? seeking.current : null);
    if (!from) return;
    const at = from.index;
    // Left and Right: between the checkbox and the statement of the same fact.
    const across = event.key === 'ArrowLeft' ? 'include' : event.key === 'ArrowRight' ? 'open' : undefined;
    if (across) {
      event.preventDefault();
      if (across !== from.part || target === scroller.current) seek(at, across, 'auto');
      return;
    }
    const next = (() => {
      switch (event.key) {
        case 'ArrowDown':
          return at + 1;
        case 'ArrowUp':
          return at - 1;
        case 'PageDown':
          return at + rowsPerScreen();
        case 'PageUp':
          return at - rowsPerScreen();
        case 'Home':
          return 0;
        case 'End':
          return count - 1;
        default:
          return undefined;
      }
    })();
    if (next === undefined) return;
    event.preventDefault();
    const index = Math.min(Math.max(next, 0), count - 1);
    if (index === at && target !== scroller.current) return;
    seek(index, from.part, event.key === 'End' ? 'end' : event.key === 'Home' ? 'start' : 'auto');
  };

  const left = excluded.size;
  const grid = count > 0;
  return (
    <div className="fact-list">
      <p className="fact-count" aria-live="polite">
        {current.total === null ? 'Finding facts…' : `${current.total.toLocaleString('en-GB')} ${current.total === 1 ? 'fact' : 'facts'}`}
        {left > 0 && (
          <>
            {' · '}
            {left} left out{' '}
            <button type="button" className="link-button" onClick={onIncludeAll}>
              Put all back
            </button>
          </>
        )}
      </p>
      {current.error && (
        <p className="field-error" role="alert">
          {current.error}
        </p>
      )}
      {current.total === 0 && <p className="empty-note">No facts match these topics, dates and filters.</p>}
      {/* A grid only with facts in it: an empty one would have no rows. */}
      <div
        className="fact-scroller"
        ref={scroller}
        onKeyDown={onKeyDown}
        onFocus={onFocus}
        tabIndex={grid && !activeDrawn ? 0 : -1}
        role={grid ? 'grid' : undefined}
        aria-label={grid ? 'Facts' : undefined}
        aria-rowcount={grid ? count : undefined}
        aria-colcount={grid ? 3 : undefined}
      >
        <div className="fact-rows" role={grid ? 'rowgroup' : undefined} style={{ height: virtualizer.getTotalSize() }}>
          {items.map((item) => {
            const fact = factAt(item.index);
            const style = { transform: `translateY(${item.start}px)` };
            if (!fact) {
              return (
                <div key={item.key} className="fact-row is-loading" data-index={item.index} ref={virtualizer.measureElement} style={style} role="row" aria-rowindex={item.index + 1}>
                  <span className="fact-loading" role="gridcell" aria-colspan={3}>
                    Loading…
                  </span>
                </div>
              );
            }
            const included = !excluded.has(fact.id);
            const statementId = `fact-${fact.id}-statement`;
            const kind = KIND_LABEL[fact.kind];
            const tabStop = (part: Part) => (item.index === active.index && part === active.part ? 0 : -1);
            return (
              <div
                key={item.key}
                className={`fact-row${included ? '' : ' is-excluded'}${openId === fact.id ? ' is-open' : ''}`}
                data-index={item.index}
                data-fact-id={fact.id}
                ref={virtualizer.measureElement}
                style={style}
                role="row"
                aria-rowindex={item.index + 1}
              >
                <span className="fact-include-cell" role="gridcell">
                  <input
                    type="checkbox"
                    className="fact-include"
                    data-part="include"
                    tabIndex={tabStop('include')}
                    checked={included}
                    aria-labelledby={statementId}
                    onChange={(e) => onToggle(fact.id, e.target.checked)}
                  />
                </span>
                <span className="fact-when" role="gridcell">
                  {fact.when || 'undated'}
                  {fact.estimated && (
                    <abbr className="fact-estimated" title="Estimated date: the source does not give it exactly">
                      est.
                    </abbr>
                  )}
                </span>
                <div className="fact-body" role="gridcell">
                  <button
                    type="button"
                    className="fact-statement"
                    id={statementId}
                    data-part="open"
                    tabIndex={tabStop('open')}
                    onClick={() => onOpen(fact)}
                    aria-haspopup="dialog"
                  >
                    {fact.statement}
                  </button>
                  <div className="fact-meta">
                    {kind && (
                      <span className={`badge badge-${fact.kind}`} title={fact.attribution ? `${kind} by ${fact.attribution}` : kind}>
                        {kind}
                      </span>
                    )}
                    {fact.figure && <span className="fact-figure">{fact.figure}</span>}
                    <span className="fact-source">
                      {fact.attribution ? `${fact.attribution}, ` : ''}
                      {fact.sourceTitle}
                    </span>
                    {!included && <span className="badge badge-excluded">Left out</span>}
                  </div>
                  {fact.conflict && (
                    <p className="fact-conflict">
                      <span aria-hidden="true">⚠ </span>
                      <span className="visually-hidden">Warning: </span>
                      {fact.conflict}
                    </p>
                  )}
                </div>
              </div>
            );
          })}
        </div>
      </div>
    </div>
  );
}
