// Loading a workspace: layers, and every way a file or record can be wrong. Each problem is
// reported with the file, line and column a user would go to, and never stops the rest of
// the workspace from loading.
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Diagnostic } from '../../../src/core/diagnostics';
import fc from 'fast-check';
import { loadWorkspace, type Workspace } from '../../../src/core/workspace/load';
import { normaliseSpace, SourceText } from '../../../src/core/workspace/validate';
import { readLayer } from '../../../src/platform/workspace-folder';
import { factsFile, layer, problems, source, vocabulary, workspaceOf } from '../../fixtures/workspace';
import { whenInterval } from '../../../src/core/facts/dates';

/** A report dated 1 April 2019 with a few sentences facts can cite. */
const report = source(
  { id: 'report-2019', date: '2019-04-01' },
  `Trade between the two countries reached $19.9 billion in 2018.
Freight by rail grew by 10\u00a0percent.
The new crossing
opened in December.
Officials expect trade to reach $30 billion in 2022.
`,
);
const bundled = { ...vocabulary, 'sources/report-2019.md': report };

/** One sound fact, as YAML lines; `over` replaces or adds fields (value `undefined` drops one). */
function fact(id: string, over: Record<string, string | undefined> = {}): string {
  const fields: Record<string, string | undefined> = {
    statement: 'Trade reached $19.9 billion in 2018.',
    topics: '[trade]',
    entities: '[china, kazakhstan]',
    when: '2018',
    estimated: 'false',
    kind: 'outcome',
    source: 'report-2019',
    evidence: 'Trade between the two countries reached $19.9 billion in 2018.',
    ...over,
  };
  const lines = [`- id: ${id}`, ...Object.entries(fields).flatMap(([k, v]) => (v === undefined ? [] : [`  ${k}: ${v}`]))];
  return `${lines.join('\n')}\n`;
}

const errors = (ws: Workspace): Diagnostic[] => ws.diagnostics.filter((d) => d.severity === 'error');
const only = (ws: Workspace): Diagnostic => {
  expect(problems(ws)).toHaveLength(1);
  return ws.diagnostics[0]!;
};
const loadFacts = (text: string, extra: Record<string, string> = {}) => workspaceOf({ ...bundled, 'facts/f.yaml': text, ...extra });

describe('the fixture', () => {
  it('a sound fact loads without any diagnostic', () => {
    const ws = loadFacts(fact('trade-2018'));
    expect(problems(ws)).toEqual([]);
    expect(ws.facts.map((f) => f.id)).toEqual(['trade-2018']);
    expect(ws.facts[0]!.origin).toEqual({ file: 'layer1/facts/f.yaml', line: 1, column: 3, layer: 'layer1' });
  });
});

