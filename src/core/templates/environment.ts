// Runs a template: an isolated Handlebars environment in strict mode, with every `{{value}}`
// escaped for Markdown and every piece of output tagged with the template line it came from,
// so that an error in the rendered Markdown can name the template's file, line and column.
import Handlebars from 'handlebars';
import type { Diagnostic } from '../diagnostics';
import { didYouMean } from '../suggest';
import { escapeMarkdown } from './format';

type Node = hbs.AST.Node;
type Program = hbs.AST.Program;
type Statement = hbs.AST.Statement;

/** A place in a template file, for mapping rendered Markdown back. */
export interface TemplatePlace {
  file: string;
  line: number;
  column: number;
}

/** Rendered Markdown plus a map from its lines back to template places. */
export interface Rendered {
  markdown: string;
  /** Where rendered `line` (1-based) and `column` came from in the template. */
  placeOf(line: number, column: number): TemplatePlace;
}

export type HelperFn = (...args: unknown[]) => unknown;

export interface RenderInput {
  file: string;
  body: string;
  /** Line of the file where `body` starts. */
  bodyLine: number;
  partials: ReadonlyMap<string, { file: string; body: string }>;
  helpers: Record<string, HelperFn>;
  context: Record<string, unknown>;
}

export type RenderResult = { rendered: Rendered; diagnostics: Diagnostic[] } | { rendered?: undefined; diagnostics: Diagnostic[] };

// Position marks: U+E000, then the place index in base 16 written with U+E010–U+E01F, then U+E001.
const MARK_OPEN = '\uE000';
const MARK_CLOSE = '\uE001';
const MARK_RE = /\uE000([\uE010-\uE01F]+)\uE001/g;
const encodeIndex = (n: number) => [...n.toString(16)].map((d) => String.fromCharCode(0xe010 + parseInt(d, 16))).join('');
const decodeIndex = (s: string) => parseInt([...s].map((c) => (c.charCodeAt(0) - 0xe010).toString(16)).join(''), 16);

/** Output past this size means a runaway loop, not a briefing paper. */
const MAX_OUTPUT_CHARS = 20_000_000;

/** Marks a helper's output as Markdown the helper built itself (not to be escaped). */
export const markdown = (text: string): Handlebars.SafeString => new Handlebars.SafeString(text);

// One environment for every render: `log` would write to the console from inside core, and
// templates have no use for it. Helpers and partials are given to each call, not registered
// here, so that templates compiled once can serve every request.
const env = Handlebars.create();
env.unregisterHelper('log');
const BUILT_IN_HELPERS = ['if', 'unless', 'each', 'with', 'lookup'];

/** A template or partial file compiled once: its code, the places its marks stand for, its errors. */
interface CompiledFile {
  id: number;
  template?: Handlebars.TemplateDelegate;
  places: TemplatePlace[];
  diagnostics: Diagnostic[];
}

/**
 * Compiled files by everything the compilation depends on (file, text, line offset, the helper
 * and partial names it is checked against). Parsing and compiling cost far more than running a
 * template, and a brief is made from the same files again and again; an edited file is a new key.
 */
const compiled = new Map<string, CompiledFile>();
const MAX_COMPILED = 64;
let nextFileId = 0;

function compileFile(file: string, body: string, lineOffset: number, known: ReadonlySet<string>, partials: ReadonlyMap<string, unknown>, names: string): CompiledFile {
  const key = `${file}\u0000${lineOffset}\u0000${names}\u0000${body}`;
  const cached = compiled.get(key);
  if (cached) {
    // Most recently used last, so the oldest is the one dropped.
    compiled.delete(key);
    compiled.set(key, cached);
    return cached;
  }
  const unit: CompiledFile = { id: nextFileId++, places: [], diagnostics: [] };
  let ast: Program | undefined;
  try {
    ast = Handlebars.parse(body);
  } catch (error) {
    unit.diagnostics.push(syntaxDiagnostic(file, lineOffset, error));
  }
  if (ast) {
    checkHelpers(ast, known, partials, file, lineOffset, unit.diagnostics);
    if (unit.diagnostics.length === 0) {
      instrument(ast, file, lineOffset, unit.id, unit.places, known);
      unit.template = env.compile(ast, { strict: true, noEscape: true, knownHelpersOnly: false, preventIndent: true });
    }
  }
  compiled.set(key, unit);
  if (compiled.size > MAX_COMPILED) compiled.delete(compiled.keys().next().value!);
  return unit;
}

const markOf: string[] = [];
const mark = (index: number): string => (markOf[index] ??= `${MARK_OPEN}${encodeIndex(index)}${MARK_CLOSE}`);

