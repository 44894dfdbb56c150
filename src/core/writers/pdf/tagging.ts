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
        tagger.writeTree();
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

/** A pdfkit object: its dictionary, written when it is ended. */
interface PdfObjectRef {
  data: Record<string, unknown>;
  end(): void;
}

/**
 * An element of the structure tree as the tagger builds it: written as a PDF object only once
 * every page is drawn (`writeTree`), so that it costs one object and no bookkeeping while drawing.
 */
class Element {
  readonly kids: (Element | { mcid: number; page: object } | { annotation: object; page: object })[] = [];
  /** The page of its first marked content (the page its numbers are on, unless it says another). */
  page: object | undefined;
  alt: string | undefined;
  actual: string | undefined;
  scope: 'Column' | 'Row' | undefined;
  id: string | undefined;
  bbox: number[] | undefined;
  ref: PdfObjectRef | undefined;

  constructor(
    readonly role: string,
    readonly parent: Element | undefined,
  ) {}
}

/** The part of a pdfkit document (pdfmake's PDFDocument) the tagger uses. */
interface TaggedDocument {
  options?: { tagged?: boolean };
  /** The document information, which `_addInfo` writes into the XMP metadata. */
  info: Record<string, unknown>;
  _addInfo(): unknown;
  getStructTreeRoot(): PdfObjectRef;
  getStructParentTree(): { get(key: number): unknown; add(key: number, value: unknown): unknown };
  createStructParentTreeNextKey(): number;
  page: { dictionary: object; height: number; structParentTreeKey: number };
  ref(data: Record<string, unknown>): PdfObjectRef;
  addContent(operators: string): unknown;
  addPage(...args: unknown[]): unknown;
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
  private readonly root = new Element('Document', undefined);
  private readonly elements = new Map<Tag, Element>();
  /** Tags made up for what the writer left untagged: a paragraph for a text node, a link, a contents entry. */
  private readonly madeUp = new Map<object, Map<string, Tag>>();
  /** The elements with an identifier (notes), by identifier, for the tree's IDTree. */
  private readonly ids = new Map<string, Element>();
  /** The marked sequence being drawn into: an element's content, or an artifact. */
  private open: { owner: Element | 'Pagination' | 'Layout'; role: string } | undefined;
  /** The parent tree's entries still to name their element: a page's list of its marked contents, or an annotation's key. */
  private readonly parents: { list: unknown[]; index: number; element: Element }[] = [];
  private readonly annotationParents: { key: number; element: Element }[] = [];

