import { beforeAll, describe, expect, it } from 'vitest';
import type { Chart } from '../../../src/core/document/model';
import { queryFacts } from '../../../src/core/facts/query';
import { defaultFormat } from '../../../src/core/templates/format';
import { createHelpers, type HelperContext } from '../../../src/core/templates/helpers';
import { HELPER_NAMES, HELPERS } from '../../../src/shared/template-vocabulary';
import type { Workspace } from '../../../src/core/workspace/load';
import { openWorkspace } from '../../../src/platform/workspace-folder';

let workspace: Workspace;
let ctx: HelperContext;
const call = (name: string, params: unknown[] = [], hash: Record<string, unknown> = {}) => (createHelpers(ctx) as Record<string, (...args: unknown[]) => unknown>)[name]!(...params, { hash });

beforeAll(async () => {
  workspace = await openWorkspace({ user: false });
  const selection = queryFacts(workspace, { topics: ['trade', 'transport'], from: '2018', to: '2019' });
  if ('error' in selection) throw new Error(selection.error);
  ctx = { workspace, selection: selection.facts, topics: ['trade', 'transport'], format: defaultFormat, charts: new Map<string, Chart>(), today: '2026-11-22' };
});

describe('template helpers', () => {
  it('the one table of helpers (what the editor completes and the checker knows) is the helpers a template gets, each described', () => {
    expect([...HELPER_NAMES].sort()).toEqual(Object.keys(createHelpers(ctx)).sort());
    for (const name of HELPER_NAMES) expect(HELPERS[name].length, name).toBeGreaterThan(10);
  });

  it('no field a template reads is shadowed by a helper of the same name', () => {
    const facts = call('facts') as Record<string, unknown>[];
    const series = call('series', ['trade-turnover']) as Record<string, unknown>;
    const point = call('latest', ['trade-turnover']) as Record<string, unknown>;
    const fields = new Set([...facts.flatMap((f) => Object.keys(f)), ...Object.keys(series), ...Object.keys(point)]);
    expect([...fields].filter((f) => (HELPER_NAMES as readonly string[]).includes(f))).toEqual([]);
  });

  it('a fact with an inferred date says "(year estimated)", unless the template shows the date marked already', () => {
    const all = queryFacts(workspace, { topics: ['trade'] });
    if ('error' in all) throw new Error(all.error);
    const helpers = createHelpers({ ...ctx, selection: all.facts });
    const estimated = (helpers.facts!({ hash: { kind: 'outcome' } }) as { id: string; estimated: boolean }[]).find((f) => f.estimated);
    expect(estimated, 'an outcome with an estimated date in trade (the 2017 turnover, "last year" in a report dated 2018 by estimate)').toBeDefined();
    const text = (value: unknown) => String((value as { toHTML?: () => string }).toHTML?.() ?? value);
    expect(text(helpers.fact!(estimated, { hash: {} }))).toMatch(/ \(year estimated\) :cite\[/);
    expect(text(helpers.fact!(estimated, { hash: { markEstimate: false } }))).not.toContain('year estimated');
    expect(text(helpers.fact!(estimated, { hash: { markEstimate: false } }))).toMatch(/ :cite\[/);
  });

  it('facts stay within the selection and can be filtered by kind and figure', () => {
    const facts = call('facts', [], { topic: 'trade', kind: 'outcome', figures: true }) as { id: string; kind: string; figure?: string }[];
    expect(facts.length).toBeGreaterThan(3);
    expect(facts.every((f) => f.kind === 'outcome' && f.figure)).toBe(true);
    expect(facts.map((f) => f.id)).not.toContain('trade-turnover-2023');
  });

  it('the latest trade figure in 2018–2019 is the 2018 turnover, printed in full', () => {
    expect(call('latest', ['trade-turnover'])).toMatchObject({ period: '2018', value: '$19.885 billion', factId: 'trade-turnover-2018-zx' });
  });

  it('byYear lists a fact about a period in the year the period starts, not as undated', () => {
    const all = queryFacts(workspace, { topics: [...workspace.topics.keys()] });
    if ('error' in all) throw new Error(all.error);
    const helpers = createHelpers({ ...ctx, selection: all.facts, topics: [...workspace.topics.keys()] });
    const dated = helpers.facts!({ hash: { dated: true } }) as { id: string; when: string }[];
    const groups = helpers.byYear!(dated, { hash: {} }) as { year: string; facts: { id: string; when: string }[] }[];
    expect(groups.map((g) => g.year)).not.toContain('Undated');
    const yearOf = (when: string) => groups.find((g) => g.facts.some((f) => f.when === when))?.year;
    expect(yearOf('25–27 April 2019')).toBe('2019');
    // Every dated fact is listed once.
    expect(groups.flatMap((g) => g.facts).length).toBe(dated.length);
  });

  it('byYear puts an event the source does not date under "Reported by" its source’s date, after that year, never in it', () => {
    const all = queryFacts(workspace, { topics: [...workspace.topics.keys()] });
    if ('error' in all) throw new Error(all.error);
    const helpers = createHelpers({ ...ctx, selection: all.facts, topics: [...workspace.topics.keys()] });
    const events = helpers.facts!({ hash: { figures: false } }) as { id: string; when: string }[];
    const groups = helpers.byYear!(events, { hash: {} }) as { year: string; undated: boolean; facts: { id: string; when: string }[] }[];
    const years = groups.map((g) => g.year);
    // The op-ed is undated (April 2019 by estimate): what it mentions without a date is not an event of April 2019.
    const groupOf = (id: string) => groups.find((g) => g.facts.some((f) => f.id === id));
    expect(groupOf('hainan-visa-free-kz-tourists')).toMatchObject({ year: 'Reported by April 2019 (est.)', undated: true });
    expect(groupOf('hainan-visa-free-kz-tourists')!.facts.every((f) => f.when === 'not dated')).toBe(true);
    expect(groupOf('highway-kz-section-opened-2018')?.year).toBe('2018');
    expect(years.indexOf('Reported by April 2019 (est.)')).toBe(years.indexOf('2019') + 1);
    expect(years.indexOf('Reported by 2016 (est.)')).toBe(years.indexOf('2016') + 1);
    expect(groups.flatMap((g) => g.facts).length).toBe(events.length);
  });

  it('facts leaves out what exclude names: ids, facts or key figures', () => {
    const all = call('facts') as { id: string }[];
    const figures = call('keyFigures', [], { limit: 2 }) as { factId: string }[];
    expect(figures).toHaveLength(2);
    const rest = (exclude: unknown) => (call('facts', [], { exclude }) as { id: string }[]).map((f) => f.id);
    expect(rest(figures)).toEqual(all.map((f) => f.id).filter((id) => !figures.some((k) => k.factId === id)));
    expect(rest(all.slice(0, 3))).toEqual(all.slice(3).map((f) => f.id));
    expect(rest(`${all[0]!.id}, ${all[1]!.id}`)).toEqual(all.slice(2).map((f) => f.id));
  });

  it('perTopic shares a number among the chosen topics, never below its least', () => {
    // Two topics are chosen (trade, transport).
    expect(call('perTopic', [30])).toBe(15);
    expect(call('perTopic', [5])).toBe(2);
    const nine = createHelpers({ ...ctx, topics: [...workspace.topics.keys()] });
    expect(nine.perTopic!(30, { hash: {} })).toBe(3);
    expect(nine.perTopic!(30, { hash: { least: 4 } })).toBe(4);
    expect(nine.perTopic!(5, { hash: {} })).toBe(1);
    expect(() => call('perTopic', ['many'])).toThrow(/perTopic: give a number of items to share/);
  });

  it('prefer="figures" puts facts with figures first but keeps the order asked for', () => {
    const facts = call('facts', [], { topic: 'transport', prefer: 'figures', limit: 4, order: 'desc' }) as { figure?: string; when: string }[];
    expect(facts).toHaveLength(4);
    expect(facts.every((f) => f.figure)).toBe(true);
  });

  it('fact prints the statement escaped, marks an estimated year and cites', () => {
    const out = String(call('fact', ['trade-turnover-2018-zx']));
    expect(out).toBe('Trade between China and Kazakhstan reached $19.885 billion in 2018, according to Ambassador Zhang Xiao. :cite[trade-turnover-2018-zx]');
  });

  it('a chart of the trade topic is registered with its sources in the caption', () => {
    ctx.charts.clear();
    const out = String(call('chart', [], { indicator: 'alataw-freight' }));
    // One period only in 2018–2019: no chart is drawn rather than a single bar.
    expect(out).toBe('');
    const all = queryFacts(workspace, { topics: ['trade'] });
    if ('error' in all) throw new Error(all.error);
    const wide = { ...ctx, selection: all.facts };
    const markdown = String(createHelpers(wide).chart!({ hash: { indicator: 'trade-turnover' } }));
    expect(markdown).toContain('::chart{ref="chart-1"}');
    const chart = wide.charts.get('chart-1')!;
    expect(chart.points.map((p) => [p.label, p.value, p.estimated])).toEqual([
      ['2017', 18e9, true],
      ['2018', 19.885e9, false],
      ['2023', 41e9, false],
    ]);
    expect(chart.caption).toMatch(/^Sources: /);
    // Who vouches for each figure, as the tables say it: 2017 is the report's own; the others officials'.
    expect(chart.caption).toMatch(
      /Figures for 2018 according to Zhang Xiao, Ambassador of China to Kazakhstan; 2023 according to Wang Yi, Foreign Minister of China\.$/,
    );
    expect(chart.valueLabel).toBe('US$ billion');
  });
});
