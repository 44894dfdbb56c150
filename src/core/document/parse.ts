// Markdown → Document blocks: the one reader of the pipeline. It owns the Markdown dialect a
// template may produce (CommonMark, GFM tables, the briefwright directives), the numbering of
// citations, and the diagnostics for anything in that Markdown a user has to fix.
//
// Directives (remark-directive syntax):
//   ::pagebreak   ::toc   ::sources   ::chart{ref="series-id"}          (leaf: a line of its own)
//   :::callout{title="Key messages"} … :::                               (containers; to nest
//   :::cover … :::                                                        one in another, give the
//   :::keyfigures  - **$41 billion** Trade turnover, 2023  … :::          outer one more colons)
//   :cite[fact-id]   :cite[fact-a, fact-b]                               (text, inside a sentence)
//   :cite{source="source-id"}        a source on its own (what a person's role rests on)
//
// The reader never throws on its input: whatever it cannot use becomes text and/or a diagnostic.

import { unified, type Processor } from 'unified';
import remarkParse from 'remark-parse';
import { gfmTableFromMarkdown } from 'mdast-util-gfm-table';
import { gfmTable } from 'micromark-extension-gfm-table';
import remarkDirective from 'remark-directive';
import type * as Md from 'mdast';
import type { ContainerDirective, LeafDirective, TextDirective } from 'mdast-util-directive';
import type { Diagnostic } from '../diagnostics';
import { capped, quote } from '../quote';
import { plainText } from './text';
import type { Align, Block, Chart, Inline, KeyFigure, Note, Position, SourceEntry, TableCell } from './model';

/** What a citation points at, as the caller (the pipeline, which knows the facts) resolves it. */
export interface CiteTarget {
  sourceId: string;
  /** The source's full reference: its note, and its entry in the Sources section. */
  source: string;
  /** Who the cited fact quotes, where that is not the source's author. */
  speaker?: string;
}

export interface ParseOptions {
  /** Named in diagnostics; the caller maps positions back to the template. */
  file: string;
  resolveCite: (factId: string) => CiteTarget | undefined;
  /** Targets of `:cite{source="source-id"}`, a source cited on its own; without it, each is an unknown source. */
  resolveSourceCite?: (sourceId: string) => CiteTarget | undefined;
  /** Targets of `::chart{ref=…}`. */
  charts: ReadonlyMap<string, Chart>;
}

export interface ParseResult {
  blocks: Block[];
  /** One note per citation number, in number order (1, 2, 3 …). */
  notes: Note[];
  /** Each cited source once, in order of its first citation. */
  sources: SourceEntry[];
  diagnostics: Diagnostic[];
}

const LEAF_DIRECTIVES = ['pagebreak', 'toc', 'sources', 'chart'] as const;
const CONTAINER_DIRECTIVES = ['callout', 'cover', 'keyfigures'] as const;
const KNOWN_DIRECTIVES = [...LEAF_DIRECTIVES, ...CONTAINER_DIRECTIVES].join(', ');

// Built once: the processor is stateless between parses.
/**
 * GFM tables only: autolink literals, footnotes, strikethrough and task lists have no place in
 * the model, and the autolink scanner alone doubled the time a brief takes to parse.
 */
function remarkGfmTables(this: Processor) {
  const data = this.data() as { micromarkExtensions?: unknown[]; fromMarkdownExtensions?: unknown[] };
  (data.micromarkExtensions ??= []).push(gfmTable());
  (data.fromMarkdownExtensions ??= []).push(gfmTableFromMarkdown());
}

const markdown = unified().use(remarkParse).use(remarkGfmTables).use(remarkDirective).freeze();

/** The state of one parse: the source (for slicing literal text back out), the citations so far. */
interface Reader {
  source: string;
  options: ParseOptions;
  /** Link reference definitions (`[id]: url`), by normalised identifier. */
  definitions: Map<string, string>;
  diagnostics: Diagnostic[];
  /** By fact id, or `source:<id>` for a source cited on its own. */
  noteByFact: Map<string, { note: number; speaker?: string }>;
  notes: Note[];
  sources: SourceEntry[];
  /** Where the document's one table of contents and one Sources section go, once placed. */
  placed: Set<'toc' | 'sources'>;
}

