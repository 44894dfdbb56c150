// Indicator series: one value per period, the most recently reported one winning; different
// values for the same period reported as conflicts; forecasts, plans and claims never shown
// as outcomes. First on a small fixture, then on the bundled China–Kazakhstan workspace.
import { beforeAll, describe, expect, it } from 'vitest';
import { whenKey } from '../../../src/core/facts/dates';
import { buildSeries, indicatorsIn, type Series } from '../../../src/core/facts/series';
import type { Workspace } from '../../../src/core/workspace/load';
import { openWorkspace } from '../../../src/platform/workspace-folder';
import { factsFile, problems, source, vocabulary, workspaceOf } from '../../fixtures/workspace';

const summary = (points: Series['points']) => points.map((p) => `${whenKey(p.period)}=${p.value}${p.estimated ? '*' : ''}`);

/**
 * Trade turnover as four sources report it: 2018 first as 19.8 and then, revised a year later,
 * as 19.9 (a conflict); 2017 twice with the same value (no conflict); 2016 only from an
 * undated source; a 2030 target, a 2025 forecast and an official's claim alongside.
 */
const sources = {
  'sources/yearbook-2019.md': source({ id: 'yearbook-2019', date: '2019-03-01' }, 'Trade in 2018 was $19.8 billion. Trade in 2017 was $18 billion.\n'),
  'sources/yearbook-2020.md': source(
    { id: 'yearbook-2020', date: '2020-02-01' },
    'Revised: trade in 2018 was $19.9 billion. Trade in 2019 was $21.9 billion. Trade in 2017 was $18 billion.\n',
  ),
  'sources/briefing-2024.md': source(
    { id: 'briefing-2024', date: '2024-05-20' },
    'Last year trade reached $41 billion. The target is $80 billion by 2030. Trade is expected to reach $50 billion in 2025. The minister says trade this year will be $45 billion.\n',
  ),
  'sources/undated-report.md': source({ id: 'undated-report', estimate: '2017' }, 'Last year trade was $13 billion.\n'),
};
const base = { topics: ['trade'], entities: ['china', 'kazakhstan'] };
const turnover = (value: number, period?: string | number) => ({ indicator: 'trade-turnover', value, unit: 'USD', ...(period ? { period } : {}) });
const factsYaml = factsFile([
  { ...base, id: 'trade-2018-first', statement: 'Trade was $19.8 billion in 2018.', when: 2018, kind: 'outcome', metric: turnover(19.8e9), source: 'yearbook-2019', evidence: 'Trade in 2018 was $19.8 billion.' },
  { ...base, id: 'trade-2018-revised', statement: 'Trade was $19.9 billion in 2018.', when: 2018, kind: 'outcome', metric: turnover(19.9e9), source: 'yearbook-2020', evidence: 'trade in 2018 was $19.9 billion.' },
  { ...base, id: 'trade-2019', statement: 'Trade was $21.9 billion in 2019.', when: 2019, kind: 'outcome', metric: turnover(21.9e9), source: 'yearbook-2020', evidence: 'Trade in 2019 was $21.9 billion.' },
  { ...base, id: 'trade-2017-a', statement: 'Trade was $18 billion in 2017.', when: 2017, kind: 'outcome', metric: turnover(18e9), source: 'yearbook-2019', evidence: 'Trade in 2017 was $18 billion.' },
  { ...base, id: 'trade-2017-b', statement: 'Trade was $18 billion in 2017.', when: 2017, kind: 'outcome', metric: turnover(18e9), source: 'yearbook-2020', evidence: 'Trade in 2017 was $18 billion.' },
  { ...base, id: 'trade-2016-estimated', statement: 'Trade was $13 billion in the year before the report (2016, estimated).', when: 2016, estimated: true, kind: 'outcome', metric: turnover(13e9), source: 'undated-report', evidence: 'Last year trade was $13 billion.', note: 'The year is inferred from the estimated date of the report.' },
  // The fact is dated by its briefing; the figure is for the year before.
  { ...base, id: 'trade-2023', statement: 'Trade reached $41 billion in 2023.', when: '2024-05-20', kind: 'outcome', metric: turnover(41e9, 2023), source: 'briefing-2024', evidence: 'Last year trade reached $41 billion.' },
  { ...base, id: 'trade-target-2030', statement: 'The trade target is $80 billion by 2030.', when: 2030, kind: 'plan', metric: turnover(80e9), source: 'briefing-2024', evidence: 'The target is $80 billion by 2030.' },
  { ...base, id: 'trade-forecast-2025', statement: 'Trade is expected to reach $50 billion in 2025.', when: 2025, kind: 'forecast', metric: turnover(50e9), source: 'briefing-2024', evidence: 'Trade is expected to reach $50 billion in 2025.' },
  { ...base, id: 'trade-claim-2024', statement: 'The minister says trade will be $45 billion in 2024.', when: 2024, kind: 'claim', metric: turnover(45e9), source: 'briefing-2024', evidence: 'The minister says trade this year will be $45 billion.' },
  { ...base, id: 'freight-2019', topics: ['transport'], statement: 'Trade in 2019 was $21.9 billion (not freight: a different indicator).', when: 2019, kind: 'outcome', source: 'yearbook-2020', evidence: 'Trade in 2019 was $21.9 billion.' },
]);

