// How a fact stands on the day a paper is made: who vouches for it, whether a plan or forecast
// has been settled by a later outcome, has run past its date with no outcome recorded, or is
// still open, and when a fact the source does not date was reported. Templates print these, so
// that a paper built from true facts reads true too (data/README.md, "What a paper says of a
// fact").
import type { Fact, Workspace } from '../workspace/load';
import { reportedWhen } from '../workspace/load';
import { parseDate, whenInterval, type When } from './dates';
import { officeOf } from './roles';
import type { Settlement } from './schema';

export interface Settled {
  /** The outcome that settles the plan or forecast. */
  by: Fact;
  as: Settlement;
}

/**
 * A year: how long an undated plan or forecast stays open after it was reported, and how long
 * after its newest fact a paper is worth a warning.
 */
const STALE_AFTER_DAYS = 365;

const EXPECTATIONS: ReadonlySet<string> = new Set(['plan', 'forecast']);

/** Whether a fact looks ahead (a plan, target or forecast) rather than reporting. */
const isExpectation = (fact: Fact): boolean => EXPECTATIONS.has(fact.kind);

/**
 * The outcome that settles a plan or forecast, and how: the curator's word, else worked out
 * from the two figures (a turnover of $41 billion surpasses a $40 billion target), else "done".
 */
export function settlementOf(workspace: Workspace, fact: Fact): Settled | undefined {
  if (!isExpectation(fact) || fact.settledBy === undefined) return undefined;
  const by = workspace.factsById.get(fact.settledBy);
  if (!by) return undefined;
  return { by, as: fact.settlement ?? compareFigures(fact, by) };
}

function compareFigures(expected: Fact, outcome: Fact): Settlement {
  const [a, b] = [expected.metric, outcome.metric];
  if (!a || !b || a.unit !== b.unit) return 'done';
  return b.value > a.value ? 'surpassed' : b.value === a.value ? 'met' : 'missed';
}

/** The days a date or period covers, as day numbers (undefined for no date). */
function daysOf(when: When | undefined): { start: number; end: number } | undefined {
  if (when === undefined) return undefined;
  const parsed = whenInterval(when);
  return 'interval' in parsed ? parsed.interval : undefined;
}
const firstDay = (when: When | undefined) => daysOf(when)?.start;
const lastDay = (when: When | undefined) => daysOf(when)?.end;

/** How a plan or forecast ran out: past the date it was due, or quiet a year after it was stated. */
export type Lapse = { due: string } | { quietSince: string };

/**
 * A plan or forecast that is history by `today` (ISO date), with no outcome recorded: one
 * due on a date after its source was written (a meeting "scheduled for 21 May 2024", a target
 * "for 2015") lapses once that date has passed; one with no date of its own, or dated only by
 * when it was stated, lapses a year after it was reported (`STALE_AFTER_DAYS`): an intention
 * stated in 2016 and never heard of since is not a live item in 2026.
 */
export function lapseOf(workspace: Workspace, fact: Fact, today: string): Lapse | undefined {
  if (!isExpectation(fact) || settlementOf(workspace, fact)) return undefined;
  const now = parseDate(today);
  if (!('interval' in now)) return undefined;
  const reportedDate = reportedWhen(workspace.sources.get(fact.source));
  const reported = reportedDate === undefined ? undefined : firstDay(reportedDate);
  const own = fact.metric?.period ?? fact.when;
  const due = lastDay(own);
  // Due on a date of its own: one that starts after the source was written (a month-wide
  // estimate counts from its first day, so "April 2019 (est.)" still looks ahead to 25 April).
  if (due !== undefined && own !== undefined && (reported === undefined || (firstDay(own) ?? -Infinity) > reported)) {
    return due < now.interval.start ? { due: typeof own === 'string' ? own : own.to } : undefined;
  }
  const stated = typeof fact.when === 'string' ? fact.when : (reportedDate ?? undefined);
  const since = lastDay(stated) ?? reported;
  return since !== undefined && stated !== undefined && since + STALE_AFTER_DAYS < now.interval.start ? { quietSince: stated } : undefined;
}

function hasLapsed(workspace: Workspace, fact: Fact, today: string): boolean {
  return lapseOf(workspace, fact, today) !== undefined;
}

