// Selecting facts the way the app's filters and `briefwright facts` do: by topic, date range,
// entity (who is named or who said it), kind, source and free text, minus the unticked ones;
// always in chronological order, a fact the source does not date at its source's reporting date.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { overlaps, rangeInterval, whenInterval } from '../../../src/core/facts/dates';
import { fold, queryFacts, type FactQuery } from '../../../src/core/facts/query';
import type { Fact } from '../../../src/core/workspace/load';
import { factsFile, problems, source, vocabulary, workspaceOf } from '../../fixtures/workspace';

/**
 * Nine facts from two sources: a 2024 briefing (dated) and a 2019 op-ed (date estimated),
 * spanning a period (2015–2018), a year, a month, days, a future plan and one undated fact.
 */
const briefing = source(
  { id: 'briefing-2024', date: '2024-05-20' },
  `ASTANA – Foreign Minister Wang Yi spoke with Murat Nurtleu.
“The two sides believe that eternal friendship has become the locomotive of bilateral relations,” said Wang.
According to Wang, last year’s trade turnover between the two countries reached $41 billion.
“Two sides are discussing to set a more ambitious trade target,” he said.
Nurtleu said that dozens of joint projects are being implemented near Khorgos.
`,
);
const opEd = source(
  { id: 'op-ed-2019', estimate: '2019-04' },
  `By the Ambassador
In 2018 alone, trade between China and Kazakhstan reached $19.9 billion.
The gas pipeline carried record volumes every year from 2015 to 2018.
Two railways run through Kazakhstan to Europe.
In June 2018, freight between the two countries grew.
This month a new freight terminal opened in Ürümqi.
`,
);

const base = { topics: ['trade'], entities: ['china', 'kazakhstan'], estimated: false };
const facts = factsFile([
  { ...base, id: 'trade-2023', statement: 'Trade turnover reached $41 billion in 2023, according to Wang Yi.', when: 2023, kind: 'outcome', attribution: 'wang-yi', source: 'briefing-2024', evidence: 'last year’s trade turnover between the two countries reached $41 billion' },
  { ...base, id: 'trade-target-2030', statement: 'The two sides were discussing a more ambitious trade target.', when: 2030, kind: 'plan', source: 'briefing-2024', evidence: 'Two sides are discussing to set a more ambitious trade target' },
  { ...base, id: 'locomotive-2024', topics: ['diplomacy'], statement: 'Wang Yi called friendship the “locomotive” of China’s relations with Kazakhstan.', when: '2024-05-20', kind: 'claim', attribution: 'wang-yi', source: 'briefing-2024', evidence: 'eternal friendship has become the locomotive of bilateral relations' },
  { ...base, id: 'joint-projects-khorgos', topics: ['transport'], entities: ['khorgos'], statement: 'Dozens of joint projects were under way near Khorgos, according to Murat Nurtleu.', when: '2024-05-20', kind: 'claim', attribution: 'murat-nurtleu', source: 'briefing-2024', evidence: 'dozens of joint projects are being implemented near Khorgos' },
  { ...base, id: 'trade-2018', statement: 'Trade reached $19.9 billion in 2018.', when: 2018, kind: 'outcome', source: 'op-ed-2019', evidence: 'In 2018 alone, trade between China and Kazakhstan reached $19.9 billion.' },
  { ...base, id: 'pipeline-2015-2018', topics: ['energy'], statement: 'The gas pipeline carried record volumes from 2015 to 2018.', when: { from: '2015', to: '2018' }, kind: 'outcome', source: 'op-ed-2019', evidence: 'The gas pipeline carried record volumes every year from 2015 to 2018.' },
  { ...base, id: 'freight-2018-06', topics: ['transport'], statement: 'Freight between the two countries grew in June 2018.', when: '2018-06', kind: 'outcome', source: 'op-ed-2019', evidence: 'In June 2018, freight between the two countries grew.' },
  { ...base, id: 'urumqi-terminal', topics: ['transport'], entities: ['china'], statement: 'A new freight terminal opened in Ürümqi.', when: '2019-04', estimated: true, kind: 'outcome', source: 'op-ed-2019', evidence: 'This month a new freight terminal opened in Ürümqi.', note: 'The month is the op-ed’s estimated date.' },
  { ...base, id: 'railways-to-europe', topics: ['transport'], statement: 'Two railways run through Kazakhstan to Europe.', kind: 'context', source: 'op-ed-2019', evidence: 'Two railways run through Kazakhstan to Europe.' },
]);

