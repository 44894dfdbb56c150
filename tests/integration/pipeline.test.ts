// The briefing pipeline on the bundled workspace, judged as a reader would judge the paper:
// outputs are read back with independent readers (pdf.js, unzip + XML, LibreOffice).
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { prepareBrief, type BriefRequest, type InputValue } from '../../src/core/brief';
import { renderBrief } from '../../src/core/write';
import { parseYaml } from '../../src/core/workspace/yaml';
import type { Block, Inline } from '../../src/core/document/model';
import { overlaps, rangeInterval } from '../../src/core/facts/dates';
import { loadTemplates, type TemplateSet } from '../../src/core/templates/template';
import type { Workspace } from '../../src/core/workspace/load';
import { openWorkspace } from '../../src/platform/workspace-folder';
import { readDocx } from '../fixtures/read-docx';
import { readPdf, squash } from '../fixtures/read-pdf';

let workspace: Workspace;
let templates: TemplateSet;
const now = new Date('2026-11-22T09:00:00Z');

beforeAll(async () => {
  workspace = await openWorkspace({ user: false });
  templates = loadTemplates(workspace.otherFiles);
});

const visit: BriefRequest = { template: 'pre-visit-brief', topics: ['trade', 'transport'], from: '2018', to: '2019' };

const inlineText = (inlines: Inline[]): string =>
  inlines.map((i) => (i.type === 'text' || i.type === 'code' ? i.value : 'children' in i ? inlineText(i.children) : '')).join('');
const hasCite = (inlines: Inline[]): boolean => inlines.some((i) => i.type === 'cite' || ('children' in i && hasCite(i.children)));

/** Every line of text a reader sees as one unit (a paragraph, a list item's paragraph, a table row), with whether it cites. */
function units(blocks: Block[], inCover = false): { text: string; cited: boolean; cover: boolean }[] {
  return blocks.flatMap((b) => {
    switch (b.type) {
      case 'paragraph':
      case 'heading':
        return [{ text: inlineText(b.children), cited: hasCite(b.children), cover: inCover }];
      case 'list':
        return b.items.flatMap((item) => units(item, inCover));
      case 'callout':
      case 'blockquote':
        return units(b.children, inCover);
      case 'cover':
        return units(b.children, true);
      case 'table':
        return b.rows.map((row) => ({
          text: row.map((c) => inlineText(c.children)).join(' | '),
          cited: row.some((c) => hasCite(c.children)),
          cover: inCover,
        }));
      case 'keyFigures':
        return b.items.map((k) => ({ text: `${k.value} ${inlineText(k.label)}`, cited: hasCite(k.label), cover: inCover }));
      default:
        return [];
    }
  });
}

/** A figure: money, a percentage, a quantity in words or a number with thousands separators. */
const FIGURE = /\$\s?\d|\d\s?%|\d[\d,.]*\s(?:percent|million|billion|trillion|tonnes?|trains?|jobs|students|projects|companies|varieties)\b|\b\d{1,3}(?:,\d{3})+\b/i;

