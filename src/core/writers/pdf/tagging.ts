// The tagged PDF (PDF/UA-1): the structure tree a screen reader reads, built from the pdfmake
// definition as it is laid out. pdfmake passes pdfkit's `tagged` and `subset` flags on but marks
// no content; pdfkit can. The writer's parts say what each node is (`tagged`: a heading, a
// paragraph, a table cell, a figure with its words, a running header that is no part of the text);
// the layout stamps every line and picture it places with the tags of the nodes around it
// (`hookTagging`: LayoutBuilder.processNode and ElementWriter's add*); the renderer wraps each
// in marked content and files it under its element (Renderer's render*), in the order of the
// page's items, which is the order the text reads. Whatever is not tagged stays readable: text
// falls to a paragraph of its own, a link to a link, and vectors, rules and fills are artifacts.
// `taggingShape` asserts every internal relied on; tests/integration/tagged-pdf.test.ts reads
// the tree back with poppler.

import { packObjects } from './object-streams';
import { patch, unpatched } from './patch';

/** The standard structure types the writer uses (PDF 1.7, 14.8.4). */
export type Role =
  | 'Div'
  | 'BlockQuote'
  | 'TOC'
  | 'TOCI'
  | 'P'
  | 'H1'
  | 'H2'
  | 'H3'
  | 'L'
  | 'LI'
  | 'Lbl'
  | 'LBody'
  | 'Table'
  | 'TR'
  | 'TH'
  | 'TD'
  | 'Link'
  | 'Reference'
  | 'Note'
  | 'Figure';

/** What a node of the definition (or an inline leaf of its text) is in the structure tree. */
export interface Tag {
  role: Role;
  /** Alternative text (a figure's data in words). */
  alt?: string;
  /** What a reader says in place of the printed text ("note 1" for a superscript 1). */
  actual?: string;
  /** A header cell's scope. */
  scope?: 'Column' | 'Row';
  /** A note's identifier (PDF/UA asks one of every Note). */
  id?: string;
  /**
   * The element this one sits in when that is no node of the definition: a table's row, a
   * list's item (whose label and body are two nodes). Its own parent is the element of the
   * nearest tagged node around.
   */
  within?: Tag;
  /** Elements made with this one, in this order: a row's cells (an empty cell is still a cell), an item's label and body. */
  kids?: Tag[];
}

/** Content that is no part of the text: running headers and footers (Pagination), rules, fills and repeated header rows. */
export interface Artifact {
  artifact: 'Pagination' | 'Layout';
}

export type Marking = Tag | Artifact;

/** The property a node (or inline) of the definition carries its marking in. */
const TAG = 'pdfTag';
/** The property the layout stamps each line, vector and picture with: a string, as pdfmake copies only those when it moves a block. */
const STAMP = '_briefwrightStamp';

/** `node`, marked: the writer's way of saying what a node is. */
export function tagged<T>(node: T, marking: Marking): T {
  return Object.assign(node as object, { [TAG]: marking }) as T;
}

/** A header cell or a data cell, in `row`. */
export function cellTag(row: Tag, header: boolean): Tag {
  const cell: Tag = header ? { role: 'TH', scope: 'Column', within: row } : { role: 'TD', within: row };
  (row.kids ??= []).push(cell);
  return cell;
}

/** A list item's body (and, for numbered lists, its label), made in a new item. */
export function itemTags(numbered: boolean): { body: Tag; label?: Tag } {
  const item: Tag = { role: 'LI' };
  const body: Tag = { role: 'LBody', within: item };
  const label: Tag | undefined = numbered ? { role: 'Lbl', within: item } : undefined;
  item.kids = label ? [label, body] : [body];
  return label ? { body, label } : { body };
}

function isArtifact(marking: Marking | undefined): marking is Artifact {
  return marking !== undefined && 'artifact' in marking;
}

function markingOf(node: unknown): Marking | undefined {
  return typeof node === 'object' && node !== null ? ((node as Record<string, unknown>)[TAG] as Marking | undefined) : undefined;
}

