// YAML with positions: parses a file and can say where any path in it (a record, a field)
// starts, so that a schema error names the line and column of the value at fault.
//
// Most files are read by the fast path (yaml-fast-path.ts), which knows only where each record
// starts; anything it does not handle, and any position it does not know, comes from the
// `yaml` library, which parses the whole file (once, when first needed) and reports errors.
import { isAlias, isMap, isNode, isScalar, LineCounter, parseDocument, visit, type Document } from 'yaml';
import type { Diagnostic } from '../diagnostics';
import { capped, quote } from '../quote';
import { parseFast } from './yaml-fast-path';

export interface ParsedYaml {
  value: unknown;
  /**
   * Where the node at `path` starts (1-based), falling back to the nearest parent that exists.
   * With `key`, where the last step's key is written (for a field that should not be there).
   */
  locate(path: readonly PropertyKey[], options?: { key?: boolean }): { line: number; column: number };
  diagnostics: Diagnostic[];
}

/**
 * Parses `text` as YAML. `lineOffset` shifts reported lines, for YAML embedded after other
 * lines (front matter starts on line 2 of a source file).
 */
export function parseYaml(file: string, text: string, lineOffset = 0): ParsedYaml {
  const clean = text.replace(/^\uFEFF/, '');
  const fast = parseFast(clean);
  if (!fast) return parseWithLibrary(file, clean, lineOffset);
  let full: ParsedYaml | undefined;
  return {
    value: fast.value,
    diagnostics: [],
    locate(path, options) {
      const item = path.length === 1 && !options?.key && typeof path[0] === 'number' ? fast.items?.[path[0]] : undefined;
      if (item) return { line: item.line + lineOffset, column: item.column };
      full ??= parseWithLibrary(file, clean, lineOffset);
      return full.locate(path, options);
    },
  };
}

/** The `yaml` library's reading of `text`: every error, and the position of every node. */
export function parseWithLibrary(file: string, text: string, lineOffset = 0): ParsedYaml {
  const lineCounter = new LineCounter();
  const doc: Document = parseDocument(text, {
    lineCounter,
    prettyErrors: false,
    uniqueKeys: true,
    strict: true,
  });
  const at = (offset: number) => {
    const pos = lineCounter.linePos(offset);
    return { line: pos.line + lineOffset, column: pos.col };
  };
  // After a syntax error the library reads the rest of the file out of step and reports errors
  // that are only echoes of the first: the first is the one to fix.
  const diagnostics: Diagnostic[] = [...doc.errors.slice(0, 1), ...doc.warnings].map((e) => {
    const error = doc.errors.includes(e);
    const offset = e.code === 'RESOURCE_EXHAUSTION' ? bracketRunStart(text, e.pos[0]) : wherePlaced(doc, e.code, e.message, e.pos[0]);
    const tab = error ? indentingTab(text, offset) : undefined;
    if (tab !== undefined) return { severity: 'error', file, ...at(tab), message: 'YAML: a tab indents this line: indent with spaces only' };
    return { severity: error ? 'error' : 'warning', file, ...at(offset), message: `YAML: ${explain(e.code, e.message, text, offset)}` };
  });
  let value: unknown;
  if (doc.errors.length === 0) {
    try {
      value = doc.toJS({ maxAliasCount: 100 });
    } catch (error) {
      // Aliases that expand without end ("billion laughs"), or a file nested too deeply to build.
      let offset = 0;
      visit(doc, {
        Alias: (_, node) => {
          if (isAlias(node) && node.range) offset = node.range[0];
          return visit.BREAK;
        },
      });
      const aliases = error instanceof ReferenceError && /alias/i.test(error.message);
      diagnostics.push({
        severity: 'error',
        file,
        ...at(offset),
        message: aliases ? 'YAML: the aliases (*name) in this file expand too far: write the values out instead' : `YAML: ${firstLine(error instanceof Error ? error.message : String(error))}`,
      });
    }
  }
  return {
    value,
    diagnostics,
    locate(path, options) {
      if (options?.key && path.length > 0) {
        const parent = path.length === 1 ? doc.contents : doc.getIn(path.slice(0, -1) as unknown[], true);
        if (isMap(parent)) {
          const pair = parent.items.find((p) => isScalar(p.key) && p.key.value === path[path.length - 1]);
          if (isNode(pair?.key) && pair.key.range) return at(pair.key.range[0]);
        }
      }
      for (let n = path.length; n >= 0; n--) {
        const node = n === 0 ? doc.contents : doc.getIn(path.slice(0, n) as unknown[], true);
        if (isNode(node) && node.range) return at(node.range[0]);
      }
      return { line: 1 + lineOffset, column: 1 };
    },
  };
}

/**
 * Where to point the user for a YAML error. An unclosed quote, `[` or `{` is reported where
 * the library gave up, often lines later; the user needs where it opens.
 */
function wherePlaced(doc: Document, code: string, message: string, offset: number): number {
  let start = offset;
  const unclosedQuote = code === 'MISSING_CHAR' && /quote/.test(message);
  const unclosedFlow = /end with a [\]}]/.test(message);
  if (!unclosedQuote && !unclosedFlow) return offset;
  const opensAt = (node: { range?: [number, number, number] | null }) => {
    if (node.range && node.range[0] < offset && node.range[1] >= offset) {
      start = node.range[0];
      return visit.BREAK;
    }
    return undefined;
  };
  visit(doc, {
    Scalar: (_, node) => (unclosedQuote && (node.type === 'QUOTE_DOUBLE' || node.type === 'QUOTE_SINGLE') ? opensAt(node) : undefined),
    Seq: (_, node) => (unclosedFlow && node.flow ? opensAt(node) : undefined),
    Map: (_, node) => (unclosedFlow && node.flow ? opensAt(node) : undefined),
  });
  return start;
}

/** Nesting too deep for the library is brackets opened again and again: point at the first of them. */
function bracketRunStart(text: string, offset: number): number {
  let start = Math.min(offset, text.length - 1);
  while (start > 0 && '[{ '.includes(text[start - 1]!)) start--;
  while (text[start] === ' ') start++;
  return start;
}

/** The library's message, or a plainer one where it says little. */
function explain(code: string, message: string, text: string, offset: number): string {
  if (code === 'DUPLICATE_KEY') {
    // The key as written, without the quotes that may surround it.
    const key = /^[^:\n]*/.exec(text.slice(offset))![0].trim().replace(/^(["'])(.*)\1$/, '$2');
    return key ? `the key ${quote(key)} is given twice (each key once per record)` : 'a key is given twice (each key once per record)';
  }
  if (code === 'RESOURCE_EXHAUSTION') return 'the file nests too deeply (a bracket opened again and again?)';
  return firstLine(message);
}

/** Where a tab stands in the indentation of the line at `offset`, if one does: YAML forbids it, and the library's message may not say so. */
function indentingTab(text: string, offset: number): number | undefined {
  let p = text.lastIndexOf('\n', offset - 1) + 1;
  while (text[p] === ' ' || text[p] === '\t') {
    if (text[p] === '\t') return p;
    p++;
  }
  return undefined;
}

function firstLine(message: string): string {
  const line = message.split('\n')[0] ?? message;
  // The yaml library appends " at line N, column M" — we report the position ourselves.
  return capped(line.replace(/ at line \d+, column \d+:?$/, '').trim());
}
