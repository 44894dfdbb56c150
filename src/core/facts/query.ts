// Selecting facts: by topics, a date range on `when` (overlap semantics for partial dates and
// periods), entities, kinds, sources and free text; always in chronological order.
import type { Fact, Workspace } from '../workspace/load';
import { overlaps, rangeInterval } from './dates';
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

const searchText = new WeakMap<Fact, string>();

function haystack(fact: Fact): string {
  let text = searchText.get(fact);
  if (text === undefined) {
    text = fold([fact.id, fact.statement, fact.evidence, fact.note ?? '', fact.topics.join(' '), fact.entities.join(' ')].join('\n'));
    searchText.set(fact, text);
  }
  return text;
}

/** Lower case, accents and typographic quotes folded, so "nurtleu" finds "Nurtleu". */
export function fold(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .replace(/[‘’]/g, "'")
    .replace(/[“”]/g, '"')
    .toLowerCase();
}

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

  const facts = workspace.facts.filter((fact) => {
    if (exclude?.has(fact.id)) return false;
    if (topics && !fact.topics.some((t) => topics.has(t))) return false;
    if (kinds && !kinds.has(fact.kind)) return false;
    if (sources && !sources.has(fact.source)) return false;
    if (entities && !fact.entities.some((e) => entities.has(e)) && !(fact.attribution && entities.has(fact.attribution))) return false;
    if (bounded) {
      const interval = workspace.intervals.get(fact.id);
      if (!interval || !overlaps(interval, range.interval)) return false;
    }
    if (words.length > 0) {
      const text = haystack(fact);
      if (!words.every((w) => text.includes(w))) return false;
    }
    return true;
  });
  return { facts };
}

function nonEmptySet<T>(values: readonly T[] | undefined): Set<T> | undefined {
  return values && values.length > 0 ? new Set(values) : undefined;
}
