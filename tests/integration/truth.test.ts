// A paper built from true facts must read true: read as a minister's briefer reads it, in every
// format where the rule shows (HTML, PDF, DOCX), each rule with the bundled example that broke
// it and a small workspace of its own.
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { spawnSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { prepareBrief, type BriefRequest, type Format } from '../../src/core/brief';
import { renderBrief } from '../../src/core/write';
import { renderChartSvg } from '../../src/core/charts/svg';
import type { Chart } from '../../src/core/document/model';
import { buildSeries } from '../../src/core/facts/series';
import { loadTemplates, type TemplateSet } from '../../src/core/templates/template';
import type { Workspace } from '../../src/core/workspace/load';
import { createApi } from '../../src/app/api';
import { openWorkspace } from '../../src/platform/workspace-folder';
import { ensureCliBuilt, repo } from '../fixtures/cli';
import { readDocx } from '../fixtures/read-docx';
import { readPdf, squash } from '../fixtures/read-pdf';
import { factsFile, source, vocabulary, workspaceOf } from '../fixtures/workspace';

let workspace: Workspace;
let templates: TemplateSet;
/** The day this issue was found: a paper made long after its newest fact. */
const december2026 = new Date('2026-12-02T09:00:00Z');
/** The day of the newest source, when its plans were live. */
const may2024 = new Date('2024-05-20T09:00:00Z');

beforeAll(async () => {
  workspace = await openWorkspace({ user: false });
  templates = loadTemplates(workspace.otherFiles);
});

/** The paper's text as a reader of `format` sees it, white space folded. */
async function paperText(request: BriefRequest, format: Exclude<Format, 'md'>, now = december2026, ws = workspace, set = templates): Promise<string> {
  const { bytes } = await renderBrief(ws, set, request, format, { now });
  if (format === 'pdf') return squash((await readPdf(bytes)).text);
  if (format === 'docx') {
    const docx = await readDocx(bytes);
    return squash(docx.paragraphs.map((p) => p.text).join('\n'));
  }
  const html = new TextDecoder().decode(bytes);
  return squash(
    html
      .replace(/<style[\s\S]*?<\/style>/g, ' ')
      // What a screen reader alone is told ("note 1" for a raised 1) is not what the page shows.
      .replace(/<span class="visually-hidden">[^<]*<\/span>/g, '')
      .replace(/<[^>]+>/g, ' ')
      .replace(/&amp;/g, '&')
      .replace(/&#39;|&apos;/g, "'")
      .replace(/&quot;/g, '"'),
  );
}

const FORMATS = ['html', 'pdf', 'docx'] as const;

describe('status is provenance', () => {
  it.each(FORMATS)('key figures (%s): a figure a foreign minister gave reads "according to" him, never "outcome"', async (format) => {
    const text = await paperText({ template: 'key-figures', topics: ['trade'] }, format);
    expect(text).toMatch(/Bilateral trade turnover\s+2023\s+\$41 billion\s*\d*\s+according to Wang Yi, Foreign Minister of China/);
    expect(text).not.toMatch(/\$41 billion\s*\d*\s+outcome/);
    expect(text).toMatch(/\$18 billion\s*\d*\s+outcome; period estimated/);
    expect(text).not.toMatch(/established/i);
  });

  it('talking points: the figures on the record are no official’s assertion; their stated positions are all the other side’s officials’', () => {
    const { markdown } = prepareBrief(workspace, templates, { template: 'talking-points' }, { now: december2026 });
    // No label of the template calls anything established.
    expect(markdown).not.toMatch(/\*\*[^*]*\*\* \([^)]*established/i);
    // Without points of the user's, there are none: no fact is made into a line to say.
    expect(markdown).not.toContain('## Points to make');
    const section = (title: string) => markdown.split(/\n## /).find((s) => s.startsWith(title)) ?? '';
    const cited = (text: string) => [...text.matchAll(/:cite\[([^\]]+)\]/g)].flatMap((m) => m[1]!.split(','));
    const record = cited(section('Figures on the record'));
    expect(record.length).toBeGreaterThan(0);
    for (const id of record) expect(workspace.factsById.get(id)?.attribution, `${id} under "Figures on the record"`).toBeUndefined();
    const stated = cited(section('Their stated positions'));
    expect(stated.length).toBeGreaterThan(2);
    for (const id of stated) {
      const speaker = workspace.entities.get(workspace.factsById.get(id)?.attribution ?? '');
      expect(speaker?.country, `${id} under "Their stated positions" is said by ${speaker?.name}`).toBe('kazakhstan');
    }
  });

  it.each(FORMATS)('talking points (%s): the trade figures on the record are the record’s own; the Chinese minister’s figure stands under his name', async (format) => {
    const text = await paperText({ template: 'talking-points', topics: ['trade'], inputs: { counterpart: 'China' } }, format);
    const stated = text.slice(text.indexOf('Their stated positions'), text.indexOf('Figures on the record'));
    const record = text.slice(text.indexOf('Figures on the record'), text.indexOf('Sources', text.indexOf('Figures on the record')));
    expect(record).toMatch(/\$18 billion in the year before the report/);
    expect(record).not.toMatch(/according to (Wang|Ambassador|Zhang|Nazarbayev|Murat|Nurtleu)/);
    expect(stated).toMatch(/\$41 billion in 2023, according to Wang Yi/);
  });

  it('a workspace of its own: an unattributed result is an outcome, an asserted one is the speaker’s, a target says so', () => {
    const ws = small();
    const { markdown } = prepareBrief(ws, templates, { template: 'key-figures', topics: ['trade'] }, { now: december2026 });
    expect(markdown).toMatch(/\| Bilateral trade turnover \| 2018 \| \$20 billion :cite\[trade-2018\] \| outcome \|/);
    expect(markdown).toMatch(/\| Bilateral trade turnover \| 2019 \| \$25 billion :cite\[trade-2019\] \| \*according to Wang Yi, Foreign Minister of China\* \|/);
    expect(markdown).toMatch(/\| Trade target \| 2020 \| \$30 billion — missed in 2020\\: \$28 billion :cite\[target-2020\] \| \*target\* \|/);
  });
});

/** The pre-visit brief's callout of plans and forecasts still open, or '' where it is left out. */
function register(markdown: string): string {
  const at = markdown.indexOf(':::callout{title="Open plans and forecasts to ask about"}');
  return at < 0 ? '' : markdown.slice(at, markdown.indexOf('\n:::', at + 1));
}

describe('plans and forecasts are reconciled with what happened', () => {
  it.each(FORMATS)('pre-visit brief (%s): the surpassed 40-billion-dollar target is not an open plan to ask about', async (format) => {
    const text = await paperText({ template: 'pre-visit-brief', topics: ['trade', 'diplomacy'] }, format);
    // In December 2026 no plan of the fact base is open: the callout is left out, with no placeholder in its place.
    expect(text).not.toContain('Open plans and forecasts to ask about');
    expect(text).not.toMatch(/No open plans/);
    expect(text).not.toMatch(/target of \$40 billion for bilateral trade(?! —)/);
  });

  it('a meeting scheduled for 21 May 2024 reads as past in a paper of December 2026, and as a point to register in one of May 2024', () => {
    const request: BriefRequest = { template: 'pre-visit-brief', topics: ['diplomacy'] };
    const late = prepareBrief(workspace, templates, request, { now: december2026 }).markdown;
    expect(late).toMatch(/was scheduled to convene in Astana on 21 May 2024[^\n]*\(21 May 2024 has passed; no outcome is recorded\)/);
    expect(register(late)).toBe('');
    const onTheDay = prepareBrief(workspace, templates, request, { now: may2024 }).markdown;
    expect(register(onTheDay)).toMatch(/Council of National Coordinators[^\n]*21 May 2024/);
    expect(register(onTheDay)).not.toContain('has passed');
  });

  it.each(FORMATS)('key figures (%s): the 40-billion-dollar target reads as surpassed in 2023 by 41 billion', async (format) => {
    const text = await paperText({ template: 'key-figures', topics: ['trade'] }, format);
    expect(text).toMatch(/\$40 billion — surpassed in 2023: \$41 billion/);
  });

  it.each(FORMATS)('chronology (%s): the highway "going to open soon" is not listed beside its opening', async (format) => {
    const text = await paperText({ template: 'chronology', topics: ['transport'] }, format);
    expect(text).toMatch(/Western Europe–Western China highway opened to traffic in 2018/);
    expect(text).not.toMatch(/going to open soon/);
    expect(text).not.toMatch(/was expected to open in 2015/);
  });

  it('a workspace of its own: a target settled by a later outcome, a forecast past its date, and one still open', () => {
    const ws = small();
    const june2021 = new Date('2021-06-01T00:00:00Z');
    const plans = withTemplate(ws, '{{#each (facts kind="plan,forecast")}}\n- {{fact this}}\n{{/each}}', june2021).markdown;
    expect(plans).toMatch(/Officials set a target of \$30 billion for 2020\. :cite\[target-2020\] — missed in 2020\\: \$28 billion :cite\[trade-2020\]/);
    const brief = prepareBrief(ws, templates, { template: 'pre-visit-brief', topics: ['trade'] }, { now: june2021 }).markdown;
    expect(register(brief)).toContain('Officials expected trade to reach $40 billion in 2022.');
    expect(register(brief)).not.toContain('$30 billion');
    const later = withTemplate(ws, '{{#each (facts kind="plan,forecast")}}\n- {{fact this}}\n{{/each}}', new Date('2023-06-01T00:00:00Z')).markdown;
    expect(later).toMatch(/Officials expected trade to reach \$40 billion in 2022\. \(2022 has passed; no outcome is recorded\)/);
  });
});

describe('every paper says how current it is', () => {
  const bundled = ['pre-visit-brief', 'key-figures', 'chronology', 'talking-points', 'sector-one-pager'];
  it.each(FORMATS)('every bundled template (%s) says "Information as of 20 May 2024" (the newest source) on its cover', async (format) => {
    for (const template of bundled) {
      const text = await paperText({ template, ...(template === 'sector-one-pager' ? { topics: ['trade'] } : {}) }, format);
      expect(text, template).toMatch(/information as of:? 20 May 2024/i);
    }
  });

  it('a paper of one old source is as current as that source, estimates said as such', async () => {
    const text = await paperText({ template: 'key-figures', topics: ['trade'], from: '2017', to: '2017' }, 'html');
    expect(text).toMatch(/Information as of: 2018 \(estimated\)/);
  });

  it('the app warns, beside the preview and not in the paper, when the paper is long after its newest fact', async () => {
    const folder = await mkdtemp(join(tmpdir(), 'briefwright-truth-'));
    try {
      const preview = async (now: Date) => {
        const api = createApi({ userFolder: folder, now: () => now, logError: () => undefined });
        const response = await api.handle('preview', { request: { template: 'sector-one-pager', topics: ['trade'] } });
        if (!response.ok) throw new Error(response.problems.map((p) => p.message).join('\n'));
        return response.result as { pdf: string; staleness?: string };
      };
      const late = await preview(december2026);
      expect(late.staleness).toBe(
        "The newest fact in this paper was reported by 20 May 2024, 2 years and 6 months before this paper's date (2 December 2026): look for newer figures before it goes out.",
      );
      expect(squash((await readPdf(Buffer.from(late.pdf, 'base64'))).text)).not.toContain('newer figures');
      expect((await preview(new Date('2024-09-01T00:00:00Z'))).staleness).toBeUndefined();
    } finally {
      await rm(folder, { recursive: true, force: true });
    }
  });
});

describe('chronologies date what happened', () => {
  it.each(FORMATS)('chronology (%s): what the undated op-ed mentions is "reported by April 2019 (est.)", not an event of April 2019', async (format) => {
    const text = await paperText({ template: 'chronology' }, format);
    const group = text.indexOf('Reported by April 2019 (est.)');
    expect(group).toBeGreaterThan(0);
    const visa = text.indexOf('Kazakh tourists could stay in China');
    expect(visa).toBeGreaterThan(group);
    // The group follows 2019's dated events, and no entry is dated "April 2019 (est.)".
    expect(text.indexOf('25–27 April 2019')).toBeLessThan(group);
    expect(text).not.toMatch(/(?<!(Reported by|25–27) )April 2019 \(est\.\)/);
  });

  it('a workspace of its own: an undated event sits under "Reported by" its source’s date, after the dated year', () => {
    const { markdown } = prepareBrief(small(), templates, { template: 'chronology', topics: ['trade'] }, { now: december2026 });
    const at = (text: string) => markdown.indexOf(text);
    expect(at('## 2018')).toBeGreaterThan(0);
    expect(at('## Reported by 2018 (est.)')).toBeGreaterThan(at('## 2018'));
    expect(at('## Reported by 2018 (est.)')).toBeLessThan(at('## 2022'));
    expect(at('A trade office opened in Almaty.')).toBeGreaterThan(at('## Reported by 2018 (est.)'));
    expect(markdown).toMatch(/\| not dated \| A trade office opened in Almaty\. :cite\[trade-office\] \|/);
  });
});

describe('series and charts tell the truth', () => {
  const chartOf = (ws: Workspace, indicator: string, now = december2026): Chart => {
    const { document } = withTemplate(ws, `{{chart indicator="${indicator}"}}`, now);
    const block = document.blocks.find((b) => b.type === 'chart');
    if (block?.type !== 'chart') throw new Error('no chart');
    return block.chart;
  };
  /** The middle of each bar (only bars are drawn with an x). */
  const centres = (svg: string): number[] => [...svg.matchAll(/<rect x="([\d.]+)" y="[\d.]+" width="([\d.]+)"/g)].map((m) => Number(m[1]) + Number(m[2]) / 2);

  it('trade turnover: 2017, 2018 and 2023 stand apart as the years do, 2023 five times as far from 2018 as 2018 from 2017', () => {
    const chart = chartOf(workspace, 'trade-turnover');
    expect(chart.points.map((p) => p.label)).toEqual(['2017', '2018', '2023']);
    const [a, b, c] = centres(renderChartSvg(chart));
    expect((c! - b!) / (b! - a!)).toBeCloseTo(5, 1);
    // The source's own precision, no more: "19.885", "41", "18".
    expect(chart.points.map((p) => p.valueText)).toEqual(['18', '19.885', '41']);
    expect(chart.points[0]!.estimated).toBe(true);
  });

  it.each(['pdf', 'docx'] as const)('the trade one-pager (%s): the chart’s caption says who gave its figures', async (format) => {
    const text = await paperText({ template: 'sector-one-pager', topics: ['trade'] }, format);
    expect(text).toContain('Figures for 2018 according to Zhang Xiao, Ambassador of China to Kazakhstan; 2023 according to Wang Yi, Foreign Minister of China.');
    // The chart's labels are drawn as text in the PDF: the source's precision, no more.
    if (format === 'pdf') expect(text).toMatch(/\b19\.885\b/);
  });

  it('no chart joins the three differently defined project lists (over 50 in 2016, 55 in 2019, 45 in 2024)', () => {
    for (const id of ['industrial-projects', 'capacity-cooperation-projects', 'industrial-cooperation-projects-identified']) {
      const series = buildSeries(workspace, id, workspace.facts)!;
      expect(series.points.length + series.forecasts.length, id).toBe(1);
    }
  });

  it('a workspace of its own: labels keep "over" and the source’s precision, an undated figure is "reported by", a conflict is shown', () => {
    const chart = chartOf(small(), 'freight');
    expect(chart.points.map((p) => [p.label, p.valueText, p.conflict ?? false])).toEqual([
      ['2018', 'over 16', true],
      ['2019', '2.39', false],
      ['reported by 1 December 2019', '3', false],
    ]);
    const svg = renderChartSvg(chart);
    expect(svg).toContain('>over 16†<');
    expect(svg).not.toMatch(/16\.00|2\.390/);
    expect(svg).toContain('† sources give other values');
    expect(chart.caption).toMatch(/Sources disagree: for 2018 over 16 million tonnes \(Source report-2019\) against 15 million tonnes \(Source op-ed\)/);
  });
});

describe('selection by significance', () => {
  it('the trade one-pager’s key points lead with what matters and keep a count and its value in one bullet', () => {
    const { markdown } = prepareBrief(workspace, templates, { template: 'sector-one-pager', topics: ['finance'] }, { now: december2026 });
    const points = markdown.slice(markdown.indexOf('## Key points'), markdown.indexOf('::sources')).split('\n').filter((l) => l.startsWith('- '));
    // "55 projects … worth over $27.4 billion": one bullet, never two.
    const pair = points.filter((l) => /industrial-projects-2019-zx|industrial-projects-value-2019-zx/.test(l));
    expect(pair.length).toBeLessThanOrEqual(1);
    if (pair.length === 1) expect(pair[0]).toMatch(/industrial-projects-2019-zx[\s\S]*industrial-projects-value-2019-zx|industrial-projects-value-2019-zx[\s\S]*industrial-projects-2019-zx/);
  });

  it('the all-topics brief prints no fact twice in its topic sections', () => {
    const { markdown } = prepareBrief(workspace, templates, { template: 'pre-visit-brief', topics: [...workspace.topics.keys()] }, { now: december2026 });
    const sections = markdown.slice(markdown.indexOf('## Trade'), markdown.indexOf('## Recent chronology'));
    const cited = [...sections.matchAll(/:cite\[([^\]]+)\]/g)].map((m) => m[1]!);
    expect(cited.filter((id, i) => cited.indexOf(id) !== i)).toEqual([]);
  });

  it('a workspace of its own: the latest outcome of each indicator first, then named things, a curator’s weight above both', () => {
    const ws = small();
    const { markdown } = prepareBrief(ws, templates, { template: 'pre-visit-brief', topics: ['trade'] }, { now: december2026 });
    const section = markdown.slice(markdown.indexOf('## Trade'), markdown.indexOf('## Recent chronology'));
    const order = [...section.matchAll(/:cite\[([^\]]+)\]/g)].map((m) => m[1]!);
    // The office (weighted high), then the latest of each indicator (trade 2020, freight as it stood in December 2019), then the rest.
    expect(order.slice(0, 3)).toEqual(['trade-office', 'trade-2020', 'freight-now']);
  });
});