// ---------------------------------------------------------------------------------------------
// Layout: the stamp of every item placed.

/** The tags around an item, outermost first, and the node whose text it is. */
interface Stamp {
  chain: Marking[];
  leaf: object | undefined;
}

type Node = Record<string, unknown> & { toc?: { title?: unknown }; ol?: unknown; ul?: unknown; listMarker?: { _inlines?: unknown[] } };

/** The nodes being laid out, outermost first (pdfmake lays a document out synchronously). */
const path: Node[] = [];
/** Set while pdfmake repeats a table's header rows at the head of a new page. */
let repeating = 0;
/** Set while a document to be tagged is laid out. */
let stamping = false;

function stampOf(item: unknown): Stamp | undefined {
  return typeof item === 'object' && item !== null ? ((item as Record<string, Stamp>)[STAMP] ?? undefined) : undefined;
}

function stamp(item: object, value: Stamp): void {
  (item as Record<string, Stamp>)[STAMP] = value;
}

/** The last stamp made, and the node and depth it was made at: the lines of a paragraph share one. */
let last: { leaf: object | undefined; depth: number; stamp: Stamp } | undefined;

/** The stamp of what is placed now: the markings of the nodes being laid out. */
function currentStamp(line?: PdfLine): Stamp {
  if (isListMarker(line)) return stampFor(line);
  const leaf = path[path.length - 1];
  if (last && last.leaf === leaf && last.depth === path.length) return last.stamp;
  const stamp = stampFor();
  last = { leaf, depth: path.length, stamp };
  return stamp;
}

/** Whether `line` is the number pdfmake draws beside a list item. */
function isListMarker(line: PdfLine | undefined): boolean {
  if (!line) return false;
  for (let i = 0; i < path.length - 1; i++) {
    const node = path[i]!;
    if ((node.ol || node.ul) && path[i + 1]!.listMarker?._inlines?.[0] === line.inlines[0]) return true;
  }
  return false;
}

function stampFor(line?: PdfLine): Stamp {
  const chain: Marking[] = [];
  for (let i = 0; i < path.length; i++) {
    const node = path[i]!;
    const next = path[i + 1];
    // A list's number is drawn as its item's first line is: it is the item's label.
    if ((node.ol || node.ul) && next && line && next.listMarker?._inlines?.[0] === line.inlines[0]) {
      const body = markingOf(next);
      const label = body && !isArtifact(body) ? body.within?.kids?.find((k) => k.role === 'Lbl') : undefined;
      return label ? { chain: [...chain, ...(markingOf(node) ? [markingOf(node)!] : []), label], leaf: undefined } : { chain: [...chain, { artifact: 'Layout' }], leaf: undefined };
    }
    // The contents' title comes before the contents, not in them.
    const marking = node.toc && next === node.toc.title ? undefined : markingOf(node);
    if (marking) chain.push(marking);
  }
  return { chain, leaf: path[path.length - 1] };
}

interface PdfLine {
  inlines: Inline[];
  clone(): PdfLine;
  getHeight(): number;
  getAscenderHeight(): number;
  _outline?: unknown;
  _pageNodeRef?: unknown;
  id?: unknown;
}

interface Inline {
  text: string;
  x: number;
  width: number;
  link?: string | null;
  linkToDestination?: string | null;
  [TAG]?: Marking;
}

type PageItems = { items: { item?: unknown }[] };

