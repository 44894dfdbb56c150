// A fact's source, read in context: the whole text with the fact's evidence sentence
// highlighted and scrolled into view (other facts' evidence lightly marked).
import { useEffect, useMemo, useRef, useState } from 'react';
import type { FactSummary, Problem, SourceView } from '../../shared/api';
import { api } from '../api';
import { Dialog } from './Dialog';

interface SourcePanelProps {
  fact: FactSummary;
  onClose: () => void;
}

type Piece = { text: string; factId?: string };

/** Cuts the text at the evidence spans; the focused fact's span wins any overlap. */
function pieces(source: SourceView, focus: string): Piece[] {
  const mine = source.spans.find((s) => s.factId === focus && s.end > s.start);
  const overlapsMine = (s: { start: number; end: number }) => !!mine && s.start < mine.end && s.end > mine.start;
  const spans = source.spans.filter((s) => s.end > s.start && (s === mine || !overlapsMine(s))).sort((a, b) => a.start - b.start);
  const out: Piece[] = [];
  let at = 0;
  for (const span of spans) {
    if (span.start < at) continue;
    if (span.start > at) out.push({ text: source.text.slice(at, span.start) });
    out.push({ text: source.text.slice(span.start, span.end), factId: span.factId });
    at = span.end;
  }
  if (at < source.text.length) out.push({ text: source.text.slice(at) });
  // Blank lines between paragraphs read as one gap (the text is cut first, so offsets hold).
  return out.map((piece) => ({ ...piece, text: piece.text.replace(/\n[ \t]*(?:\n[ \t]*)+/g, '\n\n') }));
}

export function SourcePanel({ fact, onClose }: SourcePanelProps) {
  const [source, setSource] = useState<SourceView | null>(null);
  const [problems, setProblems] = useState<Problem[]>([]);
  const mark = useRef<HTMLElement>(null);

  useEffect(() => {
    let live = true;
    setSource(null);
    setProblems([]);
    void api.call('getSource', { id: fact.sourceId, factId: fact.id }).then((response) => {
      if (!live) return;
      if (response.ok) setSource(response.result);
      else setProblems(response.problems);
    });
    return () => {
      live = false;
    };
  }, [fact.id, fact.sourceId]);

  useEffect(() => {
    if (source) mark.current?.scrollIntoView({ block: 'center' });
  }, [source]);

  const cut = useMemo(() => (source ? pieces(source, fact.id) : []), [source, fact.id]);
  const found = cut.some((p) => p.factId === fact.id);

  return (
    <Dialog title={source?.title ?? fact.sourceTitle} onClose={onClose} variant="drawer" className="source-panel" describedBy="source-fact">
      <div className="source-fact" id="source-fact">
        <p className="source-fact-label">Fact</p>
        <p className="source-fact-statement">{fact.statement}</p>
        {fact.note && <p className="field-help">Note: {fact.note}</p>}
      </div>
      {problems.length > 0 && (
        <p className="field-error" role="alert">
          {problems.map((p) => p.message).join('; ')}
        </p>
      )}
      {!source && problems.length === 0 && <p className="field-help">Opening the source…</p>}
      {source && (
        <>
          <dl className="source-meta">
            {source.author && source.author.toLowerCase() !== 'unknown' && (
              <>
                <dt>Author</dt>
                <dd>{source.author}</dd>
              </>
            )}
            {source.publisher && source.publisher.toLowerCase() !== 'unknown' && (
              <>
                <dt>Publisher</dt>
                <dd>{source.publisher}</dd>
              </>
            )}
            <dt>Date</dt>
            <dd>
              {source.date || 'undated'}
              {source.estimated && ' (estimated)'}
            </dd>
            {source.basis && (
              <>
                <dt>How dated</dt>
                <dd className="field-help">{source.basis}</dd>
              </>
            )}
          </dl>
          {!found && <p className="notice notice-warning">The evidence for this fact could not be found in the source text.</p>}
          <div className="source-text" tabIndex={0} role="document" aria-label="Source text">
            {cut.map((piece, index) =>
              piece.factId === fact.id ? (
                <mark key={index} ref={mark} className="evidence evidence-current">
                  {piece.text}
                </mark>
              ) : piece.factId ? (
                <span key={index} className="evidence">
                  {piece.text}
                </span>
              ) : (
                <span key={index}>{piece.text}</span>
              ),
            )}
          </div>
        </>
      )}
    </Dialog>
  );
}