describe('pre-visit brief, trade + transport, 2018–2019', () => {
  it('selects only facts whose dates overlap 2018–2019', () => {
    const brief = prepareBrief(workspace, templates, visit, { now });
    const range = rangeInterval('2018', '2019');
    if ('error' in range) throw new Error(range.error);
    expect(brief.facts.length).toBeGreaterThan(10);
    for (const fact of brief.facts) expect(overlaps(workspace.intervals.get(fact.id)!, range.interval), fact.id).toBe(true);
  });

  it('every figure in the paper carries a citation', () => {
    const brief = prepareBrief(workspace, templates, visit, { now });
    const withFigures = units(brief.document.blocks).filter((u) => !u.cover && FIGURE.test(u.text));
    expect(withFigures.length).toBeGreaterThan(10);
    for (const unit of withFigures) expect(unit.cited, `uncited figure: ${unit.text}`).toBe(true);
  });

  it('forecasts, plans and claims read as such', () => {
    const brief = prepareBrief(workspace, templates, visit, { now });
    const text = units(brief.document.blocks).map((u) => u.text).join('\n');
    // The ambassador's count of highway jobs is a claim, attributed, with when it was reported.
    expect(text).toMatch(/According to Ambassador Zhang Xiao, about 50,000 jobs were created .*\(undated; reported by April 2019, estimated\)/);
    // The highway "going to open soon" was settled by its opening: the outcome is listed, the forecast is not.
    expect(text).toMatch(/Western Europe–Western China highway opened to traffic in 2018/);
    expect(text).not.toMatch(/was going to open soon/);
  });

  it('the PDF has the 2018 trade turnover and the Alataw Pass train count, and no figure from outside the range', async () => {
    const { bytes } = await renderBrief(workspace, templates, visit, 'pdf', { now });
    const pdf = await readPdf(bytes);
    const text = squash(pdf.text);
    expect(text).toContain('$19.885 billion');
    expect(text).toMatch(/2,388 trains/);
    expect(text).toMatch(/Alataw Pass/);
    expect(text).not.toContain('$41 billion'); // 2023
    expect(text).not.toContain('$18 billion'); // 2017, estimated
    expect(text).not.toContain('16 million tonnes'); // 2012
    expect(pdf.pages.length).toBeGreaterThanOrEqual(2);
    expect(pdf.pages.length).toBeLessThanOrEqual(5);
    expect(text).toMatch(/Page 1 of \d/);
    expect(text).toContain('OFFICIAL');
    expect(text).toContain('Sources');
    expect(text).toContain('China, Kazakhstan to enhance BRI cooperation');
    expect(pdf.info.Title).toBe('Visit of the Foreign Minister to Astana');
  });

  it('the DOCX has the same figures, each cited in a real footnote naming its source', async () => {
    const { bytes } = await renderBrief(workspace, templates, visit, 'docx', { now });
    const docx = await readDocx(bytes);
    expect(docx.text).toContain('$19.885 billion');
    expect(docx.text).toMatch(/2,388 trains/);
    expect(docx.text).not.toContain('$41 billion');
    expect(docx.footnotes.size).toBeGreaterThan(10);
    const notes = [...docx.footnotes.values()].join('\n');
    expect(notes).toContain('Zhang Xiao, “China, Kazakhstan to enhance BRI cooperation”');
    expect(notes).toMatch(/estimated/);
    expect(docx.paragraphs.some((p) => p.style === 'Heading2' || p.style === 'Heading1')).toBe(true);
  });
});

describe('pre-visit brief length', () => {
  it('stays within 2 to 5 pages however many topics are chosen: the more topics, the fewer facts each', async () => {
    // Topics by how many facts they hold, most first: the longest brief for each number of topics.
    const count = (topic: string) => workspace.facts.filter((f) => f.topics.includes(topic)).length;
    const topics = [...workspace.topics.keys()].sort((a, b) => count(b) - count(a));
    for (let n = 1; n <= topics.length; n++) {
      const { bytes } = await renderBrief(workspace, templates, { template: 'pre-visit-brief', topics: topics.slice(0, n) }, 'pdf', { now });
      const pages = (await readPdf(bytes)).pages.length;
      expect(pages, `${n} topics (${topics.slice(0, n).join(', ')}): ${pages} pages`).toBeGreaterThanOrEqual(2);
      expect(pages, `${n} topics (${topics.slice(0, n).join(', ')}): ${pages} pages`).toBeLessThanOrEqual(5);
    }
  });
});

