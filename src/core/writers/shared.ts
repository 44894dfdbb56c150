// What more than one writer needs to read out of a Document the same way: plain text of
// inlines, text safe to print, how table columns share the width, whether the table of
// contents prints, the level of the paper's sections, which paragraphs are labels, and the
// short form of a note.

import type { Align, Block, Chart, Document, Inline, TableCell } from '../document/model';
import { plainText } from '../document/text';
import { tocMinPages, type StyleTokens } from './style';
import { advanceWidths, trueTypeFont } from './truetype';

/** What the pipeline tells a writer about the document it writes. */
export interface WriterOptions {
  /**
   * Whether the document's `toc` block prints, as the pipeline decided it for every format at
   * once (see `tocByEstimate`). When absent, the PDF and HTML writers decide by the contents rule
   * (the PDF by counting its own pages); the DOCX writer requires it.
   */
  toc?: boolean;
  /** The house style to set the paper in (style.ts); `houseStyle` when absent. */
  style?: StyleTokens;
}

/** The text of inlines as a reader sees it, without note numbers. */
export { plainText };

/**
 * Text as every writer prints it. Control characters print as boxes or break XML, and the
 * byte-order mark and the noncharacters U+FFFE and U+FFFF are invisible or boxes: all are
 * dropped (tab, newline and return stay, for each writer to turn into spaces). Line and paragraph
 * separators are spaces, as a newline in text is. A lone surrogate, which no file can encode,
 * is U+FFFD, as an encoder would write it, so that every format shows the same.
 */
export function printableText(value: string): string {
  return value
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\ufeff\ufffe\uffff]/g, '')
    .replace(/[\u2028\u2029]/g, ' ')
    .replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '\ufffd');
}

/**
 * How each column of a table takes its width: short columns (years, figures, codes) `fit`
 * their content; the widest column, and any long one, `fill` the rest of the line. A column set
 * to the right holds figures ("about 31.5 billion cubic metres"), which read badly broken, so it
 * counts as long only from a longer text.
 */
export function columnFits(header: readonly TableCell[], rows: readonly (readonly TableCell[])[], align: readonly Align[] = []): ('fit' | 'fill')[] {
  const columns = Math.max(header.length, ...rows.map((r) => r.length));
  const lengths = Array.from({ length: columns }, (_, i) =>
    Math.max(0, ...[header, ...rows].map((r) => plainText(r[i]?.children ?? []).length)),
  );
  const widest = lengths.indexOf(Math.max(...lengths));
  return lengths.map((length, i) => (i === widest || length > (align[i] === 'right' ? 40 : 24) ? 'fill' : 'fit'));
}

/** A table and the others of its document under the same header row. */
export interface TableFamily {
  /** Names the family, shared by its tables; undefined for a table alone under its header. */
  key: string | undefined;
  /** The rows of all the family's tables, which size the columns of each. */
  rows: readonly (readonly TableCell[])[];
}

const families = new WeakMap<Document, Map<readonly TableCell[], TableFamily>>();

/**
 * Tables of one document under the same header row (a chronology's years, one table of figures
 * per topic) read as one table in parts, and so are drawn with the same columns: each is sized
 * by the rows of all of them, so that its Date column, say, lines up with the next year's.
 */
export function tableFamily(doc: Document, table: { header: readonly TableCell[]; rows: readonly (readonly TableCell[])[] }): TableFamily {
  let byHeader = families.get(doc);
  if (!byHeader) {
    const groups = new Map<string, { header: readonly TableCell[]; rows: readonly TableCell[][] }[]>();
    eachBlock(doc.blocks, (b) => {
      if (b.type !== 'table' || b.header.length === 0) return;
      const key = [b.header.length, ...b.header.map((c) => plainText(c.children))].join('\u0000');
      const group = groups.get(key);
      if (group) group.push(b);
      else groups.set(key, [b]);
    });
    byHeader = new Map();
    for (const [key, tables] of groups) {
      const family = { key: tables.length > 1 ? key : undefined, rows: tables.flatMap((t) => t.rows) };
      for (const t of tables) byHeader.set(t.header, family);
    }
    families.set(doc, byHeader);
  }
  return byHeader.get(table.header) ?? { key: undefined, rows: table.rows };
}