const workspace = workspaceOf({ ...vocabulary, 'sources/briefing-2024.md': briefing, 'sources/op-ed-2019.md': opEd, 'facts/mixed.yaml': facts });

const ids = (query: FactQuery): string[] => {
  const result = queryFacts(workspace, query);
  if ('error' in result) throw new Error(result.error);
  return result.facts.map((f) => f.id);
};

describe('the query fixture', () => {
  it('loads all nine facts without a problem', () => {
    expect(problems(workspace)).toEqual([]);
    expect(workspace.facts).toHaveLength(9);
  });
});

describe('order', () => {
  it('results are chronological, same-day facts by id, an undated fact at its source’s date (April 2019, est.)', () => {
    expect(ids({})).toEqual([
      'pipeline-2015-2018',
      'trade-2018',
      'freight-2018-06',
      'railways-to-europe',
      'urumqi-terminal',
      'trade-2023',
      'joint-projects-khorgos',
      'locomotive-2024',
      'trade-target-2030',
    ]);
  });
});

describe('by topic', () => {
  it('one topic gives only its facts', () => {
    expect(ids({ topics: ['trade'] })).toEqual(['trade-2018', 'trade-2023', 'trade-target-2030']);
  });

  it('several topics give the facts of any of them', () => {
    expect(ids({ topics: ['energy', 'diplomacy'] })).toEqual(['pipeline-2015-2018', 'locomotive-2024']);
  });

  it('an empty topic list means every topic', () => {
    expect(ids({ topics: [] })).toHaveLength(9);
  });
});

describe('by date range', () => {
  it('a fact dated 2018 and a period 2015–2018 are inside 2018-06..2019-03; 2019-04 is not', () => {
    expect(ids({ from: '2018-06', to: '2019-03' })).toEqual(['pipeline-2015-2018', 'trade-2018', 'freight-2018-06']);
  });

  it('a range open at the end takes in future plans', () => {
    expect(ids({ from: '2024' })).toEqual(['joint-projects-khorgos', 'locomotive-2024', 'trade-target-2030']);
  });

  it('a range open at the start stops at its end', () => {
    expect(ids({ to: '2018-05' })).toEqual(['pipeline-2015-2018', 'trade-2018']);
  });

  it('an undated fact is inside a range that holds its source’s reporting date, and outside one that does not', () => {
    expect(ids({ from: '1900' })).toContain('railways-to-europe');
    expect(ids({ from: '2019-04', to: '2019-04' })).toContain('railways-to-europe');
    expect(ids({ from: '2018-06', to: '2019-03' })).not.toContain('railways-to-europe');
    expect(ids({ from: '2020' })).not.toContain('railways-to-europe');
  });

  it('undated facts are listed at their source’s reporting date when no range is given', () => {
    expect(ids({ topics: ['transport'] })).toEqual(['freight-2018-06', 'railways-to-europe', 'urumqi-terminal', 'joint-projects-khorgos']);
  });

  it('a range that ends before it starts is an error, not an empty list', () => {
    expect(queryFacts(workspace, { from: '2020', to: '2019' })).toEqual({ error: 'the range ends (2019) before it starts (2020)' });
  });

  it('an impossible date is an error with the reason', () => {
    expect(queryFacts(workspace, { from: '2019-13-45' })).toEqual({ error: '"2019-13-45" is not a date: month 13 does not exist' });
  });
});