describe('series on a fixture', () => {
  const workspace = workspaceOf({ ...vocabulary, ...sources, 'facts/trade.yaml': factsYaml });
  const series = buildSeries(workspace, 'trade-turnover', workspace.facts)!;

  it('the fixture loads cleanly', () => {
    expect(problems(workspace)).toEqual([]);
    expect(workspace.facts).toHaveLength(11);
  });

  it('holds one outcome per period, in chronological order', () => {
    expect(summary(series.points)).toEqual(['2016=13000000000*', '2017=18000000000', '2018=19900000000', '2019=21900000000', '2023=41000000000']);
  });

  it('picks the most recently reported value for a period', () => {
    const p2018 = series.points.find((p) => whenKey(p.period) === '2018')!;
    expect(p2018.fact.id).toBe('trade-2018-revised');
    expect(p2018.reported).toBe('2020-02-01');
  });

  it('reports a conflict when two facts give different values for the same period, newest first', () => {
    expect(series.conflicts).toHaveLength(1);
    const [conflict] = series.conflicts;
    expect(conflict!.indicator).toBe('trade-turnover');
    expect(whenKey(conflict!.period)).toBe('2018');
    expect(conflict!.points.map((p) => p.fact.id)).toEqual(['trade-2018-revised', 'trade-2018-first']);
  });

  it('two sources agreeing on a value are not a conflict', () => {
    expect(series.conflicts.map((c) => whenKey(c.period))).not.toContain('2017');
  });

  it("a metric's own period wins over the fact's date", () => {
    const p = series.points.find((x) => x.fact.id === 'trade-2023')!;
    expect(p.period).toBe('2023');
  });

  it('flags a value whose year is inferred from an estimated source date', () => {
    const p = series.points.find((x) => whenKey(x.period) === '2016')!;
    expect(p.estimated).toBe(true);
    expect(p.reported).toBe('2017');
  });

  it('keeps forecasts and plans apart from outcomes', () => {
    expect(series.forecasts.map((p) => p.fact.id)).toEqual(['trade-forecast-2025', 'trade-target-2030']);
    expect(series.points.map((p) => p.fact.kind)).not.toContain('forecast');
    expect(series.points.map((p) => p.fact.kind)).not.toContain('plan');
  });

  it("keeps an official's claim apart from outcomes", () => {
    expect(series.claims.map((p) => p.fact.id)).toEqual(['trade-claim-2024']);
    expect(series.points.some((p) => p.value === 45e9)).toBe(false);
  });

  it('a forecast does not conflict with an outcome', () => {
    expect(series.conflicts.every((c) => c.points.every((p) => p.fact.kind === 'outcome' || p.fact.kind === 'context'))).toBe(true);
  });

  it('builds from the facts it is given (a selection), not the whole workspace', () => {
    const only = buildSeries(workspace, 'trade-turnover', workspace.facts.filter((f) => f.id.startsWith('trade-2018')))!;
    expect(summary(only.points)).toEqual(['2018=19900000000']);
  });

  it('an unknown indicator has no series; an indicator without values has an empty one', () => {
    expect(buildSeries(workspace, 'no-such-indicator', workspace.facts)).toBeUndefined();
    const freight = buildSeries(workspace, 'freight', workspace.facts)!;
    expect(freight.points).toEqual([]);
    expect(freight.conflicts).toEqual([]);
  });

  it('lists the indicators a selection has values for', () => {
    expect(indicatorsIn(workspace.facts)).toEqual(['trade-turnover']);
    expect(indicatorsIn(workspace.facts.filter((f) => f.id === 'freight-2019'))).toEqual([]);
  });
});

describe('series on the bundled workspace', () => {
  let workspace: Workspace;
  let trade: Series;
  beforeAll(async () => {
    workspace = await openWorkspace({ user: false });
    trade = buildSeries(workspace, 'trade-turnover', workspace.facts)!;
  });

  it('the trade-turnover series holds 2018 ($19.885 billion) and 2023 ($41 billion)', () => {
    const byPeriod = new Map(trade.points.map((p) => [whenKey(p.period), p.value]));
    expect(byPeriod.get('2018')).toBe(19.885e9);
    expect(byPeriod.get('2023')).toBe(41e9);
  });

  it("the undated source's figure ($18 billion) is in the series with its estimated year flagged", () => {
    const p = trade.points.find((x) => x.value === 18e9);
    expect(p, 'an $18 billion point').toBeDefined();
    expect(whenKey(p!.period)).toBe('2017');
    expect(p!.estimated).toBe(true);
    expect(p!.fact.source).toBe('central-asia-cooperation-report');
  });

  it('the series is chronological: 2017, 2018, 2023', () => {
    expect(trade.points.map((p) => whenKey(p.period))).toEqual(['2017', '2018', '2023']);
  });

  it('the $40 billion target is not an outcome point', () => {
    for (const id of workspace.indicators.keys()) {
      const series = buildSeries(workspace, id, workspace.facts)!;
      expect(series.points.filter((p) => p.value === 40e9).map((p) => `${id}: ${p.fact.id}`)).toEqual([]);
    }
    const target = buildSeries(workspace, 'trade-turnover-target', workspace.facts)!;
    expect(target.forecasts.map((p) => p.value)).toContain(40e9);
  });

  it('no outcome point is for a period after its source was written', () => {
    const late = workspace.facts.flatMap((f) => {
      // An undated figure has no period of its own (it is reported by its source's date).
      if (f.kind !== 'outcome' || !f.metric || (f.metric.period ?? f.when) === undefined) return [];
      const period = whenKey(f.metric.period ?? f.when!);
      const reported = workspace.sources.get(f.source)!.reported;
      return period.slice(0, 4) > reported.slice(0, 4) ? [`${f.id}: ${period} reported ${reported}`] : [];
    });
    expect(late).toEqual([]);
  });

  it('the bundled series have no conflicts the curators have not noted', () => {
    const unexplained = [...workspace.indicators.keys()].flatMap((id) =>
      buildSeries(workspace, id, workspace.facts)!.conflicts.filter((c) => c.points.some((p) => !p.fact.note)).map((c) => `${id} ${whenKey(c.period)}`),
    );
    expect(unexplained).toEqual([]);
  });
});
