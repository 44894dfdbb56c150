// Partial dates as users and sources write them: YYYY, YYYY-MM or YYYY-MM-DD. One rule for
// what is a date, read by core (facts, ranges, the API's and the command line's dates) and by
// the page (From and To as the user types); each words its own sentence from the reason given
// here. Runs anywhere: no Node, no DOM.

/** The shape of a partial date (the API's payload schema checks it too). */
export const DATE_SHAPE = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/;

/** Why a text is not a date: not the shape, no such month, or no such day in that month. */
export type NotADate = { reason: 'shape' } | { reason: 'month'; month: string } | { reason: 'day'; year: number; month: number; day: string; lastDay: number };

export interface DateParts {
  year: number;
  month?: number;
  day?: number;
}

/** The days of a month (`month` 1–12) of any year, 0001 to 9999 (Date.UTC would read years 0–99 as 1900–1999). */
export function daysInMonth(year: number, month: number): number {
  const date = new Date(0);
  date.setUTCFullYear(year, month, 0);
  return date.getUTCDate();
}

/** The parts of a partial date (its text trimmed), or why it is not one. */
export function partialDate(text: string): DateParts | NotADate {
  const match = DATE_SHAPE.exec(text.trim());
  if (!match) return { reason: 'shape' };
  const year = Number(match[1]);
  if (match[2] === undefined) return { year };
  const month = Number(match[2]);
  if (month < 1 || month > 12) return { reason: 'month', month: match[2] };
  if (match[3] === undefined) return { year, month };
  const day = Number(match[3]);
  const lastDay = daysInMonth(year, month);
  if (day < 1 || day > lastDay) return { reason: 'day', year, month, day: match[3], lastDay };
  return { year, month, day };
}

export const isNotADate = (parsed: DateParts | NotADate): parsed is NotADate => 'reason' in parsed;
