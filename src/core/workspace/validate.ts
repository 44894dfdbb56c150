// Checks across records: every id a fact names resolves, its evidence stands verbatim in its
// source, its figures use the indicator's unit, and its dates are possible given when the
// source was written; a person's country and the sources of their roles resolve. A fact that
// fails is reported and left out; the rest stays usable.
import type { Diagnostic } from '../diagnostics';
import { quote } from '../quote';
import { didYouMean } from '../suggest';
import { parseDate, whenInterval, whenKey, type When } from '../facts/dates';
import type { Entity, Indicator, Topic } from '../facts/schema';
import type { Fact, Origin, Source } from './load';

interface Records {
  topics: Map<string, Topic & { origin: Origin }>;
  indicators: Map<string, Indicator & { origin: Origin }>;
  entities: Map<string, Entity & { origin: Origin }>;
  sources: Map<string, Source>;
  facts: Fact[];
}

/** Collapses every run of white space (no-break spaces included) to one space. */
export function normaliseSpace(text: string): string {
  return IRREGULAR_SPACE.test(text) ? text.replace(/\s+/g, ' ').trim() : text;
}
/** Any white space but a single inner space. (`\s` covers Unicode spaces even without the u flag.) */
const IRREGULAR_SPACE = /[^\S ]| {2}|^ | $/;

/**
 * A source's text with white space normalised, and where each word starts, keyed by the
 * characters that follow: finding an evidence span is then a look-up and a comparison or two,
 * not a scan of the whole text (which, with thousands of facts per source, is most of the
 * loading time).
 */
export class SourceText {
  /** Long enough that few word starts share a key, even in formulaic text ("In 2018, trade …"). */
  private static readonly KEY = 24;
  /** How many of a span's words may be tried as anchors; the one with the fewest matches is used. */
  private static readonly ANCHORS = 6;
  /** An anchor this rare is good enough: look no further. */
  private static readonly RARE = 4;
  readonly body: string;
  /** Word starts by a hash of the KEY characters there (a number: no substring to make). */
  private words?: Map<number, number[]>;

  constructor(text: string) {
    this.body = normaliseSpace(text);
  }

  /** Whether `span` (already normalised) occurs in the text. */
  includes(span: string): boolean {
    const key = SourceText.KEY;
    if (span.length >= key) {
      const words = this.wordStarts();
      // Anchor on the span's word with the fewest occurrences in the text.
      let best: number[] | undefined;
      let bestOffset = 0;
      for (let offset = 0, tried = 0; offset >= 0 && offset + key <= span.length && tried < SourceText.ANCHORS; tried++) {
        const list = words.get(hashAt(span, offset, key));
        if (!list) {
          // A word of the span that starts no word of the text: the span may start inside a word.
          if (offset === 0) break;
          return false;
        }
        if (!best || list.length < best.length) {
          best = list;
          bestOffset = offset;
          if (list.length <= SourceText.RARE) break;
        }
        offset = span.indexOf(' ', offset) + 1 || -1;
      }
      if (best) {
        for (const at of best) {
          if (at >= bestOffset && this.body.startsWith(span, at - bestOffset)) return true;
        }
        return false;
      }
    }
    // Spans shorter than a key, or starting inside a word.
    return this.body.includes(span);
  }

  private wordStarts(): Map<number, number[]> {
    if (this.words) return this.words;
    const words = new Map<number, number[]>();
    const { body } = this;
    const key = SourceText.KEY;
    for (let at = 0; at >= 0 && at + key <= body.length; at = body.indexOf(' ', at) + 1 || -1) {
      const hash = hashAt(body, at, key);
      const list = words.get(hash);
      if (list) list.push(at);
      else words.set(hash, [at]);
    }
    this.words = words;
    return words;
  }
}

/** FNV-1a of `length` UTF-16 units of `text` from `at`, kept to a small integer. */
function hashAt(text: string, at: number, length: number): number {
  let hash = 0x811c9dc5;
  for (let i = at; i < at + length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193);
  return hash & 0x3fffffff;
}

/** Problems listed per file; beyond these, a file's problems are counted, not listed (a broken file of 100,000 facts). */
export const MAX_PROBLEMS_PER_FILE = 50;

export function moreProblems(file: string, count: number): Diagnostic {
  return { severity: 'error', file, message: `and ${count} more record${count === 1 ? '' : 's'} with problems in this file (fix the ones listed first)` };
}

const RELATIVE_TIME = /\b(last|this|next|past) year\b|\blast year’s\b|\bthis year\b/i;