  constructor(private readonly doc: TaggedDocument) {}

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
      const element = run.tag ? this.place(run.tag, own) : own;
      this.mark(element, run.tag?.role ?? holder.role);
      draw(part);
      if (target) this.annotate(element, target, run, x, y, line.getHeight());
    }
  }

  /** A vector, a picture or an SVG drawing: a Figure's content, else an artifact. */
  picture(item: object, vector: boolean, draw: () => void): void {
    const chain = stampOf(item)?.chain ?? [];
    const figure = chain[chain.length - 1];
    const artifact = chain.find(isArtifact);
    if (vector || artifact || !figure || isArtifact(figure) || figure.role !== 'Figure') {
      this.artifact(artifact ? artifact.artifact : 'Layout');
      draw();
      return;
    }
    const box = item as { x?: number; y?: number; _width?: number; _height?: number };
    const element = this.element(chain as Tag[]);
    // Where the figure is, in the page's coordinates (from its foot), as its layout attributes give it.
    const [x, y, width, height] = [box.x ?? 0, box.y ?? 0, box._width ?? 0, box._height ?? 0];
    const foot = this.doc.page.height;
    element.bbox ??= [x, foot - (y + height), x + width, foot - y];
    this.mark(element, 'Figure');
    draw();
  }

  /** What is marked ends with its page. */
  endPage(): void {
    this.close();
  }

  /**
   * The structure tree, written once the pages are: an object per element, its kids in the order
   * drawn (elements, marked contents on their pages, annotations), the parent tree's entries
   * naming them, and the IDTree of the elements with an identifier (PDF 1.7, 14.7.2).
   */
  writeTree(): void {
    const doc = this.doc;
    const all: Element[] = [];
    const collect = (element: Element): void => {
      element.ref = doc.ref({});
      all.push(element);
      for (const kid of element.kids) if (kid instanceof Element) collect(kid);
    };
    collect(this.root);
    for (const element of all) {
      const data = element.ref!.data;
      data.S = element.role;
      data.P = element.parent ? element.parent.ref : doc.getStructTreeRoot();
      if (element.page) data.Pg = element.page;
      if (element.alt) data.Alt = new String(element.alt);
      if (element.actual) data.ActualText = new String(element.actual);
      if (element.id) data.ID = new String(element.id);
      if (element.scope) data.A = { O: 'Table', Scope: element.scope };
      if (element.bbox) data.A = { O: 'Layout', Placement: 'Block', BBox: element.bbox };
      data.K = element.kids.map((kid) => {
        if (kid instanceof Element) return kid.ref;
        if ('annotation' in kid) return { Type: 'OBJR', Obj: kid.annotation, Pg: kid.page };
        return kid.page === element.page ? kid.mcid : { Type: 'MCR', Pg: kid.page, MCID: kid.mcid };
      });
      element.ref!.end();
    }
    for (const { list, index, element } of this.parents) list[index] = element.ref;
    const tree = doc.getStructParentTree();
    for (const { key, element } of this.annotationParents) tree.add(key, element.ref);
    const root = doc.getStructTreeRoot();
    root.data.K = [this.root.ref];
    if (this.ids.size > 0) root.data.IDTree = { Names: [...this.ids.keys()].sort().flatMap((id) => [new String(id), this.ids.get(id)!.ref]) };
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

  private annotate(element: Element, target: { url?: string; destination?: string }, run: { inlines: Inline[]; tag?: Tag }, x: number, y: number, height: number): void {
    const first = run.inlines[0]!;
    const last = run.inlines[run.inlines.length - 1]!;
    const width = last.x + last.width - first.x;
    const text = run.tag?.actual ?? run.inlines.map((inline) => inline.text).join('').trim();
    // pdfkit hands the annotation to its `structParent` before writing it: its key in the parent
    // tree is set then, and the element holds it (an OBJR) on this page.
    const doc = this.doc;
    const structParent = {
      add: (reference: { annotationRef: { data: Record<string, unknown> } }): void => {
        const key = doc.createStructParentTreeNextKey();
        reference.annotationRef.data.StructParent = key;
        this.annotationParents.push({ key, element });
        element.kids.push({ annotation: reference.annotationRef, page: doc.page.dictionary });
      },
    };
    const options = { structParent, Contents: new String(text) };
    if (target.url) this.doc.link(x + first.x, y, width, height, target.url, options);
    else if (target.destination) this.doc.goTo(x + first.x, y, width, height, target.destination, options);
  }

  /** What is drawn next is `element`'s: the lines of one paragraph, one after another, are one marked sequence. */
  private mark(element: Element, role: string): void {
    if (this.open?.owner === element && this.open.role === role) return;
    this.close();
    const doc = this.doc;
    // The page's list of its marked contents in the parent tree: this one's number is its place in it.
    const list = doc.getStructParentTree().get(doc.page.structParentTreeKey) as unknown[];
    const mcid = list.length;
    list.push(null);
    this.parents.push({ list, index: mcid, element });
    const page = doc.page.dictionary;
    element.page ??= page;
    element.kids.push({ mcid, page });
    doc.addContent(`/${role} <</MCID ${mcid}>> BDC`);
    this.open = { owner: element, role };
  }

  /** What is drawn next is no part of the text. */
  private artifact(type: 'Pagination' | 'Layout'): void {
    if (this.open?.owner === type) return;
    this.close();
    this.doc.addContent(`/Artifact <</Type /${type}>> BDC`);
    this.open = { owner: type, role: 'Artifact' };
  }

  private close(): void {
    if (!this.open) return;
    this.doc.addContent('EMC');
    this.open = undefined;
  }

  /** The element of the last of `tags`, made (with those around it) the first time it is drawn into. */
  private element(tags: Tag[]): Element {
    const made = this.elements.get(tags[tags.length - 1]!);
    if (made) return made;
    let parent = this.root;
    for (const tag of tags) parent = this.place(tag, parent);
    return parent;
  }

  private place(tag: Tag, parent: Element): Element {
    const have = this.elements.get(tag);
    if (have) return have;
    const holder = tag.within ? this.place(tag.within, parent) : parent;
    const made = this.elements.get(tag);
    if (made) return made;
    const element = new Element(tag.role, holder);
    element.alt = tag.alt;
    element.actual = tag.actual;
    element.scope = tag.scope;
    element.id = tag.id;
    if (tag.id) this.ids.set(tag.id, element);
    holder.kids.push(element);
    this.elements.set(tag, element);
    for (const kid of tag.kids ?? []) if (!this.elements.has(kid)) this.place(kid, element);
    return element;
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

/** Whether `value` is a function declaring at least `parameters` parameters. */
function isFunction(value: unknown, parameters: number): boolean {
  return typeof value === 'function' && (value as (...args: unknown[]) => unknown).length >= parameters;
}

/** Asserts the pdfkit document methods the tagger writes the tree and its marks through (`document`: the class pdfmake prints with). */
export function taggedDocumentShape(document: object, need: (holds: boolean, internal: string, patchNeedingIt: string) => void): void {
  const methods: [string, number][] = [
    ['getStructTreeRoot', 0],
    ['getStructParentTree', 0],
    ['createStructParentTreeNextKey', 0],
    ['addContent', 1],
    ['ref', 0],
    ['annotate', 5],
    ['link', 5],
    ['goTo', 5],
    ['addPage', 0],
    ['_addInfo', 0],
  ];
  for (const [name, arity] of methods) {
    need(isFunction(unpatched((document as Record<string, unknown>)[name]), arity), `pdfkit's PDFDocument.prototype.${name}`, 'the Tagger (tagging.ts)');
  }
}