/** Characters of body text on a page of A4 at the body size, for the estimate below. */
const CHARS_PER_PAGE = 3200;

/** Pages the document fills, estimated from the length of its text without laying it out. */
export function estimatedPages(doc: Document): number {
  const weight = (b: Block): number => {
    switch (b.type) {
      case 'heading':
        return plainText(b.children).length + 120;
      case 'paragraph':
        return plainText(b.children).length + 60;
      case 'list':
        return b.items.reduce((sum, item) => sum + item.reduce((s, x) => s + weight(x), 0), 0);
      case 'table':
        return (b.rows.length + 1) * 110;
      case 'blockquote':
      case 'callout':
      case 'cover':
        return b.children.reduce((sum, x) => sum + weight(x), 300);
      case 'keyFigures':
        return Math.ceil(b.items.length / 4) * 450;
      case 'chart':
        return 1400;
      case 'sources':
        return doc.notes.reduce((sum, n) => sum + n.text.length + 60, 200);
      default:
        return 0;
    }
  };
  const pageBreaks = doc.blocks.filter((b) => b.type === 'pageBreak').length;
  return Math.ceil(doc.blocks.reduce((sum, b) => sum + weight(b), 0) / CHARS_PER_PAGE) + pageBreaks;
}

const firstPlaces = new WeakMap<Document, Map<Block['type'], Block>>();

/**
 * Whether `block` (a `toc` or `sources`) is where its section prints: a document has one table of
 * contents and one Sources section, at the first such block, wherever it is. The reader never
 * makes two; a writer given a Document with more prints the section once (two would repeat the
 * notes' link targets, which pdfmake refuses).
 */
export function printsHere(doc: Document, block: Block & { type: 'toc' | 'sources' }): boolean {
  let first = firstPlaces.get(doc);
  if (!first) {
    const found = new Map<Block['type'], Block>();
    eachBlock(doc.blocks, (b) => {
      if ((b.type === 'toc' || b.type === 'sources') && !found.has(b.type)) found.set(b.type, b);
    });
    first = found;
    firstPlaces.set(doc, first);
  }
  return first.get(block.type) === block;
}

/** Calls `visit` on every block, in reading order, including those inside lists, quotes, callouts and the cover. */
function eachBlock(list: readonly Block[], visit: (block: Block) => void): void {
  for (const b of list) {
    visit(b);
    if (b.type === 'list') for (const item of b.items) eachBlock(item, visit);
    else if ('children' in b && Array.isArray(b.children) && b.type !== 'heading' && b.type !== 'paragraph') eachBlock(b.children, visit);
  }
}

/** The document's charts, in reading order. */
export function chartsOf(doc: Document): Chart[] {
  const charts: Chart[] = [];
  eachBlock(doc.blocks, (b) => {
    if (b.type === 'chart') charts.push(b.chart);
  });
  return charts;
}

export function hasToc(doc: Document): boolean {
  return doc.blocks.some((b) => b.type === 'toc');
}

/**
 * The contents rule, the one every format follows: a document that asks for a table of contents
 * gets one only when it runs over `tocMinPages` pages. `pages` is the count where a writer has
 * laid the pages out; without it, the estimate decides.
 */
export function wantsToc(doc: Document, pages = estimatedPages(doc)): boolean {
  return hasToc(doc) && pages > tocMinPages;
}

/**
 * Whether a document gets its table of contents (only one longer than `tocMinPages` does), when
 * the page estimate is clear about it; `undefined` when the document is near the limit and only
 * laying its pages out can tell. Against the PDF's real page counts of the bundled templates, the
 * estimate is up to two pages over and one page under, hence the margins.
 */
