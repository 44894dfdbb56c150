// How figures, dates and periods print in a brief ("$19.885 billion", "May 2024",
// "2015–2018"), and how any value is escaped so that it prints literally in Markdown.
import type { When } from '../facts/dates';
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
export function formatScaled(value: number, options: FormatOptions = defaultFormat): string {
  const abs = Math.abs(value);
  for (const [scale, word] of SCALES) {
    if (abs >= scale) return `${formatNumber(value / scale, options)} ${word}`;
  }
  return formatNumber(value, options);
}

const CURRENCY_SIGNS: Record<string, string> = { USD: '$', EUR: '€', GBP: '£', CNY: 'CN¥', RMB: 'CN¥' };

export function formatMoney(value: number, currency = 'USD', options: FormatOptions = defaultFormat): string {
  const sign = CURRENCY_SIGNS[currency];
  const scaled = formatScaled(value, options);
  return sign ? `${value < 0 ? '−' : ''}${sign}${scaled.replace(/^-/, '')}` : `${scaled} ${currency}`;
}

export function formatPercent(value: number, options: FormatOptions = defaultFormat): string {
  return `${formatNumber(value, options, 2)}%`;
}

/** Units whose singular differs from the plural or that print differently from their id. */
const UNIT_WORDS: Record<string, [singular: string, plural: string]> = {
  tonnes: ['tonne', 'tonnes'],
  'cubic metres': ['cubic metre', 'cubic metres'],
  trains: ['train', 'trains'],
  projects: ['project', 'projects'],
  students: ['student', 'students'],
  companies: ['company', 'companies'],
  jobs: ['job', 'jobs'],
  institutes: ['institute', 'institutes'],
  centres: ['centre', 'centres'],
  varieties: ['variety', 'varieties'],
};

/** A value in its unit: money with its sign, percentages with %, counts with their noun. */
export function formatQuantity(value: number, unit: string, options: FormatOptions = defaultFormat): string {
  if (unit in CURRENCY_SIGNS || /^[A-Z]{3}$/.test(unit)) return formatMoney(value, unit, options);
  if (unit === 'percent') return formatPercent(value, options);
  const words = UNIT_WORDS[unit];
  const noun = words ? (Math.abs(value) === 1 ? words[0] : words[1]) : unit;
  return `${formatScaled(value, options)} ${noun}`;
}

const QUALIFIER_WORDS: Record<Qualifier, string> = {
  exact: '',
  about: 'about ',
  over: 'over ',
  under: 'under ',
  nearly: 'nearly ',
  'up-to': 'up to ',
};

export function formatQualified(value: number, unit: string, qualifier: Qualifier, options: FormatOptions = defaultFormat): string {
  return `${QUALIFIER_WORDS[qualifier]}${formatQuantity(value, unit, options)}`;
}

/** A partial date as a reader says it: "2018", "May 2024", "20 May 2024". */
export function formatDate(date: string, options: FormatOptions = defaultFormat): string {
  const [y, m, d] = date.split('-').map(Number);
  if (y === undefined || Number.isNaN(y)) return date;
  if (m === undefined) return String(y);
  const month = cached(`m:${options.locale}`, () => new Intl.DateTimeFormat(options.locale, { month: 'long', timeZone: 'UTC' })).format(
    Date.UTC(y, m - 1, 1),
  );
  if (d === undefined) return `${month} ${y}`;
  return cached(
    `d:${options.locale}`,
    () => new Intl.DateTimeFormat(options.locale, { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }),
  ).format(Date.UTC(y, m - 1, d));
}

/**
 * A `when` as a reader says it: a date, or a period "2015–2018". A period whose ends are dated
 * alike says once what they share, as a writer would: "25–27 April 2019", "April–June 2019".
 */
export function formatWhen(when: When | undefined, options: FormatOptions = defaultFormat): string {
  if (when === undefined) return 'undated';
  if (typeof when === 'string') return formatDate(when, options);
  const from = when.from.split('-').map(Number);
  const to = when.to.split('-').map(Number);
  if (from.length === to.length && from.length > 1 && [...from, ...to].every(Number.isInteger)) {
    const fields: Intl.DateTimeFormatOptions = from.length === 3 ? { day: 'numeric', month: 'long', year: 'numeric' } : { month: 'long', year: 'numeric' };
    const range = cached(`r${from.length}:${options.locale}`, () => new Intl.DateTimeFormat(options.locale, { ...fields, timeZone: 'UTC' }));
    const utc = ([y, m, d]: number[]) => Date.UTC(y!, m! - 1, d ?? 1);
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
