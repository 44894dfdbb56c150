// The people a paper's facts record, as the pre-visit brief's "Counterparts" prints them: each
// with the role the sources give, its date and source (cited), their country, and what they are
// recorded as saying; and `facts speaker=…`, what one side's officials said (talking points).
import { beforeAll, describe, expect, it } from 'vitest';
import { prepareBrief } from '../../../src/core/brief';
import type { Chart } from '../../../src/core/document/model';
import { queryFacts } from '../../../src/core/facts/query';
import { defaultFormat } from '../../../src/core/templates/format';
import { createHelpers, type CounterpartView, type FactView, type HelperContext } from '../../../src/core/templates/helpers';
import { loadTemplates } from '../../../src/core/templates/template';
import type { Fact, Workspace } from '../../../src/core/workspace/load';
import { openWorkspace } from '../../../src/platform/workspace-folder';

let workspace: Workspace;
/** Every fact reported from 2024 on: the Astana briefing of 20 May 2024. */
let ctx2024: HelperContext;
/** Every fact of the workspace. */
let ctxAll: HelperContext;

const select = (query: Parameters<typeof queryFacts>[1]): Fact[] => {
  const selection = queryFacts(workspace, query);
  if ('error' in selection) throw new Error(selection.error);
  return selection.facts;
};
const helpersOf = (ctx: HelperContext) => createHelpers(ctx) as Record<string, (...args: unknown[]) => unknown>;
const counterparts = (ctx: HelperContext, hash: Record<string, unknown> = {}) => helpersOf(ctx).counterparts!({ hash }) as CounterpartView[];
const text = (value: unknown) => String((value as { toHTML?: () => string }).toHTML?.() ?? value);

beforeAll(async () => {
  workspace = await openWorkspace({ user: false });
  const topics = [...workspace.topics.keys()];
  const base = { workspace, topics, format: defaultFormat, charts: new Map<string, Chart>(), today: '2026-11-22' };
  ctx2024 = { ...base, selection: select({ topics, from: '2024' }) };
  ctxAll = { ...base, selection: select({ topics }) };
});