export interface LayoutModules {
  /** pdfmake's LayoutBuilder class. */
  layoutBuilder: {
    prototype: {
      layoutDocument(content: unknown, pdfDocument: { options?: { tagged?: boolean } }, ...rest: unknown[]): unknown;
      processNode(node: Node, verticalAlignment?: unknown): unknown;
    };
  };
  /** pdfmake's ElementWriter class (what places lines, vectors and pictures on a page). */
  elementWriter: {
    prototype: {
      addLine(line: PdfLine, stay?: unknown, index?: unknown): unknown;
      addVector(vector: object, ...rest: unknown[]): unknown;
      addImage(image: object, index?: unknown): unknown;
      addSVG(svg: object, index?: unknown): unknown;
      addFragment(this: { context(): { getCurrentPage(): PageItems | null } }, block: object, x?: unknown, y?: unknown, stay?: unknown): unknown;
    };
  };
  /** pdfmake's PageElementWriter class (moving to the next page, where header rows repeat). */
  pageElementWriter: { prototype: { moveToNextPage(orientation?: unknown): unknown } };
  /** pdfmake's Renderer class. */
  renderer: {
    prototype: {
      renderPages(this: Renderer, pages: unknown[]): unknown;
      renderLine(this: Renderer, line: PdfLine, x: number, y: number): unknown;
      renderVector(this: Renderer, vector: object): unknown;
      renderImage(this: Renderer, image: object): unknown;
      renderSVG(this: Renderer, svg: object): unknown;
    };
  };
}

/** Stamps what the layout places, and marks it as it is drawn. Once per process. */
export function hookTagging(modules: LayoutModules): void {
  // Only a document to be tagged is stamped as it is laid out.
  patch(modules.layoutBuilder.prototype, 'layoutDocument', (layoutDocument) =>
    function (this: unknown, content: unknown, pdfDocument: { options?: { tagged?: boolean } }, ...rest: unknown[]) {
      const outer = stamping;
      stamping = pdfDocument?.options?.tagged === true;
      try {
        return layoutDocument.call(this, content, pdfDocument, ...rest);
      } finally {
        stamping = outer;
      }
    },
  );
  patch(modules.layoutBuilder.prototype, 'processNode', (processNode) =>
    function (this: unknown, node: Node, verticalAlignment?: unknown) {
      if (!stamping) return processNode.call(this, node, verticalAlignment);
      path.push(node);
      try {
        return processNode.call(this, node, verticalAlignment);
      } finally {
        path.pop();
      }
    },
  );
  const writer = modules.elementWriter.prototype;
  patch(writer, 'addLine', (addLine) =>
    function (this: unknown, line: PdfLine, stay?: unknown, index?: unknown) {
      if (stamping) stamp(line, currentStamp(line));
      return addLine.call(this, line, stay, index);
    },
  );
  // Vectors (rules, fills, borders) are all artifacts: only pictures are stamped.
  for (const name of ['addImage', 'addSVG'] as const) {
    patch(writer, name, (add) =>
      function (this: unknown, item: object, index?: unknown) {
        if (stamping) stamp(item, currentStamp());
        return add.call(this, item, index);
      },
    );
  }
  // A block copied onto a page keeps its items' stamps (pdfmake copies own properties), except a
  // table's header rows repeated at the head of a page: a reader has them once.
  patch(writer, 'addFragment', (addFragment) =>
    function (this: { context(): { getCurrentPage(): PageItems | null } }, block: object, x?: unknown, y?: unknown, stay?: unknown) {
      const page = stamping && repeating > 0 ? this.context().getCurrentPage() : null;
      const before = page ? new Set(page.items) : undefined;
      const added = addFragment.call(this, block, x, y, stay);
      if (page && before) {
        for (const entry of page.items) if (!before.has(entry) && entry.item) stamp(entry.item, { chain: [{ artifact: 'Pagination' }], leaf: undefined });
      }
      return added;
    },
  );
  patch(modules.pageElementWriter.prototype, 'moveToNextPage', (moveToNextPage) =>
    function (this: unknown, orientation?: unknown) {
      repeating++;
      try {
        return moveToNextPage.call(this, orientation);
      } finally {
        repeating--;
      }
    },
  );

  const renderer = modules.renderer.prototype;
  patch(renderer, 'renderPages', (renderPages) =>
    function (this: Renderer, pages: unknown[]) {
      const doc = this.pdfDocument;
      if (!doc.options?.tagged) return renderPages.call(this, pages);
      const tagger = new Tagger(doc);
      taggers.set(doc, tagger);
      // An object per element of the tree: packed into compressed streams, they cost a few bytes each.
      packObjects(doc);
      // What is marked ends with its page (each link's element names the page its annotation is on).
      patch(Object.getPrototypeOf(doc) as TaggedDocument, 'addPage', (addPage) =>
        function (this: TaggedDocument, ...args: unknown[]) {
          taggers.get(this)?.endPage();
          return addPage.apply(this, args);
        },
      );
      // pdfkit writes the document information into the XMP metadata as it is, markup and all.
      patch(Object.getPrototypeOf(doc) as TaggedDocument, '_addInfo', (addInfo) =>
        function (this: TaggedDocument) {
          const info = this.info;
          this.info = Object.fromEntries(Object.entries(info).map(([key, value]) => [key, typeof value === 'string' ? escapeXml(value) : value]));
          try {
            return addInfo.call(this);
          } finally {
            this.info = info;
          }
        },
      );
      try {
        return renderPages.call(this, pages);
      } finally {
        tagger.endPage();
        tagger.writeIds();
        taggers.delete(doc);
      }
    },
  );
  patch(renderer, 'renderLine', (renderLine) =>
    function (this: Renderer, line: PdfLine, x: number, y: number) {
      const tagger = taggers.get(this.pdfDocument);
      if (!tagger) return renderLine.call(this, line, x, y);
      tagger.line(line, x, y, (part) => renderLine.call(this, part, x, y));
      return undefined;
    },
  );
  for (const name of ['renderVector', 'renderImage', 'renderSVG'] as const) {
    patch(renderer, name, (render) =>
      function (this: Renderer, item: object) {
        const tagger = taggers.get(this.pdfDocument);
        if (!tagger) return render.call(this, item);
        tagger.picture(item, name === 'renderVector', () => render.call(this, item));
        return undefined;
      },
    );
  }
}