export function parseMarkdown(source: string, options: ParseOptions): ParseResult {
  const reader: Reader = {
    source,
    options,
    definitions: new Map(),
    diagnostics: [],
    noteByFact: new Map(),
    notes: [],
    sources: [],
    placed: new Set(),
  };
  try {
    const tree = markdown.parse(source);
    reader.definitions = collectDefinitions(tree);
    const blocks = readBlocks(tree.children, reader);
    return { blocks, notes: reader.notes, sources: reader.sources, diagnostics: reader.diagnostics };
  } catch (error) {
    // Thousands of nested quotes or emphasis markers exhaust the stack of the Markdown parser
    // (and of any tree walk). No template produces that; it is reported, not thrown.
    if (!(error instanceof RangeError)) throw error;
    const message = 'the Markdown is nested too deeply to read (thousands of levels of quotes, lists or emphasis)';
    return { blocks: [], notes: [], sources: [], diagnostics: [{ severity: 'error', file: options.file, line: 1, column: 1, message }] };
  }
}

// ---------------------------------------------------------------------------------------------
// Blocks

function readBlocks(nodes: readonly Md.RootContent[], r: Reader): Block[] {
  return nodes.flatMap((node) => readBlock(node, r));
}

function readBlock(node: Md.RootContent, r: Reader): Block[] {
  switch (node.type) {
    case 'paragraph':
      return readParagraph(node, r);
    case 'heading':
      return readHeading(node, r);
    case 'list':
      return readList(node, r);
    case 'table':
      return readTable(node, r);
    case 'blockquote':
      return readBlockquote(node, r);
    case 'thematicBreak':
      return [{ type: 'rule', position: at(node) }];
    case 'html':
      return readHtmlBlock(node, r);
    case 'code':
      return readCodeBlock(node, r);
    case 'definition':
      return []; // consumed by the link references that use it
    case 'leafDirective':
      return readLeafDirective(node, r);
    case 'containerDirective':
      return readContainerDirective(node, r);
    default:
      return readUnsupportedBlock(node, r);
  }
}

function readParagraph(node: Md.Paragraph, r: Reader): Block[] {
  const children = trimInlines(readInlines(node.children, r));
  return children.length ? [{ type: 'paragraph', children, position: at(node) }] : [];
}

function readHeading(node: Md.Heading, r: Reader): Block[] {
  const children = trimInlines(readInlines(node.children, r));
  // The model has three levels: the deeper Markdown levels are still headings, just the smallest.
  const level = Math.min(node.depth, 3) as 1 | 2 | 3;
  return children.length ? [{ type: 'heading', level, children, position: at(node) }] : [];
}

function readList(node: Md.List, r: Reader): Block[] {
  const items = node.children.map((item) => readListItem(item, r));
  return [{ type: 'list', ordered: node.ordered === true, items, position: at(node) }];
}

function readListItem(node: Md.ListItem, r: Reader): Block[] {
  return readBlocks(node.children, r);
}

function readTable(node: Md.Table, r: Reader): Block[] {
  const [head, ...body] = node.children;
  const header = head ? head.children.map((cell) => readTableCell(cell, r)) : [];
  // GFM: a short row is padded with empty cells and the excess of a long row is ignored, so
  // every writer can count on rectangular rows.
  const width = header.length;
  const rows = body.map((row) => {
    const cells = row.children.slice(0, width).map((cell) => readTableCell(cell, r));
    while (cells.length < width) cells.push({ children: [] });
    return cells;
  });
  const align: Align[] = header.map((_, i) => node.align?.[i] ?? null);
  return [{ type: 'table', align, header, rows, position: at(node) }];
}

function readTableCell(node: Md.TableCell, r: Reader): TableCell {
  return { children: trimInlines(readInlines(node.children, r)) };
}

function readBlockquote(node: Md.Blockquote, r: Reader): Block[] {
  const children = readBlocks(node.children, r);
  return children.length ? [{ type: 'blockquote', children, position: at(node) }] : [];
}

/** Raw HTML is never passed through: a writer would otherwise have to trust it. */
function readHtmlBlock(node: Md.Html, r: Reader): Block[] {
  warnRawHtml(node, r);
  const children = literalLines(node.value);
  return children.length ? [{ type: 'paragraph', children, position: at(node) }] : [];
}

