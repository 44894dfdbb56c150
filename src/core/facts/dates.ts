// Partial dates ("2018", "2018-05", "2018-05-20") and periods, as intervals of whole days, so
// that range filters can use overlap semantics: a fact dated 2018 is inside 2018-06..2019-03.
import { daysInMonth, isNotADate, partialDate } from '../../shared/dates';
import { quote } from '../quote';

export type DateSpec = string;
export interface Period {
  from: DateSpec;
  to: DateSpec;
}
export type When = DateSpec | Period;

/** Inclusive interval of days since 1970-01-01 (UTC). */
export interface DayInterval {
  start: number;
  end: number;
}

const DAY_MS = 86_400_000;

// Date.UTC reads years 0–99 as 1900–1999; setUTCFullYear takes the year as given.
const utc = (y: number, monthIndex: number, d: number): number => {
  if (y >= 100) return Date.UTC(y, monthIndex, d);
  const date = new Date(0);
  date.setUTCFullYear(y, monthIndex, d);
  return date.getTime();
};
const dayNumber = (y: number, m: number, d: number): number => utc(y, m - 1, d) / DAY_MS;

export type ParsedDate = Readonly<{ interval: Readonly<DayInterval> } | { error: string }>;

/** Dates recur (every fact of 2018 says "2018"): each text is parsed once. */
const parsedDates = new Map<string, ParsedDate>();

/** Parses a partial date; returns an error sentence when it is malformed or impossible. */
export function parseDate(text: string): ParsedDate {
  let parsed = parsedDates.get(text);
  if (parsed === undefined) {
    if (parsedDates.size >= 50_000) parsedDates.clear();
    parsed = Object.freeze(parseDateText(text));
    if ('interval' in parsed) Object.freeze(parsed.interval);
    parsedDates.set(text, parsed);
  }
  return parsed;
}

function parseDateText(text: string): { interval: DayInterval } | { error: string } {
  const parts = partialDate(text);
  if (isNotADate(parts)) {
    if (parts.reason === 'shape') return { error: `${quote(text)} is not a date: use YYYY, YYYY-MM or YYYY-MM-DD` };
    if (parts.reason === 'month') return { error: `${quote(text)} is not a date: month ${parts.month} does not exist` };
    return { error: `${quote(text)} is not a date: ${parts.year}-${String(parts.month).padStart(2, '0')} has no day ${parts.day}` };
  }
  const { year, month, day } = parts;
  if (month === undefined) return { interval: { start: dayNumber(year, 1, 1), end: dayNumber(year, 12, 31) } };
  if (day === undefined) return { interval: { start: dayNumber(year, month, 1), end: dayNumber(year, month, daysInMonth(year, month)) } };
  const n = dayNumber(year, month, day);
  return { interval: { start: n, end: n } };
}

/** The interval a `when` covers, or an error sentence. */
export function whenInterval(when: When): { interval: DayInterval } | { error: string } {
  if (typeof when === 'string') return parseDate(when);
  const from = parseDate(when.from);
  if ('error' in from) return from;
  const to = parseDate(when.to);
  if ('error' in to) return to;
  if (to.interval.end < from.interval.start) {
    return { error: `period ends (${when.to}) before it starts (${when.from})` };
  }
  return { interval: { start: from.interval.start, end: to.interval.end } };
}

export function overlaps(a: DayInterval, b: DayInterval): boolean {
  return a.start <= b.end && b.start <= a.end;
}

/** The range a user asked for (either side may be open), as an interval. */
export function rangeInterval(from?: DateSpec, to?: DateSpec): { interval: DayInterval } | { error: string } {
  let start = Number.NEGATIVE_INFINITY;
  let end = Number.POSITIVE_INFINITY;
  if (from) {
    const parsed = parseDate(from);
    if ('error' in parsed) return parsed;
    start = parsed.interval.start;
  }
  if (to) {
    const parsed = parseDate(to);
    if ('error' in parsed) return parsed;
    end = parsed.interval.end;
  }
  if (end < start) return { error: `the range ends (${to}) before it starts (${from})` };
  return { interval: { start, end } };
}

/** A stable text key for a `when`: "2018", "2015..2018". */
export function whenKey(when: When): string {
  return typeof when === 'string' ? when : `${when.from}..${when.to}`;
}