describe('layers', () => {
  it('a later layer replaces a record with the same id', () => {
    const ws = workspaceOf(
      { ...bundled, 'facts/trade.yaml': fact('trade-2018') },
      { 'facts/mine.yaml': fact('trade-2018', { statement: 'Trade reached $19.9 billion in 2018 (checked).' }) },
    );
    expect(problems(ws)).toEqual([]);
    expect(ws.facts).toHaveLength(1);
    expect(ws.factsById.get('trade-2018')!.statement).toBe('Trade reached $19.9 billion in 2018 (checked).');
    expect(ws.factsById.get('trade-2018')!.origin).toMatchObject({ file: 'layer2/facts/mine.yaml', layer: 'layer2' });
  });

  it('a later layer replaces vocabulary records and sources too', () => {
    const ws = workspaceOf(bundled, {
      'topics.yaml': '- id: trade\n  label: Commerce\n',
      'sources/report-2019.md': source({ id: 'report-2019', date: '2019-04-02', title: 'Corrected report' }, 'Revised text.\n'),
    });
    expect(problems(ws)).toEqual([]);
    expect(ws.topics.get('trade')!.label).toBe('Commerce');
    expect(ws.topics.get('energy')!.label).toBe('Energy');
    expect(ws.sources.get('report-2019')!.title).toBe('Corrected report');
    expect(ws.sources.get('report-2019')!.text).toBe('Revised text.\n');
  });

  it("a user's fact may cite the bundled sources and vocabularies", () => {
    const ws = workspaceOf(bundled, { 'facts/mine.yaml': fact('my-fact') });
    expect(problems(ws)).toEqual([]);
    expect(ws.factsById.get('my-fact')!.origin.layer).toBe('layer2');
  });

  it('an upper layer that replaces a source can break the facts citing it, and says so', () => {
    const ws = workspaceOf({ ...bundled, 'facts/f.yaml': fact('trade-2018') }, { 'sources/report-2019.md': source({ id: 'report-2019', date: '2019-04-01' }, 'Other text.\n') });
    expect(only(ws).message).toMatch(/^evidence is not found verbatim in source "report-2019" \(layer2\/sources\/report-2019.md\)/);
    expect(ws.facts).toEqual([]);
  });

  it('duplicate ids within one layer give a diagnostic naming both places', () => {
    const ws = workspaceOf({ ...bundled, 'facts/a.yaml': fact('trade-2018'), 'facts/b.yaml': `${fact('other')}\n${fact('trade-2018', { statement: 'Second.' })}` });
    expect(only(ws)).toEqual({
      severity: 'error',
      file: 'layer1/facts/b.yaml',
      line: 11,
      column: 3,
      message: 'duplicate fact id "trade-2018" (first defined at layer1/facts/a.yaml:1:3); this one is ignored',
    });
    expect(ws.factsById.get('trade-2018')!.statement).toBe('Trade reached $19.9 billion in 2018.');
    expect(ws.facts).toHaveLength(2);
  });

  it('duplicate ids in one file and in a vocabulary are reported too', () => {
    const ws = workspaceOf({
      ...bundled,
      'topics.yaml': `${vocabulary['topics.yaml']}- id: trade\n  label: Trade again\n`,
      'facts/f.yaml': `${fact('trade-2018')}${fact('trade-2018')}`,
    });
    expect(problems(ws)).toEqual([
      'error layer1/facts/f.yaml:10:3: duplicate fact id "trade-2018" (first defined at layer1/facts/f.yaml:1:3); this one is ignored',
      'error layer1/topics.yaml:9:3: duplicate topic id "trade" (first defined at layer1/topics.yaml:1:3); this one is ignored',
    ]);
  });

  it('the same id in two layers is not a duplicate', () => {
    const ws = workspaceOf({ ...bundled, 'facts/a.yaml': fact('trade-2018') }, { 'facts/a.yaml': fact('trade-2018') });
    expect(problems(ws)).toEqual([]);
  });
});

describe('order', () => {
  it('facts are in order of their start, then their end, then id; undated facts last (property)', () => {
    const date = fc.oneof(
      fc.integer({ min: 2010, max: 2018 }).map(String),
      fc.tuple(fc.integer({ min: 2010, max: 2018 }), fc.integer({ min: 1, max: 12 })).map(([y, m]) => `${y}-${String(m).padStart(2, '0')}`),
    );
    const when = fc.oneof(fc.constant(undefined), date, fc.tuple(date, date).map(([a, b]) => (a <= b ? { from: a, to: b } : { from: b, to: a })));
    const id = fc.stringMatching(/^[a-z0-9]{1,3}(-[a-z0-9]{1,12}){0,3}$/);
    fc.assert(
      fc.property(fc.uniqueArray(fc.tuple(id, when), { selector: ([i]) => i, maxLength: 25 }), (records) => {
        const ws = loadFacts(
          factsFile(
            records.map(([i, w]) => ({
              id: i,
              statement: 'A statement.',
              topics: ['trade'],
              ...(w === undefined ? {} : { when: w }),
              kind: 'context',
              source: 'report-2019',
              evidence: 'Trade between the two countries reached $19.9 billion in 2018.',
            })),
          ),
        );
        expect(problems(ws)).toEqual([]);
        const key = (w: (typeof records)[number][1]) => {
          if (w === undefined) return [Infinity, Infinity];
          const parsed = whenInterval(w);
          return 'interval' in parsed ? [parsed.interval.start, parsed.interval.end] : [NaN, NaN];
        };
        const expected = [...records]
          .sort(([a, x], [b, y]) => {
            const [xs, xe] = key(x);
            const [ys, ye] = key(y);
            return xs! - ys! || xe! - ye! || (a < b ? -1 : a > b ? 1 : 0);
          })
          .map(([i]) => i);
        expect(ws.facts.map((f) => f.id)).toEqual(expected);
      }),
      { numRuns: 200 },
    );
  });
});

