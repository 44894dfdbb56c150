// A template is a file someone shared: it must not be able to run code, read files or reach
// anything outside the data it is given. Each known Handlebars escape (prototype access, the
// `constructor` chains of the published advisories, partials named as paths) is run through
// the real pipeline on the bundled workspace, and the outcome is checked the way an attacker
// would check it: a file the payload tries to create, a global it tries to set, and text in the
// paper that only a reached function or process object could produce.
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { prepareBrief } from '../../src/core/brief';
import { BriefError, type Diagnostic } from '../../src/core/diagnostics';
import { HELPER_NAMES, type HelperName } from '../../src/shared/template-vocabulary';
import { loadTemplates } from '../../src/core/templates/template';
import type { Workspace, WorkspaceLayer } from '../../src/core/workspace/load';
import { openWorkspace } from '../../src/platform/workspace-folder';

let workspace: Workspace;
let folder: string;
let marker: string;

beforeAll(async () => {
  workspace = await openWorkspace({ user: false });
  folder = await mkdtemp(join(tmpdir(), 'briefwright-hostile-'));
  marker = join(folder, 'pwned');
});

afterAll(async () => {
  await rm(folder, { recursive: true, force: true });
  delete (globalThis as Record<string, unknown>).__pwned;
});

const team: WorkspaceLayer = { name: 'team', root: 'team', files: [] };

/** Runs `body` as the body of a user's template; gives the Markdown, or the problems reported. */
function run(body: string): { markdown?: string; problems: Diagnostic[] } {
  const text = `---\nid: shared\nname: Shared template\n---\n${body}\n`;
  const templates = loadTemplates([...workspace.otherFiles, { layer: team, file: { path: 'templates/shared.hbs', text } }]);
  try {
    const brief = prepareBrief(workspace, templates, { template: 'shared', topics: ['trade'] });
    return { markdown: brief.markdown, problems: [] };
  } catch (error) {
    if (error instanceof BriefError) return { problems: error.diagnostics };
    throw error; // anything else is a fault of ours, and fails the test
  }
}

