// How figures, dates and periods print in a brief ("$19.885 billion", "May 2024",
// "2015–2018"), and how any value is escaped so that it prints literally in Markdown.
import { parseDate, whenInterval, type When } from '../facts/dates';
import type { Qualifier } from '../facts/schema';

export interface FormatOptions {
  /** BCP 47 locale for digits and month names ("en-GB"). */
  locale: string;
}

export const defaultFormat: FormatOptions = { locale: 'en-GB' };

const SCALES: [number, string][] = [
  [1e12, 'trillion'],
  [1e9, 'billion'],
  [1e6, 'million'],
];

// Intl formatters are costly to build and a brief formats hundreds of figures: build each once.
const formatters = new Map<string, Intl.NumberFormat | Intl.DateTimeFormat>();
function cached<T extends Intl.NumberFormat | Intl.DateTimeFormat>(key: string, make: () => T): T {
  let formatter = formatters.get(key);
  if (!formatter) {
    formatter = make();
    formatters.set(key, formatter);
  }
  return formatter as T;
}

/** A plain number with the precision it was given: 19885000000 → "19,885,000,000". */
export function formatNumber(value: number, options: FormatOptions = defaultFormat, maxDigits = 6): string {
  return cached(`n:${options.locale}:${maxDigits}`, () => new Intl.NumberFormat(options.locale, { maximumFractionDigits: maxDigits })).format(value);
}

/** Scales large numbers to words without losing digits: 19885000000 → "19.885 billion". */
function formatScaled(value: number, options: FormatOptions = defaultFormat): string {
  const abs = Math.abs(value);
  for (const [scale, word] of SCALES) {
    if (abs >= scale) return `${formatNumber(value / scale, options)} ${word}`;
  }
  return formatNumber(value, options);
}

// Tables keyed by data (a unit, a currency a template names) are Maps: a key like "constructor"
// or "__proto__" is then a word like any other, never a way into Object.prototype.
const CURRENCY_SIGNS = new Map([['USD', '$'], ['EUR', '€'], ['GBP', '£'], ['CNY', 'CN¥'], ['RMB', 'CN¥']]);

/** Whether `code` names a currency: one with a sign, or any three capital letters (ISO 4217's form). */
export function isCurrency(code: string): boolean {
  return CURRENCY_SIGNS.has(code) || /^[A-Z]{3}$/.test(code);
}

export function formatMoney(value: number, currency = 'USD', options: FormatOptions = defaultFormat): string {
  const sign = CURRENCY_SIGNS.get(currency);
  const scaled = formatScaled(value, options);
  return sign ? `${value < 0 ? '−' : ''}${sign}${scaled.replace(/^-/, '')}` : `${scaled} ${currency}`;
}

export function formatPercent(value: number, options: FormatOptions = defaultFormat): string {
  return `${formatNumber(value, options, 2)}%`;
}

/**
 * A statement in the paper's one style (en-GB): a percentage is written as the figures are, with
 * the sign ("38%"), not as "38 percent" beside a figure's "12.5%" or "per cent" elsewhere; and a
 * "center" in running text is a "centre". A name keeps its own spelling (the capital marks it:
 * "Astana International Financial Center"); the source's wording stays in its quotation.
 */
export function inHouseStyle(text: string): string {
  return text.replace(/(\d)\s*(?:per\s*cent|percent)\b/gi, '$1%').replace(/\b(epi)?center(s?)\b/g, '$1centre$2');
}

/** Units whose singular differs from the plural or that print differently from their id. */
const UNIT_WORDS = new Map<string, [singular: string, plural: string]>([
  ['tonnes', ['tonne', 'tonnes']],
  ['cubic metres', ['cubic metre', 'cubic metres']],
  ['trains', ['train', 'trains']],
  ['projects', ['project', 'projects']],
  ['students', ['student', 'students']],
  ['companies', ['company', 'companies']],
  ['jobs', ['job', 'jobs']],
  ['institutes', ['institute', 'institutes']],
  ['centres', ['centre', 'centres']],
  ['varieties', ['variety', 'varieties']],
]);

/** A value in its unit: money with its sign, percentages with %, counts with their noun. */
export function formatQuantity(value: number, unit: string, options: FormatOptions = defaultFormat): string {
  if (isCurrency(unit)) return formatMoney(value, unit, options);
  if (unit === 'percent') return formatPercent(value, options);
  const words = UNIT_WORDS.get(unit);
  const noun = words ? (Math.abs(value) === 1 ? words[0] : words[1]) : unit;
  return `${formatScaled(value, options)} ${noun}`;
}