/** The model has no code blocks: the lines print in code type, one per line. */
function readCodeBlock(node: Md.Code, r: Reader): Block[] {
  const fenced = /^[ \t]*(```|~~~)/.test(slice(node, r));
  if (!fenced) {
    // Almost always an accident of indentation in a template, not a wish for code.
    report(r, 'warning', node, 'text indented by four spaces or more is shown as code; remove the indentation if it is a paragraph');
  }
  const children: Inline[] = [];
  node.value.split(/\r?\n/).forEach((line, i) => {
    if (i > 0) children.push({ type: 'break' });
    if (line) children.push({ type: 'code', value: line });
  });
  return node.value.trim() ? [{ type: 'paragraph', children, position: at(node) }] : [];
}


function readUnsupportedBlock(node: Md.RootContent, r: Reader): Block[] {
  // mdast never puts phrasing content directly in a flow container; if it ever does, it is
  // still text the user wrote.
  if (isPhrasing(node)) {
    const children = trimInlines(readInline(node, r));
    return children.length ? [{ type: 'paragraph', children, position: at(node) }] : [];
  }
  report(r, 'warning', node, `unsupported Markdown (${node.type}) is printed as text`);
  const children = literalLines(slice(node, r));
  return children.length ? [{ type: 'paragraph', children, position: at(node) }] : [];
}

// ---------------------------------------------------------------------------------------------
// Directives

function readLeafDirective(node: LeafDirective, r: Reader): Block[] {
  const position = at(node);
  switch (node.name) {
    case 'pagebreak':
      return [{ type: 'pageBreak', position }];
    case 'toc':
    case 'sources':
      return readPlace(node, node.name, r);
    case 'chart':
      return readChart(node, r);
    case 'callout':
    case 'cover':
    case 'keyfigures':
      report(r, 'error', node, `":::${node.name}" is a container: open it with ":::${node.name}" on a line of its own and close it with ":::" (found "::${node.name}")`);
      return [];
    case 'cite':
      report(r, 'error', node, 'a citation goes inside the text with one colon: ":cite[fact-id]" (found "::cite" on a line of its own)');
      return [];
    default:
      report(r, 'error', node, `unknown directive "::${node.name}" (known: ${KNOWN_DIRECTIVES})`);
      return [];
  }
}

/** A document has one table of contents and one Sources section: a second `::toc` or `::sources` is left out. */
function readPlace(node: LeafDirective, name: 'toc' | 'sources', r: Reader): Block[] {
  if (r.placed.has(name)) {
    const what = name === 'toc' ? 'table of contents' : 'Sources section';
    report(r, 'warning', node, `"::${name}" appears more than once: the ${what} prints once, where the first "::${name}" is`);
    return [];
  }
  r.placed.add(name);
  return [{ type: name, position: at(node) }];
}

function readChart(node: LeafDirective, r: Reader): Block[] {
  const ref = node.attributes?.ref?.trim();
  if (!ref) {
    report(r, 'error', node, '::chart needs the chart it shows: ::chart{ref="chart-id"}');
    return [];
  }
  const chart = r.options.charts.get(ref);
  if (!chart) {
    const known = [...r.options.charts.keys()].sort();
    const hint = known.length ? `known: ${known.join(', ')}` : 'no charts are defined for this brief';
    report(r, 'error', node, `unknown chart ${quote(ref)} in ::chart{ref=${quote(ref)}} (${hint})`);
    return [];
  }
  // Every document a caption names is in Sources, as the ones the text cites are.
  for (const fact of chart.facts ?? []) noteFor({ fact }, node, r);
  return [{ type: 'chart', chart, position: at(node) }];
}

function readContainerDirective(node: ContainerDirective, r: Reader): Block[] {
  warnIfUnclosed(node, r);
  const { label, body } = splitContainerLabel(node);
  switch (node.name) {
    case 'callout':
      return readCallout(node, label, body, r);
    case 'cover':
      return [{ type: 'cover', children: readBlocks(body, r), position: at(node) }];
    case 'keyfigures':
      return readKeyFigures(node, body, r);
    case 'pagebreak':
    case 'toc':
    case 'sources':
    case 'chart':
      report(r, 'error', node, `"::${node.name}" is a line of its own, not a container: write "::${node.name}" with two colons and no closing ":::"`);
      return readBlocks(body, r);
    default:
      // The content is kept so that nothing the user wrote disappears from the preview.
      report(r, 'error', node, `unknown directive "${openingColons(node, r)}${node.name}" (known: ${KNOWN_DIRECTIVES})`);
      return readBlocks(body, r);
  }
}

function readCallout(node: ContainerDirective, label: Md.Paragraph | undefined, body: Md.RootContent[], r: Reader): Block[] {
  const attribute = node.attributes?.title;
  // `:::callout{title="…"}` is the documented form; `:::callout[…]` is accepted as well.
  const title: Inline[] =
    attribute != null ? tidyInlines([{ type: 'text', value: attribute.trim() }]) : label ? trimInlines(readInlines(label.children, r)) : [];
  return [{ type: 'callout', title, children: readBlocks(body, r), position: at(node) }];
}

const KEY_FIGURE_FORM = '"- **$41 billion** Trade turnover, 2023"';

function readKeyFigures(node: ContainerDirective, body: Md.RootContent[], r: Reader): Block[] {
  const lists = body.filter((child): child is Md.List => child.type === 'list');
  const strays = body.filter((child) => child.type !== 'list' && child.type !== 'definition');
  for (const stray of strays) {
    report(r, 'error', stray, `:::keyfigures holds only a list of key figures, one per line: ${KEY_FIGURE_FORM}`);
  }
  if (lists.length !== 1) {
    const found = lists.length === 0 ? 'found none' : `found ${lists.length}`;
    report(r, 'error', lists[1] ?? node, `:::keyfigures holds exactly one list of key figures (${found}): ${KEY_FIGURE_FORM}`);
  }
  const items = lists.flatMap((list) => list.children.flatMap((item) => readKeyFigure(item, r)));
  return [{ type: 'keyFigures', items, position: at(node) }];
}

function readKeyFigure(item: Md.ListItem, r: Reader): KeyFigure[] {
  const [first, ...rest] = item.children;
  if (first?.type !== 'paragraph' || rest.length > 0 || first.children[0]?.type !== 'strong') {
    report(r, 'error', item, `a key figure is one line starting with its value in bold: ${KEY_FIGURE_FORM}`);
    return [];
  }
  const [strong, ...after] = first.children;
  const valueInlines = readInlines(strong.children, r);
  // A citation attached to the value still has to print somewhere: it moves to the label.
  const cites = collectCites(valueInlines);
  const value = plainText(valueInlines).trim();
  const label = trimInlines(tidyInlines([...readInlines(after, r), ...cites]));
  if (!value) {
    report(r, 'error', item, `a key figure needs a value in bold: ${KEY_FIGURE_FORM}`);
    return [];
  }
  if (!label.some((inline) => inline.type !== 'cite')) {
    report(r, 'error', item, `the key figure ${quote(value)} needs a label after its value: ${KEY_FIGURE_FORM}`);
    return [];
  }
  return [{ value, label }];
}

/** remark-directive turns `:::name[label]` into a first paragraph marked as the label. */
function splitContainerLabel(node: ContainerDirective): { label: Md.Paragraph | undefined; body: Md.RootContent[] } {
  const [first, ...rest] = node.children;
  if (first?.type === 'paragraph' && first.data?.directiveLabel) return { label: first, body: rest };
  return { label: undefined, body: node.children };
}

/**
 * A container left open runs to the end of the document (or of its parent), silently taking
 * everything after it. The common cause is nesting with equal fences: the inner ":::" closes
 * the outer container.
 */
function warnIfUnclosed(node: ContainerDirective, r: Reader): void {
  if (/(^|\n)[ \t>]*:{3,}[ \t]*$/.test(slice(node, r))) return;
  report(
    r,
    'warning',
    node,
    `"${openingColons(node, r)}${node.name}" is not closed by a ":::" line of its own, so it runs to the end of the document or of its parent; to nest containers, give the outer one more colons ("::::cover" … "::::")`,
  );
}

function openingColons(node: ContainerDirective, r: Reader): string {
  return /^[ \t]*(:{3,})/.exec(slice(node, r))?.[1] ?? ':::';
}

// ---------------------------------------------------------------------------------------------
// Inlines

function readInlines(nodes: readonly Md.PhrasingContent[], r: Reader): Inline[] {
  return tidyInlines(nodes.flatMap((node) => readInline(node, r)));
}

function readInline(node: Md.PhrasingContent, r: Reader): Inline[] {
  switch (node.type) {
    case 'text':
      return literal(node.value);
    case 'strong':
      return readStrong(node, r);
    case 'emphasis':
      return readEmphasis(node, r);
    case 'inlineCode':
      return [{ type: 'code', value: node.value }];
    case 'break':
      return [{ type: 'break' }];
    case 'link':
      return readLink(node.url, node.children, r);
    case 'linkReference':
      return readLinkReference(node, r);
    case 'image':
    case 'imageReference':
      return readImage(node, r);
    case 'html':
      return readHtmlInline(node, r);
    case 'textDirective':
      return readTextDirective(node, r);
    default:
      return readUnsupportedInline(node, r);
  }
}

function readStrong(node: Md.Strong, r: Reader): Inline[] {
  const children = readInlines(node.children, r);
  return children.length ? [{ type: 'strong', children }] : [];
}

function readEmphasis(node: Md.Emphasis, r: Reader): Inline[] {
  const children = readInlines(node.children, r);
  return children.length ? [{ type: 'emphasis', children }] : [];
}

/** Links stay data (text plus target): nothing in the pipeline follows them. */
function readLink(url: string, content: readonly Md.PhrasingContent[], r: Reader): Inline[] {
  const children = readInlines(content, r);
  return [{ type: 'link', url, children: children.length ? children : literal(url) }];
}

function readLinkReference(node: Md.LinkReference, r: Reader): Inline[] {
  const url = r.definitions.get(node.identifier);
  // micromark only makes a reference when its definition exists; this is belt and braces.
  if (url === undefined) return literal(slice(node, r));
  return readLink(url, node.children, r);
}

/** Images are never fetched or embedded: the one picture a brief has is a chart. */
function readImage(node: Md.Image | Md.ImageReference, r: Reader): Inline[] {
  report(r, 'error', node, 'images are not supported; use ::chart');
  return [];
}

function readHtmlInline(node: Md.Html, r: Reader): Inline[] {
  warnRawHtml(node, r);
  return literal(node.value);
}



function readTextDirective(node: TextDirective, r: Reader): Inline[] {
  if (node.name === 'cite') return readCite(node, r);
  // Only `:cite` is a text directive. Anything else is ordinary prose that happens to look
  // like one ("Note:word", "ratio:high"): it prints exactly as written.
  return literal(slice(node, r));
}

function readCite(node: TextDirective, r: Reader): Inline[] {
  const ids = (text: string | null | undefined) => [...new Set((text ?? '').split(',').map((id) => id.trim()).filter(Boolean))];
  const cited: Cited[] = [...ids(mdastText(node.children)).map((fact) => ({ fact })), ...ids(node.attributes?.source).map((source) => ({ source }))];
  if (cited.length === 0) {
    report(r, 'error', node, 'a citation needs the id of the fact it cites: :cite[fact-id] (or of a source: :cite{source="source-id"})');
    return [];
  }
  // Facts of one citation from one document are one mark, not "1,1".
  const marks = new Map<number, Inline>();
  for (const what of cited) {
    const found = noteFor(what, node, r);
    if (found && !marks.has(found.note)) marks.set(found.note, { type: 'cite', note: found.note, ...(found.speaker ? { speaker: found.speaker } : {}) });
  }
  return [...marks.values()];
}

/** What one citation names: a fact, or a source on its own (what a person's role rests on). */
type Cited = { fact: string } | { source: string };

/**
 * Notes are the documents cited, numbered in order of first citation: every fact from one
 * document cites its note, so the notes list names each document once, whoever is quoted from
 * it. A fact cited again keeps its number; what the fact quotes travels with the citation.
 */
function noteFor(what: Cited, node: TextDirective | LeafDirective, r: Reader): { note: number; speaker?: string } | undefined {
  // Ids never hold a colon: the two kinds cannot collide.
  const key = 'fact' in what ? what.fact : `source:${what.source}`;
  const known = r.noteByFact.get(key);
  if (known !== undefined) return known;
  const target = 'fact' in what ? r.options.resolveCite(what.fact) : r.options.resolveSourceCite?.(what.source);
  if (!target) {
    report(
      r,
      'error',
      node,
      'fact' in what ? `unknown fact ${quote(what.fact)} in :cite[${capped(what.fact)}]` : `unknown source ${quote(what.source)} in :cite{source="${capped(what.source)}"}`,
    );
    return undefined;
  }
  let note = r.notes.find((n) => n.sourceId === target.sourceId);
  if (!note) {
    note = { number: r.notes.length + 1, text: target.source, sourceId: target.sourceId, ...('fact' in what ? { factId: what.fact } : {}) };
    r.notes.push(note);
  }
  if (!r.sources.some((s) => s.id === target.sourceId)) r.sources.push({ id: target.sourceId, text: target.source });
  const found = { note: note.number, ...(target.speaker ? { speaker: target.speaker } : {}) };
  r.noteByFact.set(key, found);
  return found;
}

function readUnsupportedInline(node: Md.PhrasingContent, r: Reader): Inline[] {
  report(r, 'warning', node, `unsupported Markdown (${node.type}) is printed as text`);
  return literal(slice(node, r));
}

// ---------------------------------------------------------------------------------------------
// Shared pieces

function warnRawHtml(node: Md.Html, r: Reader): void {
  const first = node.value.split(/\r?\n/)[0] ?? '';
  report(r, 'warning', node, `raw HTML ${quote(first, 40)} is printed as text: HTML is not passed through; use Markdown or a directive`);
}


/**
 * Text as a writer should see it: a soft line break in Markdown is a space (only `break` is a
 * new line), so no text value carries a newline.
 */
function literal(value: string): Inline[] {
  const text = value.replace(/[ \t]*\r?\n[ \t]*/g, ' ');
  return text ? [{ type: 'text', value: text }] : [];
}

/** Source text kept line by line (raw HTML blocks). */
function literalLines(value: string): Inline[] {
  const out: Inline[] = [];
  value.split(/\r?\n/).forEach((line, i) => {
    if (i > 0) out.push({ type: 'break' });
    if (line) out.push({ type: 'text', value: line });
  });
  return trimBreaks(out);
}

function trimBreaks(inlines: Inline[]): Inline[] {
  let start = 0;
  let end = inlines.length;
  while (start < end && inlines[start]?.type === 'break') start++;
  while (end > start && inlines[end - 1]?.type === 'break') end--;
  return inlines.slice(start, end);
}

/** Merges adjacent text and drops empty text, so writers never see fragments. */
function tidyInlines(inlines: readonly Inline[]): Inline[] {
  const out: Inline[] = [];
  for (const inline of inlines) {
    const last = out[out.length - 1];
    // A note marker sits against the word it belongs to: a space before it would let a line
    // break there and leave the marker at the start of the next line ("Xiao. ¹" → "Xiao.¹").
    if (inline.type === 'cite' && last?.type === 'text' && /[ \t]$/.test(last.value)) {
      const value = last.value.replace(/[ \t]+$/, '');
      if (value) out[out.length - 1] = { type: 'text', value };
      else out.pop();
    }
    if (inline.type === 'text') {
      if (!inline.value) continue;
      if (last?.type === 'text') {
        out[out.length - 1] = { type: 'text', value: last.value + inline.value };
        continue;
      }
    }
    out.push(inline);
  }
  return out;
}

/** Leading and trailing spaces of a paragraph, heading or cell carry no meaning. */
function trimInlines(inlines: readonly Inline[]): Inline[] {
  const out = [...inlines];
  const first = out[0];
  if (first?.type === 'text') out[0] = { type: 'text', value: first.value.trimStart() };
  const last = out[out.length - 1];
  if (last?.type === 'text') out[out.length - 1] = { type: 'text', value: last.value.trimEnd() };
  return tidyInlines(out);
}


function collectCites(inlines: readonly Inline[]): Inline[] {
  return inlines.flatMap((inline): Inline[] => {
    if (inline.type === 'cite') return [inline];
    if ('children' in inline) return collectCites(inline.children);
    return [];
  });
}

/** The text of mdast phrasing content as written, markup aside (used for fact ids). */
function mdastText(nodes: readonly Md.PhrasingContent[]): string {
  return nodes.map((node) => ('value' in node ? node.value : 'children' in node ? mdastText(node.children) : '')).join('');
}

function isPhrasing(node: Md.RootContent): node is Md.PhrasingContent {
  return ['text', 'emphasis', 'strong', 'inlineCode', 'break', 'link', 'linkReference', 'textDirective'].includes(node.type);
}

function collectDefinitions(tree: Md.Root): Map<string, string> {
  const definitions = new Map<string, string>();
  const visit = (node: Md.Nodes): void => {
    // CommonMark: the first definition of a label wins.
    if (node.type === 'definition' && !definitions.has(node.identifier)) definitions.set(node.identifier, node.url);
    if ('children' in node) for (const child of node.children) visit(child);
  };
  visit(tree);
  return definitions;
}

function at(node: Md.Nodes): Position | undefined {
  const start = node.position?.start;
  return start ? { line: start.line, column: start.column } : undefined;
}

/** The node's source text exactly as written, for anything that must print literally. */
function slice(node: Md.Nodes, r: Reader): string {
  const start = node.position?.start.offset;
  const end = node.position?.end.offset;
  return start === undefined || end === undefined ? '' : r.source.slice(start, end);
}

function report(r: Reader, severity: Diagnostic['severity'], node: Md.Nodes, message: string): void {
  const position = at(node);
  r.diagnostics.push({ severity, file: r.options.file, ...(position ?? {}), message });
}
