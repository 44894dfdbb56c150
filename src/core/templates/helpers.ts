// The helpers a template can call: select facts within the request's selection, build series
// and key figures, format figures and dates, cite, and chart. Templates see plain data views
// (no class instances, nothing with a path to a prototype), never the workspace itself.
import type { Chart, ChartPoint } from '../document/model';
import { parseDate, whenInterval, whenKey, type When } from '../facts/dates';
import type { Entity, FactKind, Qualifier } from '../facts/schema';
import { buildSeries, factsByIndicator, type Series, type SeriesPoint } from '../facts/series';
import { bySignificance } from '../facts/significance';
import { roleAt } from '../facts/roles';
import { isOpen, lapseOf, provenance, reportedBy, settlementOf, speakerOf } from '../facts/standing';
import type { Fact, Workspace } from '../workspace/load';
import { quote } from '../quote';
import { didYouMean } from '../suggest';
import { backedLine } from '../../shared/inputs';
import type { HelperName } from '../../shared/template-vocabulary';
import { markdown, type HelperFn } from './environment';
import {
  escapeMarkdown as escapeForMarkdown,
  formatDate,
  formatMoney,
  formatNumber,
  formatPercent,
  formatQualified,
  formatQuantity,
  formatWhen,
  inHouseStyle,
  isCurrency,
  QUALIFIER_WORDS,
  type FormatOptions,
} from './format';

export interface HelperContext {
  workspace: Workspace;
  /** The facts of the request: its topics and range, less what the user left out. */
  selection: readonly Fact[];
  /** The topics the user chose, in the order of the workspace's vocabulary. */
  topics: readonly string[];
  format: FormatOptions;
  /** Charts the template asked for, by the ref its Markdown names. */
  charts: Map<string, Chart>;
  /** When the brief is made (ISO date), for "today". */
  today: string;
}

/** What a template sees of a fact. */
export interface FactView {
  id: string;
  statement: string;
  kind: FactKind;
  isOutcome: boolean;
  isForecast: boolean;
  isClaim: boolean;
  /** "2018", "May 2024", "2015–2018"; "not dated" when the source gives no date (see `reportedBy`). */
  when: string;
  year?: number;
  estimated: boolean;
  /** Whether the source dates what the fact is about. */
  dated: boolean;
  /** For a fact the source does not date: when it was reported, "April 2019 (est.)". */
  reportedBy?: string;
  /** Who vouches for it: "outcome", "according to Wang Yi, Foreign Minister of China", "forecast", "target, …". */
  status: string;
  /** Whether an official is the fact's only warrant. */
  attributed: boolean;
  /** A plan or forecast still to watch: not settled by an outcome and not past its date. */
  open: boolean;
  /** A plan or forecast whose date has passed with no outcome recorded. */
  lapsed: boolean;
  /** How a later outcome settled a plan or forecast: "surpassed in 2023: $41 billion". */
  settled?: string;
  topics: string[];
  source: string;
  attribution?: string;
  /** The fact's figure as it prints ("over $24 billion"), when it has one. */
  figure?: string;
  indicator?: string;
  note?: string;
}

/** What a template sees of a person the paper's facts record (`counterparts`). */
export interface CounterpartView {
  id: string;
  name: string;
  /** The latest role's title as the source gives it ("Foreign Minister of China"), else the person's `role` text. */
  role?: string;
  /** When the sources record that role as held, as printed: "20 May 2024", "April 2019 (est.)". */
  since?: string;
  /** The person's country, by name. */
  country?: string;
  /** The source that gives the role, to cite: `{{cite source=roleSource}}`. */
  roleSource?: string;
  /** What the selected facts record the person as saying, most significant first. */
  statements: (FactView & { also?: string[] })[];
}

export interface PointView {
  indicatorId: string;
  indicator: string;
  period: string;
  value: string;
  raw: number;
  unit: string;
  factId: string;
  kind: FactKind;
  estimated: boolean;
  /** Who vouches for the figure: "outcome", "according to Wang Yi, Foreign Minister of China", "forecast", "target". */
  status: string;
  /** The same, naming the speaker without the office, for tight places (a key-figure tile): "according to Wang Yi". */
  shortStatus: string;
  /** The period as a reader needs it: "2023", "2019 (estimated)", "reported by April 2019 (est.)". */
  periodLabel: string;
}

export interface SeriesView {
  id: string;
  name: string;
  unit: string;
  points: PointView[];
  forecasts: PointView[];
  claims: PointView[];
  /** The most recent outcome. */
  lastPoint?: PointView;
  /** Periods for which facts give different values. */
  disagreements: { period: string; values: string }[];
}

type Hash = Record<string, unknown>;


/** Where a period falls in time, in years: its middle (2018 → 2018.5). */
function yearsOf(period: When): number | undefined {
  const parsed = whenInterval(period);
  if (!('interval' in parsed)) return undefined;
  const middle = (parsed.interval.start + parsed.interval.end + 1) / 2;
  return 1970 + middle / 365.2425;
}
interface Options {
  hash: Hash;
}

const optionsOf = (args: unknown[]): Options => (args[args.length - 1] ?? { hash: {} }) as Options;
const paramsOf = (args: unknown[]): unknown[] => args.slice(0, -1);
/** The fact an item stands for: a fact id, a fact (`id`), or a key figure or point (`factId`). */
const factIdOf = (item: unknown): string => {
  if (item !== null && typeof item === 'object') {
    const { factId, id } = item as { factId?: unknown; id?: unknown };
    return String(factId ?? id ?? '');
  }
  return String(item);
};

const list = (value: unknown): string[] =>
  value === undefined || value === null || value === ''
    ? []
    : Array.isArray(value)
      ? value.map(String)
      : String(value)
          .split(',')
          .map((s) => s.trim())
          .filter(Boolean);

