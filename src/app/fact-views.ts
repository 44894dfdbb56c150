// What the app's lists show of the workspace: facts as FactSummary rows (with the conflicts a
// reader must see), sources with the place of every fact's evidence in their text, and the
// vocabularies. Reads a loaded workspace; changes nothing.
import type { FactSummary, SourceView } from '../shared/api';
import { whenKey } from '../core/facts/dates';
import { buildSeries, factsByIndicator, type SeriesPoint } from '../core/facts/series';
import { reportedBy } from '../core/facts/standing';
import { formatDate, formatQualified, formatWhen, type FormatOptions } from '../core/templates/format';
import type { Fact, Source, Workspace } from '../core/workspace/load';

/** How many of the other values a note names; the rest are counted. */
const OTHERS_SHOWN = 3;

/**
 * For each fact whose figure another fact contradicts (same indicator and period), what the
 * others say: the first few by name, the rest as a count, so that a period many facts disagree
 * on gives a note one can read (and the notes cost time in proportion to the facts).
 */
export function conflictNotes(workspace: Workspace, format: FormatOptions): Map<string, string> {
  const notes = new Map<string, string>();
  for (const [indicator, facts] of factsByIndicator(workspace.facts)) {
    const series = buildSeries(workspace, indicator, facts);
    if (!series) continue;
    for (const conflict of series.conflicts) {
      const period = formatWhen(conflict.period, format);
      const described = new Map<SeriesPoint, string>();
      const describe = (p: SeriesPoint) =>
        `${formatQualified(p.value, p.unit, p.qualifier, format)} (${p.fact.id}, “${sourceTitle(workspace, p.fact)}”)`;
      for (const point of conflict.points) {
        const others: string[] = [];
        let more = 0;
        for (const p of conflict.points) {
          if (p === point || p.value === point.value) continue;
          if (others.length === OTHERS_SHOWN) {
            more++;
            continue;
          }
          let text = described.get(p);
          if (text === undefined) described.set(p, (text = describe(p)));
          others.push(text);
        }
        if (others.length === 0) continue;
        const rest = more > 0 ? `; and ${more} other${more === 1 ? '' : 's'}` : '';
        notes.set(point.fact.id, `Other facts give a different ${series.indicator.name.toLowerCase()} for ${period}: ${others.join('; ')}${rest}.`);
      }
    }
  }
  return notes;
}

export function factSummary(workspace: Workspace, fact: Fact, format: FormatOptions, conflicts: ReadonlyMap<string, string>): FactSummary {
  const attribution = fact.attribution ? (workspace.entities.get(fact.attribution)?.name ?? fact.attribution) : undefined;
  const indicator = fact.metric ? (workspace.indicators.get(fact.metric.indicator)?.name ?? fact.metric.indicator) : undefined;
  const conflict = conflicts.get(fact.id);
  // A fact its source does not date shows when it was reported by: "by April 2019", est. when the source's date is.
  const reported = reportedBy(workspace, fact);
  return {
    id: fact.id,
    statement: fact.statement,
    when: fact.when === undefined && reported ? `by ${formatDate(reported.date, format)}` : formatWhen(fact.when, format),
    whenKey: fact.when === undefined ? '' : whenKey(fact.when),
    estimated: fact.estimated || (fact.when === undefined && reported?.estimated === true),
    kind: fact.kind,
    topics: fact.topics,
    sourceId: fact.source,
    sourceTitle: sourceTitle(workspace, fact),
    ...(fact.metric ? { figure: formatQualified(fact.metric.value, fact.metric.unit, fact.metric.qualifier, format) } : {}),
    ...(indicator ? { indicator } : {}),
    ...(attribution ? { attribution } : {}),
    ...(fact.note ? { note: fact.note } : {}),
    ...(conflict ? { conflict } : {}),
  };
}

/** A source with the span of every fact's evidence in its text (facts whose evidence is not found get none). */
export function sourceView(workspace: Workspace, source: Source): SourceView {
  const spans: SourceView['spans'] = [];
  for (const fact of workspace.facts) {
    if (fact.source !== source.id) continue;
    const span = locateEvidence(source.text, fact.evidence);
    if (span) spans.push({ factId: fact.id, ...span });
  }
  spans.sort((a, b) => a.start - b.start || a.end - b.end);
  const basis = source.estimate?.basis;
  return {
    id: source.id,
    title: source.title,
    author: source.author,
    publisher: source.publisher,
    date: source.reported,
    estimated: source.date === undefined,
    ...(basis ? { basis } : {}),
    text: source.text,
    spans,
  };
}

/**
 * Where `evidence` stands in `text`, tolerant only of whitespace (as the workspace check is):
 * its words, escaped, joined by runs of any whitespace.
 */
function locateEvidence(text: string, evidence: string): { start: number; end: number } | undefined {
  const words = evidence.trim().split(/\s+/u).filter(Boolean);
  if (words.length === 0) return undefined;
  const pattern = new RegExp(words.map(escapeRegExp).join('\\s+'), 'u');
  const match = pattern.exec(text);
  return match ? { start: match.index, end: match.index + match[0].length } : undefined;
}

const escapeRegExp = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

function sourceTitle(workspace: Workspace, fact: Fact): string {
  return workspace.sources.get(fact.source)?.title ?? fact.source;
}