/** Qualifiers in words, as the source gives them ("over $24 billion"). */
export const QUALIFIER_WORDS: ReadonlyMap<Qualifier, string> = new Map<Qualifier, string>([
  ['exact', ''],
  ['about', 'about '],
  ['over', 'over '],
  ['under', 'under '],
  ['nearly', 'nearly '],
  ['up-to', 'up to '],
]);

export function formatQualified(value: number, unit: string, qualifier: Qualifier, options: FormatOptions = defaultFormat): string {
  return `${QUALIFIER_WORDS.get(qualifier) ?? ''}${formatQuantity(value, unit, options)}`;
}

/** The instant a day starts (UTC); Date.UTC would read the years 0–99 as 1900–1999. */
function utcDay(year: number, month: number, day: number): number {
  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, day);
  return date.getTime();
}

/**
 * A partial date as a reader says it: "2018", "May 2024", "20 May 2024". Text that is not a
 * date ("2020-13") prints as it is: it is never rolled over into a month that exists.
 */
export function formatDate(date: string, options: FormatOptions = defaultFormat): string {
  if ('error' in parseDate(date)) return date;
  const [y, m, d] = date.trim().split('-').map(Number);
  if (y === undefined) return date;
  if (m === undefined) return String(y);
  const month = cached(`m:${options.locale}`, () => new Intl.DateTimeFormat(options.locale, { month: 'long', timeZone: 'UTC' })).format(
    utcDay(y, m, 1),
  );
  if (d === undefined) return `${month} ${y}`;
  return cached(
    `d:${options.locale}`,
    () => new Intl.DateTimeFormat(options.locale, { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }),
  ).format(utcDay(y, m, d));
}

/**
 * A `when` as a reader says it: a date, or a period "2015–2018". A period whose ends are dated
 * alike says once what they share, as a writer would: "25–27 April 2019", "April–June 2019".
 */
export function formatWhen(when: When | undefined, options: FormatOptions = defaultFormat): string {
  if (when === undefined) return 'undated';
  if (typeof when === 'string') return formatDate(when, options);
  if ('error' in whenInterval(when)) return `${formatDate(when.from, options)}–${formatDate(when.to, options)}`;
  const from = when.from.split('-').map(Number);
  const to = when.to.split('-').map(Number);
  if (from.length === to.length && from.length > 1 && [...from, ...to].every(Number.isInteger)) {
    const fields: Intl.DateTimeFormatOptions = from.length === 3 ? { day: 'numeric', month: 'long', year: 'numeric' } : { month: 'long', year: 'numeric' };
    const range = cached(`r${from.length}:${options.locale}`, () => new Intl.DateTimeFormat(options.locale, { ...fields, timeZone: 'UTC' }));
    const utc = ([y, m, d]: number[]) => utcDay(y!, m!, d ?? 1);
    // ICU sets the dash between thin spaces; the house style closes it up, as in "2015–2018".
    return range.formatRange(utc(from), utc(to)).replace(/[\s\u2009\u200a]*[–-][\s\u2009\u200a]*/, '–');
  }
  return `${formatDate(when.from, options)}–${formatDate(when.to, options)}`;
}

// Characters that can start Markdown syntax anywhere in a line (emphasis, links, code, HTML,
// tables, directives, entities, autolinks, strikethrough) are backslash-escaped; CommonMark
// treats a backslash before any ASCII punctuation as that character, literally.
const INLINE_SPECIAL = /[\\`*_[\]<>|:&!{}~#]/g;
// Private-use characters mark template positions in rendered output; a value never carries them.
const POSITION_MARKS = /[\uE000-\uE0FF]/g;

/**
 * Escapes a value so that it prints literally wherever a template puts it, even at the start
 * of a line (where "- ", "1. ", "# ", "> " or "===" would start a block).
 */
export function escapeMarkdown(value: unknown): string {
  if (value === undefined || value === null) return '';
  const text = String(value)
    .replace(POSITION_MARKS, '')
    .replace(/\0/g, '')
    .replace(/[\r\n\t\f\v\u2028\u2029]+/g, ' ')
    // Four spaces at the start of a line make code, where escapes print as backslashes.
    .replace(/^ +/, ' ')
    .replace(INLINE_SPECIAL, (c) => `\\${c}`);
  // Block starters only matter at the start of the value.
  return text.replace(/^(\s*)([-+=>])/, '$1\\$2').replace(/^(\s*\d+)([.)])/, '$1\\$2');
}