describe('briefwright validate reports what a paper would get wrong', () => {
  let folder: string;
  beforeAll(async () => {
    ensureCliBuilt();
    folder = await mkdtemp(join(tmpdir(), 'briefwright-truth-cli-'));
    await mkdir(join(folder, 'facts'));
    await mkdir(join(folder, 'sources'));
    await writeFile(join(folder, 'sources', 'team-note.md'), source({ id: 'team-note', date: '2024-06-01' }, 'Rail freight grew to 30 million tonnes.\nThe ministry expects trade to double by 2030.\n'));
    await writeFile(join(folder, 'indicators.yaml'), '- id: team-rail\n  name: Rail freight\n  unit: tonnes\n  topics: [transport]\n  definition: Freight carried by rail between the two countries in a year.\n');
    await writeFile(
      join(folder, 'facts', 'team.yaml'),
      factsFile([
        { id: 'team-rail-2024', statement: 'Rail freight grew to 30 million tonnes.', topics: ['transport'], when: 2024, kind: 'outcome', metric: { indicator: 'team-rail', value: 30e6, unit: 'tonnes', definition: 'All cargo, any mode.' }, source: 'team-note', evidence: 'Rail freight grew to 30 million tonnes.' },
        { id: 'team-trade-double', statement: 'The ministry expected trade to double by 2030.', topics: ['trade'], when: 2030, kind: 'forecast', source: 'team-note', evidence: 'The ministry expects trade to double by 2030.', settledBy: 'team-trade-2030' },
      ]),
    );
  });
  afterAll(async () => {
    await rm(folder, { recursive: true, force: true });
  });

  it('an undated figure placed on a period, a definition that departs from its indicator’s, a linked outcome that is missing', () => {
    const run = spawnSync(process.execPath, ['bin/briefwright.js', 'validate', '--workspace', folder], {
      cwd: repo,
      encoding: 'utf8',
      env: { ...process.env, BRIEFWRIGHT_HOME: join(folder, 'home'), NO_COLOR: '1' },
      timeout: 30_000,
    });
    expect(run.status).toBe(0);
    const lines = run.stderr.split('\n').filter((l) => l.includes('team.yaml'));
    expect(lines).toHaveLength(3);
    expect(lines[0]).toMatch(/facts\/team\.yaml:1:3: warning: the figure counts "All cargo, any mode\.", but indicator "team-rail" is defined as/);
    expect(lines[1]).toMatch(/facts\/team\.yaml:1:3: warning: the figure is placed on 2024, but its evidence gives no date/);
    expect(lines[2]).toMatch(/facts\/team\.yaml:\d+:3: warning: the outcome that settles this forecast, "team-trade-2030", is missing/);
    expect(run.stdout + run.stderr).toMatch(/3 warnings/);
  });
});

