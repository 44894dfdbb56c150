// Tagged PDF (PDF/UA-1): every bundled template's paper read back as assistive technology reads
// it, with readers independent of the writer (poppler, pdf.js, pdf-lib; tests/fixtures/
// read-pdf-structure.ts): tagged, in the paper's language, its title shown, its headings those of
// the Document in order, lists and tables with their structure, every figure with its words,
// running headers and footers left out, every note marker a link to its note.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { prepareBrief, type BriefRequest } from '../../src/core/brief';
import type { Block, Document } from '../../src/core/document/model';
import { writeDocument } from '../../src/core/write';
import { renderPdf } from '../../src/core/writers/pdf';
import { datesTable, heading, longDocument, para, text } from '../fixtures/documents';
import { plainText, printsHere, sectionLevel } from '../../src/core/writers/shared';
import { loadTemplates, type TemplateSet } from '../../src/core/templates/template';
import type { Workspace } from '../../src/core/workspace/load';
import { openWorkspace } from '../../src/platform/workspace-folder';
import { elements, readTaggedPdf, textOf, type StructNode, type TaggedPdf } from '../fixtures/read-pdf-structure';

let workspace: Workspace;
let templates: TemplateSet;
const now = new Date('2026-11-22T09:00:00Z');
const MARKING = 'OFFICIAL-SENSITIVE';

beforeAll(async () => {
  workspace = await openWorkspace({ user: false });
  templates = loadTemplates(workspace.otherFiles);
});

const many = { topics: ['energy', 'trade', 'diplomacy', 'transport', 'finance'], from: '2015' };
const papers: { name: string; request: BriefRequest }[] = [
  { name: 'pre-visit brief', request: { template: 'pre-visit-brief', ...many, inputs: { visit: 'Visit to Astana', marking: MARKING } } },
  { name: 'chronology', request: { template: 'chronology', ...many, inputs: { marking: MARKING } } },
  { name: 'key figures', request: { template: 'key-figures', ...many, inputs: { marking: MARKING } } },
  { name: 'talking points', request: { template: 'talking-points', ...many, inputs: { marking: MARKING } } },
  { name: 'sector one-pager', request: { template: 'sector-one-pager', topics: ['trade'], inputs: { marking: MARKING } } },
];

/** The headings a reader should find, in order: the Document's, with the contents' and the notes' titles where they print. */
function expectedHeadings(doc: Document, pdf: TaggedPdf): string[] {
  const hasContents = elements(pdf.root).some((n) => n.role === 'TOC');
  const walk = (blocks: Block[]): string[] =>
    blocks.flatMap((b): string[] => {
      switch (b.type) {
        case 'heading':
          return plainText(b.children).trim() ? [`H${b.level} ${plainText(b.children).trim()}`] : [];
        case 'cover':
        case 'callout':
        case 'blockquote':
          return walk(b.children);
        case 'list':
          return b.items.flatMap(walk);
        case 'toc':
          return hasContents && printsHere(doc, b) ? ['H1 Contents'] : [];
        case 'sources':
          return printsHere(doc, b) && (doc.notes.length > 0 || doc.sources.length > 0) ? [`H${sectionLevel(doc)} Sources`] : [];
        default:
          return [];
      }
    });
  return walk(doc.blocks);
}

const squash = (text: string): string => text.replace(/\s+/g, ' ').trim();