export function tocByEstimate(doc: Document): boolean | undefined {
  if (!hasToc(doc)) return false;
  const pages = estimatedPages(doc);
  if (pages < tocMinPages) return false;
  if (pages > tocMinPages + 3) return true;
  return undefined;
}

/**
 * The heading level of the paper's sections, at which the sections the writers add (Sources)
 * stand too: the highest level of the headings of the body, leaving out the title (a level-1
 * heading in the cover, or else a lone level-1 heading above level-2 sections, as `# Title` over
 * `## Trade`). A paper with no sections under its title has them one level below it.
 */
export function sectionLevel(doc: Document): 1 | 2 | 3 {
  const headings = doc.blocks.filter((b): b is Block & { type: 'heading' } => b.type === 'heading' && plainText(b.children).trim() !== '');
  const titled = doc.blocks.some((b) => b.type === 'cover' && b.children.some((c) => c.type === 'heading'));
  const title = !titled && headings.filter((h) => h.level === 1).length === 1 && headings[0]?.level === 1 ? headings[0] : undefined;
  const sections = headings.filter((h) => h !== title);
  if (sections.length > 0) return Math.min(...sections.map((h) => h.level)) as 1 | 2 | 3;
  return title ? 2 : 1;
}

/**
 * Whether a paragraph is a label for the list or table under it, to be kept on its page: a line
 * all in bold or italics ("*Outlook, plans and positions*"), or one that opens in bold
 * ("**Points to make** (figures on the record)"), without a note.
 */
export function isLabel(block: Block, next: Block | undefined): boolean {
  if (block.type !== 'paragraph' || (next?.type !== 'list' && next?.type !== 'table')) return false;
  const shown = block.children.filter((c) => c.type !== 'break' && !(c.type === 'text' && c.value.trim() === ''));
  if (shown.length === 0 || shown.some(cites)) return false;
  const marked = (c: Inline) => c.type === 'strong' || c.type === 'emphasis';
  return shown.every(marked) || shown[0]!.type === 'strong';
}

function cites(node: Inline): boolean {
  return node.type === 'cite' || ('children' in node && node.children.some(cites));
}

/** Words a short title does not end on. */
const SMALL_WORDS = new Set(['a', 'an', 'and', 'at', 'between', 'by', 'for', 'from', 'in', 'into', 'of', 'on', 'or', 'the', 'to', 'with']);

/** Words of a title a short form keeps. */
const SHORT_TITLE_WORDS = 4;

/**
 * A source's reference in short, as a footnote gives it where the source was cited in full
 * before: its author (where the reference names one), its title cut to a few words, its date.
 * "Zhang Xiao, “China, Kazakhstan to enhance”, April 2019 (date estimated)." It reads the
 * reference as the pipeline writes it (author, “title”, kind, publisher, date: brief.ts
 * `sourceReference`); a reference without a quoted title keeps its first part and its date.
 */
export function shortReference(reference: string): string {
  const quoted = /^(.*?)“([^”]+)”(.*)$/s.exec(reference);
  if (!quoted) {
    const parts = topLevelParts(reference.replace(/\.$/, ''));
    return parts.length > 2 ? `${parts[0]}, ${parts[parts.length - 1]}.` : reference;
  }
  const [, author = '', title = '', rest = ''] = quoted;
  const date = topLevelParts(rest.replace(/^\s*,\s*/, '').replace(/\.$/, '')).pop();
  return `${author}“${shortTitle(title)}”${date ? `, ${date}` : ''}.`;
}

