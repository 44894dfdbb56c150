// Reading YAML: the fast path must read exactly what the `yaml` library reads, or step aside.
// It never accepts a file the library rejects, never reads a value differently, and puts each
// record where the library puts it; errors always come from the library, with its positions.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseDocument, stringify } from 'yaml';
import { parseFast } from '../../../src/core/workspace/yaml-fast-path';
import { parseWithLibrary, parseYaml } from '../../../src/core/workspace/yaml';

const repo = fileURLToPath(new URL('../../../', import.meta.url));

/** What the library reads (with the options the workspace loader uses), or 'error'. */
function library(text: string): unknown {
  const doc = parseDocument(text, { uniqueKeys: true, strict: true, prettyErrors: false });
  if (doc.errors.length > 0 || doc.warnings.length > 0) return 'error';
  return doc.toJS({ maxAliasCount: 100 });
}

/** The fast path agrees with the library, or declines; returns whether it read the text. */
function agrees(text: string): boolean {
  const fast = parseFast(text);
  if (fast === undefined) return false;
  expect(library(text), `the library rejects a text the fast path accepted:\n${text}`).not.toBe('error');
  expect(fast.value).toStrictEqual(library(text));
  if (Array.isArray(fast.value)) {
    const full = parseWithLibrary('t', text);
    expect(fast.items).toEqual(fast.value.map((_, i) => full.locate([i])));
  }
  return true;
}

const workspaceFiles = (): { name: string; text: string }[] => {
  const out: { name: string; text: string }[] = [];
  for (const name of ['topics.yaml', 'indicators.yaml', 'entities.yaml', 'workspace.yaml']) out.push({ name, text: readFileSync(join(repo, 'data', name), 'utf8') });
  for (const name of readdirSync(join(repo, 'data', 'facts'))) out.push({ name: `facts/${name}`, text: readFileSync(join(repo, 'data', 'facts', name), 'utf8') });
  for (const name of readdirSync(join(repo, 'data', 'sources'))) {
    const text = readFileSync(join(repo, 'data', 'sources', name), 'utf8');
    out.push({ name: `sources/${name} (front matter)`, text: /^---\n([\s\S]*?)\n---\n/.exec(text)![1]! });
  }
  return out;
};

describe('the fast path on the bundled workspace', () => {
  it.each(workspaceFiles())('reads $name as the yaml library does, records at the same places', ({ text }) => {
    expect(agrees(text), 'the fast path declined a bundled file').toBe(true);
  });
});