describe('counterparts', () => {
  it('Wang Yi and Murat Nurtleu, with the role, date, source and country the 2024 briefing gives', () => {
    const people = counterparts(ctx2024, { statements: true });
    expect(people.map((p) => p.id)).toEqual(['wang-yi', 'murat-nurtleu']);
    const [wang, nurtleu] = people;
    expect(wang).toMatchObject({
      id: 'wang-yi',
      name: 'Wang Yi',
      role: 'Foreign Minister of China',
      since: '20 May 2024',
      country: 'China',
      roleSource: 'wang-yi-astana-2024',
    });
    expect(nurtleu).toMatchObject({
      name: 'Murat Nurtleu',
      role: 'Deputy Prime Minister – Foreign Minister of Kazakhstan',
      since: '20 May 2024',
      country: 'Kazakhstan',
      roleSource: 'wang-yi-astana-2024',
    });
  });

  it('what each is recorded as saying: facts attributed to them, from the 2024 source, each printed with its citation', () => {
    const helpers = helpersOf(ctx2024);
    const [wang] = helpers.counterparts!({ hash: { statements: true } }) as CounterpartView[];
    expect(wang!.statements.length).toBeGreaterThan(0);
    for (const statement of wang!.statements) {
      const fact = workspace.factsById.get(statement.id)!;
      expect(fact.attribution).toBe('wang-yi');
      expect(fact.source).toBe('wang-yi-astana-2024');
      expect(text(helpers.fact!(statement, { hash: {} }))).toMatch(new RegExp(`:cite\\[${statement.id}\\]`));
    }
  });

  it('most statements first, then by name; a person only named in a fact is listed too, unless statements=true', () => {
    const people = counterparts(ctxAll, { limit: 1 });
    const said = (id: string) => ctxAll.selection.filter((f) => f.attribution === id).length;
    const counts = people.map((p) => said(p.id));
    expect(counts).toEqual([...counts].sort((a, b) => b - a));
    expect(people[0]!.id).toBe('zhang-xiao');
    // Xi Jinping and Kassym-Jomart Tokayev are named in facts, never quoted.
    expect(people.slice(-2).map((p) => p.name)).toEqual(['Kassym-Jomart Tokayev', 'Xi Jinping']);
    expect(people.slice(-2).every((p) => p.statements.length === 0)).toBe(true);
    expect(counterparts(ctxAll, { statements: true }).map((p) => p.id)).not.toContain('xi-jinping');
  });

  it('statements are the most significant first, as facts order="significance" gives them, at most `limit` (3 unless told)', () => {
    const helpers = helpersOf(ctxAll);
    const [zhang] = helpers.counterparts!({ hash: {} }) as CounterpartView[];
    const bySignificance = helpers.facts!({ hash: { speaker: 'zhang-xiao', order: 'significance', limit: 3 } }) as FactView[];
    expect(zhang!.statements.map((s) => s.id)).toEqual(bySignificance.map((f) => f.id));
    const count = (items: CounterpartView['statements']) => items.reduce((n, s) => n + 1 + (s.also?.length ?? 0), 0);
    expect(count(zhang!.statements)).toBeLessThanOrEqual(3);
    for (const person of counterparts(ctxAll, { limit: 1 })) expect(count(person.statements)).toBeLessThanOrEqual(1);
    expect(counterparts(ctxAll, { limit: 0 }).every((p) => p.statements.length === 0)).toBe(true);
  });

  it('people= keeps the first few', () => {
    expect(counterparts(ctxAll, { people: 2 }).map((p) => p.id)).toEqual(['zhang-xiao', 'zhang-wei']);
  });

  it('country="kazakhstan" keeps only Kazakh persons; the name, in any case, does the same', () => {
    const kazakh = counterparts(ctxAll, { country: 'kazakhstan' });
    expect(kazakh.map((p) => p.id).sort()).toEqual(['kassym-jomart-tokayev', 'murat-nurtleu', 'nursultan-nazarbayev']);
    expect(kazakh.every((p) => p.country === 'Kazakhstan')).toBe(true);
    expect(counterparts(ctxAll, { country: 'KAZAKHSTAN' })).toEqual(kazakh);
    expect(counterparts(ctxAll, { country: 'China' }).every((p) => p.country === 'China')).toBe(true);
  });

  it('a country that names nothing is a mistake, with a did-you-mean', () => {
    expect(() => counterparts(ctxAll, { country: 'Kazakstan' })).toThrow('counterparts: country names no country called "Kazakstan" (did you mean "Kazakhstan"?)');
  });

  it('a role known only by an estimated date says so', () => {
    expect(counterparts(ctxAll).find((p) => p.id === 'zhang-xiao')).toMatchObject({ role: 'Ambassador of China to Kazakhstan', since: 'April 2019 (est.)' });
  });

  it('a person recorded the older way (one line of `role`) keeps that line, with no date or source to cite', () => {
    const wang = workspace.entities.get('wang-yi')!;
    const entities = new Map(workspace.entities).set('wang-yi', { ...wang, roles: undefined, role: 'Foreign Minister of China (2024)' });
    const [person] = counterparts({ ...ctx2024, workspace: { ...workspace, entities } }, { statements: true });
    expect(person).toMatchObject({ id: 'wang-yi', role: 'Foreign Minister of China (2024)', country: 'China' });
    expect(person).not.toHaveProperty('since');
    expect(person).not.toHaveProperty('roleSource');
  });

  it('statements printed here are not printed again by facts unseen=true', () => {
    const helpers = helpersOf(ctx2024);
    const [wang] = helpers.counterparts!({ hash: { statements: true } }) as CounterpartView[];
    for (const statement of wang!.statements) helpers.fact!(statement, { hash: {} });
    const unseen = (helpers.facts!({ hash: { unseen: true } }) as FactView[]).map((f) => f.id);
    for (const statement of wang!.statements) expect(unseen).not.toContain(statement.id);
  });
  it('unseen=true leaves out statements the paper has printed, and with statements=true the people left with none', () => {
    const helpers = helpersOf(ctx2024);
    const wangSaid = helpers.facts!({ hash: { speaker: 'wang-yi' } }) as FactView[];
    for (const fact of wangSaid.slice(1)) helpers.fact!(fact, { hash: {} });
    const [wang] = helpers.counterparts!({ hash: { statements: true, unseen: true, limit: 10 } }) as CounterpartView[];
    expect(wang!.statements.map((s) => s.id)).toEqual([wangSaid[0]!.id]);
    helpers.fact!(wangSaid[0], { hash: {} });
    const left = helpers.counterparts!({ hash: { statements: true, unseen: true } }) as CounterpartView[];
    expect(left.map((p) => p.id)).toEqual(['murat-nurtleu']);
  });
});