// Arguments. A helper checks what it is given and says what it expects, in the template's words,
// rather than print "[object Object]", "NaN" or a month that does not exist; the environment
// reports its message at the template's line and column.

/** What a template gave, as a message names it: "a record", "a list", "nothing", "the text "abc"". */
function given(value: unknown): string {
  if (value === undefined || value === null) return 'nothing';
  if (Array.isArray(value)) return value.length === 0 ? 'an empty list' : 'a list';
  if (typeof value === 'string') return value === '' ? 'empty text' : `the text ${quote(value)}`;
  if (typeof value === 'number') return `the number ${String(value)}`;
  if (typeof value === 'boolean') return String(value);
  if (typeof value === 'object' && typeof (value as { toHTML?: unknown }).toHTML === 'function') return 'text another helper formatted';
  if (typeof value === 'object') return 'a record';
  return 'something that is not a value';
}

const PLAIN_NUMBER = /^\s*-?\d+(?:\.\d+)?\s*$/;

/** A number, or text that is one ("5000", as an input gives it). */
function numberArg(helper: string, value: unknown, what = 'a number'): number {
  if (typeof value === 'number' && Number.isFinite(value)) return value;
  if (typeof value === 'string' && PLAIN_NUMBER.test(value)) return Number(value);
  throw new Error(`${helper}: expects ${what}, got ${given(value)}`);
}

/** Text (a number is taken as its digits). */
function textArg(helper: string, value: unknown, what = 'text'): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  throw new Error(`${helper}: expects ${what}, got ${given(value)}`);
}

/** A date, checked: a template never prints "2020-13" as a month. YAML and number literals give years as numbers. */
function dateArg(helper: string, value: unknown): string {
  const text = typeof value === 'number' && Number.isInteger(value) ? String(value) : value;
  if (typeof text !== 'string') throw new Error(`${helper}: expects a date (YYYY, YYYY-MM or YYYY-MM-DD), got ${given(value)}`);
  const parsed = parseDate(text);
  if ('error' in parsed) throw new Error(`${helper}: ${parsed.error}`);
  return text.trim();
}

/** Ids to filter by: one, several "a,b", or a list of them. */
function idsArg(helper: string, name: string, value: unknown): string[] {
  if (value === undefined || value === null || value === '') return [];
  if (Array.isArray(value) ? value.every((v) => typeof v === 'string' || typeof v === 'number') : typeof value === 'string' || typeof value === 'number') return list(value);
  throw new Error(`${helper}: ${name} expects an id, several as "a,b", or a list of ids, got ${Array.isArray(value) ? 'a list of records' : given(value)}`);
}

/** An optional count (`limit=5`); nothing means no limit. */
function limitArg(helper: string, value: unknown): number | undefined {
  if (value === undefined || value === null) return undefined;
  return Math.max(0, numberArg(helper, value, 'a number for limit'));
}

/** One of a few words (`order="desc"`); nothing means the default. */
function choiceArg<T extends string>(helper: string, name: string, value: unknown, choices: readonly T[]): T | undefined {
  if (value === undefined || value === null) return undefined;
  if ((choices as readonly unknown[]).includes(value)) return value as T;
  throw new Error(`${helper}: ${name} must be ${choices.map((c) => `"${c}"`).join(' or ')}, got ${given(value)}`);
}