describe('a broken file never stops the rest', () => {
  it('a broken YAML file gives its line and column while the rest loads', () => {
    const broken = `${fact('first')}\n${fact('second', { when: undefined })}  when 2018\n`;
    //             lines 1–9, blank line 10, 'second' at 11–18, the missing colon on line 19
    const ws = workspaceOf({ ...bundled, 'facts/broken.yaml': broken, 'facts/good.yaml': `${fact('good-1')}${fact('good-2')}` });
    const d = only(ws);
    expect(d).toMatchObject({ severity: 'error', file: 'layer1/facts/broken.yaml', line: 19, column: 3 });
    expect(d.message).toMatch(/^YAML: /);
    expect(ws.facts.map((f) => f.id)).toEqual(['good-1', 'good-2']);
  });

  it('an unclosed quote is reported where the quote opens, not at the end of the file', () => {
    const ws = loadFacts(`${fact('a')}${fact('b', { statement: '"Trade reached $19.9 billion in 2018.' })}`);
    expect(only(ws)).toMatchObject({ file: 'layer1/facts/f.yaml', line: 11, column: 14, message: 'YAML: Missing closing "quote' });
  });

  it('an unclosed [ is reported once, where it opens, not at the lines it throws out of step', () => {
    const ws = loadFacts(`${fact('a')}${fact('b', { topics: '[trade' })}`);
    expect(only(ws)).toMatchObject({ file: 'layer1/facts/f.yaml', line: 12, column: 11 });
    expect(only(ws).message).toMatch(/^YAML: .*end with a \]/);
  });

  it('an unclosed { is reported where it opens', () => {
    const ws = loadFacts(`${fact('a', { when: '{ from: 2015, to: 2018' })}`);
    expect(only(ws)).toMatchObject({ line: 5, column: 9 });
  });

  it('a field given twice is reported at the second one', () => {
    const ws = loadFacts(`${fact('a')}  kind: forecast\n`);
    expect(only(ws)).toMatchObject({ line: 10, column: 3, message: 'YAML: the key "kind" is given twice (each key once per record)' });
  });

  it('a file that is not a list of records says so', () => {
    const ws = loadFacts('id: a\nstatement: b\n', { 'facts/good.yaml': fact('good') });
    expect(only(ws)).toMatchObject({ file: 'layer1/facts/f.yaml', line: 1, column: 1, message: 'expected a list of records (each starting with "- id: …")' });
    expect(ws.facts.map((f) => f.id)).toEqual(['good']);
  });

  it('an empty facts file is fine', () => {
    expect(problems(loadFacts(''))).toEqual([]);
    expect(problems(loadFacts('# nothing yet\n'))).toEqual([]);
  });

  it('a bad record is left out and the other records of its file load', () => {
    const ws = loadFacts(`${fact('a')}${fact('b', { kind: 'outcom' })}${fact('c')}`);
    expect(errors(ws)).toHaveLength(1);
    expect(ws.facts.map((f) => f.id)).toEqual(['a', 'c']);
  });
});

describe('schema errors point at the field', () => {
  it('a wrong `kind` is reported at line 7 column 9', () => {
    const ws = loadFacts(fact('trade-2018', { kind: 'outcom' }));
    expect(only(ws)).toEqual({
      severity: 'error',
      file: 'layer1/facts/f.yaml',
      line: 7,
      column: 9,
      message: '`kind` must be one of outcome, forecast, plan, claim, context in "trade-2018"',
    });
  });

  it('an impossible date (2019-13-45) is reported at the date with the reason', () => {
    const ws = loadFacts(fact('trade-2018', { when: '2019-13-45' }));
    expect(only(ws)).toMatchObject({ line: 5, column: 9, message: '`when`: "2019-13-45" is not a date: month 13 does not exist in "trade-2018"' });
  });

  it('2019-02-29 is not a date either', () => {
    const ws = loadFacts(fact('trade-2018', { when: '2019-02-29' }));
    expect(only(ws).message).toContain('2019-02 has no day 29');
  });

  it('a period that ends before it starts is reported at its end', () => {
    const ws = loadFacts(fact('trade-2018', { when: '{ from: 2019, to: 2018 }' }));
    expect(only(ws)).toMatchObject({ line: 5, column: 27, message: '`when.to`: period ends (2018) before it starts (2019) in "trade-2018"' });
  });

  it('a missing field is reported at its record', () => {
    const ws = loadFacts(`${fact('a')}${fact('b', { statement: undefined })}`);
    expect(only(ws)).toMatchObject({ line: 10, column: 3, message: '`statement` is missing in "b"' });
  });

  it('an unknown field is reported where it is written', () => {
    const ws = loadFacts(`${fact('a')}  colour: red\n`);
    expect(only(ws)).toMatchObject({ line: 10, column: 3, message: 'unknown field `colour` in "a"' });
  });

  it('a fact needs at least one topic', () => {
    const ws = loadFacts(fact('a', { topics: '[]' }));
    expect(only(ws)).toMatchObject({ line: 3, column: 11, message: '`topics`: a fact needs at least one topic in "a"' });
  });

  it('an id must be kebab-case', () => {
    const ws = loadFacts(fact('Trade_2018'));
    expect(only(ws)).toMatchObject({ line: 1, column: 7 });
    expect(only(ws).message).toMatch(/^`id`: must be an id/);
  });

  it('a metric without a unit is reported at the metric', () => {
    const ws = loadFacts(`${fact('a')}  metric:\n    indicator: trade-turnover\n    value: 19900000000\n`);
    expect(only(ws)).toMatchObject({ line: 11, column: 5, message: '`metric.unit` is missing in "a"' });
  });

  it('a metric value written with commas is not a number', () => {
    const ws = loadFacts(`${fact('a')}  metric: { indicator: trade-turnover, value: "19,900,000,000", unit: USD }\n`);
    expect(only(ws)).toMatchObject({ line: 10, column: 47, message: '`metric.value`: value must be a plain number (no units, no commas) in "a"' });
  });
});