/** A title without its subtitle, its first few words, ending on a word that carries meaning. */
function shortTitle(title: string): string {
  const main = title.split(/\s*:\s+|\s+[–—]\s+/)[0]!;
  const words = (main.split(/\s+/).length >= 2 ? main : title).trim().split(/\s+/);
  if (words.length <= SHORT_TITLE_WORDS) return words.join(' ');
  const kept = words.slice(0, SHORT_TITLE_WORDS);
  while (kept.length > 1 && SMALL_WORDS.has(kept[kept.length - 1]!.toLowerCase().replace(/[^\p{L}]/gu, ''))) kept.pop();
  return kept.join(' ').replace(/[\s,;:–—-]+$/, '');
}

/** The parts of a text between its commas, leaving commas inside brackets where they are. */
function topLevelParts(text: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '(' || c === '[') depth++;
    else if ((c === ')' || c === ']') && depth > 0) depth--;
    else if (c === ',' && depth === 0) {
      parts.push(text.slice(start, i).trim());
      start = i + 1;
    }
  }
  parts.push(text.slice(start).trim());
  return parts.filter(Boolean);
}

/** The least space, in points, between the footer's title and its marking (the PDF's column gap). */
export const FOOTER_GAP = 12;

let headingFaceWidths: { normal: (s: string) => number; bold: (s: string) => number } | undefined;

/** Widths of text in the heading family (tables, footers), in ems, measured from the shipped fonts. */
export function headingWidths(): { normal: (s: string) => number; bold: (s: string) => number } {
  headingFaceWidths ??= { normal: advanceWidths(trueTypeFont('heading', 'latin', 'normal')), bold: advanceWidths(trueTypeFont('heading', 'latin', 'bold')) };
  return headingFaceWidths;
}

/**
 * The paper's title as the footer prints it, on the left of the centred marking in a text block
 * `width` points wide: whole, or cut at a word with an ellipsis where it would run into the
 * marking (measured in the shipped fonts, at the footer's sizes). Both writers print this.
 */
export function footerTitle(title: string, marking: string, width: number, style: StyleTokens): string {
  const { normal: text, bold } = headingWidths();
  const room = width / 2 - (marking ? (bold(marking) * style.marking.size) / 2 : 0) - FOOTER_GAP;
  const measure = (s: string) => text(s) * style.secondary.size;
  if (measure(title) <= room) return title;
  const words = title.split(' ');
  while (words.length > 1) {
    words.pop();
    const cut = `${words.join(' ').replace(/[\s,;:–—-]+$/, '')}…`;
    if (measure(cut) <= room) return cut;
  }
  let cut = title;
  while (cut.length > 1 && measure(`${cut}…`) > room) cut = cut.slice(0, -1);
  return `${cut}…`;
}

const BASE64 = Uint8Array.from('ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/', (c) => c.charCodeAt(0));
const PAD = '='.charCodeAt(0);
/** Each file's base64 (a font face, a logo), made once per process: they are the same for every page. */
const encoded = new WeakMap<Uint8Array, string>();

/** Bytes in base64 (RFC 4648, padded), for a data: URL. */
export function base64(bytes: Uint8Array): string {
  let text = encoded.get(bytes);
  if (text !== undefined) return text;
  const out = new Uint8Array(Math.ceil(bytes.length / 3) * 4);
  let o = 0;
  for (let i = 0; i < bytes.length; i += 3) {
    const rest = bytes.length - i;
    const n = (bytes[i]! << 16) | ((rest > 1 ? bytes[i + 1]! : 0) << 8) | (rest > 2 ? bytes[i + 2]! : 0);
    out[o++] = BASE64[n >> 18]!;
    out[o++] = BASE64[(n >> 12) & 63]!;
    out[o++] = rest > 1 ? BASE64[(n >> 6) & 63]! : PAD;
    out[o++] = rest > 2 ? BASE64[n & 63]! : PAD;
  }
  const chunks: string[] = [];
  for (let i = 0; i < out.length; i += 8192) chunks.push(String.fromCharCode(...out.subarray(i, i + 8192)));
  text = chunks.join('');
  encoded.set(bytes, text);
  return text;
}