/** What only a reached function, a process object or a leaked prototype would print. */
const LEAK = /function|native code|\[object |process|require|child_process|env|PATH=|HOME=|\/etc\/|root:/i;

function expectNothingReached(body: string): void {
  const outcome = run(body);
  expect(existsSync(marker), 'the payload created a file').toBe(false);
  expect((globalThis as Record<string, unknown>).__pwned, 'the payload set a global').toBeUndefined();
  if (outcome.markdown !== undefined) {
    expect(outcome.markdown).not.toMatch(LEAK);
  } else {
    // Refused: with a sentence that names the template file and the place, and no stack.
    expect(outcome.problems.length).toBeGreaterThan(0);
    for (const problem of outcome.problems) {
      expect(problem.file).toMatch(/shared\.hbs$/);
      expect(problem.line).toBeGreaterThanOrEqual(5);
      expect(problem.message).not.toMatch(/\n\s+at /);
    }
  }
}

const touch = (path: string) => `return process.mainModule.require('fs').writeFileSync('${path}', 'x') || (globalThis.__pwned = 1)`;

describe('a shared template cannot run code', () => {
  it.each([
    ['the constructor of the context', '{{constructor.constructor "PAYLOAD"}}'],
    ['the constructor of a string', '{{#with "s" as |s|}}{{s.constructor.constructor "PAYLOAD"}}{{/with}}'],
    ['lookup of constructor, twice', '{{lookup (lookup this "constructor") "constructor"}}'],
    ['lookup of __proto__', '{{lookup this "__proto__"}}'],
    ['__proto__ by path', '{{this.__proto__}}{{inputs.__proto__.constructor}}'],
    ['__defineGetter__', '{{#with this}}{{__defineGetter__ "x" "y"}}{{/with}}'],
    ['__lookupGetter__', '{{__lookupGetter__ "__proto__"}}'],
    ['valueOf and toString', '{{valueOf}}{{toString}}{{hasOwnProperty "x"}}'],
    [
      'the 2019 string.sub.apply chain (CVE-2019-19919)',
      '{{#with "s" as |string|}}{{#with "e"}}{{#with split as |conslist|}}{{this.pop}}{{this.push (lookup string.sub "constructor")}}{{this.pop}}{{#with string.split as |codelist|}}{{this.pop}}{{this.push "PAYLOAD"}}{{this.pop}}{{#each conslist}}{{#with (string.sub.apply 0 codelist)}}{{this}}{{/with}}{{/each}}{{/with}}{{/with}}{{/with}}{{/with}}',
    ],
    [
      'the 4.5.3 bind chain through blockHelperMissing',
      '{{#with this as |obj|}}{{#with (obj.constructor.keys "1") as |arr|}}{{arr.pop}}{{arr.push obj.constructor.name.constructor.bind}}{{arr.pop}}{{arr.push "PAYLOAD"}}{{arr.pop}}{{#blockHelperMissing obj.constructor.name.constructor.bind}}{{#with (arr.constructor (obj.constructor.name.constructor.bind.apply obj.constructor.name.constructor arr))}}{{#with (obj.constructor.getOwnPropertyDescriptor this 0)}}{{#with (obj.constructor.defineProperty obj.constructor.prototype "toString" this)}}{{#with (obj.constructor.constructor "test")}}{{this}}{{/with}}{{/with}}{{/with}}{{/with}}{{/blockHelperMissing}}{{/with}}{{/with}}',
    ],
    ['helperMissing called by name', '{{helperMissing "x"}}{{#helperMissing}}{{/helperMissing}}'],
    ['the removed log helper', '{{log "x" level="error"}}'],
    ['a partial named by a lookup of constructor', '{{> (lookup this "constructor")}}'],
    ['each over the context, printing keys and values', '{{#each this}}{{@key}}={{this}};{{/each}}'],
  ])('%s reaches nothing', (_, payload) => {
    expectNothingReached(payload.replaceAll('PAYLOAD', touch(marker)));
  });
});

describe('a record is never printed as "[object Object]"', () => {
  it('printing a record names it and the field to print instead', () => {
    const outcome = run('Prepared for {{template}}.');
    expect(outcome.problems).toEqual([
      expect.objectContaining({
        file: 'team/templates/shared.hbs',
        line: 5,
        message: '"template" is a group of values, not text: print one of its fields, such as {{template.name}}',
      }),
    ]);
  });

  it('a number a helper gives still prints', () => {
    expect(run('{{#with (facts topic="trade") as |all|}}{{len all}}{{/with}}').markdown).toMatch(/^\d+$/m);
  });
});

describe('a shared template cannot read files', () => {
  it.each([
    ['a partial named as a path up the tree', '{{> ../../../../etc/passwd}}'],
    ['a partial named as an absolute path', '{{> "/etc/passwd"}}'],
    ['a partial named as a bundled file', '{{> "../pre-visit-brief"}}'],
  ])('%s is an unknown partial, named at its line', (_, payload) => {
    const outcome = run(payload);
    expect(outcome.markdown).toBeUndefined();
    expect(outcome.problems[0]).toMatchObject({ file: 'team/templates/shared.hbs', line: 5 });
    expect(outcome.problems[0]!.message).toMatch(/partial/i);
    expect(outcome.problems[0]!.message).not.toMatch(/root:/);
  });
});

describe('what helpers give a template has no path to a constructor', () => {
  // Each helper with arguments that make it return what it returns in the bundled templates:
  // the template then tries every way to walk from that value to code.
  const calls: Record<HelperName, string> = {
    facts: '(facts topic="trade")',
    fact: '(fact "trade-turnover-2018")',
    cite: '(cite "trade-turnover-2018")',
    counterparts: '(counterparts statements=true)',
    supporting: '(supporting "trade-turnover-2018,trade-turnover-2023")',
    line: '(line "We welcome the growth in trade [trade-turnover-2023]")',
    series: '(series "trade-turnover")',
    latest: '(latest "trade-turnover")',
    keyFigures: '(keyFigures "trade-turnover")',
    indicators: '(indicators topic="trade")',
    chart: '(chart "trade-turnover")',
    topicLabel: '(topicLabel "trade")',
    money: '(money 1000 "USD")',
    number: '(number 1000)',
    percent: '(percent 0.5)',
    quantity: '(quantity 1000 "tonnes")',
    date: '(date "2024-05")',
    dateRange: '(dateRange "2018" "2019")',
    today: '(today)',
    byYear: '(byYear (facts topic="trade"))',
    conflicts: '(conflicts)',
    perTopic: '(perTopic 30 least=3)',
    eq: '(eq 1 1)',
    ne: '(ne 1 2)',
    gt: '(gt 2 1)',
    lt: '(lt 1 2)',
    and: '(and true true)',
    or: '(or false true)',
    not: '(not false)',
    len: '(len (facts topic="trade"))',
    any: '(any (facts topic="trade"))',
    join: '(join (facts topic="trade") ", ")',
    upper: '(upper "x")',
    plural: '(plural 2 "train")',
  };

  it('the list of calls covers every helper', () => {
    expect(Object.keys(calls).sort()).toEqual([...HELPER_NAMES].sort());
  });

  it.each(Object.entries(calls))('the value of %s', (_, call) => {
    const walks = [
      `{{#with ${call} as |v|}}{{v.constructor}}{{v.constructor.constructor "PAYLOAD"}}{{v.__proto__}}{{lookup v "constructor"}}{{/with}}`,
      `{{#each ${call}}}{{this.constructor}}{{lookup this "constructor"}}{{this.__proto__}}{{this.constructor.constructor "PAYLOAD"}}{{/each}}`,
      `{{#with ${call} as |v|}}{{#each v}}{{#each this}}{{this.constructor}}{{lookup this "__proto__"}}{{/each}}{{/each}}{{/with}}`,
    ];
    for (const walk of walks) expectNothingReached(walk.replaceAll('PAYLOAD', touch(marker)));
  });
});

describe('the control: the checks would see a payload that worked', () => {
  it('a value holding a function would be caught by the leak pattern', () => {
    expect(String(Function.prototype.toString.call(Object))).toMatch(LEAK);
    expect(String(process)).toMatch(LEAK);
  });
});
