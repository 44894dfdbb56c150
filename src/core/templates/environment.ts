// Runs a template: an isolated Handlebars environment in strict mode, with every `{{value}}`
// escaped for Markdown and every piece of output tagged with the template line it came from,
// so that an error in the rendered Markdown can name the template's file, line and column.
import Handlebars from 'handlebars';
import type { Diagnostic } from '../diagnostics';
import { didYouMean } from '../suggest';
import { quote } from '../quote';
import { BUILT_IN_HELPER_NAMES } from '../../shared/template-vocabulary';
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

/**
 * A template is the user's (or a colleague's) code: these bounds stop one that runs away, with
 * a message, long before it could hang the app or exhaust its memory. Output past this size
 * means a runaway loop, not a briefing paper (a 300-page paper is about a million characters).
 */
const MAX_OUTPUT_CHARS = 20_000_000;
/**
 * Statements evaluated, loop turns taken and items helpers return: a loop in a loop over every
 * fact stops here (a 300-page paper takes about 100,000).
 */
const MAX_STEPS = 2_000_000;
/** Partials inside partials: deeper than this, a partial is including itself. */
const MAX_PARTIAL_DEPTH = 64;

/** Marks a helper's output as Markdown the helper built itself (not to be escaped). */
export const markdown = (text: string): Handlebars.SafeString => new Handlebars.SafeString(text);

// One environment for every render: `log` would write to the console from inside core, and
// templates have no use for it. Helpers and partials are given to each call, not registered
// here, so that templates compiled once can serve every request.
const env = Handlebars.create();
env.unregisterHelper('log');

/** What the render under way may still spend; renders run one at a time (synchronously). */
interface Budget {
  steps: number;
  chars: number;
}
let budget: Budget | undefined;

function spendStep(count = 1): void {
  if (budget && (budget.steps -= count) < 0) throw new RunawayError('steps');
}
function spendChars(count: number): void {
  if (budget && (budget.chars -= count) < 0) throw new RunawayError('text');
}

// Every turn of an `{{#each}}` is a step, even one that outputs nothing. Registered on the
// environment itself, so that a block over a list (`{{#list}}…{{/list}}`) is counted too.
const builtInEach = env.helpers.each as (this: unknown, context: unknown, options: Handlebars.HelperOptions) => unknown;
env.registerHelper('each', function (this: unknown, context: unknown, options: Handlebars.HelperOptions) {
  if (!options || typeof options.fn !== 'function') return builtInEach.call(this, context, options);
  const fn = options.fn;
  const counted = Object.assign((...args: Parameters<typeof fn>) => {
    spendStep();
    return fn(...args);
  }, fn);
  return builtInEach.call(this, context, { ...options, fn: counted });
});

