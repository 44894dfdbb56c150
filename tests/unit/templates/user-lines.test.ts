// What a user writes into a paper (lines to take, talking points) and the facts they attach to
// it: the facts print with their citations, from anywhere in the workspace.
import { beforeAll, describe, expect, it } from 'vitest';
import type { Chart } from '../../../src/core/document/model';
import { queryFacts } from '../../../src/core/facts/query';
import { defaultFormat } from '../../../src/core/templates/format';
import { createHelpers, type HelperContext } from '../../../src/core/templates/helpers';
import type { Workspace } from '../../../src/core/workspace/load';
import { openWorkspace } from '../../../src/platform/workspace-folder';

let ctx: HelperContext;
let workspace: Workspace;
const text = (value: unknown) => String((value as { toHTML?: () => string }).toHTML?.() ?? value);

beforeAll(async () => {
  workspace = await openWorkspace({ user: false });
  // Trade in 2018–2019 only: the 2023 turnover is outside the selection.
  const selection = queryFacts(workspace, { topics: ['trade'], from: '2018', to: '2019' });
  if ('error' in selection) throw new Error(selection.error);
  ctx = { workspace, selection: selection.facts, topics: ['trade'], format: defaultFormat, charts: new Map<string, Chart>(), today: '2026-11-22' };
});

describe('lines and points the user writes', () => {
  it('line prints the user’s words escaped, and cites the facts its closing brackets name', () => {
    const helpers = createHelpers(ctx);
    expect(text(helpers.line!('We welcome *record* trade [trade-turnover-2023]', { hash: {} }))).toBe('We welcome \\*record\\* trade :cite[trade-turnover-2023]');
    expect(text(helpers.line!('A line with no facts', { hash: {} }))).toBe('A line with no facts');
  });

  it('supporting gives the facts a user attached, in their order, even outside the chosen dates, and fact prints them cited', () => {
    const helpers = createHelpers(ctx);
    expect(ctx.selection.some((f) => f.id === 'trade-turnover-2023')).toBe(false);
    const facts = helpers.supporting!(['trade-turnover-2023', 'trade-turnover-2018-zx'], { hash: {} }) as { id: string; statement: string }[];
    expect(facts.map((f) => f.id)).toEqual(['trade-turnover-2023', 'trade-turnover-2018-zx']);
    expect(text(helpers.fact!(facts[0], { hash: {} }))).toMatch(/ :cite\[trade-turnover-2023\]$/);
  });

  it('an id no fact has is an error that names it and suggests the nearest', () => {
    const helpers = createHelpers(ctx);
    expect(() => helpers.supporting!('trade-turnover-2032', { hash: {} })).toThrow(/supporting: no fact has the id "trade-turnover-2032".*trade-turnover-20/);
    expect(() => helpers.line!('Trade [trade-turnover-2032]', { hash: {} })).toThrow(/line: no fact has the id "trade-turnover-2032"/);
  });
});
