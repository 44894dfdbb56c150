// Checks the dates a user types (From, To, date inputs) as they type: YYYY, YYYY-MM or
// YYYY-MM-DD, as the API and the CLI take them (src/shared/dates.ts decides what is a date; this
// says it as the form does). A partly typed date is "incomplete", not wrong.
import { daysInMonth, isNotADate, partialDate } from '../shared/dates';

export type DateCheck = { status: 'empty' } | { status: 'valid' } | { status: 'incomplete'; message: string } | { status: 'invalid'; message: string };

const SHAPE = 'Use YYYY, YYYY-MM or YYYY-MM-DD (for example 2018 or 2018-06).';
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

export function checkDate(text: string): DateCheck {
  const value = text.trim();
  if (value === '') return { status: 'empty' };
  const parts = partialDate(value);
  if (isNotADate(parts)) {
    // A prefix of a valid shape ("201", "2018-0") is still being typed.
    if (parts.reason === 'shape') return { status: /^\d{1,3}$|^\d{4}-\d?$|^\d{4}-\d{2}-\d?$/.test(value) ? 'incomplete' : 'invalid', message: SHAPE };
    if (parts.reason === 'month') return { status: 'invalid', message: `There is no month ${parts.month}: use 01 to 12.` };
    return { status: 'invalid', message: `${MONTHS[parts.month - 1]} ${parts.year} has days 01 to ${parts.lastDay}.` };
  }
  return { status: 'valid' };
}

/** The first and last day a valid partial date covers, as YYYY-MM-DD (sortable). */
function dateBounds(value: string): { start: string; end: string } {
  const [y, m, d] = value.split('-');
  if (d) return { start: value, end: value };
  if (m) return { start: `${y}-${m}-01`, end: `${y}-${m}-${String(daysInMonth(Number(y), Number(m))).padStart(2, '0')}` };
  return { start: `${y}-01-01`, end: `${y}-12-31` };
}

/** "To" may not end before "From" starts (partial dates overlap, as the fact query treats them). */
export function rangeError(from: string, to: string): string | undefined {
  if (checkDate(from).status !== 'valid' || checkDate(to).status !== 'valid') return undefined;
  return dateBounds(to.trim()).end < dateBounds(from.trim()).start ? 'To is before From.' : undefined;
}
