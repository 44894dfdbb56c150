// Checks across records: every id a fact names resolves, its evidence stands verbatim in its
// source, its figures use the indicator's unit, and its dates are possible given when the
// source was written. A fact that fails is reported and left out; the rest stays usable.
import type { Diagnostic } from '../diagnostics';
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
  return text.replace(/\s+/gu, ' ').trim();
}

const RELATIVE_TIME = /\b(last|this|next|past) year\b|\blast year’s\b|\bthis year\b/i;

export function validateWorkspace(records: Records, diagnostics: Diagnostic[]): Fact[] {
  const { topics, indicators, entities, sources } = records;

  for (const indicator of indicators.values()) {
    for (const topic of indicator.topics) {
      if (!topics.has(topic)) {
        diagnostics.push(error(indicator.origin, `indicator "${indicator.id}" names unknown topic "${topic}"${suggest(topic, topics)}`));
      }
    }
  }

  // Normalise each source body once, not once per fact.
  const bodies = new Map<string, string>();
  const bodyOf = (source: Source) => {
    let body = bodies.get(source.id);
    if (body === undefined) {
      body = normaliseSpace(source.text);
      bodies.set(source.id, body);
    }
    return body;
  };

  const sound: Fact[] = [];
  for (const fact of records.facts) {
    const problems: string[] = [];
    const warnings: string[] = [];
    for (const topic of fact.topics) {
      if (!topics.has(topic)) problems.push(`unknown topic "${topic}"${suggest(topic, topics)}`);
    }
    for (const entity of fact.entities) {
      if (!entities.has(entity)) problems.push(`unknown entity "${entity}"${suggest(entity, entities)}`);
    }
    if (fact.attribution && !entities.has(fact.attribution)) {
      problems.push(`unknown entity "${fact.attribution}" in \`attribution\`${suggest(fact.attribution, entities)}`);
    }
    if (fact.metric) {
      const indicator = indicators.get(fact.metric.indicator);
      if (!indicator) {
        problems.push(`unknown indicator "${fact.metric.indicator}"${suggest(fact.metric.indicator, indicators)}`);
      } else if (fact.metric.period === undefined && fact.when === undefined) {
        problems.push('a metric needs a `period` (or the fact a `when`): a figure without a period cannot join a series');
      } else if (indicator.unit !== fact.metric.unit) {
        problems.push(`metric unit "${fact.metric.unit}" differs from indicator "${indicator.id}", which is in "${indicator.unit}"`);
      }
    }
    const source = sources.get(fact.source);
    if (!source) {
      problems.push(`unknown source "${fact.source}"${suggest(fact.source, sources)}`);
    } else {
      if (!bodyOf(source).includes(normaliseSpace(fact.evidence))) {
        problems.push(`evidence is not found verbatim in source "${source.id}" (${source.origin.file}); copy the span exactly, curly quotes and dashes included`);
      }
      const dateProblem = impossibleDate(fact, source);
      if (dateProblem) problems.push(dateProblem);
      if (source.estimate && !fact.estimated && !fact.note && RELATIVE_TIME.test(fact.evidence)) {
        warnings.push(
          `the evidence dates itself relative to the source ("last year", "this year"), and source "${source.id}" has only an estimated date: mark the fact \`estimated: true\``,
        );
      }
    }
    for (const w of warnings) diagnostics.push({ ...error(fact.origin, `${w} (fact "${fact.id}")`), severity: 'warning' });
    if (problems.length > 0) {
      for (const p of problems) diagnostics.push(error(fact.origin, `${p} (fact "${fact.id}"; left out)`));
      continue;
    }
    sound.push(fact);
  }
  return sound;
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
