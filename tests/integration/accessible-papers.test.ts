// Accessible papers (issue 16), the DOCX and the HTML export of every bundled template, checked as
// a user of a screen reader or of Word's accessibility checker would find them: the DOCX names
// its language, gives every picture alt text, marks its data tables' header rows and nothing else
// as one, has an outline without gaps, no empty paragraphs for spacing and real footnotes; the
// HTML page has one main landmark, one h1, headings in order, notes read as "note 1", and axe-core
// finds no violation of any severity in it.
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { prepareBrief, type PreparedBrief } from '../../src/core/brief';
import type { Block, Inline } from '../../src/core/document/model';
import { loadTemplates } from '../../src/core/templates/template';
import { writeDocument } from '../../src/core/write';
import { openWorkspace } from '../../src/platform/workspace-folder';
import { paragraphsOf, readDocx, textOf, type DocxReadBack } from '../fixtures/read-docx';

const bundled = await openWorkspace({ user: false });
const TEMPLATES = [...loadTemplates(bundled.otherFiles).templates.keys()].sort();
const now = new Date('2026-11-22T09:00:00Z');

/** Each bundled template's paper with its defaults (a marking, so that the running header prints), from the bundled workspace or `workspace`. */
async function paperOf(template: string, workspace = bundled): Promise<PreparedBrief> {
  return prepareBrief(workspace, loadTemplates(workspace.otherFiles), { template }, { marking: 'OFFICIAL', now });
}

/** The citations of a paper's Document: each is a footnote in the DOCX and a note marker in the HTML. */
function citations(blocks: readonly Block[]): number {
  const inInlines = (xs: readonly Inline[]): number => xs.reduce((n, x) => n + (x.type === 'cite' ? 1 : 'children' in x ? inInlines(x.children) : 0), 0);
  return blocks.reduce((n, b) => {
    switch (b.type) {
      case 'heading':
      case 'paragraph':
        return n + inInlines(b.children);
      case 'list':
        return n + b.items.reduce((m, item) => m + citations(item), 0);
      case 'table':
        return n + [b.header, ...b.rows].flat().reduce((m, cell) => m + inInlines(cell.children), 0);
      case 'blockquote':
      case 'cover':
        return n + citations(b.children);
      case 'callout':
        return n + inInlines(b.title) + citations(b.children);
      case 'keyFigures':
        return n + b.items.reduce((m, item) => m + inInlines(item.label), 0);
      default:
        return n;
    }
  }, 0);
}

// ---------------------------------------------------------------------------------------------
// DOCX

/** Each body paragraph's outline level, 1 to 9, as Word's navigation pane and a screen reader take it: its own, else its style's; body text is left out. */
function outline(word: DocxReadBack): { level: number; text: string }[] {
  const styles = new Map<string, { basedOn?: string; level?: number }>();
  for (const m of word.part('word/styles.xml').matchAll(/<w:style w:type="paragraph"[^>]*w:styleId="([^"]+)"[^>]*>([\s\S]*?)<\/w:style>/g)) {
    const level = /<w:outlineLvl w:val="(\d)"\/>/.exec(m[2]!)?.[1];
    styles.set(m[1]!, { basedOn: /<w:basedOn w:val="([^"]+)"\/>/.exec(m[2]!)?.[1], level: level === undefined ? undefined : Number(level) });
  }
  const styleLevel = (id: string | undefined, depth = 0): number | undefined => {
    const style = id === undefined || depth > 10 ? undefined : styles.get(id);
    return style && (style.level ?? styleLevel(style.basedOn, depth + 1));
  };
  return word.paragraphs.flatMap((p) => {
    const own = /<w:pPr>(?:(?!<\/w:pPr>)[\s\S])*<w:outlineLvl w:val="(\d)"\/>/.exec(p.xml)?.[1];
    const level = own === undefined ? styleLevel(p.style) : Number(own);
    return level === undefined || level >= 9 ? [] : [{ level: level + 1, text: p.text }];
  });
}

/** The tables of the body, outermost first, each with its style and its rows' XML. */
function tables(word: DocxReadBack): { style: string; look: string; rows: string[] }[] {
  const xml = word.part('word/document.xml');
  const found: { style: string; look: string; rows: string[] }[] = [];
  // Tables nest (a callout holding a table): each is read from its own <w:tbl> to the </w:tbl> that closes it.
  for (const start of [...xml.matchAll(/<w:tbl>/g)].map((m) => m.index)) {
    let depth = 0;
    const edges = /<w:tbl>|<\/w:tbl>/g;
    edges.lastIndex = start;
    let end = start;
    for (let m = edges.exec(xml); m; m = edges.exec(xml)) {
      depth += m[0] === '<w:tbl>' ? 1 : -1;
      if (depth === 0) {
        end = m.index + m[0].length;
        break;
      }
    }
    const table = xml.slice(start, end);
    const own = table.slice(0, table.indexOf('</w:tblPr>'));
    found.push({
      style: /<w:tblStyle w:val="([^"]+)"\/>/.exec(own)?.[1] ?? '',
      look: /<w:tblLook [^>]*\/>/.exec(own)?.[0] ?? '',
      // Its own rows: a table inside one of its cells is read on its own.
      rows: [...table.slice('<w:tbl>'.length).replace(/<w:tbl>[\s\S]*?<\/w:tbl>/g, '').matchAll(/<w:tr(?: [^>]*)?>[\s\S]*?<\/w:tr>/g)].map((m) => m[0]),
    });
  }
  return found;
}

