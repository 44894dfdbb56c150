// YAML with positions: parses a file and can say where any path in it (a record, a field)
// starts, so that a schema error names the line and column of the value at fault.
import { isNode, LineCounter, parseDocument, type Document } from 'yaml';
import type { Diagnostic } from '../diagnostics';

export interface ParsedYaml {
  value: unknown;
  /** Where the node at `path` starts (1-based), falling back to the nearest parent that exists. */
  locate(path: readonly PropertyKey[]): { line: number; column: number };
  diagnostics: Diagnostic[];
}

/**
 * Parses `text` as YAML. `lineOffset` shifts reported lines, for YAML embedded after other
 * lines (front matter starts on line 2 of a source file).
 */
export function parseYaml(file: string, text: string, lineOffset = 0): ParsedYaml {
  const lineCounter = new LineCounter();
  const doc: Document = parseDocument(text.replace(/^\uFEFF/, ''), {
    lineCounter,
    prettyErrors: false,
    uniqueKeys: true,
    strict: true,
  });
  const at = (offset: number) => {
    const pos = lineCounter.linePos(offset);
    return { line: pos.line + lineOffset, column: pos.col };
  };
  const diagnostics: Diagnostic[] = [...doc.errors, ...doc.warnings].map((e) => {
    const pos = at(e.pos[0]);
    return {
      severity: doc.errors.includes(e) ? 'error' : 'warning',
      file,
      ...pos,
      message: `YAML: ${firstLine(e.message)}`,
    };
  });
  const value = doc.errors.length > 0 ? undefined : doc.toJS({ maxAliasCount: 100 });
  return {
    value,
    diagnostics,
    locate(path) {
      for (let n = path.length; n >= 0; n--) {
        const node = n === 0 ? doc.contents : doc.getIn(path.slice(0, n) as unknown[], true);
        if (isNode(node) && node.range) return at(node.range[0]);
      }
      return { line: 1 + lineOffset, column: 1 };
    },
  };
}

function firstLine(message: string): string {
  const line = message.split('\n')[0] ?? message;
  // The yaml library appends " at line N, column M" — we report the position ourselves.
  return line.replace(/ at line \d+, column \d+:?$/, '').trim();
}
