// The facts of the current selection, one row each: date, statement, kind, source, and a
// checkbox to leave the fact out of the paper or put it back. Virtualised and fetched page by
// page, so a workspace of 100,000 facts scrolls without freezing.
import { useVirtualizer } from '@tanstack/react-virtual';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { FactQueryPayload, FactSummary } from '../../shared/api';
import { api } from '../api';

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

export function FactList({ query, excluded, onToggle, onIncludeAll, onOpen, openId, refreshKey = 0 }: FactListProps) {
  const key = JSON.stringify([query, refreshKey]);
  const [data, setData] = useState<Pages>({ key, total: null, pages: new Map() });
  const loading = useRef(new Set<string>());
  const scroller = useRef<HTMLDivElement>(null);

  const current = data.key === key ? data : { key, total: null, pages: new Map<number, FactSummary[]>() };

  const load = useCallback(
    (page: number) => {
      const tag = `${key}#${page}`;
      if (loading.current.has(tag)) return;
      loading.current.add(tag);
      void api.call('queryFacts', { ...query, offset: page * PAGE, limit: PAGE }).then((response) => {
        setData((prev) => {
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
    load(0);
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

  // Up and Down move between rows, keeping to the same control (checkbox or statement).
  const onKeyDown = (event: React.KeyboardEvent<HTMLDivElement>) => {
    if (event.key !== 'ArrowDown' && event.key !== 'ArrowUp') return;
    const target = event.target as HTMLElement;
    const row = target.closest<HTMLElement>('[data-index]');
    const part = target.dataset.part;
    if (!row || !part) return;
    event.preventDefault();
    const next = Number(row.dataset.index) + (event.key === 'ArrowDown' ? 1 : -1);
    if (next < 0 || next >= count) return;
    virtualizer.scrollToIndex(next, { align: 'auto' });
    const focus = (tries: number) => {
      const el = scroller.current?.querySelector<HTMLElement>(`[data-index="${next}"] [data-part="${part}"]`);
      if (el) el.focus();
      else if (tries > 0) requestAnimationFrame(() => focus(tries - 1));
    };
    requestAnimationFrame(() => focus(5));
  };

  const left = excluded.size;
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
      <div className="fact-scroller" ref={scroller} onKeyDown={onKeyDown}>
        <ul className="fact-rows" style={{ height: virtualizer.getTotalSize() }} aria-label="Facts">
          {items.map((item) => {
            const fact = factAt(item.index);
            const style = { transform: `translateY(${item.start}px)` };
            if (!fact) {
              return (
                <li key={item.key} className="fact-row is-loading" data-index={item.index} ref={virtualizer.measureElement} style={style} aria-setsize={count} aria-posinset={item.index + 1}>
                  <span className="fact-loading">Loading…</span>
                </li>
              );
            }
            const included = !excluded.has(fact.id);
            const statementId = `fact-${fact.id}-statement`;
            const kind = KIND_LABEL[fact.kind];
            return (
              <li
                key={item.key}
                className={`fact-row${included ? '' : ' is-excluded'}${openId === fact.id ? ' is-open' : ''}`}
                data-index={item.index}
                data-fact-id={fact.id}
                ref={virtualizer.measureElement}
                style={style}
                aria-setsize={count}
                aria-posinset={item.index + 1}
              >
                <input
                  type="checkbox"
                  className="fact-include"
                  data-part="include"
                  checked={included}
                  aria-labelledby={statementId}
                  onChange={(e) => onToggle(fact.id, e.target.checked)}
                />
                <span className="fact-when">
                  {fact.when || 'undated'}
                  {fact.estimated && (
                    <abbr className="fact-estimated" title="Estimated date: the source does not give it exactly">
                      est.
                    </abbr>
                  )}
                </span>
                <div className="fact-body">
                  <button type="button" className="fact-statement" id={statementId} data-part="open" onClick={() => onOpen(fact)} aria-haspopup="dialog">
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
              </li>
            );
          })}
        </ul>
      </div>
    </div>
  );
}