describe('sector one-pager', () => {
  it.each(['trade', 'transport', 'energy', 'agriculture', 'finance', 'industry', 'science', 'culture', 'diplomacy'])(
    'fits on one page for %s',
    async (topic) => {
      const { bytes, document } = await renderBrief(workspace, templates, { template: 'sector-one-pager', topics: [topic] }, 'pdf', { now });
      const pdf = await readPdf(bytes);
      expect(pdf.pages.length, `${topic} runs to ${pdf.pages.length} pages`).toBe(1);
      expect(units(document.blocks).filter((u) => !u.cover && FIGURE.test(u.text)).every((u) => u.cited)).toBe(true);
    },
  );

  it('has three key points beside a chart, and up to six where the topic has nothing to chart', () => {
    // Points are counted as facts: facts resting on one sentence share a bullet.
    const keyPoints = (topic: string) => {
      const { document, markdown } = prepareBrief(workspace, templates, { template: 'sector-one-pager', topics: [topic] }, { now });
      const section = markdown.slice(markdown.indexOf('## Key points'), markdown.indexOf('::sources'));
      return { chart: document.blocks.some((b) => b.type === 'chart'), points: [...section.matchAll(/:cite\[/g)].length };
    };
    expect(keyPoints('trade')).toEqual({ chart: true, points: 3 });
    // Energy's figures are one year each, in different units: no chart, so the page takes more points.
    expect(keyPoints('energy')).toEqual({ chart: false, points: 6 });
    // A topic with no more than six facts left after its key figures shows all of them.
    const science = workspace.facts.filter((f) => f.topics.includes('science')).length;
    expect(keyPoints('science')).toEqual({ chart: false, points: Math.min(6, science) });
  });

  it('key points do not repeat the facts of the key figures above them', () => {
    for (const topic of ['trade', 'transport', 'finance', 'industry']) {
      const { markdown } = prepareBrief(workspace, templates, { template: 'sector-one-pager', topics: [topic] }, { now });
      const cited = (section: string) => [...section.matchAll(/:cite\[([^\]]+)\]/g)].map((m) => m[1]);
      const [figures, points] = [markdown.slice(markdown.indexOf(':::keyfigures'), markdown.indexOf('## Key points')), markdown.slice(markdown.indexOf('## Key points'), markdown.indexOf('::sources'))];
      expect(cited(figures).length, topic).toBeGreaterThan(0);
      expect(cited(points).filter((id) => cited(figures).includes(id)), topic).toEqual([]);
    }
  });

  it('a topic whose indicators have one year each compares their latest figures, titled with the topic', () => {
    const { document } = prepareBrief(workspace, templates, { template: 'sector-one-pager', topics: ['transport'] }, { now });
    const chart = document.blocks.find((b) => b.type === 'chart');
    expect(chart?.type === 'chart' && chart.chart.title).toBe('Transport and logistics: latest figures compared');
  });

  it('takes exactly one topic', () => {
    expect(() => prepareBrief(workspace, templates, { template: 'sector-one-pager', topics: ['trade', 'energy'] })).toThrow(/exactly one/);
  });
});