/** A template or partial file compiled once: its code, the places its marks stand for, its errors. */
interface CompiledFile {
  id: number;
  template?: Handlebars.TemplateDelegate;
  places: TemplatePlace[];
  /** For each place, the characters its statement outputs by itself (the text of a content statement). */
  sizes: number[];
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
  const unit: CompiledFile = { id: nextFileId++, places: [], sizes: [], diagnostics: [] };
  let ast: Program | undefined;
  try {
    ast = Handlebars.parse(body);
  } catch (error) {
    unit.diagnostics.push(syntaxDiagnostic(file, lineOffset, error, body));
  }
  if (ast) {
    checkHelpers(ast, known, partials, file, lineOffset, unit.diagnostics);
    if (unit.diagnostics.length === 0) {
      instrument(ast, file, lineOffset, unit.id, unit.places, unit.sizes, known);
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
  // The place of the statement being evaluated, for runtime errors Handlebars gives no place for.
  let current = -1;
  // Every place of this render (the partials' and the template's), each file's from its base.
  const places: TemplatePlace[] = [];
  const sizes: number[] = [];
  const base = new Map<number, number>();

  const helpers: Record<string, HelperFn> = {
    // A helper that returns a list has done work for each item (and a loop over it will): both count.
    ...Object.fromEntries(
      Object.entries(input.helpers).map(([name, helper]) => [
        name,
        function (this: unknown, ...args: unknown[]) {
          const result = helper.apply(this, args);
          if (Array.isArray(result)) spendStep(result.length);
          return result;
        },
      ]),
    ),
    // Every `{{value}}` goes through here: helpers' own Markdown passes, anything else is escaped.
    __md: (value: unknown, ...rest: unknown[]) => {
      // Strict mode does not reach a helper's arguments: a missing field arrives as undefined.
      if (value === undefined && rest.length > 1) throw new Error(`unknown field ${quote(rest[0])} (not in this template's data)`);
      // A record or a function printed as text would put "[object Object]" in a minister's paper.
      if (!isPrintable(value)) throw new Error(notText(value, rest.length > 1 ? String(rest[0]) : undefined));
      const text = value instanceof Handlebars.SafeString ? value.toString() : escapeMarkdown(value);
      spendChars(text.length);
      return text;
    },
    __at: (file: unknown, index: unknown) => {
      current = base.get(file as number)! + (index as number);
      const marked = mark(current);
      spendStep();
      spendChars(sizes[current]! + marked.length);
      return marked;
    },
  };
  const known = new Set([...Object.keys(helpers), ...BUILT_IN_HELPER_NAMES]);
  const names = `${[...known].sort().join(',')}|${[...input.partials.keys()].sort().join(',')}`;
  const use = (file: string, body: string, lineOffset: number): CompiledFile => {
    const unit = compileFile(file, body, lineOffset, known, input.partials, names);
    base.set(unit.id, places.length);
    places.push(...unit.places);
    sizes.push(...unit.sizes);
    return unit;
  };

  // Each partial counts how deep it is nested, so that one including itself stops with its name.
  // A broken partial fails only the templates that include it, when they do.
  let depth = 0;
  const partials: Record<string, Handlebars.TemplateDelegate> = {};
  for (const [name, partial] of input.partials) {
    const { template, diagnostics: problems } = use(partial.file, partial.body, 0);
    if (!template) {
      partials[name] = () => {
        throw new BrokenPartialError(problems);
      };
      continue;
    }
    partials[name] = (context, options) => {
      if (depth >= MAX_PARTIAL_DEPTH) throw new PartialLoopError(name, partial.file);
      depth++;
      try {
        return template(context, options);
      } finally {
        depth--;
      }
    };
  }
  const { template: main, diagnostics: problems } = use(input.file, input.body, input.bodyLine - 1);
  diagnostics.push(...problems.map((d) => ({ ...d })));
  if (!main || diagnostics.some((d) => d.severity === 'error')) return { diagnostics };

  let raw: string;
  budget = { steps: MAX_STEPS, chars: MAX_OUTPUT_CHARS };
  try {
    raw = main(input.context, {
      helpers: helpers as Record<string, Handlebars.HelperDelegate>,
      partials,
      allowProtoPropertiesByDefault: false,
      allowProtoMethodsByDefault: false,
    });
  } catch (error) {
    if (error instanceof BrokenPartialError) diagnostics.push(...error.diagnostics.map((d) => ({ ...d })));
    else diagnostics.push(runtimeDiagnostic(input.file, input.bodyLine - 1, error, places[current]));
    return { diagnostics };
  } finally {
    budget = undefined;
  }
  return { rendered: unmark(raw, places), diagnostics };
}

/** A render stopped for running away: too much text, or too many steps. */
class RunawayError extends Error {
  constructor(readonly limit: 'text' | 'steps') {
    super(`runaway template (${limit})`);
  }
}

/** A partial whose file has errors, included by the template being run. */
class BrokenPartialError extends Error {
  constructor(readonly diagnostics: Diagnostic[]) {
    super('broken partial');
  }
}

/** The syntax, helper and partial errors of a template or partial body, without running it (for `validate`). */
export function checkTemplateBody(file: string, body: string, lineOffset: number, helpers: readonly string[], partials: ReadonlyMap<string, unknown>): Diagnostic[] {
  const known = new Set([...helpers, '__md', '__at', ...BUILT_IN_HELPER_NAMES]);
  const names = `${[...known].sort().join(',')}|${[...partials.keys()].sort().join(',')}`;
  return compileFile(file, body, lineOffset, known, partials, names).diagnostics.map((d) => ({ ...d }));
}

/** A partial nested in itself deeper than MAX_PARTIAL_DEPTH. */
class PartialLoopError extends Error {
  constructor(
    readonly partial: string,
    readonly file: string,
  ) {
    super(`partial "${partial}" nested too deeply`);
  }
}

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
function instrument(program: Program, file: string, lineOffset: number, id: number, places: TemplatePlace[], sizes: number[], known: ReadonlySet<string>): void {
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
      sizes.push(statement.type === 'ContentStatement' ? (statement as hbs.AST.ContentStatement).value.length : 0);
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
      if (block.program) instrument(block.program, file, lineOffset, id, places, sizes, known);
      if (block.inverse) instrument(block.inverse, file, lineOffset, id, places, sizes, known);
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
    diagnostics.push({ severity: 'error', ...at(node), message: `unknown helper ${quote(name)}${closest(name, known)}` });
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
            diagnostics.push({ severity: 'error', ...at(p), message: `unknown partial ${quote(name)}${closest(name, new Set(partials.keys()))}` });
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

/** Handlebars' grammar tokens, in the words of the template a user writes. */
const TOKEN_WORDS: Record<string, string> = {
  EOF: 'the end of the template',
  CONTENT: 'text',
  COMMENT: 'a comment',
  OPEN: '{{',
  OPEN_UNESCAPED: '{{{',
  OPEN_BLOCK: '{{#…}}',
  OPEN_ENDBLOCK: '{{/…}}',
  OPEN_INVERSE: '{{^…}}',
  OPEN_INVERSE_CHAIN: '{{else …}}',
  INVERSE: '{{else}}',
  OPEN_PARTIAL: '{{>',
  OPEN_PARTIAL_BLOCK: '{{#>',
  OPEN_RAW_BLOCK: '{{{{',
  END_RAW_BLOCK: '{{{{/…}}}}',
  CLOSE: '}}',
  CLOSE_UNESCAPED: '}}}',
  CLOSE_RAW_BLOCK: '}}}}',
  OPEN_SEXPR: '(',
  CLOSE_SEXPR: ')',
  OPEN_BLOCK_PARAMS: 'as |…|',
  CLOSE_BLOCK_PARAMS: '|',
  ID: 'a name',
  STRING: 'a quoted text',
  NUMBER: 'a number',
  BOOLEAN: 'true or false',
  UNDEFINED: 'undefined',
  NULL: 'null',
  DATA: 'an @name',
  EQUALS: '=',
  SEP: '. or /',
  INVALID: 'something that is not template syntax (an unclosed quote?)',
};
const inWords = (token: string): string => TOKEN_WORDS[token.replace(/'/g, '')] ?? token.replace(/'/g, '');

function syntaxDiagnostic(file: string, lineOffset: number, error: unknown, body: string): Diagnostic {
  const message = error instanceof Error ? error.message : String(error);
  const e = error as { lineNumber?: number; column?: number };
  const at = (line: number, column: number, text: string): Diagnostic => ({ severity: 'error', file, line: line + lineOffset, column, message: `template syntax: ${text}` });
  // "each doesn't match with - 1:5": Handlebars gives where the block opens.
  const mismatch = /^(.+) doesn't match (.+?)(?: - \d+:\d+)?$/.exec(message);
  if (mismatch && e.lineNumber !== undefined) {
    return at(e.lineNumber, (e.column ?? 0) + 1, `{{#${mismatch[1]}}} is closed by {{/${mismatch[2]}}}: the names must match`);
  }
  // "Parse error on line 12:\n…\n---^\nExpecting 'CLOSE', …, got 'EOF'": where the parser stopped is
  // in its lexer (the excerpt in the message runs lines together, so its caret is no column).
  const expecting = /Expecting (.+?), got (.+)$/m.exec(message);
  const lexer = (Handlebars as unknown as { Parser?: { lexer?: { yylloc?: { first_line: number; first_column: number } } } }).Parser?.lexer;
  const loc = lexer?.yylloc;
  const line = loc?.first_line ?? Number(/line (\d+)/.exec(message)?.[1] ?? 1);
  const column = (loc?.first_column ?? 0) + 1;
  if (expecting) {
    const found = expecting[2]!.replace(/'/g, '');
    const open = found === 'EOF' ? unclosedBlock(body) : undefined;
    if (open) return at(open.line, open.column, `{{#${open.name}}} is never closed: end it with {{/${open.name}}}`);
    if (found === 'OPEN_ENDBLOCK' && loc) {
      const name = /^\{\{~?\/\s*([^\s}~]*)/.exec(body.split('\n')[loc.first_line - 1]?.slice(loc.first_column) ?? '')?.[1] ?? '';
      return at(line, column, `{{/${name}}} closes no block: remove it, or open the block with {{#${name} …}}`);
    }
    if (found === 'INVERSE') return at(line, column, '{{else}} is not inside a block it could belong to (a second {{else}}, or one outside {{#if}} or {{#each}}?)');
    const mustache = found === 'EOF' ? unclosedMustache(body) : undefined;
    if (mustache) return at(mustache.line, mustache.column, 'this {{ is never closed: end it with }}');
    // Raw blocks ({{{{…}}}}) are rare enough that offering them only confuses.
    const tokens = expecting[1]!.split(', ').filter((t) => !/RAW_BLOCK/.test(t));
    const expected = [...new Set(tokens.map(inWords))].slice(0, 4).join(' or ');
    return at(line, column, `expected ${expected}, found ${inWords(found)}`);
  }
  if (e.lineNumber !== undefined) return at(e.lineNumber, (e.column ?? 0) + 1, message.replace(/ - \d+:\d+$/, ''));
  return at(line, column, (message.split('\n').pop() ?? message).trim());
}

/** The last `{{` with no `}}` after it, with its place in `body` (1-based). */
function unclosedMustache(body: string): { line: number; column: number } | undefined {
  const open = body.lastIndexOf('{{');
  if (open < 0 || body.indexOf('}}', open) >= 0) return undefined;
  const before = body.slice(0, open);
  return { line: before.split('\n').length, column: open - (before.lastIndexOf('\n') + 1) + 1 };
}

/** The last block opened (`{{#name …}}`) and not closed, with its place in `body` (1-based). */
function unclosedBlock(body: string): { name: string; line: number; column: number } | undefined {
  const open: { name: string; offset: number }[] = [];
  for (const m of body.matchAll(/\{\{~?\s*(?:!--[\s\S]*?--~?\}\}|![\s\S]*?\}\}|([#^/])\s*>?\s*([^\s}~()]*)[\s\S]*?\}\})/g)) {
    const [, sigil, name] = m;
    if (sigil === '/') open.pop();
    else if (sigil === '#' || (sigil === '^' && name)) open.push({ name: name ?? '', offset: m.index });
  }
  const last = open.at(-1);
  if (!last) return undefined;
  const before = body.slice(0, last.offset);
  const lineStart = before.lastIndexOf('\n') + 1;
  return { name: last.name, line: before.split('\n').length, column: last.offset - lineStart + 1 };
}

function runtimeDiagnostic(file: string, lineOffset: number, error: unknown, place: TemplatePlace | undefined): Diagnostic {
  if (error instanceof RunawayError) {
    // Where it was stopped: a statement inside the loop that ran away.
    return {
      severity: 'error',
      ...(place ? { file: place.file, line: place.line, column: place.column } : { file }),
      message:
        error.limit === 'text'
          ? 'the template produces far too much text (over 20 million characters): is a loop running away?'
          : `the template takes far too many steps (over ${MAX_STEPS.toLocaleString('en')}): is a loop inside a loop running away?`,
    };
  }
  if (error instanceof PartialLoopError) {
    // At the `{{> name}}` that went one level too deep (in the partial itself, or in one it includes).
    return {
      severity: 'error',
      ...(place ? { file: place.file, line: place.line, column: place.column } : { file: error.file }),
      message: `partial "${error.partial}" calls itself without end (over ${MAX_PARTIAL_DEPTH} deep): give its {{> ${error.partial}}} a condition that stops`,
    };
  }
  // The stack or a string ran out: a recursion, or output the budgets did not see coming. Any
  // other RangeError (a value out of range in a helper) is that helper's fault, at its place.
  if (error instanceof RangeError && /call stack/i.test(error.message)) {
    return { severity: 'error', file, message: 'the template calls itself without end (a partial that includes itself?)' };
  }
  if (error instanceof RangeError && /string length|allocation failed|array length/i.test(error.message)) {
    return { severity: 'error', ...(place ? { file: place.file, line: place.line, column: place.column } : { file }), message: 'the template produces far too much text: is a loop running away?' };
  }
  const e = error as { message?: string; lineNumber?: number; column?: number };
  let message = (e.message ?? String(error)).replace(/ - \d+:\d+$/, '');
  const notDefined = /^"(.+)" not defined in .*$/.exec(message);
  if (notDefined) message = `unknown field ${quote(notDefined[1])} (not in this template's data)`;
  const readingMissing = /^Cannot read properties of (?:undefined|null) \(reading '(.+)'\)$/.exec(message);
  if (readingMissing) message = `unknown field: ${quote(readingMissing[1])} is read from something that does not exist`;
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
