// A template's inputs (docs/architecture.md, "Templates"): the kinds a template may declare in its
// front matter, the values each kind takes, and the one check of values against declarations —
// used by the pipeline (a request from the app or a script), by the command line (which places a
// problem at its line and column in an --input file) and by the form (which marks the field).
// Runs anywhere: no Node, no DOM.

/** The kinds of input a template declares. `rows` is a list of records with declared columns. */
export const INPUT_TYPES = ['text', 'date', 'list', 'choice', 'rows'] as const;
export type InputType = (typeof INPUT_TYPES)[number];

/** The kinds of a `rows` input's column: a line of text, a date, or fact ids backing the row. */
export const COLUMN_TYPES = ['text', 'date', 'facts'] as const;
export type ColumnType = (typeof COLUMN_TYPES)[number];

/** The most a template input holds, in the app and on the command line: a text this long, or a list of this many items (rows). */
export const MAX_INPUT_CHARS = 2_000;
export const MAX_INPUT_ITEMS = 100;

export interface InputColumn {
  key: string;
  label: string;
  type: ColumnType;
  required: boolean;
  help?: string;
}

/** What a template declares of one input. */
export interface InputDeclaration {
  key: string;
  label: string;
  type: InputType;
  required: boolean;
  default?: unknown;
  options?: string[];
  columns?: InputColumn[];
  /** A list input whose items may end with the ids of the facts backing them, in brackets (`backedLine`). */
  cites?: boolean;
  help?: string;
}

/** A cell of a row: text, or (a `facts` column) the ids of the facts backing the row. */
export type InputCell = string | string[];
export type InputRow = Record<string, InputCell>;
/** An input's value: text (text, date, choice), a list of texts, or rows. */
export type InputValue = string | string[] | InputRow[];

/** A problem with a given value, and where it is: `[key]`, `[key, item]` or `[key, row, column]`. */
export interface InputProblem {
  at: (string | number)[];
  message: string;
}

export interface InputChecks {
  /** Why a text is not a date, or undefined when it is one. */
  dateError?: (text: string) => string | undefined;
  /** Whether a fact id names a fact (for `facts` columns); every id passes without it. */
  factExists?: (id: string) => boolean;
  /** How the user gives an input, for the sentence that asks for a missing one ("give it with --set visit=…"). */
  howToGive?: (input: InputDeclaration) => string;
  /** How a message quotes what the user gave (core's `quote`: escapes shown, long text capped); a plain quote without it. */
  quote?: (text: string) => string;
}

const plainQuote = (s: string) => `"${s.length > 60 ? `${s.slice(0, 59)}…` : s}"`;
const quoteOf = (checks: InputChecks) => checks.quote ?? plainQuote;
/** A mapping (as YAML and JSON give one), not a list or a scalar. */
export const isRecord = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);
const nothing = (v: InputValue) => (Array.isArray(v) ? v.length === 0 : v === '');

/** A row's fact ids, given as a list or as one text separated by commas, spaces or new lines. */
function factIds(value: unknown): string[] {
  const items = Array.isArray(value) ? value.map((v) => (v === null || v === undefined ? '' : String(v))) : String(value).split(/[\s,;]+/);
  return items.map((s) => s.trim()).filter(Boolean);
}

/**
 * A line a user wrote, and the facts that back it: "We welcome the growth in trade
 * [trade-turnover-2023, trade-turnover-2018]" is the line and two fact ids. Only a bracket at
 * the very end counts, and only when it holds ids alone, so "[sic]" inside a line stays text.
 */
export function backedLine(item: string): { text: string; facts: string[] } {
  const match = /\s*\[([a-z0-9][a-z0-9-]*(?:[\s,;]+[a-z0-9][a-z0-9-]*)*)\]\s*$/.exec(item);
  if (!match || !match[1]!.includes('-')) return { text: item.trim(), facts: [] };
  return { text: item.slice(0, match.index).trim(), facts: factIds(match[1]) };
}

/** One text, trimmed: a list of texts given where one text is wanted reads as one line. */
function oneText(value: unknown): string {
  return Array.isArray(value) ? value.map(String).join(', ').trim() : String(value).trim();
}

/**
 * The values of declared inputs from what was given (a request's inputs, an input file), with
 * defaults where nothing was given, and what is wrong with them. Undeclared keys are problems;
 * nothing given for an optional input is its empty value (`''`, `[]`), so a template can test it
 * with `{{#if (any inputs.qa)}}`.
 */
export function checkInputs(declared: readonly InputDeclaration[], given: Readonly<Record<string, unknown>>, checks: InputChecks = {}): { values: Record<string, InputValue>; problems: InputProblem[] } {
  const quoted = quoteOf(checks);
  const problems: InputProblem[] = [];
  const values: Record<string, InputValue> = {};
  const keys = new Set(declared.map((i) => i.key));
  for (const key of Object.keys(given)) {
    if (!keys.has(key)) problems.push({ at: [key], message: `there is no input ${quoted(key)} (inputs: ${[...keys].join(', ') || 'none'})` });
  }
  for (const input of declared) {
    const raw = Object.hasOwn(given, input.key) && given[input.key] !== undefined ? given[input.key] : input.default;
    const before = problems.length;
    const value = raw === undefined || raw === null ? emptyValue(input) : normalise(input, raw, problems, checks);
    // A value given wrong is reported as such, not also as missing.
    if (nothing(value) && input.required && problems.length === before) {
      const how = checks.howToGive?.(input);
      problems.push({ at: [input.key], message: `missing required input "${input.key}" (${input.label})${how ? `: ${how}` : ''}` });
    }
    values[input.key] = value;
  }
  return { values, problems };
}