/** Whether a table row repeats as the table's header row: <w:tblHeader/>, not <w:tblHeader w:val="off"/>. */
const isHeaderRow = (row: string): boolean => /<w:tblHeader(?: w:val="(?:true|on|1)")?\/>/.test(row);

/** The alt text of every picture in the body, the headers and the footers. */
function altTexts(word: DocxReadBack): { name: string; descr: string }[] {
  const parts = [word.part('word/document.xml'), ...word.parts(/^word\/(header|footer)\d*\.xml$/)];
  return parts.flatMap((xml) =>
    [...xml.matchAll(/<wp:docPr [^>]*>/g)].map((m) => ({ name: /name="([^"]*)"/.exec(m[0])?.[1] ?? '', descr: /descr="([^"]*)"/.exec(m[0])?.[1] ?? '' })),
  );
}

describe.each(TEMPLATES)('the DOCX of %s', { timeout: 300_000 }, (template) => {
  let paper: PreparedBrief;
  let word: DocxReadBack;
  beforeAll(async () => {
    paper = await paperOf(template);
    word = await readDocx(await writeDocument(paper, 'docx'));
  }, 300_000);

  it('names the paper’s language in the document defaults', () => {
    const defaults = /<w:docDefaults>[\s\S]*?<\/w:docDefaults>/.exec(word.part('word/styles.xml'))?.[0] ?? '';
    expect(paper.document.meta.language).toMatch(/^[a-z]{2,3}(-[A-Z]{2})?$/);
    expect(defaults).toContain(`<w:lang w:val="${paper.document.meta.language}"/>`);
  });

  it('gives every picture alt text', () => {
    const charts = paper.document.blocks.filter((b) => b.type === 'chart').length;
    const pictures = altTexts(word);
    expect(pictures.length).toBeGreaterThanOrEqual(charts);
    for (const picture of pictures) expect(picture.descr.trim(), picture.name).not.toBe('');
  });

  it('marks the header row of every data table, and no row of a table drawn for its layout (key figures, callouts)', () => {
    const dataTables = paper.document.blocks.filter((b) => b.type === 'table').length;
    const found = tables(word);
    expect(found.filter((t) => t.style === 'BriefTable')).toHaveLength(dataTables);
    for (const table of found) {
      if (table.style === 'BriefTable') {
        expect(table.rows.map(isHeaderRow)).toEqual(table.rows.map((_, i) => i === 0));
        expect(table.look).toContain('w:firstRow="true"');
      } else {
        expect(table.rows.filter(isHeaderRow), table.style).toEqual([]);
        expect(table.look, table.style).toContain('w:firstRow="false"');
      }
    }
  });

  it('has an outline that starts at level 1 with the title and never skips a level', () => {
    const levels = outline(word);
    expect(levels[0]).toEqual({ level: 1, text: paper.document.meta.title });
    levels.forEach((heading, i) => {
      if (i > 0) expect(heading.level, `"${heading.text}" after "${levels[i - 1]!.text}"`).toBeLessThanOrEqual(levels[i - 1]!.level + 1);
    });
    expect(levels.length).toBeGreaterThan(1);
  });

  it('uses no empty paragraph for spacing', () => {
    const prints = (xml: string) => textOf(xml).trim() !== '' || /<w:drawing>|<w:footnoteReference |<w:fldChar /.test(xml);
    expect(word.paragraphs.filter((p) => !p.inTable && !prints(p.xml)).map((p) => p.style)).toEqual([]);
    // In a table, an empty paragraph only fills a cell that has nothing else (a grid's last row).
    const cells = [...word.part('word/document.xml').matchAll(/<w:tc>([\s\S]*?)<\/w:tc>/g)].map((m) => paragraphsOf(m[1]!));
    for (const cell of cells) if (cell.length > 1) expect(cell.filter((p) => !prints(p.xml)).map((p) => p.style)).toEqual([]);
  });

  it('cites in real footnotes: one for every citation, each mark pointing at a footnote with text', () => {
    const marks = [...word.part('word/document.xml').matchAll(/<w:footnoteReference w:id="(\d+)"\/>/g)].map((m) => m[1]!);
    expect(marks.length).toBe(citations(paper.document.blocks));
    expect(new Set(marks).size).toBe(marks.length);
    expect([...word.footnotes.keys()].sort()).toEqual([...marks].sort());
    for (const id of marks) expect(word.footnotes.get(id)!.trim()).not.toBe('');
  });
});