describe('every bundled template', () => {
  it.each(['pre-visit-brief', 'sector-one-pager', 'key-figures', 'chronology', 'talking-points'])(
    '%s renders with its defaults to PDF and DOCX',
    async (id) => {
      const pdf = await renderBrief(workspace, templates, { template: id }, 'pdf', { now });
      expect(pdf.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
      const read = await readPdf(pdf.bytes);
      expect(read.pages.length).toBeGreaterThanOrEqual(1);
      const docx = await readDocx((await renderBrief(workspace, templates, { template: id }, 'docx', { now })).bytes);
      // No empty paragraph where content was expected: every body paragraph but spacers has text or a picture.
      const empty = docx.paragraphs.filter((p) => !p.inTable && p.text.trim() === '' && !/<w:drawing|<w:br w:type="page"|w:fldChar|TableGap|<w:sectPr/.test(p.xml));
      expect(empty.map((p) => p.style)).toEqual([]);
    },
  );

  it.each(['pre-visit-brief', 'sector-one-pager', 'key-figures', 'chronology', 'talking-points'])(
    '%s with nothing in its dates says so in each section: no empty table, no heading over nothing',
    (id) => {
      const topics = id === 'sector-one-pager' ? ['trade'] : ['trade', 'energy'];
      const brief = prepareBrief(workspace, templates, { template: id, topics, from: '2040', to: '2041' }, { now });
      expect(brief.facts).toEqual([]);
      const blocks = brief.document.blocks;
      for (const table of blocks.filter((b) => b.type === 'table')) expect(table.rows.length).toBeGreaterThan(0);
      // Every heading is followed by something to read before the next heading or the end.
      blocks.forEach((block, i) => {
        if (block.type !== 'heading') return;
        const next = blocks.slice(i + 1).find((b) => b.type !== 'pageBreak');
        expect(next && next.type !== 'heading' && next.type !== 'sources', `"${inlineText(block.children)}" heads something`).toBe(true);
      });
      expect(units(blocks).some((u) => /^No (dated events|figures|facts|points) are recorded/.test(u.text))).toBe(true);
    },
  );

  it('the key-figures sheet marks forecasts, targets and claims', async () => {
    const brief = prepareBrief(workspace, templates, { template: 'key-figures' }, { now });
    const rows = units(brief.document.blocks).map((u) => u.text);
    expect(rows.some((r) => /Bilateral trade turnover target .*— surpassed in 2023: \$41 billion\s*\| target, according to Wang Yi, Foreign Minister of China$/.test(r))).toBe(true);
    expect(rows.some((r) => /\| forecast, according to Nursultan Nazarbayev, President of Kazakhstan$/.test(r))).toBe(true);
    expect(rows.some((r) => /according to Murat Nurtleu/.test(r))).toBe(true);
    expect(rows.some((r) => /Bilateral trade turnover \| 2017 \(estimated\)/.test(r))).toBe(true);
  });
});

const hasSoffice = spawnSync('sh', ['-c', 'command -v soffice']).status === 0;

describe('a colleague opens the DOCX', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'briefwright-soffice-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it.skipIf(!hasSoffice)('LibreOffice converts the pre-visit brief to PDF with its text (skipped where LibreOffice is not installed)', async () => {
    const { bytes } = await renderBrief(workspace, templates, visit, 'docx', { now });
    await writeFile(join(dir, 'brief.docx'), bytes);
    execFileSync('soffice', ['--headless', `-env:UserInstallation=file://${dir}/profile`, '--convert-to', 'pdf', '--outdir', dir, join(dir, 'brief.docx')], {
      timeout: 120_000,
      stdio: 'ignore',
    });
    const pdf = await readPdf(new Uint8Array(await readFile(join(dir, 'brief.pdf'))));
    expect(squash(pdf.text)).toContain('$19.885 billion');
    expect(pdf.pages.length).toBeGreaterThanOrEqual(2);
  });

  it.skipIf(!hasSoffice)('the sector one-pager DOCX is one page in LibreOffice for every topic, footnotes and all (skipped where LibreOffice is not installed)', async () => {
    const topics = [...workspace.topics.keys()];
    const files: string[] = [];
    for (const topic of topics) {
      const { bytes } = await renderBrief(workspace, templates, { template: 'sector-one-pager', topics: [topic] }, 'docx', { now });
      const file = join(dir, `one-pager-${topic}.docx`);
      await writeFile(file, bytes);
      files.push(file);
    }
    execFileSync('soffice', ['--headless', `-env:UserInstallation=file://${dir}/profile`, '--convert-to', 'pdf', '--outdir', dir, ...files], { timeout: 170_000, stdio: 'ignore' });
    for (const topic of topics) {
      const pdf = await readPdf(new Uint8Array(await readFile(join(dir, `one-pager-${topic}.pdf`))));
      expect(pdf.pages.length, `${topic} runs to ${pdf.pages.length} pages`).toBe(1);
    }
  });

  it.skipIf(!hasSoffice)(
    'the pre-visit brief keeps to its five pages in PDF and in the DOCX through LibreOffice: with its defaults, with every topic, and filled in as the example file (skipped where LibreOffice is not installed)',
    async () => {
      const example = parseYaml('pre-visit-brief.yaml', await readFile('docs/examples/pre-visit-brief.yaml', 'utf8')).value as Record<string, InputValue>;
      const cases: [string, BriefRequest][] = [
        ['defaults', { template: 'pre-visit-brief' }],
        ['every topic', { template: 'pre-visit-brief', topics: [...workspace.topics.keys()] }],
        ['the example inputs', { template: 'pre-visit-brief', inputs: example }],
      ];
      const files: string[] = [];
      for (const [i, [name, request]] of cases.entries()) {
        const pdf = await renderBrief(workspace, templates, request, 'pdf', { now });
        expect(pdf.template.maxPages).toBe(5);
        expect((await readPdf(pdf.bytes)).pages.length, `the PDF with ${name}`).toBeLessThanOrEqual(5);
        const docx = await renderBrief(workspace, templates, request, 'docx', { now });
        files.push(join(dir, `pre-visit-brief-${i}.docx`));
        await writeFile(files[i]!, docx.bytes);
      }
      execFileSync('soffice', ['--headless', `-env:UserInstallation=file://${dir}/profile`, '--convert-to', 'pdf', '--outdir', dir, ...files], { timeout: 170_000, stdio: 'ignore' });
      for (const [i, [name]] of cases.entries()) {
        const pdf = await readPdf(new Uint8Array(await readFile(join(dir, `pre-visit-brief-${i}.pdf`))));
        expect(pdf.pages.length, `the DOCX with ${name}`).toBeLessThanOrEqual(5);
        // Its first page is not left mostly blank by a section kept whole: the summary and the start of the background are there.
        if (name === 'defaults') expect(squash(pdf.pages[0]!.text)).toMatch(/Summary.*Background/);
        // The contents show their page numbers on opening.
        expect(squash(pdf.text)).toMatch(/Contents.*Summary[ .]*\d/);
      }
    },
    200_000,
  );
});

