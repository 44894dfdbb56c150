// Checks the dates a user types (From, To, date inputs) as they type: YYYY, YYYY-MM or
// YYYY-MM-DD, as the API and the CLI take them. A partly typed date is "incomplete", not wrong.

export type DateCheck = { status: 'empty' } | { status: 'valid' } | { status: 'incomplete'; message: string } | { status: 'invalid'; message: string };

const SHAPE = 'Use YYYY, YYYY-MM or YYYY-MM-DD (for example 2018 or 2018-06).';
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

const daysIn = (year: number, month: number) => new Date(Date.UTC(year, month, 0)).getUTCDate();

export function checkDate(text: string): DateCheck {
  const value = text.trim();
  if (value === '') return { status: 'empty' };
  const match = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/.exec(value);
  if (!match) {
    // A prefix of a valid shape ("201", "2018-0") is still being typed.
    if (/^\d{1,3}$|^\d{4}-\d?$|^\d{4}-\d{2}-\d?$/.test(value)) return { status: 'incomplete', message: SHAPE };
    return { status: 'invalid', message: SHAPE };
  }
  const year = Number(match[1]);
  if (match[2] !== undefined) {
    const month = Number(match[2]);
    if (month < 1 || month > 12) return { status: 'invalid', message: `There is no month ${match[2]}: use 01 to 12.` };
    if (match[3] !== undefined) {
      const day = Number(match[3]);
      const last = daysIn(year, month);
      if (day < 1 || day > last) return { status: 'invalid', message: `${MONTHS[month - 1]} ${year} has days 01 to ${last}.` };
    }
  }
  return { status: 'valid' };
}

/** The first and last day a valid partial date covers, as YYYY-MM-DD (sortable). */
export function dateBounds(value: string): { start: string; end: string } {
  const [y, m, d] = value.split('-');
  if (d) return { start: value, end: value };
  if (m) return { start: `${y}-${m}-01`, end: `${y}-${m}-${String(daysIn(Number(y), Number(m))).padStart(2, '0')}` };
  return { start: `${y}-01-01`, end: `${y}-12-31` };
}

/** "To" may not end before "From" starts (partial dates overlap, as the fact query treats them). */
export function rangeError(from: string, to: string): string | undefined {
  if (checkDate(from).status !== 'valid' || checkDate(to).status !== 'valid') return undefined;
  return dateBounds(to.trim()).end < dateBounds(from.trim()).start ? 'To is before From.' : undefined;
}