/** A plan or forecast still to watch on `today`: not settled and not past its date. */
export function isOpen(workspace: Workspace, fact: Fact, today: string): boolean {
  return isExpectation(fact) && !settlementOf(workspace, fact) && !hasLapsed(workspace, fact, today);
}

/**
 * "Wang Yi, Foreign Minister of China": who asserts an attributed fact, with the office they
 * held when the source reported it (a person may be recorded in several).
 */
export function speakerOf(workspace: Workspace, fact: Fact, withOffice = true): string | undefined {
  if (!fact.attribution) return undefined;
  const entity = workspace.entities.get(fact.attribution);
  if (!entity) return fact.attribution;
  const role = withOffice ? officeOf(entity, reportedWhen(workspace.sources.get(fact.source))) : undefined;
  return role ? `${entity.name}, ${role}` : entity.name;
}

/**
 * What a reader must know of a figure's standing, as a table's Status column or a tile prints
 * it: "outcome" only for an unattributed result; "according to Wang Yi, Foreign Minister of
 * China" for what an official asserted; "forecast", "target" or "plan" (with who said so), and
 * "period estimated" where the date is inferred. Never "established" for an attributed figure.
 */
export function provenance(workspace: Workspace, fact: Fact, options: { office?: boolean } = {}): string {
  const speaker = speakerOf(workspace, fact, options.office !== false);
  const according = speaker ? `according to ${speaker}` : '';
  const kind =
    fact.kind === 'outcome'
      ? according || 'outcome'
      : fact.kind === 'plan'
        ? withSpeaker(fact.metric ? 'target' : 'plan', according)
        : fact.kind === 'forecast'
          ? withSpeaker('forecast', according)
          : fact.kind === 'claim'
            ? according || 'claim, speaker not named'
            : withSpeaker('background', according);
  return fact.estimated ? `${kind}; period estimated` : kind;
}

const withSpeaker = (what: string, according: string) => (according ? `${what}, ${according}` : what);

/**
 * The date a fact the source does not date was reported by: the source's date or estimate.
 * Undefined for a dated fact.
 */
export function reportedBy(workspace: Workspace, fact: Fact): { date: string; estimated: boolean } | undefined {
  if (fact.when !== undefined || fact.metric?.period !== undefined) return undefined;
  const source = workspace.sources.get(fact.source);
  const date = reportedWhen(source);
  return date === undefined ? undefined : { date, estimated: source?.estimate !== undefined };
}

/**
 * The newest reporting date among the sources of `facts` (ISO, partial): "information as of".
 * A source known only by an estimate counts by the end of its estimate.
 */
export function informationAsOf(workspace: Workspace, facts: readonly Fact[]): { date: string; estimated: boolean } | undefined {
  let best: { date: string; estimated: boolean; end: number } | undefined;
  const seen = new Set<string>();
  for (const fact of facts) {
    if (seen.has(fact.source)) continue;
    seen.add(fact.source);
    const source = workspace.sources.get(fact.source);
    const date = reportedWhen(source);
    if (!source || date === undefined) continue;
    const parsed = parseDate(date);
    if (!('interval' in parsed)) continue;
    if (!best || parsed.interval.end > best.end) best = { date, estimated: source.estimate !== undefined, end: parsed.interval.end };
  }
  return best && { date: best.date, estimated: best.estimated };
}

/**
 * A sentence for the app (never for the paper) when a paper is made long after the newest
 * fact it uses was reported: "The newest fact … was reported in May 2024, 2 years and 6 months
 * before this paper's date (2 December 2026): look for newer figures before it goes out."
 */
export function stalenessNotice(asOf: { date: string; label: string } | undefined, today: string, todayLabel: string): string | undefined {
  if (!asOf) return undefined;
  const reported = parseDate(asOf.date);
  const now = parseDate(today);
  if (!('interval' in reported) || !('interval' in now)) return undefined;
  const days = now.interval.start - reported.interval.end;
  if (days <= STALE_AFTER_DAYS) return undefined;
  const months = Math.floor(days / 30.44);
  const [years, rest] = [Math.floor(months / 12), months % 12];
  const span = [years ? `${years} year${years === 1 ? '' : 's'}` : '', rest ? `${rest} month${rest === 1 ? '' : 's'}` : ''].filter(Boolean).join(' and ');
  return `The newest fact in this paper was reported by ${asOf.label}, ${span} before this paper's date (${todayLabel}): look for newer figures before it goes out.`;
}
