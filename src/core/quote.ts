// How text from workspace data is shown in messages and listings: its control characters, escape
// sequences and bidi overrides made visible (`\x1b`, `\u202e`), so that no value can drive a
// terminal or reorder a line, and a value quoted in a message capped, so that no message echoes
// a 2 MB key whole.

/** How much of a value a message quotes; the rest is counted. */
export const QUOTE_LIMIT = 120;

// C0 controls and DEL; C1 controls (U+0080–U+009F, which include an 8-bit CSI); bidi embeddings,
// overrides, isolates and marks; line and paragraph separators; a byte-order mark mid-text.
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069\ufeff]/g;
const UNSAFE_BUT_LINES = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069\ufeff]/g;
const NAMED = new Map([['\n', '\\n'], ['\r', '\\r'], ['\t', '\\t']]);

const shown = (c: string): string => {
  const code = c.charCodeAt(0);
  // `\x1b` for C0, as a programmer reads it; `\u009b` beyond, which JSON reads as the same character.
  return NAMED.get(c) ?? (code < 0x20 ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`);
};

/**
 * `text` safe to write to a terminal: every control character, escape sequence and bidi control
 * shown as an escape. With `lines`, line breaks and tabs stay (for whole listings and JSON,
 * where each value has been made visible or escaped already); without, they are shown as `\n`.
 */
export function visible(text: string, options: { lines?: boolean } = {}): string {
  return text.replace(options.lines ? UNSAFE_BUT_LINES : UNSAFE, shown);
}

/** The first `limit` characters of `text` (never half a surrogate pair), and how many are left. */
function cut(text: string, limit: number): { head: string; more: string } {
  if (text.length <= limit) return { head: text, more: '' };
  const end = /[\ud800-\udbff]/.test(text[limit - 1]!) ? limit - 1 : limit;
  const count = text.length - end;
  return { head: text.slice(0, end), more: ` (${count} more character${count === 1 ? '' : 's'})` };
}

/** At most QUOTE_LIMIT characters of `text`, visible, then how many more there are: `abc… (2097032 more characters)`. */
export function capped(text: string, limit = QUOTE_LIMIT): string {
  const { head, more } = cut(text, limit);
  return more ? `${visible(head)}…${more}` : visible(head);
}

/**
 * A value from the user's data as a message quotes it: `"value"`, or `"the first 120…" (2097032
 * more characters)`; `mark` is the quotation mark (a backtick for a field name).
 */
export function quote(value: unknown, limit = QUOTE_LIMIT, mark = '"'): string {
  const { head, more } = cut(String(value), limit);
  return more ? `${mark}${visible(head)}…${mark}${more}` : `${mark}${visible(head)}${mark}`;
}