describe('the contents list the paper’s sections at one level', () => {
  it.each(['pdf', 'docx', 'html'] as const)('pre-visit brief (%s): every section, Sources with them, stands at the same level of the contents', async (format) => {
    const brief = await renderBrief(workspace, templates, { template: 'pre-visit-brief' }, format, { now });
    const sections = ['Summary', 'Background', 'Trade', 'Counterparts', 'Recent chronology', 'Sources'];
    if (format === 'pdf') {
      const items = (await readPdf(brief.bytes)).pages[0]!.items;
      const contents = items.find((i) => i.str === 'Contents')!;
      const entry = (label: string) => items.find((i) => i.str === label && i.y < contents.y && i.y > contents.y - 400);
      const xs = sections.map((label) => entry(label)?.x);
      expect(xs.every((x) => x !== undefined), JSON.stringify(xs)).toBe(true);
      expect(new Set(xs.map((x) => Math.round(x!))).size, JSON.stringify(xs)).toBe(1);
    } else if (format === 'docx') {
      const docx = await readDocx(brief.bytes);
      const styles = new Set(sections.map((label) => docx.paragraphs.find((p) => p.text === label)?.style));
      expect([...styles]).toEqual(['Heading2']);
      // The contents styles put the level of the sections at the margin: toc 2 is not indented.
      expect(docx.part('word/styles.xml')).toMatch(/w:styleId="TOC2">(?:(?!<\/w:style>)[\s\S])*<w:ind w:left="0"/);
    } else {
      const html = new TextDecoder().decode(brief.bytes);
      const nav = /<nav class="toc">[\s\S]*?<\/nav>/.exec(html)![0];
      for (const label of sections) expect(nav, label).toMatch(new RegExp(`<li class="level-1"><a href="#[^"]+">${label}</a>`));
    }
  });
});

describe('a source reads as a reference', () => {
  it('an op-ed keeps its hyphen; other kinds read as words', () => {
    const { document } = prepareBrief(workspace, templates, { template: 'pre-visit-brief' }, { now });
    const texts = document.sources.map((s) => s.text);
    expect(texts).toContain('Zhang Xiao, “China, Kazakhstan to enhance BRI cooperation”, op-ed, undated (estimated April 2019).');
    expect(texts.some((t) => t.includes(', event summary, 8 April 2013.'))).toBe(true);
  });
});

describe('no heading ends a page', () => {
  const requests: [string, BriefRequest][] = [
    ['pre-visit brief', { template: 'pre-visit-brief' }],
    ['pre-visit brief, every topic', { template: 'pre-visit-brief', topics: [...(['trade', 'transport', 'energy', 'agriculture', 'finance', 'industry', 'science', 'culture', 'diplomacy'] as const)] }],
    ['key figures', { template: 'key-figures' }],
    ['key figures, every topic', { template: 'key-figures', topics: ['trade', 'transport', 'energy', 'agriculture', 'finance', 'industry', 'science', 'culture', 'diplomacy'] }],
    ['chronology', { template: 'chronology' }],
    ['talking points', { template: 'talking-points' }],
  ];
  it.each(requests)('%s (PDF): the last line of every page but the last is text, not a heading', async (_, request) => {
    const brief = await renderBrief(workspace, templates, request, 'pdf', { now });
    const pdf = await readPdf(brief.bytes);
    const bottom = (brief.template.page.margins.bottom / 25.4) * 72;
    const headingSizes = [15, 12.5, 11];
    pdf.pages.slice(0, -1).forEach((page, i) => {
      // The body's lowest line, above the footer in the bottom margin.
      const body = page.items.filter((item) => item.y > bottom && item.str.trim() !== '');
      const lowest = Math.min(...body.map((item) => item.y));
      const last = body.filter((item) => Math.abs(item.y - lowest) < 2);
      const words = last.map((item) => item.str).join(' ');
      expect(last.some((item) => headingSizes.some((size) => Math.abs(item.size - size) < 0.05)), `page ${i + 1} ends on "${words}"`).toBe(false);
    });
  });
});