export function validateWorkspace(records: Records, diagnostics: Diagnostic[]): Fact[] {
  const { topics, indicators, entities, sources } = records;

  for (const indicator of indicators.values()) {
    for (const topic of indicator.topics) {
      if (!topics.has(topic)) {
        diagnostics.push(error(indicator.origin, `indicator ${quote(indicator.id)} names unknown topic ${quote(topic)}${suggest(topic, topics)}`));
      }
    }
  }

  const countries = [...entities.values()].filter((e) => e.type === 'country').map((e) => e.id);
  for (const entity of entities.values()) {
    for (const problem of personProblems(entity, entities, countries, sources)) diagnostics.push(error(entity.origin, problem));
  }

  // Normalise and index each source's text once, not once per fact.
  const texts = new Map<string, SourceText>();
  const textOf = (source: Source) => {
    let text = texts.get(source.id);
    if (text === undefined) {
      text = new SourceText(source.text);
      texts.set(source.id, text);
    }
    return text;
  };

  const factsById = new Map(records.facts.map((f) => [f.id, f]));
  const sound: Fact[] = [];
  const listed = new Map<string, number>();
  const hidden = new Map<string, number>();
  for (const fact of records.facts) {
    const problems: string[] = [];
    const warnings: string[] = [];
    for (const topic of fact.topics) {
      if (!topics.has(topic)) problems.push(`unknown topic ${quote(topic)}${suggest(topic, topics)}`);
    }
    for (const entity of fact.entities) {
      if (!entities.has(entity)) problems.push(`unknown entity ${quote(entity)}${suggest(entity, entities)}`);
    }
    if (fact.attribution && !entities.has(fact.attribution)) {
      problems.push(`unknown entity ${quote(fact.attribution)} in \`attribution\`${suggest(fact.attribution, entities)}`);
    }
    if (fact.metric) {
      const indicator = indicators.get(fact.metric.indicator);
      if (!indicator) {
        problems.push(`unknown indicator ${quote(fact.metric.indicator)}${suggest(fact.metric.indicator, indicators)}`);
      } else if (indicator.unit !== fact.metric.unit) {
        problems.push(`metric unit ${quote(fact.metric.unit)} differs from indicator ${quote(indicator.id)}, which is in ${quote(indicator.unit)}`);
      } else {
        const departs = definitionDeparture(fact, indicator);
        if (departs) warnings.push(departs);
      }
      const placed = undatedFigurePlaced(fact);
      if (placed) warnings.push(placed);
    }
    const link = settlementProblem(fact, factsById);
    if (link) warnings.push(link);
    const source = sources.get(fact.source);
    if (!source) {
      problems.push(`unknown source ${quote(fact.source)}${suggest(fact.source, sources)}`);
    } else {
      if (!textOf(source).includes(normaliseSpace(fact.evidence))) {
        problems.push(`evidence is not found verbatim in source ${quote(source.id)} (${source.origin.file}); copy the span exactly, curly quotes and dashes included`);
      }
      const dateProblem = impossibleDate(fact, source);
      if (dateProblem) problems.push(dateProblem);
      if (source.estimate && !fact.estimated && !fact.note && RELATIVE_TIME.test(fact.evidence)) {
        warnings.push(
          `the evidence dates itself relative to the source ("last year", "this year"), and source ${quote(source.id)} has only an estimated date: mark the fact \`estimated: true\``,
        );
      }
    }
    if (problems.length === 0) sound.push(fact);
    if (problems.length === 0 && warnings.length === 0) continue;
    const file = fact.origin.file;
    const count = listed.get(file) ?? 0;
    if (count >= MAX_PROBLEMS_PER_FILE) {
      if (problems.length > 0) hidden.set(file, (hidden.get(file) ?? 0) + 1);
      continue;
    }
    listed.set(file, count + 1);
    for (const w of warnings) diagnostics.push({ ...error(fact.origin, `${w} (fact ${quote(fact.id)})`), severity: 'warning' });
    for (const p of problems) diagnostics.push(error(fact.origin, `${p} (fact ${quote(fact.id)}; left out)`));
  }
  for (const [file, count] of hidden) diagnostics.push(moreProblems(file, count));
  return sound;
}

/**
 * A person's `country` names a country entity and each of their `roles` a source; only a person
 * has either. The entity stays usable (facts name it): the paper prints the person without the
 * country or the citation it cannot resolve.
 */