describe('the fast path on hand-written cases', () => {
  const cases: [string, string][] = [
    ['plain, quoted and numeric scalars', 'a: text\nb: "quoted: with # hash"\nc: \'it\'\'s\'\nd: 2018\ne: 2018-05\nf: 19.885\ng: 1e9\nh: -4\ni: 0x1F\nj: 0o17\nk: .inf\nl: true\nm: False\nn: null\no: ~\np:\nq: 007\nr: +12\ns: 1_000\nt: .5\nu: 5.\n'],
    ['escapes in double quotes', 'a: "tab\\there \\"q\\" \\\\ \\u00e9 \\x41 \\U0001F600 \\_ \\N"\n'],
    ['comments everywhere', '# head\n- id: a # trailing\n  # between\n  b: c#not-a-comment\n    # deeper comment\n  d: "x" # after quotes\n\n# tail\n'],
    ['a plain scalar continued on the next line', '- id: a\n  statement: first line\n    second line\n'],
    ['flow collections', '- { id: a, name: "A, Inc.", aliases: [x, "y z", \'w\'], n: 3 }\n- [1, two, "three"]\n- {}\n- []\n'],
    ['flow edge cases', 'a: [a, , b]\nb: [a, b, ]\nc: {a: 1}\nd: [a: 1]\ne: {a:1}\nf: [http://x]\ng: { a: }\n'],
    ['block scalars', 'a: >-\n  folded\n  text\n\n  para\nb: |\n  literal\n    indented\n  end\nc: >\n  clip\n\n\nd: |+\n  keep\n\ne: x\n'],
    ['block scalars at the end', 'a: |\n  end'],
    ['block scalar with a blank first line', 'a: >\n\n  x\n'],
    ['block scalar with an indentation indicator', 'a: |2\n   x\n'],
    ['nested mappings and lists', '- id: a\n  metric:\n    indicator: x\n    value: 1\n  topics:\n  - trade\n  - energy\n  more:\n    - 1\n    - 2\n- id: b\n'],
    ['compact list with several spaces', '-   id: a\n    b: c\n'],
    ['a key without a value', 'a:\nb: 1\n'],
    ['duplicate keys', 'a: 1\na: 2\n'],
    ['tabs', 'a:\t1\n'],
    ['anchors, aliases and tags', 'a: &x 1\nb: *x\nc: !!str 2\n'],
    ['document markers', '---\na: 1\n...\n'],
    ['a colon inside a plain value', 'a: b: c\n'],
    ['a trailing colon', 'a: b:\n'],
    ['a value that starts with an indicator', 'a: - b\nc: ? d\n'],
    ['quotes that do not close', 'a: "open\n  continues"\n'],
    ['special keys', 'true: 1\nnull: 2\n__proto__: 3\n'],
    ['text after a quoted value', 'a: "b" c\n'],
    ['indentation that jumps', '- id: a\n   b: c\n'],
    ['a top-level scalar', 'just text\n'],
    ['an indented start', '  - a\n'],
    ['empty and comment-only texts', ''],
    ['only a comment', '# nothing\n'],
    ['control characters', 'a: "\u0007"\n'],
    ['non-ASCII text', 'a: Ürümqi – “quoted” ‘single’ 北京\nb: [Alataw, Khorgos]\n'],
    ['CRLF', 'a: 1\r\nb: 2\r\n'],
    ['a block list at the same level as its key', 'a:\n- 1\n- 2\nb: 3\n'],
    ['a list item on the next line', '-\n  a: 1\n'],
  ];
  it.each(cases)('%s: read as the library reads it, or left to the library', (_, text) => {
    agrees(text);
  });

  it('reads the common shapes itself (it would be no use declining everything)', () => {
    for (const name of ['plain, quoted and numeric scalars', 'escapes in double quotes', 'comments everywhere', 'flow collections', 'block scalars', 'nested mappings and lists', 'non-ASCII text']) {
      expect(agrees(cases.find(([n]) => n === name)![1]), name).toBe(true);
    }
  });
});