// ---------------------------------------------------------------------------------------------
// Rendering: marked content, filed under its element.

/** The part of pdfkit's structure element the tagger uses. */
interface StructElement {
  add(child: unknown): StructElement;
  end(): void;
  dictionary: { data: Record<string, unknown> };
}

/** The part of a pdfkit document (pdfmake's PDFDocument) the tagger uses. */
interface TaggedDocument {
  options?: { tagged?: boolean };
  /** The document information, which `_addInfo` writes into the XMP metadata. */
  info: Record<string, unknown>;
  _addInfo(): unknown;
  getStructTreeRoot(): { data: Record<string, unknown> };
  addPage(...args: unknown[]): unknown;
  struct(type: string, options?: Record<string, unknown>): StructElement;
  addStructure(element: StructElement): unknown;
  markStructureContent(type: string): unknown;
  markContent(type: string, options?: Record<string, unknown>): unknown;
  endMarkedContent(): unknown;
  link(x: number, y: number, w: number, h: number, url: string, options: Record<string, unknown>): unknown;
  goTo(x: number, y: number, w: number, h: number, name: string, options: Record<string, unknown>): unknown;
}

interface Renderer {
  pdfDocument: TaggedDocument;
}

const taggers = new WeakMap<TaggedDocument, Tagger>();

/**
 * Some of a line's inlines, drawn where the whole line is, as pdfmake's renderer and text
 * decorator read a line: its inlines, its height and ascender (the whole line's: a superscript
 * alone would sit lower), and, on its first part only, its bookmark, page reference and name.
 */
class Part implements PdfLine {
  private readonly height: number;
  private readonly ascender: number;
  readonly _outline: unknown;
  readonly _pageNodeRef: unknown;
  readonly id: unknown;

  constructor(
    line: PdfLine,
    readonly inlines: Inline[],
    first: boolean,
  ) {
    this.height = line.getHeight();
    this.ascender = line.getAscenderHeight();
    this._outline = first ? line._outline : undefined;
    this._pageNodeRef = first ? line._pageNodeRef : undefined;
    this.id = first ? line.id : undefined;
  }

  getHeight(): number {
    return this.height;
  }

  getAscenderHeight(): number {
    return this.ascender;
  }

  clone(): PdfLine {
    return this;
  }
}