export function renderTemplate(input: RenderInput): RenderResult {
  const diagnostics: Diagnostic[] = [];
  let outputBudget = MAX_OUTPUT_CHARS;
  // The place of the statement being evaluated, for runtime errors Handlebars gives no place for.
  let current = -1;
  // Every place of this render (the partials' and the template's), each file's from its base.
  const places: TemplatePlace[] = [];
  const base = new Map<number, number>();

  const helpers: Record<string, HelperFn> = {
    ...input.helpers,
    // Every `{{value}}` goes through here: helpers' own Markdown passes, anything else is escaped.
    __md: (value: unknown, ...rest: unknown[]) => {
      // Strict mode does not reach a helper's arguments: a missing field arrives as undefined.
      if (value === undefined && rest.length > 1) throw new Error(`unknown field "${String(rest[0])}" (not in this template's data)`);
      // A record or a function printed as text would put "[object Object]" in a minister's paper.
      if (!isPrintable(value)) throw new Error(notText(value, rest.length > 1 ? String(rest[0]) : undefined));
      const text = value instanceof Handlebars.SafeString ? value.toString() : escapeMarkdown(value);
      outputBudget -= text.length;
      if (outputBudget < 0) throw new RunawayError();
      return text;
    },
    __at: (file: unknown, index: unknown) => {
      current = base.get(file as number)! + (index as number);
      return mark(current);
    },
  };
  const known = new Set([...Object.keys(helpers), ...BUILT_IN_HELPERS]);
  const names = `${[...known].sort().join(',')}|${[...input.partials.keys()].sort().join(',')}`;
  const use = (file: string, body: string, lineOffset: number): Handlebars.TemplateDelegate | undefined => {
    const unit = compileFile(file, body, lineOffset, known, input.partials, names);
    diagnostics.push(...unit.diagnostics.map((d) => ({ ...d })));
    base.set(unit.id, places.length);
    places.push(...unit.places);
    return unit.template;
  };

  const partials: Record<string, Handlebars.TemplateDelegate> = {};
  for (const [name, partial] of input.partials) {
    const template = use(partial.file, partial.body, 0);
    if (template) partials[name] = template;
  }
  const main = use(input.file, input.body, input.bodyLine - 1);
  if (!main || diagnostics.some((d) => d.severity === 'error')) return { diagnostics };

  let raw: string;
  try {
    raw = main(input.context, {
      helpers: helpers as Record<string, Handlebars.HelperDelegate>,
      partials,
      allowProtoPropertiesByDefault: false,
      allowProtoMethodsByDefault: false,
    });
  } catch (error) {
    diagnostics.push(runtimeDiagnostic(input.file, input.bodyLine - 1, error, places[current]));
    return { diagnostics };
  }
  return { rendered: unmark(raw, places), diagnostics };
}

class RunawayError extends Error {}

/** Text, a number, a date, nothing, Markdown a helper made, or a list of those. */
function isPrintable(value: unknown): boolean {
  if (value === null || value instanceof Handlebars.SafeString || value instanceof Date) return true;
  if (Array.isArray(value)) return value.every((item) => item === null || (typeof item !== 'object' && typeof item !== 'function'));
  return typeof value !== 'object' && typeof value !== 'function';
}

function notText(value: unknown, field: string | undefined): string {
  const what = field ? `"${field}"` : 'this value';
  if (typeof value === 'function') return `${what} is not text and cannot be printed`;
  const keys = Array.isArray(value) ? [] : Object.keys(value as object);
  const example = field && keys.length > 0 ? `, such as {{${field}.${keys.includes('name') ? 'name' : keys[0]}}}` : Array.isArray(value) ? ' (go through it with {{#each}})' : '';
  return `${what} is a group of values, not text: print one of its fields${example}`;
}

/**
 * Rewrites the template's syntax tree: each `{{value}}` becomes `{{__md value}}` (escaped
 * unless a helper returned Markdown), and a position mark is emitted before every statement:
 * `{{__at file index}}`, the file's id and the index of the place in its own list.
 */
