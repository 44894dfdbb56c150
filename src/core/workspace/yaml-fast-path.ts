// A fast reader for the plain YAML that workspace files are written in: block lists and
// mappings, one-line flow collections, plain, quoted and block scalars, comments. It gives the
// same values as the `yaml` library (core schema) for that subset, about ten times faster, and
// gives up (returns undefined) on anything else, so that the caller parses the file with the
// library instead, and every error is reported by the library with its exact position.
import { isScalar, Schema } from 'yaml';

export interface FastYaml {
  value: unknown;
  /** Where each item of a top-level list starts (1-based line and column), for record origins. */
  items?: { line: number; column: number }[];
}

/** Thrown to abandon the fast path: the text uses YAML this reader does not handle. */
class Unsupported {}
const unsupported = new Unsupported();
function bail(): never {
  throw unsupported;
}

/** The scalar tags of the core schema, in the order the library tries them. */
const CORE_SCALARS = new Schema({ schema: 'core' }).tags.filter(
  (tag): tag is typeof tag & { test: RegExp; resolve: (s: string, onError: (m: string) => void, o: object) => unknown } =>
    tag.default === true && 'test' in tag && tag.test instanceof RegExp,
);
const RESOLVE_OPTIONS = { intAsBigInt: false };
/** Tabs, carriage returns, control characters and the like, which YAML restricts: left to the library. */
const UNUSUAL = /[\u0000-\u0008\t\r\u000b\u000c\u000e-\u001f\u007f-\u0084\u0086-\u009f\ufffe\uffff]/;
const NOT_A_STRING_KEY = /^(?:[Nn]ull|NULL|[Tt]rue|TRUE|[Ff]alse|FALSE)$/;