function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Text a reader hears: a line of spaces alone is not. */
const VISIBLE = /\S/;

/** Roles whose elements hold other elements, never text of their own: text in them is a paragraph. */
const GROUPS: ReadonlySet<Role> = new Set(['Div', 'L', 'LI', 'Table', 'TR', 'TOC', 'Note']);

class Tagger {
  private readonly root: StructElement;
  private readonly elements = new Map<Tag, StructElement>();
  /** Tags made up for what the writer left untagged: a paragraph for a text node, a link, a contents entry. */
  private readonly madeUp = new Map<object, Map<string, Tag>>();
  private openLinks: StructElement[] = [];
  /** The elements with an identifier (notes), by identifier, for the tree's IDTree. */
  private readonly ids = new Map<string, StructElement>();
  /** The marked sequence being drawn into: an element's content, or an artifact. */
  private open: { owner: StructElement | 'Pagination' | 'Layout'; role: string } | undefined;

  constructor(private readonly doc: TaggedDocument) {
    this.root = doc.struct('Document');
    doc.addStructure(this.root);
  }

  /** A line of text: each run of its inlines in the element it belongs to, links with their annotation. */
  line(line: PdfLine, x: number, y: number, draw: (part: PdfLine) => void): void {
    const stamp = stampOf(line);
    const chain = stamp?.chain ?? [];
    const artifact = chain.find(isArtifact);
    if (artifact || !line.inlines.some((inline) => VISIBLE.test(inline.text))) {
      this.artifact(artifact ? artifact.artifact : 'Layout');
      // No annotation outside the tree: a repeated header row's links are those of the first.
      draw(line.inlines.some((inline) => inline.link || inline.linkToDestination) ? this.partOf(line, line.inlines, true, true) : line);
      return;
    }
    const tags = chain as Tag[];
    let holder = tags[tags.length - 1];
    let around = tags;
    if (!holder || GROUPS.has(holder.role)) {
      // A contents entry: one per destination, its text and page number one link.
      if (holder?.role === 'TOC') {
        const destination = line.inlines.find((inline) => inline.linkToDestination)?.linkToDestination ?? '';
        holder = this.madeUpTag(holder, `entry ${destination}`, 'TOCI');
      } else {
        holder = this.madeUpTag(stamp?.leaf ?? holder ?? this.root, 'text', 'P');
      }
      around = [...tags, holder];
    }
    const own = this.element(around);
    const runs = this.runs(line, holder, stamp?.leaf ?? holder);
    for (const [k, run] of runs.entries()) {
      const target = run.tag?.role === 'Link' ? run.target : undefined;
      // The link's annotation is made here, in its element, not by pdfmake outside the tree; the
      // line's inlines are not changed (a repeated header row shares them).
      const part = runs.length === 1 && !target ? line : this.partOf(line, run.inlines, k === 0, Boolean(target));
      const element = run.tag ? this.place(run.tag, own, {}) : own;
      this.mark(element, run.tag?.role ?? holder.role);
      draw(part);
      if (target) {
        this.annotate(element, target, run, x, y, line.getHeight());
        this.openLinks.push(element);
      }
    }
  }

  /** A vector, a picture or an SVG drawing: a Figure's content, else an artifact. */
  picture(item: object, vector: boolean, draw: () => void): void {
    const chain = stampOf(item)?.chain ?? [];
    const figure = chain[chain.length - 1];
    if (vector || !figure || isArtifact(figure) || figure.role !== 'Figure' || chain.some(isArtifact)) {
      this.artifact(isArtifact(chain.find(isArtifact)) ? chain.find(isArtifact)!.artifact : 'Layout');
      draw();
      return;
    }
    const box = item as { x?: number; y?: number; _width?: number; _height?: number };
    const bbox = [box.x ?? 0, box.y ?? 0, (box.x ?? 0) + (box._width ?? 0), (box.y ?? 0) + (box._height ?? 0)];
    this.mark(this.element(chain as Tag[], { bbox }), 'Figure');
    draw();
  }