export function createHelpers(ctx: HelperContext): Record<HelperName, HelperFn> {
  const { workspace, format } = ctx;
  const byId = new Map(ctx.selection.map((f) => [f.id, f]));
  const sourceTitle = (fact: Fact) => workspace.sources.get(fact.source)?.title ?? fact.source;
  const personName = (id?: string) => (id ? (workspace.entities.get(id)?.name ?? id) : undefined);

  /** Facts the paper has printed so far, for `facts unseen=true`: no fact twice in one paper's sections. */
  const shown = new Set<string>();
  const reportedLabel = (fact: Fact): string | undefined => {
    const reported = reportedBy(workspace, fact);
    return reported && `${formatDate(reported.date, format)}${reported.estimated ? ' (est.)' : ''}`;
  };
  const settledText = (fact: Fact): string | undefined => {
    const settled = settlementOf(workspace, fact);
    if (!settled) return undefined;
    const { by, as } = settled;
    const when = by.metric?.period ?? by.when;
    const at = when !== undefined ? ` in ${formatWhen(when, format)}` : '';
    if (as === 'done' || as === 'dropped' || !by.metric) return `${as === 'dropped' ? 'dropped' : 'done'}${at}`;
    return `${as}${at}: ${formatQualified(by.metric.value, by.metric.unit, by.metric.qualifier, format)}`;
  };
  const view = (fact: Fact): FactView => {
    const indicator = fact.metric ? workspace.indicators.get(fact.metric.indicator) : undefined;
    const year = typeof fact.when === 'string' ? Number(fact.when.slice(0, 4)) : undefined;
    const reported = reportedLabel(fact);
    const settled = settledText(fact);
    return {
      id: fact.id,
      statement: inHouseStyle(fact.statement),
      kind: fact.kind,
      isOutcome: fact.kind === 'outcome',
      isForecast: fact.kind === 'forecast' || fact.kind === 'plan',
      isClaim: fact.kind === 'claim',
      when: fact.when === undefined ? 'not dated' : formatWhen(fact.when, format),
      ...(year !== undefined ? { year } : {}),
      estimated: fact.estimated,
      dated: fact.when !== undefined,
      ...(reported !== undefined && fact.when === undefined ? { reportedBy: reported } : {}),
      status: provenance(workspace, fact),
      attributed: fact.attribution !== undefined,
      open: isOpen(workspace, fact, ctx.today),
      lapsed: lapseOf(workspace, fact, ctx.today) !== undefined,
      ...(settled !== undefined ? { settled } : {}),
      topics: [...fact.topics],
      source: sourceTitle(fact),
      ...(fact.attribution ? { attribution: personName(fact.attribution)! } : {}),
      ...(fact.metric
        ? { figure: formatQualified(fact.metric.value, fact.metric.unit, fact.metric.qualifier, format), indicator: indicator?.name ?? fact.metric.indicator }
        : {}),
      ...(fact.note ? { note: fact.note } : {}),
    };
  };

  /** Facts the user attached to a line or a row (`supporting`): printable though outside the selection. */
  const attached = new Map<string, Fact>();
  const factOf = (value: unknown): Fact | undefined => {
    const id = typeof value === 'string' ? value : (value as { id?: unknown } | null)?.id;
    return typeof id === 'string' ? (byId.get(id) ?? attached.get(id)) : undefined;
  };
  /** Workspace facts by the ids a user gave, each checked. */
  const userFacts = (helper: string, ids: readonly string[]): Fact[] =>
    ids.map((id) => {
      const fact = workspace.factsById.get(id);
      if (!fact) throw new Error(`${helper}: no fact has the id ${quote(id)}${didYouMean(id, workspace.factsById.keys())}`);
      attached.set(id, fact);
      return fact;
    });

  /** A point's period as printed: its period, or for a figure the source does not date, when it was reported. */
  const pointPeriod = (point: SeriesPoint): string => {
    const reported = point.reportedOnly ? reportedLabel(point.fact) : undefined;
    return reported ? `reported by ${reported}` : `${formatWhen(point.period, format)}${point.estimated ? ' (estimated)' : ''}`;
  };

  /** A figure as printed, with what departs from its indicator's definition. */
  const figureText = (point: SeriesPoint): string => {
    const value = formatQualified(point.value, point.unit, point.qualifier, format);
    const settled = settledText(point.fact);
    const definition = point.fact.metric?.definition;
    return `${value}${definition ? ` (${definition})` : ''}${settled ? ` — ${settled}` : ''}`;
  };

  const pointView = (series: Series, point: SeriesPoint): PointView => ({
    indicatorId: series.indicator.id,
    indicator: series.indicator.name,
    period: point.reportedOnly ? pointPeriod(point) : formatWhen(point.period, format),
    periodLabel: pointPeriod(point),
    value: figureText(point),
    raw: point.value,
    unit: point.unit,
    factId: point.fact.id,
    kind: point.fact.kind,
    estimated: point.estimated,
    status: provenance(workspace, point.fact),
    shortStatus: provenance(workspace, point.fact, { office: false }),
  });

  // A template asks for the same series many times (a table, a chart, key figures): each is
  // built once per paper, from the selection's facts of its indicator alone.
  let byIndicator: Map<string, Fact[]> | undefined;
  const built = new Map<string, Series | undefined>();
  const seriesOf = (indicatorId: string): Series | undefined => {
    if (built.has(indicatorId)) return built.get(indicatorId);
    byIndicator ??= factsByIndicator(ctx.selection);
    const series = buildSeries(workspace, indicatorId, byIndicator.get(indicatorId) ?? []);
    built.set(indicatorId, series);
    return series;
  };

  const views = new Map<string, SeriesView | undefined>();
  const seriesView = (indicatorId: string): SeriesView | undefined => {
    if (!views.has(indicatorId)) views.set(indicatorId, makeSeriesView(indicatorId));
    return views.get(indicatorId);
  };
  const makeSeriesView = (indicatorId: string): SeriesView | undefined => {
    const series = seriesOf(indicatorId);
    if (!series) return undefined;
    const points = series.points.map((p) => pointView(series, p));
    return {
      id: series.indicator.id,
      name: series.indicator.name,
      unit: series.indicator.unit,
      points,
      forecasts: series.forecasts.map((p) => pointView(series, p)),
      claims: series.claims.map((p) => pointView(series, p)),
      ...(points.length > 0 ? { lastPoint: points[points.length - 1]! } : {}),
      disagreements: series.conflicts.map((c) => ({
        period: formatWhen(c.period, format),
        values: c.points.map((p) => `${formatQualified(p.value, p.unit, p.qualifier, format)} (${sourceTitle(p.fact)})`).join('; '),
      })),
    };
  };

  /** Indicators with values in the selection, for the given topics, most periods first. */
  const indicatorsFor = (topics: readonly string[]): string[] => {
    const counts = new Map<string, number>();
    for (const fact of ctx.selection) {
      if (!fact.metric) continue;
      const indicator = workspace.indicators.get(fact.metric.indicator);
      if (!indicator) continue;
      if (topics.length > 0 && !indicator.topics.some((t) => topics.includes(t)) && !fact.topics.some((t) => topics.includes(t))) continue;
      counts.set(indicator.id, (counts.get(indicator.id) ?? 0) + (fact.kind === 'outcome' ? 1 : 0));
    }
    const order = [...workspace.indicators.keys()];
    // Levels before rates of change: a growth percentage means little without its level.
    const isRate = (id: string) => (workspace.indicators.get(id)?.unit === 'percent' ? 1 : 0);
    return [...counts.entries()]
      .sort((a, b) => isRate(a[0]) - isRate(b[0]) || b[1] - a[1] || order.indexOf(a[0]) - order.indexOf(b[0]))
      .map(([id]) => id);
  };

  let chartCount = 0;
  let compact = false;
  const registerChart = (chart: Chart) => {
    const ref = `chart-${++chartCount}`;
    ctx.charts.set(ref, compact ? { ...chart, compact: true } : chart);
    return markdown(`\n::chart{ref="${ref}"}\n`);
  };

  /**
   * A series as a chart: outcomes, then forecasts and targets not yet settled (hatched), spaced
   * by time. A plan or forecast a later outcome settled is left out: its outcome is on the chart.
   */
  const seriesChart = (series: Series, kind: 'bar' | 'line', title?: string): Chart | undefined => {
    const conflicted = new Set(series.conflicts.map((c) => c.points[0]!.fact.id));
    const all = [...series.points, ...series.forecasts.filter((p) => !settlementOf(workspace, p.fact))].sort((a, b) =>
      whenKey(a.period).localeCompare(whenKey(b.period)),
    );
    if (all.length < 2) return undefined;
    const chart = chartFrom(title ?? series.indicator.name, series.indicator.unit, kind, all.map((p) => ({
      label: p.reportedOnly ? `reported by ${formatWhen(p.period, format)}` : formatWhen(p.period, format),
      value: p.value,
      kind: p.fact.kind,
      estimated: p.estimated || (p.reportedOnly && reportedBy(workspace, p.fact)?.estimated === true),
      fact: p.fact,
      at: yearsOf(p.period),
      qualifier: p.qualifier,
      ...(conflicted.has(p.fact.id) ? { conflict: true } : {}),
    })));
    const disagreements = series.conflicts.map(
      (c) => `for ${formatWhen(c.period, format)} ${c.points.map((p) => `${formatQualified(p.value, p.unit, p.qualifier, format)} (${sourceTitle(p.fact)})`).join(' against ')}`,
    );
    return disagreements.length > 0 ? { ...chart, caption: `${chart.caption} Sources disagree: ${disagreements.join('; ')}.` } : chart;
  };

  const chartFrom = (
    title: string,
    unit: string,
    kind: 'bar' | 'line',
    points: (ChartPoint & { fact: Fact; qualifier?: Qualifier })[],
  ): Chart => {
    const max = Math.max(...points.map((p) => Math.abs(p.value)));
    const [scale, scaleWord] = max >= 1e9 ? [1e9, 'billion'] : max >= 1e6 ? [1e6, 'million'] : max >= 1e4 ? [1e3, 'thousand'] : [1, ''];
    const unitLabel = unit === 'USD' ? `US$${scaleWord ? ` ${scaleWord}` : ''}` : unit === 'percent' ? '%' : `${scaleWord ? `${scaleWord} ` : ''}${unit}`;
    const sources = [...new Set(points.map((p) => sourceTitle(p.fact)))];
    const valueText = points
      .map((p) => `${p.label}${p.estimated ? ' (estimated period)' : ''}: ${formatQualified(p.value, unit, p.qualifier ?? 'exact', format)}${p.kind === 'outcome' ? '' : ` (${p.kind})`}`)
      .join('; ');
    // Who vouches for the figures a chart draws, as a table's Status column would say.
    const bySpeaker = new Map<string, string[]>();
    // Short labels (periods) are named with the speaker's office; long ones (a comparison's
    // indicators) would double the caption, so there the speakers are named alone.
    const named = points.every((p) => p.label.length <= 16);
    for (const p of points) {
      const speaker = speakerOf(workspace, p.fact, named);
      if (speaker) bySpeaker.set(speaker, [...(bySpeaker.get(speaker) ?? []), p.label]);
    }
    const vouched = [...bySpeaker].map(([speaker, labels]) => (named ? `${labels.join(', ')} according to ${speaker}` : speaker));
    return {
      kind,
      title,
      valueLabel: unitLabel,
      scale,
      // Labels keep the source's qualifier and precision: "over 16", never "16.00".
      points: points.map(({ fact: _fact, qualifier, ...p }) => ({ ...p, valueText: `${QUALIFIER_WORDS.get(qualifier ?? 'exact') ?? ''}${formatNumber(p.value / scale, format)}` })),
      facts: points.map((p) => p.fact.id),
      caption: `Source${sources.length > 1 ? 's' : ''}: ${sources.join('; ')}.${
        vouched.length === 0 ? '' : named ? ` Figures for ${vouched.join('; ')}.` : ` Figures as given by ${vouched.join('; ')}.`
      }`,
      alt: `${kind === 'bar' ? 'Bar' : 'Line'} chart, ${title}. ${valueText}.`,
    };
  };

  /**
   * A fact as a sentence a reader can trust: its statement and citation; "(year estimated)"
   * where the date is inferred; for a figure the source does not date, when it was reported;
   * for a plan or forecast, how a later outcome settled it, or that its date has passed with no
   * outcome recorded.
   */
  const statementOf = (fact: Fact, markEstimate: boolean, markReported = true): string => {
    const marks: string[] = [];
    if (fact.estimated && markEstimate) marks.push('year estimated');
    const reported = reportedBy(workspace, fact);
    // A statement that already says when it was said ("according to Murat Nurtleu on 20 May 2024") needs no mark.
    const reportedOn = reported && formatDate(reported.date, format);
    if (reported && reportedOn && fact.metric && markReported && !fact.statement.includes(reportedOn)) {
      marks.push(`undated; reported by ${reportedOn}${reported.estimated ? ', estimated' : ''}`);
    }
    const lapse = lapseOf(workspace, fact, ctx.today);
    if (lapse) {
      marks.push(
        'due' in lapse
          ? `${formatDate(lapse.due, format)} has passed; no outcome is recorded`
          : `no outcome recorded since ${formatDate(lapse.quietSince, format)}${reported?.estimated ? ' (estimated)' : ''}`,
      );
    }
    shown.add(fact.id);
    const text = `${escapeForMarkdown(inHouseStyle(fact.statement))}${marks.length ? ` (${marks.join('; ')})` : ''} :cite[${fact.id}]`;
    const settled = settlementOf(workspace, fact);
    return settled ? `${text} — ${escapeForMarkdown(settledText(fact))} :cite[${settled.by.id}]` : text;
  };

  /**
   * The most significant of `facts` (data/README.md, "Significance"), at most `limit` of them:
   * one item per evidence span, so a count and its value make one bullet, not two (`also` names
   * the facts printed with the lead). `limit` counts facts, not items: a pair takes two places.
   */
  const significant = (facts: readonly Fact[], limit: number): (FactView & { also?: string[] })[] => {
    const items: Fact[][] = [];
    let taken = 0;
    for (const group of bySignificance(workspace, facts)) {
      if (taken >= limit) break;
      if (taken + group.length > limit) continue;
      items.push(group);
      taken += group.length;
    }
    return items.map(([lead, ...also]) => ({ ...view(lead!), ...(also.length > 0 ? { also: also.map((f) => f.id) } : {}) }));
  };

  /**
   * Entities a template names by id or by name, in any case ("kazakhstan", "Kazakhstan"), of the
   * given types; a name that matches none is a mistake worth a message.
   */
  const entitiesNamed = (helper: string, param: string, value: unknown, types: readonly Entity['type'][]): Entity[] => {
    const wanted = textArg(helper, value, 'an entity id or name').trim().toLowerCase();
    const eligible = [...workspace.entities.values()].filter((e) => types.includes(e.type));
    const found = eligible.filter((e) => e.id === wanted || e.name.toLowerCase() === wanted || e.aliases.some((a) => a.toLowerCase() === wanted));
    if (found.length === 0) {
      const known = eligible.flatMap((e) => [e.name, e.id]);
      throw new Error(`${helper}: ${param} names no ${types.join(' or ')} called ${quote(String(value))}${didYouMean(wanted, known)}`);
    }
    return found;
  };
  /** Whether a hash parameter was given something to filter by (an optional input left empty was not). */
  const asked = (value: unknown) => value !== undefined && value !== null && value !== '';

  /** The people `speaker=` names: a person, or every person of a country. */
  const speakersNamed = (value: unknown): Set<string> => {
    const named = entitiesNamed('facts', 'speaker', value, ['person', 'country']);
    const countries = new Set(named.filter((e) => e.type === 'country').map((e) => e.id));
    const people = named.filter((e) => e.type === 'person').map((e) => e.id);
    for (const e of workspace.entities.values()) if (e.type === 'person' && e.country !== undefined && countries.has(e.country)) people.push(e.id);
    return new Set(people);
  };

  /** What a template sees of a person the paper's facts record (`counterparts`). */
  const counterpartView = (person: Entity, said: readonly Fact[], limit: number): CounterpartView => {
    const role = roleAt(person);
    const title = role?.title ?? person.role;
    const country = person.country === undefined ? undefined : workspace.entities.get(person.country);
    return {
      id: person.id,
      name: person.name,
      ...(title !== undefined ? { role: title } : {}),
      ...(role?.when !== undefined ? { since: `${formatWhen(role.when, format)}${role.estimated ? ' (est.)' : ''}` } : {}),
      ...(country?.type === 'country' ? { country: country.name } : {}),
      ...(role && workspace.sources.has(role.source) ? { roleSource: role.source } : {}),
      statements: significant(said, limit),
    };
  };

  // Exactly the helpers the one table names (src/shared/template-vocabulary.ts): one missing, or one
  // more, fails the type check.
  const helpers: Record<HelperName, HelperFn> = {
    /**
     * Facts of the selection: `facts topic="trade" kind="outcome,plan" indicator=… entity=… figures=true limit=5 order="desc" exclude=(keyFigures)`;
     * `speaker="Kazakhstan"` keeps what a person of that country is recorded as saying (or one person: `speaker="wang-yi"`).
     */
    facts: (...args) => {
      const { hash } = optionsOf(args);
      const [first] = paramsOf(args);
      const topics = idsArg('facts', 'topic', hash.topic ?? hash.topics ?? first);
      const kinds = idsArg('facts', 'kind', hash.kind);
      const indicators = idsArg('facts', 'indicator', hash.indicator);
      const entities = idsArg('facts', 'entity', hash.entity);
      // Facts to leave out: ids, or what other helpers give (facts, key figures), by their fact.
      const exclude = new Set(Array.isArray(hash.exclude) ? hash.exclude.map(factIdOf) : idsArg('facts', 'exclude', hash.exclude));
      const order = choiceArg('facts', 'order', hash.order, ['asc', 'desc', 'significance'] as const);
      const prefer = choiceArg('facts', 'prefer', hash.prefer, ['figures'] as const);
      const speakers = asked(hash.speaker) ? speakersNamed(hash.speaker) : undefined;
      let facts = ctx.selection.filter(
        (f) =>
          !exclude.has(f.id) &&
          (topics.length === 0 || f.topics.some((t) => topics.includes(t))) &&
          (kinds.length === 0 || kinds.includes(f.kind)) &&
          (indicators.length === 0 || (f.metric !== undefined && indicators.includes(f.metric.indicator))) &&
          (entities.length === 0 || f.entities.some((e) => entities.includes(e))) &&
          (hash.figures === undefined || Boolean(f.metric) === Boolean(hash.figures)) &&
          (hash.dated === undefined || (f.when !== undefined) === Boolean(hash.dated)) &&
          (hash.attributed === undefined || (f.attribution !== undefined) === Boolean(hash.attributed)) &&
          (speakers === undefined || (f.attribution !== undefined && speakers.has(f.attribution))) &&
          (hash.open === undefined || isOpen(workspace, f, ctx.today) === Boolean(hash.open)) &&
          (hash.settled === undefined || (settlementOf(workspace, f) !== undefined) === Boolean(hash.settled)) &&
          (hash.unseen !== true || !shown.has(f.id)),
      );
      const limit = limitArg('facts', hash.limit) ?? facts.length;
      if (order === 'significance') return significant(facts, limit);
      if (order === 'desc') facts = [...facts].reverse();
      if (prefer === 'figures') {
        // Take facts with figures first, then keep the chosen ones in the requested order.
        const chosen = new Set([...facts.filter((f) => f.metric), ...facts.filter((f) => !f.metric)].slice(0, limit));
        facts = facts.filter((f) => chosen.has(f));
      } else facts = facts.slice(0, limit);
      return facts.map(view);
    },
    /**
     * The statement of a fact, escaped, with its citation, and "(year estimated)" where its date
     * is inferred: `markEstimate=false` leaves that out where the template shows the date, marked.
     */
    fact: (...args) => {
      const item = paramsOf(args)[0];
      const fact = factOf(item);
      if (!fact) throw new Error('fact: expects a fact from `facts` (or a fact id in the selection)');
      const mark = optionsOf(args).hash.markEstimate !== false;
      // Facts resting on the same evidence (`order="significance"` pairs them) print as one item.
      const also = ((item as { also?: unknown } | null)?.also as string[] | undefined)?.flatMap((id) => byId.get(id) ?? []) ?? [];
      // Facts of one sentence share their source: "reported by" is said once, after the last.
      const group = [fact, ...also];
      return markdown(group.map((f, i) => statementOf(f, mark, i === group.length - 1)).join(' '));
    },
    /**
     * A citation of one fact (or several): `{{cite this}}`, `{{cite factId}}`; of a source on its
     * own, for what rests on a source rather than a fact (a person's role): `{{cite source=roleSource}}`,
     * which prints nothing when given nothing (a role no source gives).
     */
    cite: (...args) => {
      const params = paramsOf(args);
      const { hash } = optionsOf(args);
      const ids = params.map((v) => (typeof v === 'string' ? v : (v as { id?: string; factId?: string })?.factId ?? (v as { id?: string })?.id));
      const known = ids.filter((id): id is string => typeof id === 'string' && byId.has(id));
      const sources = idsArg('cite', 'source', hash.source);
      for (const id of sources) {
        if (!workspace.sources.has(id)) throw new Error(`cite: no source has the id ${quote(id)}${didYouMean(id, workspace.sources.keys())}`);
      }
      if (known.length === 0 && sources.length === 0) {
        if (params.length === 0 && 'source' in hash) return '';
        throw new Error('cite: expects a fact from `facts`, a point from `series`, or a fact id in the selection (or a source: source=roleSource)');
      }
      return markdown(`:cite${known.length > 0 ? `[${known.join(',')}]` : ''}${sources.length > 0 ? `{source="${sources.join(',')}"}` : ''}`);
    },
    /**
     * The people the paper's facts record (who said something, or is named), most statements
     * first, each with their latest role, its date and source, their country, and what they are
     * recorded as saying: `{{#each (counterparts country="kazakhstan" statements=true people=4 limit=2)}}`.
     * `unseen=true` leaves out statements the paper has printed already (and, with
     * `statements=true`, the people left with none).
     */
    counterparts: (...args) => {
      const { hash } = optionsOf(args);
      const limit = limitArg('counterparts', hash.limit) ?? 3;
      const most = limitArg('counterparts', hash.people);
      const countries = asked(hash.country) ? new Set(entitiesNamed('counterparts', 'country', hash.country, ['country']).map((e) => e.id)) : undefined;
      const said = new Map<string, Fact[]>();
      const named = new Set<string>();
      const isPerson = (id: string) => workspace.entities.get(id)?.type === 'person';
      const printable = (fact: Fact) => hash.unseen !== true || !shown.has(fact.id);
      for (const fact of ctx.selection) {
        if (fact.attribution !== undefined && isPerson(fact.attribution)) {
          const statements = said.get(fact.attribution);
          if (statements) statements.push(fact);
          else said.set(fact.attribution, [fact]);
        }
        for (const id of fact.entities) if (isPerson(id)) named.add(id);
      }
      const count = (person: Entity) => said.get(person.id)?.length ?? 0;
      const toPrint = (person: Entity) => (said.get(person.id) ?? []).filter(printable);
      const people = [...new Set([...said.keys(), ...named])]
        .map((id) => workspace.entities.get(id)!)
        .filter(
          (person) =>
            (countries === undefined || (person.country !== undefined && countries.has(person.country))) &&
            (hash.statements === undefined || (toPrint(person).length > 0) === Boolean(hash.statements)),
        )
        .sort((a, b) => count(b) - count(a) || a.name.localeCompare(b.name) || (a.id < b.id ? -1 : 1));
      return (most === undefined ? people : people.slice(0, most)).map((person) => counterpartView(person, toPrint(person), limit));
    },
    /**
     * Facts a user attached to what they wrote (a talking point's row, a line to take), by id,
     * from the whole workspace: a user may back a point with a fact outside the chosen topics or
     * dates. In the order given; `{{fact this}}` prints each with its citation.
     */
    supporting: (...args) => {
      const value = paramsOf(args)[0];
      const ids = Array.isArray(value) ? value.map(factIdOf) : idsArg('supporting', 'the facts', value);
      return userFacts('supporting', ids.filter(Boolean)).map(view);
    },
    /** A line the user wrote, escaped, with a citation of each fact its closing brackets name ("… [trade-turnover-2023]"). */
    line: (...args) => {
      const value = paramsOf(args)[0];
      const { text, facts } = backedLine(textArg('line', value, 'a line of text, as a list input gives it'));
      const cited = userFacts('line', facts);
      return markdown(`${escapeForMarkdown(text)}${cited.length > 0 ? ` :cite[${cited.map((f) => f.id).join(',')}]` : ''}`);
    },
    series: (...args) => seriesView(textArg('series', paramsOf(args)[0], 'an indicator id')) ?? null,
    latest: (...args) => seriesView(textArg('latest', paramsOf(args)[0], 'an indicator id'))?.lastPoint ?? null,
    /** Latest value of every indicator of the given topics (default: the chosen topics). */
    keyFigures: (...args) => {
      const { hash } = optionsOf(args);
      const topics = idsArg('keyFigures', 'topic', hash.topic ?? hash.topics ?? paramsOf(args)[0]);
      const limit = limitArg('keyFigures', hash.limit);
      const ids = indicatorsFor(topics.length > 0 ? topics : ctx.topics);
      const rows = ids.flatMap((id) => {
        const series = seriesView(id);
        return series?.lastPoint ? [series.lastPoint] : [];
      });
      return limit !== undefined ? rows.slice(0, limit) : rows;
    },
    /** Every indicator with a value among the chosen facts of these topics (outcome, forecast, target or claim), as series. */
    indicators: (...args) => {
      const { hash } = optionsOf(args);
      const topics = idsArg('indicators', 'topic', hash.topic ?? hash.topics ?? paramsOf(args)[0]);
      return indicatorsFor(topics.length > 0 ? topics : ctx.topics).flatMap((id) => seriesView(id) ?? []);
    },
    /** `{{chart indicator="trade-turnover" type="bar"}}` or `{{chart topic="trade"}}` (its main indicator); `compact=true` draws it low. */
    chart: (...args) => {
      const { hash } = optionsOf(args);
      const kind = choiceArg('chart', 'type', hash.type, ['bar', 'line'] as const) ?? 'bar';
      const title = hash.title === undefined || hash.title === null ? undefined : textArg('chart', hash.title, 'a title as text');
      compact = hash.compact === true;
      if (hash.indicator !== undefined && hash.indicator !== null && hash.indicator !== '') {
        const indicator = textArg('chart', hash.indicator, 'an indicator id');
        const series = seriesOf(indicator);
        if (!series) throw new Error(`chart: unknown indicator ${quote(indicator)}${didYouMean(indicator, workspace.indicators.keys())}`);
        const chart = seriesChart(series, kind, title);
        return chart ? registerChart(chart) : '';
      }
      const topics = idsArg('chart', 'topic', hash.topic ?? paramsOf(args)[0]);
      const candidates = indicatorsFor(topics.length ? topics : ctx.topics);
      for (const id of candidates) {
        const series = seriesOf(id);
        const chart = series && seriesChart(series, kind, title);
        if (chart) return registerChart(chart);
      }
      // No indicator has two periods: compare the latest values of indicators sharing a unit.
      const latest = candidates.flatMap((id) => {
        const series = seriesOf(id);
        const point = series?.points[series.points.length - 1];
        return point && series ? [{ series, point }] : [];
      });
      const unit = latest[0]?.series.indicator.unit;
      const same = latest.filter((l) => l.series.indicator.unit === unit && unit !== 'percent');
      if (same.length < 2 || !unit) return '';
      return registerChart(
        chartFrom(
          // Several indicators on one chart: the title says it compares them.
          title ?? `${topicLabel(ctx, topics[0] ?? ctx.topics[0])}: latest figures compared`,
          unit,
          'bar',
          same.map(({ series, point }) => ({
            label: `${series.indicator.name} (${pointPeriod(point)})`,
            value: point.value,
            kind: point.fact.kind,
            estimated: point.estimated,
            fact: point.fact,
            qualifier: point.qualifier,
          })),
        ),
      );
    },
    topicLabel: (...args) => topicLabel(ctx, textArg('topicLabel', paramsOf(args)[0], 'a topic id')),
    /** `{{money 19885000000}}` → "$19.885 billion"; `currency="EUR"` (or any three-letter code). */
    money: (...args) => {
      const value = numberArg('money', paramsOf(args)[0]);
      const currency = textArg('money', optionsOf(args).hash.currency ?? 'USD', 'a currency code such as USD, EUR or GBP');
      if (!isCurrency(currency)) throw new Error(`money: currency must be a three-letter code such as USD, EUR or GBP, got ${given(currency)}`);
      return formatMoney(value, currency, format);
    },
    number: (...args) => formatNumber(numberArg('number', paramsOf(args)[0]), format),
    percent: (...args) => formatPercent(numberArg('percent', paramsOf(args)[0]), format),
    /** `{{quantity 1000 "tonnes"}}` → "1,000 tonnes". */
    quantity: (...args) => {
      const [value, unit] = paramsOf(args);
      return formatQuantity(numberArg('quantity', value), textArg('quantity', unit, 'a unit as text (as in {{quantity 1000 "tonnes"}})'), format);
    },
    /** `{{date "2024-05"}}` → "May 2024"; nothing (an optional input left empty) prints nothing. */
    date: (...args) => {
      const value = paramsOf(args)[0];
      return value === undefined || value === null || value === '' ? '' : formatDate(dateArg('date', value), format);
    },
    /** `{{dateRange from to}}` → "2015–2018"; one date → that date. */
    dateRange: (...args) => {
      const [from, to] = paramsOf(args);
      const present = (v: unknown) => v !== undefined && v !== null && v !== '';
      if (!present(from)) {
        if (present(to)) throw new Error('dateRange: expects the date it starts from, then the date it ends (got nothing to start from)');
        return formatWhen(undefined, format);
      }
      if (!present(to)) return formatWhen(dateArg('dateRange', from), format);
      const period = { from: dateArg('dateRange', from), to: dateArg('dateRange', to) };
      const interval = whenInterval(period);
      if ('error' in interval) throw new Error(`dateRange: ${interval.error}`);
      return formatWhen(period, format);
    },
    today: () => formatDate(ctx.today, format),
    /**
     * Groups facts by year: `{{#each (byYear (facts))}}{{year}} … {{#each facts}}…{{/each}}{{/each}}`.
     * A fact about a period goes in the year the period starts (its `when` says the whole period).
     */
    byYear: (...args) => {
      const items = paramsOf(args)[0] ?? [];
      if (!Array.isArray(items) || !items.every((f) => f !== null && typeof f === 'object' && typeof (f as { id?: unknown }).id === 'string')) {
        throw new Error(`byYear: expects a list of facts, as (byYear (facts …)) gives, got ${Array.isArray(items) ? 'a list of other things' : given(items)}`);
      }
      const facts = items as FactView[];
      const groups = new Map<string, { year: string; undated: boolean; facts: FactView[]; at: number }>();
      for (const f of facts) {
        const fact = byId.get(f.id);
        const when = fact?.when;
        const start = f.year ?? (typeof when === 'object' ? Number(when.from.slice(0, 4)) : undefined);
        // An event the source does not date goes under when it was reported, said as such, never
        // under the source's date as if it were the event's.
        const reported = start === undefined && fact ? reportedLabel(fact) : undefined;
        const key = start !== undefined ? String(start) : reported !== undefined ? `Reported by ${reported}` : 'Undated';
        const group = groups.get(key);
        if (group) group.facts.push(f);
        else {
          const at = start ?? (fact ? Number(reportedBy(workspace, fact)?.date.slice(0, 4)) : Number.NaN);
          groups.set(key, { year: key, undated: start === undefined, facts: [f], at: Number.isNaN(at) ? Infinity : at });
        }
      }
      // A "reported by" group follows the year it was reported in: the events happened by then.
      const list = [...groups.values()];
      const descending = list.length > 1 && list[0]!.at > list[list.length - 1]!.at;
      const sign = descending ? -1 : 1;
      return list
        .sort((a, b) => sign * (a.at - b.at) || Number(a.undated) - Number(b.undated))
        .map(({ at: _at, ...group }) => group);
    },
    conflicts: () =>
      indicatorsFor(ctx.topics).flatMap((id) => (seriesView(id)?.disagreements ?? []).map((c) => ({ indicator: workspace.indicators.get(id)?.name ?? id, ...c }))),
    eq: (...args) => paramsOf(args)[0] === paramsOf(args)[1],
    ne: (...args) => paramsOf(args)[0] !== paramsOf(args)[1],
    gt: (...args) => numberArg('gt', paramsOf(args)[0]) > numberArg('gt', paramsOf(args)[1]),
    lt: (...args) => numberArg('lt', paramsOf(args)[0]) < numberArg('lt', paramsOf(args)[1]),
    and: (...args) => paramsOf(args).every(Boolean),
    or: (...args) => paramsOf(args).some(Boolean),
    not: (...args) => !paramsOf(args)[0],
    /**
     * A number of items shared among the chosen topics, so that a paper on many topics stays as
     * long as one on a few: `limit=(perTopic 30 least=3)` is 30 over the topics, at least 3 each.
     */
    perTopic: (...args) => {
      const [total] = paramsOf(args);
      const { hash } = optionsOf(args);
      const least = hash.least === undefined ? 1 : Math.floor(numberArg('perTopic', hash.least, 'a number for least'));
      if (typeof total !== 'number' || !Number.isFinite(total) || total < 0) throw new Error(`perTopic: give a number of items to share, as in (perTopic 30) (got ${given(total)})`);
      if (least < 0) throw new Error(`perTopic: least must be 0 or more, got ${given(hash.least)}`);
      return Math.max(least, Math.floor(total / Math.max(1, ctx.topics.length)));
    },
    len: (...args) => {
      const v = paramsOf(args)[0];
      return Array.isArray(v) ? v.length : typeof v === 'string' ? v.length : 0;
    },
    any: (...args) => {
      const v = paramsOf(args)[0];
      return Array.isArray(v) ? v.length > 0 : Boolean(v);
    },
    join: (...args) => {
      const [values, sep] = paramsOf(args);
      if (values === undefined || values === null) return '';
      if (!Array.isArray(values)) throw new Error(`join: expects a list of text, got ${given(values)}`);
      const separator = sep === undefined ? ', ' : textArg('join', sep, 'a separator as text');
      if (!values.every((v) => typeof v === 'string' || (typeof v === 'number' && Number.isFinite(v)))) {
        throw new Error(`join: expects a list of text, got a list of ${values.some(Array.isArray) ? 'lists' : 'records'} (print a field of each with {{#each}})`);
      }
      return values.map(String).join(separator);
    },
    upper: (...args) => {
      const value = paramsOf(args)[0];
      return value === undefined || value === null ? '' : textArg('upper', value).toUpperCase();
    },
    /** `{{plural count "project"}}` → "project" or "projects". */
    plural: (...args) => {
      const [count, one, many] = paramsOf(args);
      const n = numberArg('plural', count, 'a count');
      const singular = textArg('plural', one, 'the word for one, as in {{plural count "project"}}');
      return n === 1 ? singular : many === undefined ? `${singular}s` : textArg('plural', many, 'the word for many as text');
    },
  };
  return helpers;
}


function topicLabel(ctx: HelperContext, id: string | undefined): string {
  return (id && ctx.workspace.topics.get(id)?.label) || id || '';
}