describe('by entity', () => {
  it('a fact is found by an entity it names', () => {
    expect(ids({ entities: ['khorgos'] })).toEqual(['joint-projects-khorgos']);
  });

  it('a fact is found by who said it (attribution), even when it does not name them', () => {
    expect(ids({ entities: ['wang-yi'] })).toEqual(['trade-2023', 'locomotive-2024']);
    expect(ids({ entities: ['murat-nurtleu'] })).toEqual(['joint-projects-khorgos']);
  });

  it('several entities give the facts of any of them', () => {
    expect(ids({ entities: ['khorgos', 'wang-yi'] })).toEqual(['trade-2023', 'joint-projects-khorgos', 'locomotive-2024']);
  });
});

describe('by kind and source', () => {
  it('kinds select forecasts and plans apart from outcomes', () => {
    expect(ids({ kinds: ['plan', 'forecast'] })).toEqual(['trade-target-2030']);
    expect(ids({ kinds: ['claim'] })).toEqual(['joint-projects-khorgos', 'locomotive-2024']);
    expect(ids({ kinds: ['context'] })).toEqual(['railways-to-europe']);
  });

  it('sources select the facts curated from them', () => {
    expect(ids({ sources: ['briefing-2024'] })).toEqual(['trade-2023', 'joint-projects-khorgos', 'locomotive-2024', 'trade-target-2030']);
  });
});

describe('by free text', () => {
  it('is case-insensitive', () => {
    expect(ids({ text: 'KHORGOS' })).toEqual(['joint-projects-khorgos']);
  });

  it('is accent-insensitive both ways', () => {
    expect(ids({ text: 'urumqi' })).toEqual(['urumqi-terminal']);
    expect(ids({ text: 'ÜRÜMQI' })).toEqual(['urumqi-terminal']);
  });

  it('matches straight quotes to curly ones and curly to straight', () => {
    expect(ids({ text: '"locomotive"' })).toEqual(['locomotive-2024']);
    expect(ids({ text: "China's" })).toEqual(['locomotive-2024']);
    expect(ids({ text: 'last year’s' })).toEqual(['trade-2023']);
    expect(ids({ text: "last year's" })).toEqual(['trade-2023']);
  });

  it('needs every word, in any order, in the statement, evidence, note or ids', () => {
    expect(ids({ text: 'billion trade' })).toEqual(['trade-2018', 'trade-2023']);
    expect(ids({ text: 'billion 41' })).toEqual(['trade-2023']);
    expect(ids({ text: 'estimated date' })).toEqual(['urumqi-terminal']); // only in the note
    expect(ids({ text: 'nurtleu' })).toEqual(['joint-projects-khorgos']);
    expect(ids({ text: 'khorgos' })).toEqual(['joint-projects-khorgos']);
  });

  it('blank text matches everything', () => {
    expect(ids({ text: '   ' })).toHaveLength(9);
  });

  it('folding lower-cases, strips accents and straightens quotes', () => {
    expect(fold('Ürümqi’s “Café”')).toBe('urumqi\'s "cafe"');
  });
});

describe('workspaces not made by the loader', () => {
  it('facts in any order are still selected by range, in the order given', () => {
    const shuffled = { ...workspace, facts: [...workspace.facts].reverse() };
    const result = queryFacts(shuffled, { from: '2018-06', to: '2019-03' });
    expect('facts' in result && result.facts.map((f) => f.id)).toEqual(['freight-2018-06', 'trade-2018', 'pipeline-2015-2018']);
  });

  it('a query sees facts added to a new facts list', () => {
    const fewer = { ...workspace, facts: workspace.facts.filter((f) => f.id !== 'trade-2018') };
    expect(queryFacts(workspace, { topics: ['trade'] })).toHaveProperty('facts.length', 3);
    expect(queryFacts(fewer, { topics: ['trade'] })).toHaveProperty('facts.length', 2);
  });
});