  /** The name tree of the elements with an identifier, as the structure tree root must have one (PDF 1.7, 14.7.2). */
  writeIds(): void {
    if (this.ids.size === 0) return;
    const names = [...this.ids.keys()].sort().flatMap((id) => [new String(id), this.ids.get(id)!.dictionary]);
    this.doc.getStructTreeRoot().data.IDTree = { Names: names };
  }

  /** What is marked ends with its page, and so do links (the page their annotation's reference names). */
  endPage(): void {
    this.close();
    for (const link of this.openLinks) link.end();
    this.openLinks = [];
  }

  /** The runs of a line by the element each inline belongs to: the line's own, or a link in it (`leaf` the text node it comes from). */
  private runs(line: PdfLine, holder: Tag, leaf: object): { inlines: Inline[]; tag?: Tag; target?: { url?: string; destination?: string } }[] {
    const runs: { inlines: Inline[]; tag?: Tag; target?: { url?: string; destination?: string } }[] = [];
    // Most lines are plain text, the whole line one run.
    if (line.inlines.every((inline) => !inline[TAG] && !inline.link && !inline.linkToDestination)) return [{ inlines: line.inlines }];
    for (const inline of line.inlines) {
      const own = inline[TAG];
      const url = inline.link ?? undefined;
      const destination = inline.linkToDestination ?? undefined;
      let tag = own && !isArtifact(own) ? own : undefined;
      // A link the writer did not tag is a link all the same, one per text node: a contents
      // entry's title and its page number are two, read apart.
      if (!tag && (url || destination) && holder.role !== 'Link') {
        tag = this.madeUpTag(leaf, `link ${url ?? ''} ${destination ?? ''}`, 'Link');
        // A contents entry holds references (PDF 1.7, 14.8.4.3), each a link.
        if (holder.role === 'TOCI') tag.within ??= this.madeUpTag(leaf, 'reference', 'Reference');
      }
      const last = runs[runs.length - 1];
      if (last && last.tag === tag) last.inlines.push(inline);
      else runs.push({ inlines: [inline], ...(tag ? { tag } : {}), ...(url || destination ? { target: { ...(url ? { url } : {}), ...(destination ? { destination } : {}) } } : {}) });
    }
    return runs;
  }

  /** A line with only some of its inlines (copies, without their links when `unlinked`), drawn where the whole line is. */
  private partOf(line: PdfLine, inlines: Inline[], first: boolean, unlinked = false): PdfLine {
    return new Part(line, unlinked ? inlines.map((inline) => ({ ...inline, link: null, linkToDestination: null })) : inlines, first);
  }

  private annotate(element: StructElement, target: { url?: string; destination?: string }, run: { inlines: Inline[]; tag?: Tag }, x: number, y: number, height: number): void {
    const first = run.inlines[0]!;
    const last = run.inlines[run.inlines.length - 1]!;
    const width = last.x + last.width - first.x;
    const text = run.tag?.actual ?? run.inlines.map((inline) => inline.text).join('').trim();
    const options = { structParent: element, Contents: new String(text) };
    if (target.url) this.doc.link(x + first.x, y, width, height, target.url, options);
    else if (target.destination) this.doc.goTo(x + first.x, y, width, height, target.destination, options);
  }

  /** What is drawn next is `element`'s: the lines of one paragraph, one after another, are one marked sequence. */
  private mark(element: StructElement, role: string): void {
    if (this.open?.owner !== element || this.open.role !== role) {
      this.close();
      const content = this.doc.markStructureContent(role);
      element.add(content);
      this.open = { owner: element, role };
    }
  }

  /** What is drawn next is no part of the text. */
  private artifact(type: 'Pagination' | 'Layout'): void {
    if (this.open?.owner !== type) {
      this.close();
      this.doc.markContent('Artifact', { type });
      this.open = { owner: type, role: 'Artifact' };
    }
  }

  private close(): void {
    if (!this.open) return;
    this.doc.endMarkedContent();
    this.open = undefined;
  }

