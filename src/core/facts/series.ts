// Indicator series: the values facts give for one indicator, one per period. Where several
// facts give a value for the same period, the most recently reported wins and any disagreement
// is reported as a conflict. Forecasts, plans and claims are kept apart from outcomes so a
// brief never shows them as established figures.
import type { Fact, Workspace } from '../workspace/load';
import { parseDate, whenInterval, whenKey, type When } from './dates';
import type { Indicator, Qualifier } from './schema';

export interface SeriesPoint {
  /** The period the value is for, as written ("2018", "2015..2018"). */
  period: When;
  value: number;
  unit: string;
  qualifier: Qualifier;
  /** The period is inferred from a source whose date is only estimated. */
  estimated: boolean;
  fact: Fact;
  /** The reporting date of the fact's source (its date or estimate). */
  reported: string;
  /**
   * The source gives no period for the figure: `period` is the reporting date, and the figure
   * prints as "reported by" it, never as a value for that period.
   */
  reportedOnly: boolean;
}

export interface Conflict {
  indicator: string;
  period: When;
  /** The facts that disagree, most recently reported first. */
  points: SeriesPoint[];
}

export interface Series {
  indicator: Indicator;
  /** Outcomes, one per period, in chronological order. */
  points: SeriesPoint[];
  /** Forecasts and plans (targets), in chronological order; never merged with outcomes. */
  forecasts: SeriesPoint[];
  /** Figures officials assert, and context figures, to be attributed; never merged with outcomes. */
  claims: SeriesPoint[];
  conflicts: Conflict[];
}

/** Builds the series of `indicatorId` from `facts` (already selected by the caller). */
export function buildSeries(workspace: Workspace, indicatorId: string, facts: readonly Fact[]): Series | undefined {
  const indicator = workspace.indicators.get(indicatorId);
  if (!indicator) return undefined;
  const points: SeriesPoint[] = [];
  for (const fact of facts) {
    if (fact.metric?.indicator !== indicatorId) continue;
    const reported = workspace.sources.get(fact.source)?.reported ?? 'unknown';
    const dated = fact.metric.period ?? fact.when;
    const period = dated ?? (reported !== 'unknown' ? reported : undefined);
    if (period === undefined) continue; // a figure with neither a period nor a dated source cannot be placed
    points.push({
      period,
      value: fact.metric.value,
      unit: fact.metric.unit,
      qualifier: fact.metric.qualifier,
      estimated: fact.estimated,
      fact,
      reported,
      reportedOnly: dated === undefined,
    });
  }
  const byKind = (kinds: readonly string[]) => points.filter((p) => kinds.includes(p.fact.kind));
  // Context figures (a baseline quoted from someone's estimate, a capacity) are not measured
  // results: they go with the claims, to be attributed, never into the series of outcomes.
  const outcomes = byKind(['outcome']);
  const { chosen, conflicts } = onePerPeriod(indicatorId, outcomes);
  return {
    indicator,
    points: chosen,
    forecasts: chronological(byKind(['forecast', 'plan'])),
    claims: chronological(byKind(['claim', 'context'])),
    conflicts,
  };
}

/** The facts that give a value, by the indicator they give it for (in the order given). */
export function factsByIndicator(facts: readonly Fact[]): Map<string, Fact[]> {
  const groups = new Map<string, Fact[]>();
  for (const fact of facts) {
    if (!fact.metric) continue;
    const group = groups.get(fact.metric.indicator);
    if (group) group.push(fact);
    else groups.set(fact.metric.indicator, [fact]);
  }
  return groups;
}

/** Every indicator that has at least one value among `facts`. */
export function indicatorsIn(facts: readonly Fact[]): string[] {
  return [...new Set(facts.flatMap((f) => (f.metric ? [f.metric.indicator] : [])))];
}

function onePerPeriod(indicator: string, points: SeriesPoint[]): { chosen: SeriesPoint[]; conflicts: Conflict[] } {
  const groups = new Map<string, SeriesPoint[]>();
  for (const point of points) {
    // "Reported by April 2019" is not the period April 2019: the two never compete.
    const key = `${point.reportedOnly ? 'reported:' : ''}${whenKey(point.period)}`;
    const group = groups.get(key);
    if (group) group.push(point);
    else groups.set(key, [point]);
  }
  const chosen: SeriesPoint[] = [];
  const conflicts: Conflict[] = [];
  for (const group of groups.values()) {
    group.sort(byMostRecentlyReported);
    chosen.push(group[0]!);
    if (new Set(group.map((p) => p.value)).size > 1) {
      conflicts.push({ indicator, period: group[0]!.period, points: group });
    }
  }
  return { chosen: chronological(chosen), conflicts };
}

function reportedDay(point: SeriesPoint): number {
  const parsed = parseDate(point.reported);
  return 'interval' in parsed ? parsed.interval.end : Number.NEGATIVE_INFINITY;
}

function byMostRecentlyReported(a: SeriesPoint, b: SeriesPoint): number {
  return reportedDay(b) - reportedDay(a) || (a.fact.id < b.fact.id ? -1 : 1);
}

function periodStart(point: SeriesPoint): number {
  const parsed = whenInterval(point.period);
  return 'interval' in parsed ? parsed.interval.start : 0;
}

function chronological(points: SeriesPoint[]): SeriesPoint[] {
  return [...points].sort((a, b) => periodStart(a) - periodStart(b) || (a.fact.id < b.fact.id ? -1 : 1));
}