/** The paper a user's own template makes: `body` under a title, over the trade facts of `ws`. */
function withTemplate(ws: Workspace, body: string, now: Date) {
  const set = loadTemplates([
    ...ws.otherFiles,
    { layer: { name: 'test', root: 'test', files: [] }, file: { path: 'templates/own.hbs', text: `---\nid: own\nname: Own\n---\n# Own\n\n${body}\n` } },
  ]);
  return prepareBrief(ws, set, { template: 'own', topics: ['trade'] }, { now });
}

/**
 * A small workspace of its own: trade outcomes (one attributed), a target settled by a later
 * outcome, a forecast still open in 2021, an undated office opening, and freight figures with a
 * qualifier, a conflict and one the source does not date.
 */
function small(): Workspace {
  const report = source(
    { id: 'report-2019', date: '2019-12-01' },
    `Trade reached $20 billion in 2018.
In 2018 freight passed 16 million tonnes.
Freight reached 2.39 million tonnes in 2019.
Freight now stands at 3 million tonnes.
A trade forum met in Astana in 2018.
`,
  );
  const later = source(
    { id: 'review-2021', date: '2021-03-01', title: 'Trade review' },
    `Wang Yi said trade reached $25 billion in 2019.
Officials set a target of $30 billion for 2020.
Trade came to $28 billion in 2020.
Officials expect trade to reach $40 billion in 2022.
`,
  );
  const opEd = source({ id: 'op-ed', estimate: '2018' }, 'In 2018 freight came to 15 million tonnes.\nA trade office opened in Almaty.\n');
  const base = { topics: ['trade'], entities: ['china', 'kazakhstan'] };
  const facts = factsFile([
    { ...base, id: 'trade-2018', statement: 'Trade reached $20 billion in 2018.', when: 2018, kind: 'outcome', metric: { indicator: 'trade-turnover', value: 20e9, unit: 'USD' }, source: 'report-2019', evidence: 'Trade reached $20 billion in 2018.' },
    { ...base, id: 'trade-2019', statement: 'Trade reached $25 billion in 2019, according to Wang Yi.', when: 2019, kind: 'outcome', attribution: 'wang-yi', metric: { indicator: 'trade-turnover', value: 25e9, unit: 'USD' }, source: 'review-2021', evidence: 'Wang Yi said trade reached $25 billion in 2019.' },
    { ...base, id: 'trade-2020', statement: 'Trade came to $28 billion in 2020.', when: 2020, kind: 'outcome', metric: { indicator: 'trade-turnover', value: 28e9, unit: 'USD' }, source: 'review-2021', evidence: 'Trade came to $28 billion in 2020.' },
    { ...base, id: 'target-2020', statement: 'Officials set a target of $30 billion for 2020.', when: 2020, kind: 'plan', metric: { indicator: 'trade-target', value: 30e9, unit: 'USD' }, source: 'review-2021', evidence: 'Officials set a target of $30 billion for 2020.', settledBy: 'trade-2020' },
    { ...base, id: 'forecast-2022', statement: 'Officials expected trade to reach $40 billion in 2022.', when: 2022, kind: 'forecast', source: 'review-2021', evidence: 'Officials expect trade to reach $40 billion in 2022.' },
    { ...base, id: 'trade-office', entities: ['trade-office-almaty'], statement: 'A trade office opened in Almaty.', kind: 'outcome', source: 'op-ed', evidence: 'A trade office opened in Almaty.', weight: 'high' },
    { ...base, id: 'trade-forum-2018', statement: 'A trade forum met in Astana in 2018.', when: 2018, kind: 'outcome', source: 'report-2019', evidence: 'A trade forum met in Astana in 2018.' },
    { ...base, id: 'freight-2018', topics: ['trade'], statement: 'Freight passed 16 million tonnes in 2018.', when: 2018, kind: 'outcome', metric: { indicator: 'freight', value: 16e6, unit: 'tonnes', qualifier: 'over' }, source: 'report-2019', evidence: 'In 2018 freight passed 16 million tonnes.' },
    { ...base, id: 'freight-2018-op-ed', topics: ['trade'], statement: 'Freight came to 15 million tonnes in 2018.', when: 2018, estimated: true, kind: 'outcome', metric: { indicator: 'freight', value: 15e6, unit: 'tonnes' }, source: 'op-ed', evidence: 'In 2018 freight came to 15 million tonnes.', note: 'Year from the text; the op-ed is estimated.' },
    { ...base, id: 'freight-2019', topics: ['trade'], statement: 'Freight reached 2.39 million tonnes in 2019.', when: 2019, kind: 'outcome', metric: { indicator: 'freight', value: 2.39e6, unit: 'tonnes' }, source: 'report-2019', evidence: 'Freight reached 2.39 million tonnes in 2019.' },
    { ...base, id: 'freight-now', topics: ['trade'], statement: 'Freight stood at 3 million tonnes.', kind: 'outcome', metric: { indicator: 'freight', value: 3e6, unit: 'tonnes' }, source: 'report-2019', evidence: 'Freight now stands at 3 million tonnes.' },
  ]);
  const entities = `${vocabulary['entities.yaml']}- { id: trade-office-almaty, name: Trade office in Almaty, type: organisation }\n`.replace(
    '- { id: wang-yi, name: Wang Yi, type: person }',
    '- { id: wang-yi, name: Wang Yi, type: person, role: "Foreign Minister of China (2019)" }',
  );
  const indicators = `${vocabulary['indicators.yaml']}- id: trade-target\n  name: Trade target\n  unit: USD\n  topics: [trade]\n`;
  const ws = workspaceOf({
    ...vocabulary,
    'entities.yaml': entities,
    'indicators.yaml': indicators,
    'sources/report-2019.md': report,
    'sources/review-2021.md': later,
    'sources/op-ed.md': opEd,
    'facts/small.yaml': facts,
  });
  const problems = ws.diagnostics.filter((d) => d.severity === 'error');
  if (problems.length > 0) throw new Error(problems.map((d) => d.message).join('\n'));
  return { ...ws, otherFiles: workspace.otherFiles };
}

describe('every source a reader is pointed to is listed', () => {
  it('every document a chart caption names is in Sources, in every bundled paper that draws one', () => {
    const requests: BriefRequest[] = [
      ...[...workspace.topics.keys()].map((topic) => ({ template: 'sector-one-pager', topics: [topic] })),
      { template: 'key-figures' },
      { template: 'pre-visit-brief' },
    ];
    let charts = 0;
    for (const request of requests) {
      const { document } = prepareBrief(workspace, templates, request, { now: december2026 });
      const listed = document.sources.map((s) => s.text).join('\n');
      const drawn = document.blocks.flatMap((b) => (b.type === 'chart' ? [b.chart] : []));
      for (const chart of drawn) {
        charts++;
        const named = /^Sources?: (.*?)\.(?: Figures|$)/.exec(chart.caption)?.[1]?.split('; ') ?? [];
        expect(named.length, chart.caption).toBeGreaterThan(0);
        for (const title of named) expect(listed, `"${title}" (${request.template} ${request.topics?.join(',') ?? ''})`).toContain(`“${title}”`);
      }
    }
    expect(charts).toBeGreaterThan(3);
  });
});