describe('citing the source of a role', () => {
  it('cite source=roleSource cites the source itself; given nothing it prints nothing; an unknown source is a mistake', () => {
    const helpers = helpersOf(ctx2024);
    expect(text(helpers.cite!({ hash: { source: 'wang-yi-astana-2024' } }))).toBe(':cite{source="wang-yi-astana-2024"}');
    expect(text(helpers.cite!({ hash: { source: undefined } }))).toBe('');
    expect(() => helpers.cite!({ hash: { source: 'wang-yi-astana-2042' } })).toThrow('cite: no source has the id "wang-yi-astana-2042" (did you mean "wang-yi-astana-2024"?)');
  });

  it('in a paper, the role is followed by a note giving its source in full', () => {
    const body = '{{#each (counterparts statements=true)}}\n**{{name}}**, {{role}} ({{since}}) {{cite source=roleSource}}\n\n{{/each}}\n::sources\n';
    const file = { path: 'templates/people.hbs', text: `---\nid: people\nname: People\n---\n${body}` };
    const templates = loadTemplates([...workspace.otherFiles, { layer: { name: 'team', root: 'team', files: [] }, file }]);
    const brief = prepareBrief(workspace, templates, { template: 'people', from: '2024' }, { now: new Date('2026-11-22') });
    expect(brief.markdown).toContain('**Wang Yi**, Foreign Minister of China (20 May 2024) :cite{source="wang-yi-astana-2024"}');
    const note = brief.document.notes[0]!;
    expect(note).toMatchObject({ number: 1, sourceId: 'wang-yi-astana-2024' });
    expect(note.text).toContain('“Wang Yi\'s press briefing with Murat Nurtleu in Astana”');
    expect(note.text).toContain('20 May 2024');
    // Both people's roles rest on the one source: one note.
    expect(brief.document.notes).toHaveLength(1);
    expect(brief.document.sources.map((s) => s.id)).toEqual(['wang-yi-astana-2024']);
  });
});

describe('facts speaker=', () => {
  const attributedTo = (hash: Record<string, unknown>) =>
    new Set((helpersOf(ctxAll).facts!({ hash }) as FactView[]).map((f) => workspace.factsById.get(f.id)!.attribution));

  it('a country keeps what its people are recorded as saying, by id or by name', () => {
    expect(attributedTo({ speaker: 'Kazakhstan' })).toEqual(new Set(['nursultan-nazarbayev', 'murat-nurtleu']));
    expect(attributedTo({ speaker: 'kazakhstan' })).toEqual(attributedTo({ speaker: 'Kazakhstan' }));
    expect(attributedTo({ speaker: 'China' })).toEqual(new Set(['wang-yi', 'zhang-wei', 'zhang-xiao', 'zhang-hanhui']));
  });

  it('a person keeps what that person is recorded as saying', () => {
    expect(attributedTo({ speaker: 'Wang Yi' })).toEqual(new Set(['wang-yi']));
    expect(attributedTo({ speaker: 'murat-nurtleu', kind: 'claim' })).toEqual(new Set(['murat-nurtleu']));
  });

  it('left empty (an optional input), it filters nothing; naming nothing is a mistake', () => {
    const all = (helpersOf(ctxAll).facts!({ hash: {} }) as FactView[]).length;
    expect((helpersOf(ctxAll).facts!({ hash: { speaker: '' } }) as FactView[]).length).toBe(all);
    expect(() => helpersOf(ctxAll).facts!({ hash: { speaker: 'Wang Yl' } })).toThrow('facts: speaker names no person or country called "Wang Yl" (did you mean "Wang Yi"?)');
  });
});