function emptyValue(input: InputDeclaration): InputValue {
  return input.type === 'list' || input.type === 'rows' ? [] : '';
}

function normalise(input: InputDeclaration, raw: unknown, problems: InputProblem[], checks: InputChecks): InputValue {
  const { key } = input;
  const quoted = quoteOf(checks);
  switch (input.type) {
    case 'list': {
      const items = Array.isArray(raw) ? raw : String(raw).split(/\n|;/);
      const out: string[] = [];
      items.forEach((item, i) => {
        if (isRecord(item) || Array.isArray(item)) problems.push({ at: [key, i], message: `input "${key}": item ${i + 1} is text, not a mapping or a list` });
        else if (item !== null && item !== undefined && String(item).trim()) out.push(String(item).trim());
      });
      if (out.length > MAX_INPUT_ITEMS) problems.push({ at: [key], message: `input "${key}" has ${out.length} items; a list input holds at most ${MAX_INPUT_ITEMS}` });
      for (const [i, item] of out.entries()) {
        tooLong(item, [key, i], `input "${key}", item ${i + 1}`, problems);
        if (!input.cites || !checks.factExists) continue;
        for (const id of backedLine(item).facts) {
          if (!checks.factExists(id)) problems.push({ at: [key, i], message: `input "${key}", item ${i + 1}: no fact has the id ${quoted(id)} (the ids in brackets at the end of a line name the facts backing it)` });
        }
      }
      return out;
    }
    case 'rows':
      return rows(input, raw, problems, checks);
    default: {
      if (isRecord(raw)) {
        problems.push({ at: [key], message: `input "${key}" is text, not a mapping` });
        return '';
      }
      const text = oneText(raw);
      tooLong(text, [key], `input "${key}"`, problems);
      if (text && input.type === 'date') {
        const error = checks.dateError?.(text);
        if (error) problems.push({ at: [key], message: `input "${key}": ${error}` });
      }
      if (text && input.type === 'choice' && !input.options?.includes(text)) {
        problems.push({ at: [key], message: `input "${key}" must be one of ${input.options?.join(', ')} (got ${quoted(text)})` });
      }
      return text;
    }
  }
}

function tooLong(text: string, at: (string | number)[], what: string, problems: InputProblem[]): void {
  if (text.length > MAX_INPUT_CHARS) problems.push({ at, message: `${what} has a text of ${text.length} characters; an input holds at most ${MAX_INPUT_CHARS}` });
}

/** Rows: each a mapping of the declared columns; a row with nothing in it is dropped. */
function rows(input: InputDeclaration, raw: unknown, problems: InputProblem[], checks: InputChecks): InputRow[] {
  const { key } = input;
  const quoted = quoteOf(checks);
  const columns = input.columns ?? [];
  const names = columns.map((c) => c.key).join(', ');
  if (!Array.isArray(raw)) {
    problems.push({ at: [key], message: `input "${key}" is a list of rows, each a mapping of ${names}` });
    return [];
  }
  if (raw.length > MAX_INPUT_ITEMS) problems.push({ at: [key], message: `input "${key}" has ${raw.length} rows; a rows input holds at most ${MAX_INPUT_ITEMS}` });
  const out: InputRow[] = [];
  raw.slice(0, MAX_INPUT_ITEMS).forEach((item, i) => {
    const where = `input "${key}", row ${i + 1}`;
    if (!isRecord(item)) {
      problems.push({ at: [key, i], message: `${where} is a mapping of ${names}, not ${Array.isArray(item) ? 'a list' : 'text'}` });
      return;
    }
    for (const column of Object.keys(item)) {
      if (!columns.some((c) => c.key === column)) problems.push({ at: [key, i, column], message: `${where} has no column ${quoted(column)} (columns: ${names})` });
    }
    const row: InputRow = {};
    for (const column of columns) {
      const cell = item[column.key];
      if (column.type === 'facts') {
        const ids = cell === undefined || cell === null ? [] : factIds(cell);
        for (const id of ids) {
          if (checks.factExists && !checks.factExists(id)) problems.push({ at: [key, i, column.key], message: `${where}, ${column.label}: no fact has the id ${quoted(id)}` });
        }
        row[column.key] = ids;
        continue;
      }
      if (isRecord(cell)) {
        problems.push({ at: [key, i, column.key], message: `${where}, ${column.label} is text, not a mapping` });
        row[column.key] = '';
        continue;
      }
      const text = cell === undefined || cell === null ? '' : oneText(cell);
      tooLong(text, [key, i, column.key], `${where}, ${column.label}`, problems);
      if (text && column.type === 'date') {
        const error = checks.dateError?.(text);
        if (error) problems.push({ at: [key, i, column.key], message: `${where}, ${column.label}: ${error}` });
      }
      row[column.key] = text;
    }
    // A row left empty (the form's spare row, a blank line in a file) is no row.
    if (columns.every((c) => nothing(row[c.key] ?? ''))) return;
    for (const column of columns) {
      if (column.required && nothing(row[column.key] ?? '')) problems.push({ at: [key, i, column.key], message: `${where} is missing its ${column.label.toLowerCase()} (column "${column.key}")` });
    }
    out.push(row);
  });
  return out;
}