describe.each(papers)('the $name as PDF, read as a screen reader reads it', ({ request }) => {
  let pdf: TaggedPdf;
  let doc: Document;
  let plain: string;

  beforeAll(async () => {
    const prepared = prepareBrief(workspace, templates, request, { now });
    doc = prepared.document;
    const bytes = await writeDocument(prepared, 'pdf');
    pdf = await readTaggedPdf(bytes);
    plain = new TextDecoder('latin1').decode(bytes.subarray(0, 16));
  });

  it('is a tagged PDF 1.7 that says it is PDF/UA-1, in the paper’s language, showing its title', () => {
    expect(plain.startsWith('%PDF-1.7')).toBe(true);
    expect(pdf.version).toBe('1.7');
    expect(pdf.tagged).toBe(true);
    expect(pdf.marked).toBe(true);
    expect(pdf.lang).toBe(doc.meta.language);
    expect(pdf.displayTitle).toBe(true);
    expect(pdf.xmp).toMatch(/<pdfuaid:part>1<\/pdfuaid:part>/);
    expect(pdf.root.children.map((n) => n.role)).toEqual(['Document']);
  });

  it('has the Document’s headings, in order, at their levels', () => {
    const headings = elements(pdf.root)
      .filter((n) => /^H[1-6]$/.test(n.role))
      .map((n) => `${n.role} ${squash(textOf(n))}`);
    expect(headings).toEqual(expectedHeadings(doc, pdf));
  });

  it('gives every list its items, each with a body, and numbered ones their numbers as labels', () => {
    const lists = elements(pdf.root).filter((n) => n.role === 'L');
    for (const list of lists) {
      expect(list.children.length).toBeGreaterThan(0);
      for (const item of list.children) {
        expect(item.role).toBe('LI');
        const roles = item.children.map((c) => c.role);
        expect(roles.filter((r) => r === 'LBody')).toHaveLength(1);
        expect(roles.every((r) => r === 'Lbl' || r === 'LBody')).toBe(true);
        const label = item.children.find((c) => c.role === 'Lbl');
        if (label) expect(squash(textOf(label))).toMatch(/^(\d+|[a-z]+)\.$/);
      }
    }
    const itemsInDocument = (blocks: Block[]): number => blocks.reduce((n, b) => n + (b.type === 'list' ? b.items.length + b.items.reduce((m, item) => m + itemsInDocument(item), 0) : b.type === 'callout' || b.type === 'blockquote' ? itemsInDocument(b.children) : 0), 0);
    const figures = doc.blocks.reduce((n, b) => n + (b.type === 'keyFigures' ? b.items.length : 0), 0);
    expect(lists.reduce((n, l) => n + l.children.length, 0)).toBe(itemsInDocument(doc.blocks) + figures);
  });

  it('gives every table rows of cells, the first of column headers', () => {
    const tables = elements(pdf.root).filter((n) => n.role === 'Table');
    const inDocument = doc.blocks.filter((b): b is Block & { type: 'table' } => b.type === 'table');
    expect(tables).toHaveLength(inDocument.length);
    tables.forEach((table, i) => {
      const model = inDocument[i]!;
      expect(table.children.every((row) => row.role === 'TR')).toBe(true);
      expect(table.children).toHaveLength(model.rows.length + 1);
      const [header, ...rows] = table.children;
      expect(header!.children.map((c) => c.role)).toEqual(model.header.map(() => 'TH'));
      expect(header!.children.every((c) => c.attributes.includes('/Scope /Column'))).toBe(true);
      expect(header!.children.map((c) => squash(textOf(c)))).toEqual(model.header.map((c) => squash(plainText(c.children))));
      for (const row of rows) expect(row.children.map((c) => c.role)).toEqual(model.header.map(() => 'TD'));
    });
  });

  it('describes every chart in words', () => {
    const charts = doc.blocks.filter((b): b is Block & { type: 'chart' } => b.type === 'chart');
    expect(pdf.figures).toHaveLength(charts.length);
    for (const alt of pdf.figures) expect(alt).toMatch(/^(Bar|Line) chart.*: .*\d/);
    if (request.template === 'sector-one-pager') expect(charts.length).toBeGreaterThan(0);
  });

  it('marks everything it paints: as content of an element, or as an artifact', () => {
    expect(pdf.unmarked).toEqual([]);
  });

  it('files every annotation in the tree, names every note once in the tree’s IDTree, and is read without complaint', () => {
    expect(pdf.orphans).toEqual([]);
    const ids = elements(pdf.root).flatMap((n) => (n.id ? [n.id] : []));
    expect(new Set(ids).size).toBe(ids.length);
    expect(pdf.idTree).toEqual([...ids].sort());
    expect(pdf.complaints).toBe('');
    expect(pdf.xmpError).toBeUndefined();
  });

  it('leaves the running header and footer out of what is read', () => {
    const read = textOf(pdf.root);
    expect(read).not.toMatch(/Page \d+ of \d+/);
    expect(read).not.toContain(MARKING);
  });

  it('makes every note marker a link to its note, and every note a Note with its number', () => {
    // The note markers: the references outside the contents (whose entries are references too).
    const outsideContents = (node: StructNode): StructNode[] => (node.role === 'TOC' ? [] : [node, ...node.children.flatMap(outsideContents)]);
    const references = outsideContents(pdf.root).filter((n) => n.role === 'Reference');
    const notes = elements(pdf.root).filter((n) => n.role === 'Note');
    const cited = new Set(references.map((r) => squash(textOf(r))));
    expect(references.length).toBeGreaterThan(0);
    for (const reference of references) {
      const link = reference.children.find((c: StructNode) => c.role === 'Link');
      expect(link?.objects).toBe(1);
    }
    for (const number of cited) {
      expect(notes.map((n) => n.id)).toContain(`note-${number}`);
      expect(pdf.destinations).toContain(`note-${number}`);
    }
    expect(notes.map((n) => squash(textOf(n)))).toEqual(doc.notes.map((n) => expect.stringMatching(new RegExp(`^${n.number}\\. ?\\S`))));
  });
});