const isKeyStart = (c: number) => (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 95;
const isKeyChar = (c: number) => isKeyStart(c) || (c >= 48 && c <= 57) || c === 45;

/**
 * The key written at `p` of `text` (a plain word followed by a colon and a space or the end of
 * the line), or undefined. Keys recur in every record: the ones seen before are reused rather
 * than cut from the text again, which saves making and interning a string per field.
 */
function keyAt(text: string, p: number, known?: string[]): string | undefined {
  const q = keyEnd(text, p);
  if (q < 0) return undefined;
  if (!known) return text.slice(p, q);
  const length = q - p;
  for (const key of known) {
    if (key.length === length && sameText(text, p, key)) return key;
  }
  const key = text.slice(p, q);
  if (known.length < 64) known.push(key);
  return key;
}

/** Where the key written at `p` ends (its colon), or -1 when no key is written there. */
function keyEnd(text: string, p: number): number {
  if (!isKeyStart(text.charCodeAt(p))) return -1;
  let q = p + 1;
  while (isKeyChar(text.charCodeAt(q))) q++;
  if (text.charCodeAt(q) !== 58 /* : */ || !isBreakOrSpace(text.charCodeAt(q + 1))) return -1;
  return q;
}

/** A space, a line break or the end of the text (NaN). */
const isBreakOrSpace = (c: number) => c === 32 || c === 10 || Number.isNaN(c);

/** Whether `text` has `part` at `p`. */
function sameText(text: string, p: number, part: string): boolean {
  for (let i = 0; i < part.length; i++) if (text.charCodeAt(p + i) !== part.charCodeAt(i)) return false;
  return true;
}

/** A key the fast path can store as it is: not null or a boolean, not one an object inherits. */
function checkKey(map: Record<string, unknown>, key: string): void {
  const c = key.charCodeAt(0);
  // n, N, t, T, f, F: possibly null or a boolean, which the library would not read as text.
  if ((c === 110 || c === 78 || c === 116 || c === 84 || c === 102 || c === 70) && NOT_A_STRING_KEY.test(key)) bail();
  // A repeated key, or one an object inherits ("constructor", "__proto__"): left to the library.
  if (map[key] !== undefined) bail();
}

/** A plain scalar's value, as the core schema resolves it (null, booleans, numbers, text). */
function resolvePlain(text: string): unknown {
  const c = text.charCodeAt(0);
  // Most plain scalars are words: skip the tag tests unless the text could be null, a boolean or a number.
  const letter = (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
  if (letter && !NOT_A_STRING_KEY.test(text)) return text;
  for (const tag of CORE_SCALARS) {
    if (tag.test.test(text)) {
      let failed = false;
      const value = tag.resolve(text, () => (failed = true), RESOLVE_OPTIONS);
      if (failed) bail();
      return isScalar(value) ? value.value : value; // null and booleans come wrapped
    }
  }
  return text;
}

const ESCAPES: Record<string, string> = {
  '0': '\0', a: '\x07', b: '\b', e: '\x1b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v',
  N: '\u0085', _: '\u00a0', L: '\u2028', P: '\u2029', ' ': ' ', '"': '"', '/': '/', '\\': '\\',
};

/** Drops trailing spaces: only spaces, as YAML does (String#trimEnd would drop no-break spaces too). */
function trimSpaces(text: string): string {
  let end = text.length;
  while (end > 0 && text.charCodeAt(end - 1) === 32) end--;
  return end === text.length ? text : text.slice(0, end);
}

/** Parses `text`, or returns undefined when it is outside the subset this reader handles. */
export function parseFast(text: string): FastYaml | undefined {
  if (UNUSUAL.test(text)) return undefined;
  try {
    return new Reader(text).document();
  } catch (error) {
    // A file nested deeper than the stack: the library reports it with its position.
    if (error === unsupported || error instanceof RangeError) return undefined;
    throw error;
  }
}

/**
 * Reads line by line, by offsets into the text (making a string per line would cost more than
 * the rest). Columns are 0-based offsets from the line's start; positions given out are 1-based.
 */
class Reader {
  private readonly t: string;
  /** Where each line starts, and where it ends (its line break, or the end of the text). */
  private readonly starts: number[] = [];
  private readonly ends: number[] = [];
  private readonly endsWithNewline: boolean;
  /** Keys met so far (see keyAt). */
  private readonly keys: string[] = [];
  private i = 0;
  /** Where the flow value last read ends (set by the flow readers instead of returning a pair). */
  private stop = 0;

  constructor(text: string) {
    this.t = text;
    for (let at = 0; ; ) {
      const br = text.indexOf('\n', at);
      this.starts.push(at);
      this.ends.push(br < 0 ? text.length : br);
      if (br < 0) break;
      at = br + 1;
    }
    this.endsWithNewline = text.endsWith('\n');
    this.count = this.starts.length;
  }

  /** How many lines there are. */
  private readonly count: number;

  document(): FastYaml {
    this.skipBlank();
    if (this.i >= this.count) return { value: null };
    const t = this.t;
    const ls = this.starts[this.i]!;
    if (t.charCodeAt(ls) === 32 || t.startsWith('---', ls) || t.startsWith('...', ls) || t.startsWith('%', ls)) bail();
    let result: FastYaml;
    if (this.isItem(this.i, 0)) {
      const items: { line: number; column: number }[] = [];
      result = { value: this.sequence(0, items), items };
    } else if (keyEnd(t, ls) >= 0) {
      result = { value: this.mapping(0, 0) };
    } else {
      bail();
    }
    this.skipBlank();
    if (this.i < this.count) bail();
    return result;
  }

  /** Moves past empty lines and comment lines. */
  private skipBlank(): void {
    const t = this.t;
    while (this.i < this.count) {
      let p = this.starts[this.i]!;
      const le = this.ends[this.i]!;
      while (t.charCodeAt(p) === 32) p++;
      if (p < le && t.charCodeAt(p) !== 35 /* # */) return;
      this.i++;
    }
  }

  private indentOf(i: number): number {
    const t = this.t;
    const ls = this.starts[i]!;
    let p = ls;
    while (t.charCodeAt(p) === 32) p++;
    return p - ls;
  }

  private isItem(i: number, indent: number): boolean {
    const p = this.starts[i]! + indent;
    return this.t.charCodeAt(p) === 45 /* - */ && (p + 1 === this.ends[i]! || this.t.charCodeAt(p + 1) === 32);
  }

  /** A block sequence whose dashes are at column `indent`. */
  private sequence(indent: number, positions?: { line: number; column: number }[]): unknown[] {
    const t = this.t;
    const items: unknown[] = [];
    for (;;) {
      this.skipBlank();
      if (this.i >= this.count) break;
      const lineIndent = this.indentOf(this.i);
      if (lineIndent > indent) bail();
      if (lineIndent < indent || !this.isItem(this.i, indent)) break;
      const ls = this.starts[this.i]!;
      const le = this.ends[this.i]!;
      let p = ls + indent + 1;
      while (t.charCodeAt(p) === 32) p++;
      if (p >= le || t.charCodeAt(p) === 35) bail(); // an item on the following lines
      positions?.push({ line: this.i + 1, column: p - ls + 1 });
      if (keyEnd(t, p) >= 0) {
        items.push(this.mapping(p - ls, p - ls));
      } else {
        items.push(this.inlineValue(p, le));
        this.i++;
      }
    }
    return items;
  }

  /**
   * A block mapping whose keys are at column `indent`. Its first key may start at column
   * `firstCol` of the current line (after a list dash).
   */
  private mapping(indent: number, firstCol: number): Record<string, unknown> {
    const t = this.t;
    const map: Record<string, unknown> = {};
    let first = true;
    for (;;) {
      let col = indent;
      if (first) {
        col = firstCol;
        first = false;
      } else {
        this.skipBlank();
        if (this.i >= this.count) break;
        const lineIndent = this.indentOf(this.i);
        if (lineIndent > indent) bail();
        if (lineIndent < indent) break;
      }
      const ls = this.starts[this.i]!;
      const le = this.ends[this.i]!;
      const key = keyAt(t, ls + col, this.keys);
      if (key === undefined) {
        if (this.isItem(this.i, indent)) break; // a list at the level of the parent's key
        bail();
      }
      checkKey(map, key);
      let p = ls + col + key.length + 1;
      while (t.charCodeAt(p) === 32) p++;
      if (p >= le || t.charCodeAt(p) === 35) {
        this.i++;
        map[key] = this.nestedBlock(indent);
        continue;
      }
      const c = t.charCodeAt(p);
      if (c === 124 /* | */ || c === 62 /* > */) {
        map[key] = this.blockScalar(p, le, indent);
        continue;
      }
      map[key] = this.inlineValue(p, le);
      this.i++;
    }
    return map;
  }

  /** The value of a key with nothing after its colon: a nested block, or null. */
  private nestedBlock(parentIndent: number): unknown {
    this.skipBlank();
    if (this.i >= this.count) return null;
    const indent = this.indentOf(this.i);
    if (indent < parentIndent) return null;
    if (this.isItem(this.i, indent)) return this.sequence(indent);
    if (indent === parentIndent) return null;
    if (keyEnd(this.t, this.starts[this.i]! + indent) >= 0) return this.mapping(indent, indent);
    return bail(); // a scalar on its own lines
  }

  /** A `|` or `>` scalar whose header is at `p` of the current line (which ends at `le`). */
  private blockScalar(p: number, le: number, parentIndent: number): string {
    const t = this.t;
    const header = /^([|>])([-+]?)( +#.*)? *$/.exec(t.slice(p, le));
    if (!header) bail();
    const folded = header[1] === '>';
    const chomp = header[2];
    let j = this.i + 1;
    let contentIndent = -1;
    const content: string[] = [];
    for (; j < this.count; j++) {
      const ls = this.starts[j]!;
      const lineEnd = this.ends[j]!;
      const indent = this.indentOf(j);
      if (ls + indent === lineEnd) {
        // A blank line: content unless it has more spaces than the content's indentation.
        if (contentIndent >= 0 ? indent > contentIndent : indent > parentIndent) bail();
        content.push('');
        continue;
      }
      if (contentIndent < 0) {
        if (indent <= parentIndent) break;
        contentIndent = indent;
      }
      if (indent < contentIndent) {
        if (indent > parentIndent) bail();
        break;
      }
      if (indent > contentIndent && folded) bail(); // more-indented lines keep their breaks
      content.push(t.slice(ls + contentIndent, lineEnd));
    }
    if (contentIndent < 0) bail(); // an empty block scalar
    if (content[0] === '') bail(); // leading blank lines
    const reachesEnd = j >= this.count;
    // Lines after the scalar's last content line, blank, are trailing.
    let last = content.length;
    while (last > 0 && content[last - 1] === '') last--;
    let trailing = content.length - last;
    if (reachesEnd) {
      if (!this.endsWithNewline) {
        if (chomp !== '-') bail();
      } else {
        trailing--; // the empty line after the text's final line break is not a line
      }
    }
    this.i = j;
    const body = content.slice(0, last);
    let value: string;
    if (folded) {
      value = '';
      let sep = '';
      for (const l of body) {
        if (l === '') {
          value += '\n';
          sep = '';
        } else {
          value += sep + l;
          sep = ' ';
        }
      }
    } else {
      value = body.join('\n');
    }
    if (chomp === '-') return value;
    if (chomp === '+') return `${value}\n${'\n'.repeat(Math.max(trailing, 0))}`;
    return `${value}\n`;
  }

  /** A value written on one line from `p` (the line ends at `le`): a quoted or plain scalar or a flow collection. */
  private inlineValue(p: number, le: number): unknown {
    const t = this.t;
    const c = t.charCodeAt(p);
    if (c === 91 /* [ */ || c === 123 /* { */ || c === 34 /* " */ || c === 39 /* ' */) {
      const value = this.flowValue(p, le);
      // Only white space or a comment may follow.
      let end = this.stop;
      while (t.charCodeAt(end) === 32) end++;
      if (end < le && !(t.charCodeAt(end) === 35 && t.charCodeAt(end - 1) === 32)) bail();
      return value;
    }
    if (!this.canStartPlain(p)) bail();
    // The value runs to a comment (" #") or the end of the line. (Searched for in the line's
    // rest, not in the text: String#indexOf would run on through the rest of the file.)
    let raw = t.slice(p, le);
    const comment = raw.indexOf(' #');
    if (comment >= 0) raw = raw.slice(0, comment);
    raw = trimSpaces(raw);
    if (raw.includes(': ') || raw.endsWith(':')) bail();
    return resolvePlain(raw);
  }

  private canStartPlain(p: number): boolean {
    const ch = this.t[p]!;
    if ('[]{},#&*!|>\'"%@`'.includes(ch)) return false;
    if (ch === '-' || ch === '?' || ch === ':') return !isBreakOrSpace(this.t.charCodeAt(p + 1));
    return true;
  }

  /** A flow value (in a flow collection, or a quoted scalar) at `p`; sets `stop` to where it ends. */
  private flowValue(p: number, le: number): unknown {
    const t = this.t;
    const c = t.charCodeAt(p);
    if (c === 34) return this.doubleQuoted(p, le);
    if (c === 39) return this.singleQuoted(p, le);
    if (c === 91) return this.flowSequence(p, le);
    if (c === 123) return this.flowMapping(p, le);
    if (p >= le || !this.canStartPlain(p)) bail();
    let q = p;
    for (; q < le; q++) {
      const ch = t.charCodeAt(q);
      if (ch === 44 /* , */ || ch === 93 /* ] */ || ch === 125 /* } */) break;
      if (ch === 91 || ch === 123 || ch === 58 /* : */) bail();
      if (ch === 35 && t.charCodeAt(q - 1) === 32) bail();
    }
    const raw = trimSpaces(t.slice(p, q));
    if (raw === '') bail();
    this.stop = q;
    return resolvePlain(raw);
  }

  private flowSequence(p: number, le: number): unknown[] {
    const t = this.t;
    const items: unknown[] = [];
    let q = this.spaces(p + 1);
    if (t.charCodeAt(q) === 93) {
      this.stop = q + 1;
      return items;
    }
    for (;;) {
      items.push(this.flowValue(q, le));
      q = this.spaces(this.stop);
      const ch = t.charCodeAt(q);
      if (ch === 93) {
        this.stop = q + 1;
        return items;
      }
      if (ch !== 44) bail();
      q = this.spaces(q + 1);
    }
  }

  private flowMapping(p: number, le: number): Record<string, unknown> {
    const t = this.t;
    const map: Record<string, unknown> = {};
    let q = this.spaces(p + 1);
    if (t.charCodeAt(q) === 125) {
      this.stop = q + 1;
      return map;
    }
    for (;;) {
      const key = keyAt(t, q);
      if (key === undefined) bail();
      checkKey(map, key);
      q = this.spaces(q + key.length + 1);
      const ch0 = t.charCodeAt(q);
      if (ch0 === 44 || ch0 === 125 || q >= le) bail(); // a key without a value
      map[key] = this.flowValue(q, le);
      q = this.spaces(this.stop);
      const ch = t.charCodeAt(q);
      if (ch === 125) {
        this.stop = q + 1;
        return map;
      }
      if (ch !== 44) bail();
      q = this.spaces(q + 1);
    }
  }

  private spaces(p: number): number {
    const t = this.t;
    while (t.charCodeAt(p) === 32) p++;
    return p;
  }

  private doubleQuoted(p: number, le: number): string {
    const t = this.t;
    let value = '';
    let start = p + 1;
    const close = t.indexOf('"', start);
    if (close < 0 || close > le) bail(); // the quote continues on the next line (or is never closed)
    // No escapes (the usual case): the text is what lies between the quotes.
    const between = t.slice(start, close);
    if (!between.includes('\\')) {
      this.stop = close + 1;
      return between;
    }
    for (let q = start; q < le; q++) {
      const ch = t.charCodeAt(q);
      if (ch === 34) {
        this.stop = q + 1;
        return value + t.slice(start, q);
      }
      if (ch !== 92 /* \ */) continue;
      value += t.slice(start, q);
      if (q + 1 >= le) bail(); // an escaped line break
      const next = t[q + 1]!;
      const simple = ESCAPES[next];
      if (simple !== undefined) {
        value += simple;
        q += 1;
      } else if (next === 'x' || next === 'u' || next === 'U') {
        const length = next === 'x' ? 2 : next === 'u' ? 4 : 8;
        if (q + 2 + length > le) bail();
        const hex = t.slice(q + 2, q + 2 + length);
        if (!/^[0-9a-fA-F]+$/.test(hex)) bail();
        const code = parseInt(hex, 16);
        if (code > 0x10ffff) bail();
        value += String.fromCodePoint(code);
        q += 1 + length;
      } else {
        bail();
      }
      start = q + 1;
    }
    return bail(); // the quote continues on the next line (or is never closed)
  }

  private singleQuoted(p: number, le: number): string {
    const t = this.t;
    let value = '';
    let start = p + 1;
    for (let q = start; q < le; q++) {
      if (t.charCodeAt(q) !== 39) continue;
      if (q + 1 < le && t.charCodeAt(q + 1) === 39) {
        value += t.slice(start, q + 1);
        start = q + 2;
        q++;
        continue;
      }
      this.stop = q + 1;
      return value + t.slice(start, q);
    }
    return bail();
  }
}