  /** The element of the last of `tags`, made (with those around it) the first time it is drawn into. */
  private element(tags: Tag[], extra: Record<string, unknown> = {}): StructElement {
    const made = this.elements.get(tags[tags.length - 1]!);
    if (made && !this.ended(made)) return made;
    let parent = this.root;
    for (const [i, tag] of tags.entries()) parent = this.place(tag, parent, i === tags.length - 1 ? extra : {});
    return parent;
  }

  private place(tag: Tag, parent: StructElement, extra: Record<string, unknown>): StructElement {
    const have = this.elements.get(tag);
    if (have && !this.ended(have)) return have;
    const holder = tag.within ? this.place(tag.within, parent, {}) : parent;
    const made = this.elements.get(tag);
    if (made && made !== have) return made;
    const options: Record<string, unknown> = extra;
    if (tag.alt) options.alt = tag.alt;
    if (tag.actual) options.actual = tag.actual;
    if (tag.scope) options.scope = tag.scope;
    const element = this.doc.struct(tag.role, options);
    if (tag.id) {
      element.dictionary.data.ID = new String(tag.id);
      this.ids.set(tag.id, element);
    }
    holder.add(element);
    this.elements.set(tag, element);
    for (const kid of tag.kids ?? []) if (!this.elements.has(kid)) this.place(kid, element, {});
    return element;
  }

  private ended(element: StructElement): boolean {
    return (element as unknown as { _ended?: boolean })._ended === true;
  }

  private madeUpTag(owner: object, key: string, role: Role): Tag {
    let tags = this.madeUp.get(owner);
    if (!tags) this.madeUp.set(owner, (tags = new Map()));
    let tag = tags.get(key);
    if (!tag) tags.set(key, (tag = { role }));
    return tag;
  }
}

// ---------------------------------------------------------------------------------------------
// The engine's shape, as the tagging relies on it.

/**
 * Asserts that the internals the tagging patches are there, as functions of the arity used;
 * `need` throws naming the first that is not. Whether the patches take hold is what the tagged
 * PDF test reads back.
 */
export function taggingShape(modules: LayoutModules, need: (holds: boolean, internal: string, patchNeedingIt: string) => void): void {
  const isFunction = (value: unknown, parameters: number): boolean => typeof value === 'function' && (value as (...args: unknown[]) => unknown).length >= parameters;
  const checks: [unknown, number, string][] = [
    [modules.layoutBuilder.prototype?.layoutDocument, 2, 'LayoutBuilder.prototype.layoutDocument(content, pdfDocument, …)'],
    [modules.layoutBuilder.prototype?.processNode, 1, 'LayoutBuilder.prototype.processNode(node)'],
    [modules.elementWriter.prototype?.addLine, 1, 'ElementWriter.prototype.addLine(line)'],
    [modules.elementWriter.prototype?.addVector, 1, 'ElementWriter.prototype.addVector(vector)'],
    [modules.elementWriter.prototype?.addImage, 1, 'ElementWriter.prototype.addImage(image)'],
    [modules.elementWriter.prototype?.addSVG, 1, 'ElementWriter.prototype.addSVG(svg)'],
    [modules.elementWriter.prototype?.addFragment, 1, 'ElementWriter.prototype.addFragment(block)'],
    [modules.pageElementWriter.prototype?.moveToNextPage, 0, 'PageElementWriter.prototype.moveToNextPage()'],
    [modules.renderer.prototype?.renderPages, 1, 'Renderer.prototype.renderPages(pages)'],
    [modules.renderer.prototype?.renderLine, 3, 'Renderer.prototype.renderLine(line, x, y)'],
    [modules.renderer.prototype?.renderVector, 1, 'Renderer.prototype.renderVector(vector)'],
    [modules.renderer.prototype?.renderImage, 1, 'Renderer.prototype.renderImage(image)'],
    [modules.renderer.prototype?.renderSVG, 1, 'Renderer.prototype.renderSVG(svg)'],
  ];
  for (const [fn, arity, internal] of checks) need(isFunction(unpatched(fn), arity), internal, 'hookTagging (tagging.ts)');
}