describe('a logo’s alt text in the DOCX', { timeout: 300_000 }, () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'briefwright-accessible-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it.each(['cover', 'header'])('a logo placed on the %s is a picture with alt text', async (placement) => {
    const folder = join(dir, placement);
    await mkdir(folder, { recursive: true });
    await writeFile(join(folder, 'style.yaml'), `organisation: Ministry of Foreign Affairs\nlogo: { file: logo.svg, placement: ${placement} }\n`);
    await writeFile(join(folder, 'logo.svg'), '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 300 100"><rect width="300" height="100" fill="#1d3557"/></svg>\n');
    const workspace = await openWorkspace({ extra: [folder], user: false });
    expect(workspace.style.diagnostics).toEqual([]);
    const word = await readDocx(await writeDocument(await paperOf('sector-one-pager', workspace), 'docx'));
    const pictures = altTexts(word);
    // The logo and the one-pager's chart.
    expect(pictures).toHaveLength(2);
    for (const picture of pictures) expect(picture.descr.trim(), picture.name).not.toBe('');
    expect(pictures.map((p) => p.descr)).toContain('Ministry of Foreign Affairs');
  });
});

// ---------------------------------------------------------------------------------------------
// HTML

// As the end-to-end tests find Chromium (playwright.config.ts).
const chromiumPath = process.env.BRIEFWRIGHT_CHROMIUM ?? '/usr/bin/chromium';

describe.skipIf(!existsSync(chromiumPath))('the HTML export, in Chromium (skipped where Chromium is not installed)', { timeout: 300_000 }, () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await chromium.launch({ executablePath: chromiumPath, args: ['--no-sandbox', '--disable-gpu'] });
  }, 300_000);
  afterAll(async () => {
    await browser?.close();
  });

  /** A page showing the paper's HTML export, and the paper. */
  async function opened(template: string): Promise<{ page: Page; paper: PreparedBrief; close: () => Promise<void> }> {
    const paper = await paperOf(template);
    const html = new TextDecoder().decode(await writeDocument(paper, 'html'));
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.setContent(html, { waitUntil: 'load' });
    return { page, paper, close: () => context.close() };
  }

  it.each(TEMPLATES)('%s: axe-core finds no violation of any severity', async (template) => {
    const { page, close } = await opened(template);
    try {
      const { violations } = await new AxeBuilder({ page }).analyze();
      expect(violations.map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
    } finally {
      await close();
    }
  });

  it.each(TEMPLATES)('%s: one main landmark, one h1 (the title), headings in order, the language and the title named', async (template) => {
    const { page, paper, close } = await opened(template);
    try {
      expect(await page.getByRole('main').count()).toBe(1);
      const headings = await page.locator('h1, h2, h3, h4, h5, h6').evaluateAll((hs) => hs.map((h) => ({ level: Number(h.tagName[1]), text: h.textContent ?? '' })));
      expect(headings.filter((h) => h.level === 1)).toEqual([{ level: 1, text: paper.document.meta.title }]);
      expect(headings[0]!.level).toBe(1);
      headings.forEach((h, i) => {
        if (i > 0) expect(h.level, `"${h.text}" after "${headings[i - 1]!.text}"`).toBeLessThanOrEqual(headings[i - 1]!.level + 1);
      });
      expect(await page.locator('html').getAttribute('lang')).toBe(paper.document.meta.language);
      expect(await page.title()).toBe(paper.document.meta.title);
    } finally {
      await close();
    }
  });

  it.each(TEMPLATES)('%s: a note marker reads as "note 1", a chart as its data, the marking once', async (template) => {
    const { page, paper, close } = await opened(template);
    try {
      const markers = page.locator('sup.cite a');
      expect(await markers.count()).toBe(citations(paper.document.blocks));
      expect(await page.getByRole('link', { name: /^note \d+$/ }).count()).toBe(await markers.count());
      // The word is for the ear: the eye sees only the number, and text copied from the page has only the number.
      const copied = await markers.evaluateAll((as) =>
        as.map((a) => {
          getSelection()!.selectAllChildren(a);
          return getSelection()!.toString();
        }),
      );
      for (const text of copied) expect(text).toMatch(/^\d+$/);

      const charts = paper.document.blocks.flatMap((b) => (b.type === 'chart' ? [b.chart] : []));
      const pictures = await page.getByRole('img').evaluateAll((els) => els.map((el) => el.querySelector('title')?.textContent ?? el.getAttribute('alt') ?? ''));
      expect(pictures.length).toBeGreaterThanOrEqual(charts.length);
      for (const chart of charts) expect(pictures.some((name) => name.includes(chart.title) && /\d/.test(name)), chart.title).toBe(true);

      const read = await page.locator('body').ariaSnapshot();
      expect(read.match(/OFFICIAL/g)).toHaveLength(1);
      expect(await page.getByRole('banner').innerText()).toBe('OFFICIAL');
    } finally {
      await close();
    }
  });
});