describe('against a plain filter', () => {
  /** The query as its definition reads, fact by fact, with no index. */
  function reference(facts: readonly Fact[], q: FactQuery): string[] {
    const range = rangeInterval(q.from, q.to);
    if ('error' in range) return [];
    const bounded = q.from !== undefined || q.to !== undefined;
    const words = q.text ? fold(q.text).split(/\s+/).filter(Boolean) : [];
    return facts
      .filter((f) => {
        if (q.topics?.length && !f.topics.some((t) => q.topics!.includes(t))) return false;
        if (q.kinds?.length && !q.kinds.includes(f.kind)) return false;
        if (q.entities?.length && !f.entities.some((e) => q.entities!.includes(e)) && !(f.attribution && q.entities.includes(f.attribution))) return false;
        if (bounded) {
          // A fact the source does not date counts at its source's reporting date (2024 here).
          const w = whenInterval(f.when ?? '2024');
          if (!w || !('interval' in w) || !overlaps(w.interval, range.interval)) return false;
        }
        const hay = fold([f.id, f.statement, f.evidence, f.note ?? '', f.topics.join(' '), f.entities.join(' ')].join('\n'));
        return words.every((w) => hay.includes(w));
      })
      .map((f) => f.id);
  }

  it('gives what the plain filter gives, in the same order, for any facts and query (property)', () => {
    const year = fc.integer({ min: 2014, max: 2020 });
    const date = fc.oneof(year.map(String), fc.tuple(year, fc.integer({ min: 1, max: 12 })).map(([y, m]) => `${y}-${String(m).padStart(2, '0')}`));
    const when = fc.oneof(fc.constant(undefined), date, fc.tuple(date, date).map(([a, b]) => (a <= b ? { from: a, to: b } : { from: b, to: a })));
    const topic = fc.constantFrom('trade', 'transport', 'energy', 'diplomacy');
    const fact = fc.record({ topics: fc.uniqueArray(topic, { minLength: 1, maxLength: 2 }), when, kind: fc.constantFrom('outcome', 'plan', 'claim'), word: fc.constantFrom('grain', 'Grain', 'oil', 'rail') });
    const query = fc.record(
      {
        topics: fc.uniqueArray(topic, { maxLength: 2 }),
        from: date,
        to: date,
        kinds: fc.uniqueArray(fc.constantFrom('outcome' as const, 'plan' as const), { maxLength: 1 }),
        text: fc.constantFrom('grain', 'OIL', 'rail 2', 'x'),
      },
      { requiredKeys: [] },
    );
    fc.assert(
      fc.property(fc.array(fact, { maxLength: 30 }), fc.array(query, { minLength: 1, maxLength: 8 }), (records, queries) => {
        const sourceText = 'Grain oil rail.';
        const ws = workspaceOf({
          ...vocabulary,
          'sources/s.md': source({ id: 's', date: '2024' }, `${sourceText}\n`),
          'facts/f.yaml': factsFile(
            records.map((r, i) => ({ id: `f-${i}`, statement: `About ${r.word}.`, topics: r.topics, ...(r.when ? { when: r.when } : {}), kind: r.kind, source: 's', evidence: sourceText })),
          ),
        });
        expect(problems(ws)).toEqual([]);
        for (const q of queries) {
          const result = queryFacts(ws, q);
          const expected = 'error' in rangeInterval(q.from, q.to) ? undefined : reference(ws.facts, q);
          if (expected === undefined) expect(result).toHaveProperty('error');
          else expect('facts' in result && result.facts.map((f) => f.id), JSON.stringify(q)).toEqual(expected);
        }
      }),
      { numRuns: 150 },
    );
  });
});

describe('exclude and combinations', () => {
  it('excluded facts are left out', () => {
    expect(ids({ topics: ['trade'], exclude: ['trade-2018'] })).toEqual(['trade-2023', 'trade-target-2030']);
  });

  it('topic, range and text narrow together', () => {
    expect(ids({ topics: ['trade'], from: '2018', to: '2019', text: 'billion' })).toEqual(['trade-2018']);
    expect(ids({ topics: ['trade', 'transport'], from: '2018', to: '2019', kinds: ['outcome'] })).toEqual([
      'trade-2018',
      'freight-2018-06',
      'urumqi-terminal',
    ]);
  });
});