describe('a tagged paper in the file a colleague opens', () => {
  it('is read by poppler without complaint, all its text in the tree', async () => {
    const prepared = prepareBrief(workspace, templates, papers[0]!.request, { now });
    const bytes = await writeDocument(prepared, 'pdf');
    const pdf = await readTaggedPdf(bytes);
    // Every word of the body is somewhere in the tree (pdftotext reads the page, tagged or not).
    const folder = mkdtempSync(join(tmpdir(), 'briefwright-tagged-'));
    try {
      writeFileSync(join(folder, 'p.pdf'), bytes);
      const page = execFileSync('pdftotext', [join(folder, 'p.pdf'), '-'], { stdio: ['ignore', 'pipe', 'pipe'] }).toString();
      const tree = squash(textOf(pdf.root));
      // pdftotext joins a word broken after a hyphen at a line's end ("production-capacity").
      const unbroken = tree.replace(/-\s*/g, '');
      const words = squash(page).split(' ').filter((w) => /^[A-Za-z]{4,}$/.test(w));
      const missing = words.filter((w) => !tree.includes(w) && !unbroken.includes(w) && w !== 'Page' && !MARKING.includes(w));
      expect(missing).toEqual([]);
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });
});

/** veraPDF, the PDF Association's validator, where it is installed (it is not on the build machine). */
const verapdf = spawnSync('verapdf', ['--version'], { encoding: 'utf8' }).status === 0;

describe('veraPDF', () => {
  it.skipIf(!verapdf)('finds every bundled paper PDF/UA-1 compliant (skipped where veraPDF is not installed)', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'briefwright-verapdf-'));
    try {
      for (const { name, request } of papers) {
        const file = join(folder, `${request.template}.pdf`);
        writeFileSync(file, await writeDocument(prepareBrief(workspace, templates, request, { now }), 'pdf'));
        const report = spawnSync('verapdf', ['--flavour', 'ua1', '--format', 'mrr', file], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
        expect(report.stdout, `${name}: ${report.stdout.slice(0, 2000)}`).toMatch(/isCompliant="true"/);
        expect(report.stdout).not.toMatch(/isCompliant="false"/);
      }
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });
});

describe('a long table, a web link and a numbered list, tagged', () => {
  let pdf: TaggedPdf;
  let pages: string[];

  beforeAll(async () => {
    const doc = longDocument(0);
    doc.blocks = [
      heading(1, 'Events'),
      para('See ', { type: 'link', url: 'https://example.org/report', children: [text('the report')] }, ' for more.'),
      { type: 'list', ordered: true, items: [[para('First step')], [para('Second step')], [para('Third step')]] },
      datesTable(Array.from({ length: 90 }, (_, i) => [`${2000 + (i % 25)}-0${1 + (i % 9)}`, `Event number ${i + 1} of the long table`])),
    ];
    const bytes = await renderPdf(doc);
    pdf = await readTaggedPdf(bytes);
    const folder = mkdtempSync(join(tmpdir(), 'briefwright-tagged-'));
    try {
      writeFileSync(join(folder, 'p.pdf'), bytes);
      pages = execFileSync('pdftotext', ['-layout', join(folder, 'p.pdf'), '-']).toString().split('\f');
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });

  it('prints the header row again on each page, but a reader hears it once', () => {
    expect(pages.filter((page) => /Date\s+Event/.test(page)).length).toBeGreaterThan(1);
    const [table] = elements(pdf.root).filter((n) => n.role === 'Table');
    expect(table!.children).toHaveLength(91);
    expect(table!.children[0]!.children.map((c) => squash(textOf(c)))).toEqual(['Date', 'Event']);
    expect(table!.children.slice(1).every((row) => row.children.map((c) => c.role).join() === 'TD,TD')).toBe(true);
  });

  it('makes a web link one Link element, its text and address, with its annotation', () => {
    const links = elements(pdf.root).filter((n) => n.role === 'Link');
    expect(links).toHaveLength(1);
    expect(squash(textOf(links[0]!))).toBe('the report (https://example.org/report)');
    expect(links[0]!.objects).toBeGreaterThanOrEqual(1);
  });

  it('keeps the annotations of the repeated header rows in the tree: a citation in a header links once, from the first', async () => {
    const doc = longDocument(0);
    const table = datesTable(Array.from({ length: 90 }, (_, i) => [`${2000 + (i % 25)}`, `Event number ${i + 1} of the long table`]));
    if (table.type === 'table') {
      table.header[1] = { children: [text('Event'), { type: 'cite', note: 1 }] };
      table.header[0] = { children: [{ type: 'link', url: 'https://example.org/dates', children: [text('Date')] }] };
    }
    doc.blocks = [table, { type: 'sources' }];
    const tagged = await readTaggedPdf(await renderPdf(doc));
    expect(tagged.orphans).toEqual([]);
    expect(tagged.complaints).toBe('');
  });

  it('writes XMP metadata that is well-formed XML, whatever the title holds', async () => {
    const doc = longDocument(1);
    doc.meta.title = 'Trade & investment: China <-> Kazakhstan';
    doc.meta.subject = 'Ports & "corridors" <b>';
    const tagged = await readTaggedPdf(await renderPdf(doc));
    expect(tagged.xmpError).toBeUndefined();
    expect(tagged.xmp).toContain('Trade &amp; investment: China &lt;-&gt; Kazakhstan');
  });

  it('labels each item of a numbered list with its number', () => {
    const [list] = elements(pdf.root).filter((n) => n.role === 'L');
    expect(list!.children.map((item) => item.children.map((c) => `${c.role} ${squash(textOf(c))}`))).toEqual([
      ['Lbl 1.', 'LBody First step'],
      ['Lbl 2.', 'LBody Second step'],
      ['Lbl 3.', 'LBody Third step'],
    ]);
  });
});
