// Selecting facts: by topics, a date range on `when` (overlap semantics for partial dates and
// periods), entities, kinds, sources and free text; always in chronological order.
import type { Fact, Workspace } from '../workspace/load';
import { rangeInterval } from './dates';
import type { FactKind } from './schema';

export interface FactQuery {
  topics?: readonly string[];
  from?: string;
  to?: string;
  entities?: readonly string[];
  kinds?: readonly FactKind[];
  sources?: readonly string[];
  /** Case- and accent-insensitive words, all of which must occur in the statement, evidence, note or ids. */
  text?: string;
  /** Facts to leave out (the user unticked them). */
  exclude?: readonly string[];
}

export type QueryResult = { facts: Fact[] } | { error: string };

/**
 * What queries over one workspace's facts share, built on the first query: the facts of each
 * topic, each fact's interval as numbers, and (as they are first needed) each fact's text
 * folded for searching. Positions are indexes into `workspace.facts`, which is chronological.
 */
interface FactIndex {
  facts: readonly Fact[];
  byTopic: Map<string, number[]>;
  /** Start and end day of each fact's `when`; NaN for undated facts. */
  starts: Float64Array;
  ends: Float64Array;
  /** Whether the facts are in order of their start (as a loaded workspace's are). */
  chronological: boolean;
  folded: (string | undefined)[];
}

const indexes = new WeakMap<readonly Fact[], FactIndex>();

function indexOf(workspace: Workspace): FactIndex {
  const facts = workspace.facts;
  const cached = indexes.get(facts);
  if (cached && cached.starts.length === facts.length) return cached;
  const byTopic = new Map<string, number[]>();
  const starts = new Float64Array(facts.length);
  const ends = new Float64Array(facts.length);
  let chronological = true;
  facts.forEach((fact, position) => {
    for (const topic of fact.topics) {
      const list = byTopic.get(topic);
      if (list) list.push(position);
      else byTopic.set(topic, [position]);
    }
    const interval = workspace.intervals.get(fact.id);
    starts[position] = interval ? interval.start : Number.NaN;
    ends[position] = interval ? interval.end : Number.NaN;
    const previous = position > 0 ? starts[position - 1]! : Number.NEGATIVE_INFINITY;
    if (interval && !(previous <= interval.start)) chronological = false;
  });
  const index = { facts, byTopic, starts, ends, chronological, folded: new Array<string | undefined>(facts.length) };
  indexes.set(facts, index);
  return index;
}

function haystack(index: FactIndex, position: number): string {
  let text = index.folded[position];
  if (text === undefined) {
    const fact = index.facts[position]!;
    text = fold([fact.id, fact.statement, fact.evidence, fact.note ?? '', fact.topics.join(' '), fact.entities.join(' ')].join('\n'));
    index.folded[position] = text;
  }
  return text;
}

/** Lower case, accents and typographic quotes folded, so "nurtleu" finds "Nurtleu". */
export function fold(text: string): string {
  // Plain ASCII has no accents or typographic quotes: skip the Unicode work.
  if (!NON_ASCII.test(text)) return text.toLowerCase();
  return text
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .replace(/[‘’]/g, "'")
    .replace(/[“”]/g, '"')
    .toLowerCase();
}
const NON_ASCII = /[^\u0000-\u007f]/;

export function queryFacts(workspace: Workspace, query: FactQuery): QueryResult {
  const range = rangeInterval(query.from, query.to);
  if ('error' in range) return { error: range.error };
  const bounded = query.from !== undefined || query.to !== undefined;
  const topics = nonEmptySet(query.topics);
  const entities = nonEmptySet(query.entities);
  const kinds = nonEmptySet(query.kinds);
  const sources = nonEmptySet(query.sources);
  const exclude = nonEmptySet(query.exclude);
  const words = query.text ? fold(query.text).split(/\s+/).filter(Boolean) : [];
  const index = indexOf(workspace);
  const { start, end } = range.interval;

  const facts: Fact[] = [];
  for (const position of candidates(index, topics)) {
    if (bounded) {
      if (index.starts[position]! > end) {
        // In a loaded workspace facts are in order of their start: past the range's end, none can overlap it.
        if (index.chronological) break;
        continue;
      }
      // Undated facts (NaN) fail this too: they are never inside a bounded range.
      if (!(index.ends[position]! >= start)) continue;
    }
    const fact = index.facts[position]!;
    if (exclude?.has(fact.id)) continue;
    if (kinds && !kinds.has(fact.kind)) continue;
    if (sources && !sources.has(fact.source)) continue;
    if (entities && !fact.entities.some((e) => entities.has(e)) && !(fact.attribution && entities.has(fact.attribution))) continue;
    if (words.length > 0) {
      const text = haystack(index, position);
      if (!words.every((w) => text.includes(w))) continue;
    }
    facts.push(fact);
  }
  return { facts };
}

/** Positions of the facts of any of `topics` (all facts when none), in chronological order. */
function candidates(index: FactIndex, topics: Set<string> | undefined): Iterable<number> {
  if (!topics) return index.facts.keys();
  if (topics.size === 1) return index.byTopic.get([...topics][0]!) ?? [];
  // A fact can have several of the topics: keep each position once, in order.
  const positions = new Set([...topics].flatMap((t) => index.byTopic.get(t) ?? []));
  return [...positions].sort((a, b) => a - b);
}

function nonEmptySet<T>(values: readonly T[] | undefined): Set<T> | undefined {
  return values && values.length > 0 ? new Set(values) : undefined;
}
