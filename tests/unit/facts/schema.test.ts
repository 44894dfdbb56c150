// The fact schema: what one fact record must look like. The loader checks most records with a
// hand-written quick check and falls back to the zod schema for anything it does not accept;
// the two must never disagree on a record the quick check accepts.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkFactQuickly, factSchema } from '../../../src/core/facts/schema';

const sound = {
  id: 'trade-turnover-2023',
  statement: 'Bilateral trade turnover reached $41 billion in 2023.',
  topics: ['trade'],
  entities: ['china', 'kazakhstan'],
  when: 2023,
  estimated: false,
  kind: 'outcome',
  attribution: 'wang-yi',
  metric: { indicator: 'trade-turnover', value: 41e9, unit: 'USD', period: 2023, qualifier: 'exact' },
  source: 'wang-yi-astana-2024',
  evidence: 'last year’s trade turnover between the two countries reached $41 billion',
  note: 'A note.',
};

describe('the fact schema', () => {
  it('a sound fact passes, with a numeric year read as text', () => {
    const parsed = factSchema.parse(sound);
    expect(parsed.when).toBe('2023');
    expect(parsed.metric?.period).toBe('2023');
  });

  it('fills in the defaults: no entities, not estimated, an exact figure', () => {
    const { entities: _e, estimated: _s, ...rest } = sound;
    const parsed = factSchema.parse({ ...rest, metric: { indicator: 'x', value: 1, unit: 'USD' } });
    expect(parsed.entities).toEqual([]);
    expect(parsed.estimated).toBe(false);
    expect(parsed.metric?.qualifier).toBe('exact');
  });

  it('trims text fields and refuses empty ones', () => {
    expect(factSchema.parse({ ...sound, statement: '  Padded.\u00a0' }).statement).toBe('Padded.');
    expect(factSchema.safeParse({ ...sound, note: '   ' }).success).toBe(false);
  });

  it('a period that ends before it starts fails', () => {
    expect(factSchema.safeParse({ ...sound, when: { from: 2019, to: 2018 } }).success).toBe(false);
    expect(factSchema.safeParse({ ...sound, metric: { ...sound.metric, period: { from: '2019-02', to: '2019-01' } } }).success).toBe(false);
  });

  it('an infinite or non-numeric figure fails', () => {
    expect(factSchema.safeParse({ ...sound, metric: { ...sound.metric, value: Infinity } }).success).toBe(false);
    expect(factSchema.safeParse({ ...sound, metric: { ...sound.metric, value: '41e9' } }).success).toBe(false);
  });
});

describe('the quick check', () => {
  it('accepts a sound fact and gives what the schema gives', () => {
    expect(checkFactQuickly(structuredClone(sound))).toStrictEqual(factSchema.parse(sound));
  });

  it('leaves a record it does not accept as it was, for the schema to report on', () => {
    const record = { ...structuredClone(sound), statement: '  Padded.  ', when: 2018, kind: 'outcom' };
    const before = structuredClone(record);
    expect(checkFactQuickly(record)).toBeUndefined();
    expect(record).toStrictEqual(before);
  });

  it('never accepts a record the schema refuses, and never reads one differently (property)', () => {
    // Mostly sound values, now and then a wrong or missing one (`undefined`: the key is absent).
    const pick = (good: unknown[], bad: unknown[]) =>
      fc.oneof({ arbitrary: fc.constantFrom(...good), weight: 6 }, { arbitrary: fc.constantFrom(...bad), weight: 1 });
    const field = {
      id: pick(['a', 'trade-2018'], ['Trade-2018', 'trade--2018', '', 12, null, undefined]),
      statement: pick(['A statement.', '  padded  ', '\u00a0nbsp\u00a0'], ['', '   ', 5, ['x'], undefined]),
      topics: pick([['trade'], ['trade', 'energy']], [[], ['Bad'], 'trade', [1], null, undefined]),
      entities: pick([undefined, [], ['china'], ['china', 'x-y']], [['Bad Id'], 'china', null]),
      when: pick(
        [undefined, 2018, '2018', '2018-06', '2020-02-29', { from: 2015, to: 2018 }, { from: '2018-03', to: '2018-03-15' }],
        ['2019-02-29', 2018.5, -5, ' 2018', '2018 ', { from: '2019', to: '2018' }, { from: 2015 }, { from: 2015, to: 2018, x: 1 }, null, [2018], '2019-13-45'],
      ),
      estimated: pick([undefined, true, false], ['true', 0, null]),
      kind: pick(['outcome', 'forecast', 'plan', 'claim', 'context'], ['Outcome', 'outcom', undefined, 3]),
      attribution: pick([undefined, 'wang-yi'], ['Wang Yi', '', null]),
      metric: fc.oneof(
        { arbitrary: fc.constant(undefined), weight: 2 },
        { arbitrary: fc.constantFrom<unknown>(null, 'x', []), weight: 1 },
        {
          weight: 4,
          arbitrary: fc.record({
            indicator: pick(['trade-turnover'], ['Trade', undefined]),
            value: pick([1, 0, -2.5, 41e9], [Infinity, Number.NaN, '1', undefined]),
            unit: pick(['USD', ' USD '], ['', undefined, 3]),
            period: pick([undefined, 2023, '2023-05', { from: '2020', to: '2023' }], ['2023-13', null, { from: 2023, to: 2020 }]),
            qualifier: pick([undefined, 'exact', 'about', 'up-to'], ['roughly', 1]),
            extra: pick([undefined], [1]),
          }),
        },
      ),
      source: pick(['wang-yi-astana-2024'], ['Bad Source', undefined]),
      evidence: pick(['verbatim text', ' spaced '], ['', undefined]),
      note: pick([undefined, 'A note.'], ['', '  ', 7]),
      colour: pick([undefined], ['red']),
    };
    let accepted = 0;
    fc.assert(
      fc.property(fc.record(field), (record) => {
        // YAML never gives `undefined`: a key is either there or not.
        const input = JSON.parse(JSON.stringify(record, (_, v) => (typeof v === 'number' && !Number.isFinite(v) ? `__${v}` : v)), (_, v) =>
          v === '__Infinity' ? Infinity : v === '__NaN' ? Number.NaN : v,
        );
        const original = structuredClone(input);
        const full = factSchema.safeParse(original);
        const quick = checkFactQuickly(input);
        if (quick === undefined) {
          expect(input, 'a record the quick check declines is left as it was').toStrictEqual(original);
          return;
        }
        accepted++;
        expect(full.success, JSON.stringify(original)).toBe(true);
        expect(quick).toStrictEqual(full.data);
      }),
      { numRuns: 5000 },
    );
    expect(accepted).toBeGreaterThan(300);
  });

  it('accepts the common shapes, so that it is worth having', () => {
    const { note: _n, attribution: _a, metric: _m, ...plain } = sound;
    for (const record of [sound, plain, { ...sound, when: { from: '2015', to: 2018 } }, { ...sound, when: '2023-05-20' }]) {
      expect(checkFactQuickly(structuredClone(record)), JSON.stringify(record)).toBeDefined();
    }
  });
});