describe('the fast path on generated and damaged texts', () => {
  const scalar = fc.oneof(
    fc.string({ unit: 'grapheme', maxLength: 30 }),
    fc.string({ unit: fc.constantFrom('a', ' ', ':', '#', '"', "'", '-', ',', '[', ']', '{', '}', '\\', '“', '’', '–', '\u00a0', '|', '>', '!', '&', '*', '%', '@', '0', '1', '.', 'e', 'x', 'o', '\n'), maxLength: 20 }),
    fc.integer(),
    fc.double({ noNaN: false }),
    fc.boolean(),
    fc.constant(null),
  );
  const record = fc.dictionary(fc.stringMatching(/^[a-z][a-z0-9_-]{0,8}$/), fc.oneof(scalar, fc.array(scalar, { maxLength: 4 }), fc.dictionary(fc.stringMatching(/^[a-z]{1,6}$/), scalar, { maxKeys: 3 })), { maxKeys: 8 });

  it('records written by the yaml library in any style read the same (property)', () => {
    let read = 0;
    fc.assert(
      fc.property(
        fc.array(record, { maxLength: 5 }),
        fc.record({ lineWidth: fc.constantFrom(0, 20, 80), flow: fc.boolean(), quote: fc.boolean() }),
        (records, style) => {
          const text = stringify(records, {
            lineWidth: style.lineWidth,
            collectionStyle: style.flow ? 'flow' : 'any',
            defaultStringType: style.quote ? 'QUOTE_DOUBLE' : 'PLAIN',
            defaultKeyType: 'PLAIN',
          });
          if (agrees(text)) read++;
        },
      ),
      { numRuns: 1500 },
    );
    expect(read).toBeGreaterThan(500);
  });

  it('a bundled facts file with random damage is read as the library reads it, or left to it (property)', () => {
    const original = readFileSync(join(repo, 'data', 'facts', 'wang-yi-astana-2024.yaml'), 'utf8').split('\n').slice(0, 60).join('\n');
    const damage = fc.array(
      fc.record({
        at: fc.nat(),
        op: fc.constantFrom('insert', 'delete', 'duplicate-line', 'indent', 'dedent'),
        ch: fc.constantFrom(':', ' ', '#', '"', "'", '-', '[', ']', '{', '}', '|', '>', '\n', ',', 'x', '\\', '&', '!', '?', '  '),
      }),
      { minLength: 1, maxLength: 3 },
    );
    let read = 0;
    fc.assert(
      fc.property(damage, (edits) => {
        let text = original;
        for (const { at, op, ch } of edits) {
          const p = at % (text.length + 1);
          const lineStart = text.lastIndexOf('\n', p - 1) + 1;
          const lineEnd = text.indexOf('\n', p) < 0 ? text.length : text.indexOf('\n', p);
          if (op === 'insert') text = text.slice(0, p) + ch + text.slice(p);
          else if (op === 'delete') text = text.slice(0, p) + text.slice(p + 1);
          else if (op === 'duplicate-line') text = text.slice(0, lineEnd) + '\n' + text.slice(lineStart, lineEnd) + text.slice(lineEnd);
          else if (op === 'indent') text = text.slice(0, lineStart) + ' ' + text.slice(lineStart);
          else if (text[lineStart] === ' ') text = text.slice(0, lineStart) + text.slice(lineStart + 1);
        }
        if (agrees(text)) read++;
      }),
      { numRuns: 3000 },
    );
    expect(read).toBeGreaterThan(300);
  });

  it('texts assembled from YAML fragments at random indentation are read as the library reads them, or left to it (property)', () => {
    const line = fc.tuple(
      fc.constantFrom('', ' ', '  ', '   ', '    ', '      '),
      fc.constantFrom('', '- ', '-   ', '-', '# ', '---', '? '),
      fc.constantFrom('', 'a:', 'b:', 'id:', 'a :', '"k":', 'x'),
      fc.constantFrom('', ' x', ' x y', ' "q"', " 'q'", ' [a, b]', ' {a: 1, b: [c]}', ' >-', ' |', ' |+', ' >', ' # c', ' 12', ' 1.50', ' a: b', ' -', ' "open', ' ~', ' true', ' x #c', '  spaced'),
    );
    let read = 0;
    fc.assert(
      fc.property(fc.array(line.map((parts) => parts.join('')), { minLength: 1, maxLength: 8 }), fc.boolean(), (lines, newline) => {
        if (agrees(lines.join('\n') + (newline ? '\n' : ''))) read++;
      }),
      { numRuns: 3000 },
    );
    expect(read).toBeGreaterThan(40);
  });
});

describe('parseYaml', () => {
  it('gives errors with positions from the library when the fast path steps aside', () => {
    const parsed = parseYaml('f.yaml', '- id: a\n  statement: "open\n  kind: x\n');
    expect(parsed.value).toBeUndefined();
    expect(parsed.diagnostics).toEqual([{ severity: 'error', file: 'f.yaml', line: 2, column: 14, message: 'YAML: Missing closing "quote' }]);
  });

  it('finds any field of a file the fast path read, as the library places it', () => {
    const text = '# facts\n- id: a\n  metric:\n    value: x\n  extra: 1\n- { id: b }\n';
    const fast = parseYaml('f.yaml', text, 3);
    const full = parseWithLibrary('f.yaml', text, 3);
    for (const path of [[], [0], [1], [0, 'metric'], [0, 'metric', 'value'], [1, 'id'], [0, 'nope'], [5]]) {
      expect(fast.locate(path), JSON.stringify(path)).toEqual(full.locate(path));
    }
    expect(fast.locate([0, 'extra'], { key: true })).toEqual({ line: 8, column: 3 });
  });
});