function instrument(program: Program, file: string, lineOffset: number, id: number, places: TemplatePlace[], known: ReadonlySet<string>): void {
  const body: Statement[] = [];
  for (const statement of program.body) {
    const loc = statement.loc;
    if (loc && statement.type !== 'CommentStatement') {
      let { line, column } = loc.start;
      if (statement.type === 'ContentStatement') {
        // Whitespace control may have trimmed the start of the text; find where it now begins.
        const content = statement as unknown as { original: string; value: string };
        const skipped = content.original.slice(0, Math.max(0, content.original.indexOf(content.value)));
        const newlines = skipped.split('\n').length - 1;
        if (newlines > 0) {
          line += newlines;
          column = skipped.length - skipped.lastIndexOf('\n') - 1;
        } else {
          column += skipped.length;
        }
      }
      places.push({ file, line: line + lineOffset, column: column + 1 });
      body.push(mustache('__at', [numberLiteral(id, loc), numberLiteral(places.length - 1, loc)], loc));
    }
    if (statement.type === 'MustacheStatement') {
      const m = statement as hbs.AST.MustacheStatement;
      // `{{chart}}` with no arguments is still a call when `chart` is a helper.
      const path = m.path as hbs.AST.PathExpression;
      const bareHelper = m.path.type === 'PathExpression' && path.parts.length === 1 && !path.data && path.depth === 0 && known.has(path.original);
      const isCall = m.params.length > 0 || m.hash || bareHelper;
      const params: hbs.AST.Expression[] = isCall
        ? [{ type: 'SubExpression', path: m.path, params: m.params, hash: m.hash, loc: m.loc } as hbs.AST.SubExpression]
        : [m.path, { type: 'StringLiteral', value: (m.path as hbs.AST.PathExpression).original ?? '', original: '', loc: m.loc } as hbs.AST.StringLiteral];
      body.push({ ...m, path: pathExpression('__md', m.loc), params, hash: undefined as unknown as hbs.AST.Hash, escaped: false } as hbs.AST.MustacheStatement);
      continue;
    }
    if (statement.type === 'BlockStatement') {
      const block = statement as hbs.AST.BlockStatement;
      if (block.program) instrument(block.program, file, lineOffset, id, places, known);
      if (block.inverse) instrument(block.inverse, file, lineOffset, id, places, known);
    }
    body.push(statement);
  }
  program.body = body;
}

function numberLiteral(value: number, loc: hbs.AST.SourceLocation): hbs.AST.NumberLiteral {
  return { type: 'NumberLiteral', value, original: value, loc } as hbs.AST.NumberLiteral;
}

function pathExpression(name: string, loc: hbs.AST.SourceLocation): hbs.AST.PathExpression {
  return { type: 'PathExpression', data: false, depth: 0, parts: [name], original: name, loc } as hbs.AST.PathExpression;
}

function mustache(name: string, params: hbs.AST.Expression[], loc: hbs.AST.SourceLocation): hbs.AST.MustacheStatement {
  return {
    type: 'MustacheStatement',
    path: pathExpression(name, loc),
    params,
    hash: undefined as unknown as hbs.AST.Hash,
    escaped: false,
    strip: { open: false, close: false },
    loc,
  };
}

/** Reports every call of a helper we do not have, and every partial that does not exist. */
function checkHelpers(
  program: Program,
  known: ReadonlySet<string>,
  partials: ReadonlyMap<string, unknown>,
  file: string,
  lineOffset: number,
  diagnostics: Diagnostic[],
): void {
  const at = (node: Node) => ({ file, line: (node.loc?.start.line ?? 1) + lineOffset, column: (node.loc?.start.column ?? 0) + 1 });
  const helperName = (path: hbs.AST.Expression): string | undefined => {
    if (path.type !== 'PathExpression') return undefined;
    const p = path as hbs.AST.PathExpression;
    return p.parts.length === 1 && !p.data && p.depth === 0 ? p.parts[0] : undefined;
  };
  const requireHelper = (path: hbs.AST.Expression, node: Node) => {
    const name = helperName(path);
    if (name === undefined || known.has(name)) return;
    diagnostics.push({ severity: 'error', ...at(node), message: `unknown helper "${name}"${closest(name, known)}` });
  };
  const visitExpression = (expr: hbs.AST.Expression | undefined): void => {
    if (!expr) return;
    if (expr.type === 'SubExpression') {
      const sub = expr as hbs.AST.SubExpression;
      requireHelper(sub.path, sub);
      sub.params.forEach(visitExpression);
      sub.hash?.pairs.forEach((p) => visitExpression(p.value));
    }
  };
  const visit = (node: Program | undefined): void => {
    if (!node) return;
    for (const statement of node.body) {
      switch (statement.type) {
        case 'MustacheStatement': {
          const m = statement as hbs.AST.MustacheStatement;
          if (m.params.length > 0 || m.hash) requireHelper(m.path, m);
          m.params.forEach(visitExpression);
          m.hash?.pairs.forEach((p) => visitExpression(p.value));
          break;
        }
        case 'BlockStatement': {
          const b = statement as hbs.AST.BlockStatement;
          requireHelper(b.path, b);
          b.params.forEach(visitExpression);
          b.hash?.pairs.forEach((p) => visitExpression(p.value));
          visit(b.program);
          visit(b.inverse);
          break;
        }
        case 'PartialStatement':
        case 'PartialBlockStatement': {
          const p = statement as hbs.AST.PartialStatement;
          const name = p.name.type === 'PathExpression' ? (p.name as hbs.AST.PathExpression).original : undefined;
          if (name !== undefined && !partials.has(name)) {
            diagnostics.push({ severity: 'error', ...at(p), message: `unknown partial "${name}"${closest(name, new Set(partials.keys()))}` });
          }
          if (statement.type === 'PartialBlockStatement') visit((statement as hbs.AST.PartialBlockStatement).program);
          break;
        }
        case 'DecoratorBlock':
        case 'Decorator':
          diagnostics.push({ severity: 'error', ...at(statement), message: 'decorators are not supported in templates' });
          break;
      }
    }
  };
  visit(program);
}