describe('cross-record checks', () => {
  it('an unknown topic is reported with a did-you-mean, and the fact is left out', () => {
    const ws = loadFacts(fact('a', { topics: '[trdae]' }));
    expect(only(ws)).toMatchObject({ line: 1, column: 3, message: 'unknown topic "trdae" (did you mean "trade"?) (fact "a"; left out)' });
    expect(ws.facts).toEqual([]);
    expect(ws.factsById.has('a')).toBe(false);
  });

  it('an unknown entity, attribution, indicator and source are each reported with a did-you-mean', () => {
    const ws = loadFacts(
      fact('a', {
        entities: '[chinna]',
        attribution: 'wang-yl',
        source: 'report-2091',
        metric: '{ indicator: trade-turnuver, value: 1, unit: USD }',
      }),
    );
    expect(errors(ws).map((d) => d.message)).toEqual([
      'unknown entity "chinna" (did you mean "china"?) (fact "a"; left out)',
      'unknown entity "wang-yl" in `attribution` (did you mean "wang-yi"?) (fact "a"; left out)',
      'unknown indicator "trade-turnuver" (did you mean "trade-turnover"?) (fact "a"; left out)',
      'unknown source "report-2091" (did you mean "report-2019"?) (fact "a"; left out)',
    ]);
  });

  it('an id far from every known one gets no suggestion', () => {
    const ws = loadFacts(fact('a', { topics: '[astronomy]' }));
    expect(only(ws).message).toBe('unknown topic "astronomy" (fact "a"; left out)');
  });

  it('an indicator naming an unknown topic is reported', () => {
    const ws = workspaceOf({ ...bundled, 'indicators.yaml': '- id: gdp\n  name: GDP\n  unit: USD\n  topics: [economy, trade]\n' });
    expect(only(ws)).toMatchObject({ file: 'layer1/indicators.yaml', line: 1, column: 3, message: 'indicator "gdp" names unknown topic "economy"' });
  });

  it('an outcome dated after its source was written is impossible', () => {
    const ws = loadFacts(fact('a', { when: '2019-05' }));
    expect(only(ws).message).toBe('an outcome dated 2019-05 cannot be reported by a source dated 2019-04-01: is it a forecast or a plan? (fact "a"; left out)');
  });

  it('an outcome dated in the month its source was written is possible', () => {
    expect(problems(loadFacts(fact('a', { when: '2019-04' })))).toEqual([]);
  });

  it('a forecast may be dated after its source', () => {
    const ws = loadFacts(
      fact('a', { when: '2022', kind: 'forecast', statement: 'Trade was expected to reach $30 billion in 2022.', evidence: 'Officials expect trade to reach $30 billion in 2022.' }),
    );
    expect(problems(ws)).toEqual([]);
  });

  it("an outcome's figure for a period after its source was written is impossible (a target is a plan)", () => {
    const ws = loadFacts(fact('a', { metric: '{ indicator: trade-turnover, value: 30000000000, unit: USD, period: 2022 }' }));
    expect(only(ws).message).toMatch(/^an outcome's figure for 2022 cannot be reported by a source dated 2019-04-01/);
  });

  it('evidence not found verbatim in its source is reported and the fact left out', () => {
    const ws = loadFacts(fact('a', { evidence: 'Trade between the two countries reached $20 billion in 2018.' }));
    expect(only(ws)).toMatchObject({ line: 1, column: 3 });
    expect(only(ws).message).toBe(
      'evidence is not found verbatim in source "report-2019" (layer1/sources/report-2019.md); copy the span exactly, curly quotes and dashes included (fact "a"; left out)',
    );
    expect(ws.facts).toEqual([]);
  });

  it('evidence is whitespace-tolerant: a no-break space in the source matches a plain space', () => {
    expect(problems(loadFacts(fact('a', { evidence: 'Freight by rail grew by 10 percent.' })))).toEqual([]);
  });

  it('evidence is whitespace-tolerant: a line break in the source matches a space', () => {
    expect(problems(loadFacts(fact('a', { evidence: 'The new crossing opened in December.' })))).toEqual([]);
  });

  it('evidence is whitespace-tolerant: a line break in the evidence matches a space', () => {
    expect(problems(loadFacts(fact('a', { evidence: '>-\n    Trade between the two countries\n    reached $19.9 billion in 2018.' })))).toEqual([]);
    expect(problems(loadFacts(fact('a', { evidence: '|\n    Trade between the two\n    countries  reached $19.9 billion in 2018.' })))).toEqual([]);
  });

  it('evidence is not case- or punctuation-tolerant', () => {
    expect(errors(loadFacts(fact('a', { evidence: 'trade between the two countries reached $19.9 billion in 2018.' })))).toHaveLength(1);
    expect(errors(loadFacts(fact('a', { evidence: 'Trade between the two countries reached $19.9 billion in 2018!' })))).toHaveLength(1);
  });

  it('evidence may start or end inside a word of the source', () => {
    expect(problems(loadFacts(fact('a', { evidence: 'rade between the two countries reached $19.9 billion in 20' })))).toEqual([]);
  });

  it('evidence that matches the source but for its last words is not found', () => {
    expect(errors(loadFacts(fact('a', { evidence: 'Trade between the two countries reached $19.9 billion in 2019.' })))).toHaveLength(1);
    expect(errors(loadFacts(fact('a', { evidence: 'Trade between the two countries reached $19.9 billion in 2018. Freight by road' })))).toHaveLength(1);
  });

  it('finding a span in a source agrees with a plain search of the normalised text (property)', () => {
    const body = `${report}\n${'In 2018, trade grew. In 2018, trade fell. In 2018, trade grew again\u00a0by 10 percent.\n'.repeat(3)}`;
    const text = new SourceText(body);
    const plain = normaliseSpace(body);
    const words = ['In', '2018,', 'trade', 'grew.', 'fell.', 'again', 'by', '10', 'percent.', 'The', 'new', 'crossing', 'opened', 'in', 'December.', 'rade', 'gre'];
    const starts = [0, ...[...body.matchAll(/\s/g)].map((m) => m.index + 1)];
    const slice = fc.oneof(
      fc.tuple(fc.nat(body.length), fc.nat(120)).map(([at, n]) => body.slice(at, at + n)),
      fc.tuple(fc.constantFrom(...starts), fc.integer({ min: 20, max: 120 })).map(([at, n]) => body.slice(at, at + n)),
    );
    // Slices of the text, some damaged (one character changed, or a word added), and word salad.
    const span = fc.oneof(
      slice,
      fc.tuple(slice, fc.nat(), fc.constantFrom('x', ' ', '9', '.')).map(([s, at, ch]) => {
        const p = at % (s.length + 1);
        return s.slice(0, p) + ch + s.slice(p + 1);
      }),
      fc.tuple(slice, fc.constantFrom(...words)).map(([s, w]) => `${s} ${w}`),
      fc.array(fc.constantFrom(...words), { minLength: 1, maxLength: 14 }).map((w) => w.join(' ')),
    );
    fc.assert(
      fc.property(span, (s) => {
        const wanted = normaliseSpace(s);
        expect(text.includes(wanted), JSON.stringify(wanted)).toBe(plain.includes(wanted));
      }),
      { numRuns: 3000 },
    );
  });

  it("a metric's unit must be the indicator's unit", () => {
    const ws = loadFacts(fact('a', { metric: '{ indicator: trade-turnover, value: 19.9, unit: billion USD }' }));
    expect(only(ws).message).toBe('metric unit "billion USD" differs from indicator "trade-turnover", which is in "USD" (fact "a"; left out)');
  });

  it('a figure the source does not date has no period: it loads, and counts at its source’s reporting date', () => {
    const ws = loadFacts(
      fact('a', { when: undefined, statement: 'Rail freight grew by 10 per cent.', evidence: 'Freight by rail grew by 10 percent.', metric: '{ indicator: trade-turnover, value: 1, unit: USD }' }),
    );
    expect(problems(ws)).toEqual([]);
    expect(ws.facts).toHaveLength(1);
    expect(ws.intervals.get('a')).toEqual((whenInterval('2019-04-01') as { interval: unknown }).interval);
  });

  it('validate warns of an undated figure placed on a period: the evidence gives no date, the fact gives one', () => {
    const ws = loadFacts(fact('a', { when: '2019', evidence: 'Freight by rail grew by 10 percent.', metric: '{ indicator: trade-turnover, value: 10, unit: USD }' }));
    expect(only(ws)).toMatchObject({ severity: 'warning', line: 1, column: 3 });
    expect(only(ws).message).toBe(
      'the figure is placed on 2019, but its evidence gives no date: leave out `when` and `metric.period` (it then prints as reported by the source\'s date), or quote the words that date it (fact "a")',
    );
    // Dated evidence ("in 2018") is fine.
    expect(problems(loadFacts(fact('b', { metric: '{ indicator: trade-turnover, value: 19900000000, unit: USD }' })))).toEqual([]);
  });

  it('validate warns of a figure whose definition departs from its indicator’s', () => {
    const indicators = `- id: trade-turnover\n  name: Trade turnover\n  unit: USD\n  topics: [trade]\n  definition: Goods traded both ways in a calendar year.\n`;
    const ws = loadFacts(fact('a', { metric: '{ indicator: trade-turnover, value: 19900000000, unit: USD, definition: Goods moved under the BRI only. }' }), {
      'indicators.yaml': indicators,
    });
    expect(only(ws)).toMatchObject({ severity: 'warning' });
    expect(only(ws).message).toMatch(/^the figure counts "Goods moved under the BRI only\.", but indicator "trade-turnover" is defined as "Goods traded both ways in a calendar year\."/);
    expect(ws.facts).toHaveLength(1);
  });

  it('validate warns of a plan or forecast whose linked outcome is missing, and of a link from an outcome', () => {
    const forecast = fact('target', {
      kind: 'forecast',
      when: '2022',
      statement: 'Officials expected trade to reach $30 billion in 2022.',
      evidence: 'Officials expect trade to reach $30 billion in 2022.',
      settledBy: 'trade-2022',
    });
    const ws = loadFacts(forecast + fact('trade-2018'));
    expect(only(ws)).toMatchObject({ severity: 'warning', line: 1, column: 3 });
    expect(only(ws).message).toBe('the outcome that settles this forecast, "trade-2022", is missing (did you mean "trade-2018"?): it prints as still open (fact "target")');
    expect(ws.facts.map((f) => f.id).sort()).toEqual(['target', 'trade-2018']);
    const linked = loadFacts(forecast.replace('settledBy: trade-2022', 'settledBy: trade-2018') + fact('trade-2018'));
    expect(problems(linked)).toEqual([]);
    const fromOutcome = loadFacts(fact('a', { settledBy: 'b' }) + fact('b'));
    expect(only(fromOutcome).message).toMatch(/^`settledBy` links a plan or forecast to the outcome that settles it; this fact's kind is "outcome"/);
  });

  it('a fact from an estimated source that says "last year" must be marked estimated (a warning)', () => {
    const undated = source({ id: 'undated', estimate: '2016' }, 'Last year trade fell.\n');
    const ws = loadFacts(
      fact('a', { when: '2015', source: 'undated', statement: 'Trade fell in 2015.', evidence: 'Last year trade fell.' }),
      { 'sources/undated.md': undated },
    );
    expect(only(ws)).toMatchObject({ severity: 'warning', line: 1, column: 3 });
    expect(only(ws).message).toMatch(/has only an estimated date: mark the fact `estimated: true`/);
    expect(ws.facts).toHaveLength(1);
    const marked = loadFacts(fact('a', { when: '2015', estimated: 'true', source: 'undated', statement: 'Trade fell.', evidence: 'Last year trade fell.' }), {
      'sources/undated.md': undated,
    });
    expect(problems(marked)).toEqual([]);
  });
});

describe('sources', () => {
  const sourceOnly = (text: string) => workspaceOf({ ...vocabulary, 'sources/s.md': text });

  it('a source without front matter is reported at its first line', () => {
    const ws = sourceOnly('Just the text of a document.\n');
    expect(only(ws)).toMatchObject({ file: 'layer1/sources/s.md', line: 1, column: 1 });
    expect(only(ws).message).toMatch(/^a source file starts with YAML front matter/);
    expect(ws.sources.size).toBe(0);
  });

  it('a source with both a date and an estimate is reported at the date', () => {
    const ws = sourceOnly('---\nid: s\ntitle: T\nauthor: unknown\npublisher: unknown\ndate: 2019\nestimate:\n  date: 2019\n  basis: Guess.\n---\nText.\n');
    expect(only(ws)).toMatchObject({ line: 6, column: 7 });
    expect(only(ws).message).toMatch(/a source gives exactly one of `date`.* and `estimate`/);
  });

  it('a source with neither a date nor an estimate is reported', () => {
    const ws = sourceOnly('---\nid: s\ntitle: T\nauthor: unknown\npublisher: unknown\n---\nText.\n');
    expect(only(ws).message).toMatch(/a source gives exactly one of `date`/);
    expect(ws.sources.size).toBe(0);
  });

  it('front matter errors carry the line in the file (after the opening ---)', () => {
    const ws = sourceOnly('---\nid: s\ntitle: T\nauthor: unknown\npublisher: unknown\ndate: 2019-13-45\n---\nText.\n');
    expect(only(ws)).toMatchObject({ line: 6, column: 7, message: '`date`: "2019-13-45" is not a date: month 13 does not exist in "s"' });
  });

  it("a source's text is everything after the front matter, unchanged", () => {
    const ws = sourceOnly(source({ id: 's', date: '2019' }, '  Indented “quoted” text\u00a0with a no-break space.\n\n'));
    expect(ws.sources.get('s')!.text).toBe('  Indented “quoted” text\u00a0with a no-break space.\n\n');
    expect(ws.sources.get('s')!.bodyLine).toBe(9);
  });

  it("an estimated source is reported as of its estimate", () => {
    const ws = sourceOnly(source({ id: 's', estimate: '2016' }, 'Text.\n'));
    expect(ws.sources.get('s')!.reported).toBe('2016');
  });
});

describe('people: their country and roles', () => {
  /** An entities file of the fixture's countries and a place, then `people` (YAML lines). */
  const withPeople = (people: string) =>
    workspaceOf({
      ...bundled,
      'entities.yaml': `- { id: china, name: China, type: country }
- { id: kazakhstan, name: Kazakhstan, type: country }
- { id: khorgos, name: Khorgos, type: place }
${people}`,
    });

  it('a person with a country and dated, sourced roles loads without a word', () => {
    const ws = withPeople(`- id: wang-yi
  name: Wang Yi
  type: person
  country: china
  role: Foreign Minister of China (2019)
  roles:
    - { title: Foreign Minister of China, when: 2019-04-01, source: report-2019 }
    - { title: Foreign Minister of China, when: { from: 2018, to: 2019 }, estimated: true, source: report-2019 }
`);
    expect(problems(ws)).toEqual([]);
    expect(ws.entities.get('wang-yi')).toMatchObject({
      country: 'china',
      roles: [
        { title: 'Foreign Minister of China', when: '2019-04-01', estimated: false, source: 'report-2019' },
        { title: 'Foreign Minister of China', when: { from: '2018', to: '2019' }, estimated: true, source: 'report-2019' },
      ],
    });
  });

  it('an unknown country is reported at the person, with a did-you-mean, and the person stays', () => {
    const ws = withPeople('- { id: wang-yi, name: Wang Yi, type: person, country: chna }\n');
    expect(only(ws)).toEqual({
      severity: 'error',
      file: 'layer1/entities.yaml',
      line: 4,
      column: 3,
      message: 'person "wang-yi" names unknown country "chna" (did you mean "china"?)',
    });
    expect(ws.entities.has('wang-yi')).toBe(true);
  });

  it('a country that is not a country entity is reported', () => {
    const ws = withPeople('- { id: wang-yi, name: Wang Yi, type: person, country: khorgos }\n');
    expect(only(ws)).toMatchObject({ line: 4, column: 3, message: 'person "wang-yi" names "khorgos" as their country, but it is a place, not a country' });
  });

  it('a role citing an unknown source is reported at the person, with a did-you-mean', () => {
    const ws = withPeople(`- { id: wang-yi, name: Wang Yi, type: person }
- id: murat-nurtleu
  name: Murat Nurtleu
  type: person
  roles:
    - { title: Foreign Minister of Kazakhstan, when: 2019, source: report-2091 }
`);
    expect(only(ws)).toEqual({
      severity: 'error',
      file: 'layer1/entities.yaml',
      line: 5,
      column: 3,
      message: 'role "Foreign Minister of Kazakhstan" of person "murat-nurtleu" cites unknown source "report-2091" (did you mean "report-2019"?)',
    });
  });

  it('a country or roles on anything but a person is reported', () => {
    const ws = withPeople('- { id: almaty, name: Almaty, type: place, country: kazakhstan, roles: [{ title: City, source: report-2019 }] }\n');
    expect(only(ws)).toMatchObject({ line: 4, column: 3, message: 'entity "almaty" is a place: only a person has `country` and `roles`' });
  });

  it("a role's date is checked as a fact's is, at the date", () => {
    const ws = withPeople(`- id: wang-yi
  name: Wang Yi
  type: person
  roles:
    - { title: Foreign Minister of China, when: 2019-13, source: report-2019 }
`);
    expect(only(ws)).toMatchObject({ line: 8, column: 49, message: '`roles.when`: "2019-13" is not a date: month 13 does not exist in "wang-yi"' });
  });

  it('a role needs its title and its source', () => {
    const ws = withPeople('- { id: wang-yi, name: Wang Yi, type: person, roles: [{ title: Foreign Minister of China }] }\n');
    expect(only(ws).message).toBe('`roles.source` is missing in "wang-yi"');
  });
});

describe('files from disk', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'briefwright-load-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  async function folder(name: string, files: Record<string, string | Buffer>): Promise<string> {
    const root = join(dir, name);
    for (const [path, content] of Object.entries(files)) {
      await mkdir(join(root, path, '..'), { recursive: true });
      await writeFile(join(root, path), content);
    }
    return root;
  }
  const crlf = (text: string) => text.replace(/\n/g, '\r\n');
  const bom = (text: string) => `\uFEFF${text}`;

  it('files with a BOM or CRLF line endings still load', async () => {
    const root = await folder('crlf', {
      'topics.yaml': bom(crlf(vocabulary['topics.yaml'])),
      'entities.yaml': crlf(vocabulary['entities.yaml']),
      'indicators.yaml': bom(vocabulary['indicators.yaml']),
      'sources/report-2019.md': bom(crlf(report)),
      'facts/f.yaml': bom(crlf(`${fact('a')}${fact('b', { evidence: 'The new crossing opened in December.' })}`)),
    });
    const ws = loadWorkspace([await readLayer('disk', root, 'disk')]);
    expect(problems(ws)).toEqual([]);
    expect(ws.facts.map((f) => f.id)).toEqual(['a', 'b']);
    expect(ws.sources.get('report-2019')!.text).not.toContain('\r');
    expect(ws.factsById.get('b')!.origin).toMatchObject({ file: 'disk/facts/f.yaml', line: 10, column: 3 });
  });

  it('in a CRLF file with a BOM, an error still has the right line and column', async () => {
    const root = await folder('crlf-error', { ...bundled, 'facts/f.yaml': bom(crlf(fact('a', { kind: 'outcom' }))) });
    const ws = loadWorkspace([await readLayer('disk', root, 'disk')]);
    expect(only(ws)).toMatchObject({ file: 'disk/facts/f.yaml', line: 7, column: 9 });
  });

  it('loadWorkspace itself accepts CRLF text and a BOM', () => {
    const ws = workspaceOf({ ...bundled, 'sources/report-2019.md': bom(crlf(report)), 'facts/f.yaml': bom(crlf(fact('a', { kind: 'outcom' }))) });
    expect(only(ws)).toMatchObject({ line: 7, column: 9 });
    expect(problems(workspaceOf({ ...bundled, 'sources/report-2019.md': bom(crlf(report)), 'facts/f.yaml': bom(crlf(fact('a'))) }))).toEqual([]);
  });

  it('a file that is not UTF-8 gives a "not UTF-8" diagnostic and the rest loads', async () => {
    const latin1 = Buffer.from(fact('cafe', { statement: 'Caf\u00e9 trade.' }), 'latin1');
    const root = await folder('latin1', { ...bundled, 'facts/latin1.yaml': latin1, 'facts/good.yaml': fact('good') });
    const ws = loadWorkspace([await readLayer('disk', root, 'disk')]);
    expect(only(ws)).toMatchObject({
      severity: 'error',
      file: 'disk/facts/latin1.yaml',
      message: 'file is not UTF-8 text (byte 0xE9 here is not UTF-8; the file may be Latin-1 or Windows-1252): save it as UTF-8',
    });
    expect(ws.facts.map((f) => f.id)).toEqual(['good']);
  });

  it('files of other kinds are passed on for the template loader, not read as facts', async () => {
    const root = await folder('templates', { ...bundled, 'templates/brief.hbs': '---\nid: brief\n---\n# {{title}}\n', 'notes.txt': 'ignored' });
    const ws = loadWorkspace([await readLayer('disk', root, 'disk')]);
    expect(problems(ws)).toEqual([]);
    expect(ws.otherFiles.map((o) => o.file.path)).toEqual(['templates/brief.hbs']);
  });
});

describe('layer names', () => {
  it('diagnostics name a file by its layer root and path', () => {
    const ws = loadWorkspace([layer({ ...bundled, 'facts/f.yaml': fact('a', { kind: 'outcom' }) }, 'user', '~/briefwright')]);
    expect(only(ws).file).toBe('~/briefwright/facts/f.yaml');
  });
});