function personProblems(entity: Entity, entities: Records['entities'], countries: readonly string[], sources: Records['sources']): string[] {
  const { id, type, country, roles } = entity;
  if (type !== 'person') {
    const fields = [country !== undefined ? '`country`' : '', roles !== undefined ? '`roles`' : ''].filter(Boolean);
    return fields.length === 0 ? [] : [`entity ${quote(id)} is a ${type}: only a person has ${fields.join(' and ')}`];
  }
  const problems: string[] = [];
  if (country !== undefined) {
    const named = entities.get(country);
    if (!named) problems.push(`person ${quote(id)} names unknown country ${quote(country)}${didYouMean(country, countries)}`);
    else if (named.type !== 'country') problems.push(`person ${quote(id)} names ${quote(country)} as their country, but it is a ${named.type}, not a country${didYouMean(country, countries)}`);
  }
  for (const role of roles ?? []) {
    if (!sources.has(role.source)) {
      problems.push(`role ${quote(role.title)} of person ${quote(id)} cites unknown source ${quote(role.source)}${suggest(role.source, sources)}`);
    }
  }
  return problems;
}

/**
 * A figure that measures something other than its indicator's definition: two facts of one
 * indicator must count the same thing, or a chart joins different lists into one line.
 */
function definitionDeparture(fact: Fact, indicator: Indicator): string | undefined {
  const own = fact.metric?.definition;
  if (own === undefined || own === indicator.definition) return undefined;
  return indicator.definition
    ? `the figure counts ${quote(own)}, but indicator ${quote(indicator.id)} is defined as ${quote(indicator.definition)}: give it an indicator of its own (its definition is printed beside it until then)`
    : `the figure carries a definition (${quote(own)}) that indicator ${quote(indicator.id)} does not: give the indicator a \`definition\` its facts share, or the figure an indicator of its own`;
}

/** A year, a month, a season or a relative time ("last year", "in 2018", "May 20") in evidence. */
const DATED_WORDS =
  /\b(1[89]|20)\d\d\b|\b(January|February|March|April|May|June|July|August|September|October|November|December|spring|summer|autumn|winter)\b|\b(last|this|next|past|previous|coming) (year|month|decade)/i;

/**
 * An undated figure placed on a period: the fact gives its figure a period, but nothing in its
 * evidence dates it. By the undated rule (data/README.md) such a figure has no `when` and no
 * `period`, and prints as "reported by" its source's date.
 */
function undatedFigurePlaced(fact: Fact): string | undefined {
  const period = fact.metric?.period ?? fact.when;
  if (period === undefined || DATED_WORDS.test(fact.evidence)) return undefined;
  return `the figure is placed on ${whenKey(period)}, but its evidence gives no date: leave out \`when\` and \`metric.period\` (it then prints as reported by the source's date), or quote the words that date it`;
}

/**
 * A plan or forecast linked to the outcome that settles it: the link must lead to an outcome
 * that exists; a link from any other kind of fact means nothing.
 */
function settlementProblem(fact: Fact, facts: ReadonlyMap<string, Fact>): string | undefined {
  if (fact.settledBy === undefined) {
    return fact.settlement !== undefined ? '`settlement` says how a plan or forecast was settled, but the fact has no `settledBy`' : undefined;
  }
  if (fact.kind !== 'plan' && fact.kind !== 'forecast') {
    return `\`settledBy\` links a plan or forecast to the outcome that settles it; this fact's kind is ${quote(fact.kind)}`;
  }
  const outcome = facts.get(fact.settledBy);
  if (!outcome) return `the outcome that settles this ${fact.kind}, ${quote(fact.settledBy)}, is missing${didYouMean(fact.settledBy, facts.keys())}: it prints as still open`;
  if (outcome.kind !== 'outcome') return `\`settledBy\` names ${quote(outcome.id)}, whose kind is ${quote(outcome.kind)}: it must name an outcome`;
  return undefined;
}

/**
 * An outcome cannot be about a time after the source reporting it was written, and neither can
 * its figure (a target "for 2030" on an outcome would chart as a 2030 outcome).
 */
function impossibleDate(fact: Fact, source: Source): string | undefined {
  if (fact.kind !== 'outcome' || source.reported === 'unknown') return undefined;
  const reported = parseDate(source.reported);
  if ('error' in reported) return undefined;
  const after = (when: When | undefined) => {
    if (when === undefined) return false;
    const parsed = whenInterval(when);
    return 'interval' in parsed && parsed.interval.start > reported.interval.end;
  };
  if (after(fact.when)) {
    return `an outcome dated ${whenKey(fact.when!)} cannot be reported by a source dated ${source.reported}: is it a forecast or a plan?`;
  }
  if (fact.metric && after(fact.metric.period)) {
    return `an outcome's figure for ${whenKey(fact.metric.period!)} cannot be reported by a source dated ${source.reported}: is the figure a forecast, a plan or a target (make it a fact of that kind)?`;
  }
  return undefined;
}

function error(origin: Origin, message: string): Diagnostic {
  return { severity: 'error', file: origin.file, line: origin.line, column: origin.column, message };
}

const suggest = (id: string, known: Map<string, unknown>): string => didYouMean(id, known.keys());