function closest(name: string, known: ReadonlySet<string>): string {
  return didYouMean(name, [...known].filter((k) => !k.startsWith('__')));
}

function syntaxDiagnostic(file: string, lineOffset: number, error: unknown): Diagnostic {
  const message = error instanceof Error ? error.message : String(error);
  // Handlebars: "Parse error on line 12:\n…\n---^\nExpecting …, got 'EOF'"
  const line = /line (\d+)/.exec(message);
  const caret = /\n(-*)\^/.exec(message);
  const expecting = /Expecting (.+?), got (.+)$/m.exec(message);
  const detail = expecting
    ? `expected ${expecting[1]!.replace(/'/g, '').split(', ').slice(0, 4).join(' or ')}, found ${expecting[2]!.replace(/'/g, '')}`
    : (message.split('\n').pop() ?? message).trim();
  const lineNumber = line ? Number(line[1]) : 1;
  // The caret sits under the error in an excerpt that may start mid-line; best effort.
  const column = caret ? Math.max(1, caret[1]!.length + 1) : 1;
  return { severity: 'error', file, line: lineNumber + lineOffset, column, message: `template syntax: ${detail}` };
}

function runtimeDiagnostic(file: string, lineOffset: number, error: unknown, place: TemplatePlace | undefined): Diagnostic {
  if (error instanceof RunawayError) {
    return { severity: 'error', file, message: 'the template produces far too much text (over 20 million characters): is a loop running away?' };
  }
  if (error instanceof RangeError) {
    return { severity: 'error', file, message: 'the template calls itself without end (a partial that includes itself?)' };
  }
  const e = error as { message?: string; lineNumber?: number; column?: number };
  let message = (e.message ?? String(error)).replace(/ - \d+:\d+$/, '');
  const notDefined = /^"(.+)" not defined in .*$/.exec(message);
  if (notDefined) message = `unknown field "${notDefined[1]}" (not in this template's data)`;
  const readingMissing = /^Cannot read properties of (?:undefined|null) \(reading '(.+)'\)$/.exec(message);
  if (readingMissing) message = `unknown field: "${readingMissing[1]}" is read from something that does not exist`;
  if (e.lineNumber !== undefined) {
    return { severity: 'error', file, line: e.lineNumber + lineOffset, column: (e.column ?? 0) + 1, message };
  }
  // Helpers' own errors (a wrong argument, say): at the statement being evaluated.
  if (place) return { severity: 'error', file: place.file, line: place.line, column: place.column, message };
  return { severity: 'error', file, message };
}

/** Strips the position marks, remembering for each rendered line where it came from. */
function unmark(raw: string, places: TemplatePlace[]): Rendered {
  // For each mark: its offset in the clean output and the place it stands for.
  const anchors: { offset: number; place: TemplatePlace }[] = [];
  let clean = '';
  let last = 0;
  for (const match of raw.matchAll(MARK_RE)) {
    clean += raw.slice(last, match.index);
    last = match.index! + match[0].length;
    const place = places[decodeIndex(match[1]!)];
    if (place) anchors.push({ offset: clean.length, place });
  }
  clean += raw.slice(last);
  const lineStarts = [0];
  for (let i = 0; i < clean.length; i++) if (clean.charCodeAt(i) === 10) lineStarts.push(i + 1);

  return {
    markdown: clean,
    placeOf(line, column) {
      const offset = (lineStarts[line - 1] ?? clean.length) + column - 1;
      // The last anchor at or before the offset.
      let lo = 0;
      let hi = anchors.length - 1;
      let found = -1;
      while (lo <= hi) {
        const mid = (lo + hi) >> 1;
        if (anchors[mid]!.offset <= offset) {
          found = mid;
          lo = mid + 1;
        } else hi = mid - 1;
      }
      if (found < 0) return { file: places[0]?.file ?? '', line, column };
      const anchor = anchors[found]!;
      const between = clean.slice(anchor.offset, offset);
      const newlines = between.split('\n').length - 1;
      if (newlines === 0) return { ...anchor.place, column: anchor.place.column + between.length };
      return { file: anchor.place.file, line: anchor.place.line + newlines, column };
    },
  };
}
