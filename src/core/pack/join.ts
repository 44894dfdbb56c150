// Joins PDFs into one, each kept as it was printed: its pages, its fonts, its links, its
// bookmarks and its structure tree (each paper is tagged, src/core/writers/pdf/tagging.ts: the
// joined file is too). The only library that reads PDFs here is pdf-lib; everything it is asked
// to do is its public API (its object copier, PDFPage and the object model), never its internals.
//
// What does not survive copying pages is put back: a paper's links to its own notes are named
// destinations in its own catalogue (every paper has a "note-1"), so each is turned into a
// destination on the copied page itself; its bookmarks live in its catalogue too, and are
// copied under the bookmark of the paper; its structure tree is copied under the joined file's,
// a Part of its Document, with the numbers that tie marked content and links to their elements
// moved past the parts' before it.

import {
  PDFArray,
  PDFBool,
  PDFDict,
  PDFDocument,
  PDFHexString,
  PDFName,
  PDFNull,
  PDFNumber,
  PDFObjectCopier,
  PDFPage,
  PDFPageLeaf,
  PDFRef,
  PDFString,
  type PDFObject,
} from 'pdf-lib';

/** A PDF to join and how the joined file names it. */
export interface JoinedPart {
  pdf: PDFDocument;
  /** Its bookmark. */
  bookmark: string;
  /** The named destination at its first page (a link to it, or `file.pdf#name`); none for the contents. */
  destination?: string;
  /** Its links name the parts' destinations (the contents): left as they are, for the joined file's names to resolve. */
  linksToParts?: boolean;
}

/** What the joined file says of itself (its document information). */
export interface JoinedInfo {
  title: string;
  subject?: string;
  keywords?: string[];
  author?: string;
  marking?: string;
  language?: string;
  created?: Date;
}

/** One bookmark: its title, where it goes, and the bookmarks under it. */
interface Bookmark {
  title: PDFString | PDFHexString;
  destination: PDFArray;
  children: Bookmark[];
}

const name = (value: string) => PDFName.of(value);

/** Reads a PDF to join; `updateMetadata: false` keeps its information as its writer set it. */
export const readPdf = (bytes: Uint8Array): Promise<PDFDocument> => PDFDocument.load(bytes, { updateMetadata: false });

/** The parts, one after another, as one PDF. */
export async function joinPdfs(parts: readonly JoinedPart[], info: JoinedInfo): Promise<Uint8Array> {
  const out = await PDFDocument.create({ updateMetadata: false });
  const named: [string, PDFArray][] = [];
  const bookmarks: Bookmark[] = [];
  const structure: Structure = { parts: [], nums: [], next: 0, ids: new Map() };
  for (const part of parts) {
    // Pages are copied by reference with one copier per part, so that the structure tree copied
    // after them names the very pages and annotations copied.
    const copier = PDFObjectCopier.for(part.pdf.context, out.context);
    const copied = part.pdf.getPages().map((page) => {
      const ref = copier.copy(page.ref) as PDFRef;
      const leaf = out.context.lookup(ref);
      if (!(leaf instanceof PDFPageLeaf)) throw new Error('a page of a PDF to join could not be copied');
      return PDFPage.of(leaf, ref, out);
    });
    for (const page of copied) out.addPage(page);
    copyStructure(part.pdf, copier, copied, out, structure);
    const first = copied[0];
    if (!first) continue;
    const pageOf = new Map<PDFRef, PDFPage>(part.pdf.getPages().map((page, i) => [page.ref, copied[i]!]));
    const destinations = namedDestinations(part.pdf);
    const place = (destination: PDFObject | undefined) => placeIn(out, destination, destinations, pageOf);
    if (!part.linksToParts) for (const page of copied) keepLinksInside(out, page, place);
    const start = topOf(out, first);
    if (part.destination) named.push([part.destination, start]);
    bookmarks.push({ title: PDFHexString.fromText(part.bookmark), destination: start, children: bookmarksOf(part.pdf, place) });
  }
  if (named.length > 0) {
    // A name tree's keys are in order.
    named.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    const dests = out.context.obj({ Names: named.flatMap(([key, destination]) => [PDFString.of(key), destination]) });
    out.catalog.set(name('Names'), out.context.obj({ Dests: dests }));
  }
  writeOutline(out, bookmarks);
  describe(out, info);
  writeStructure(out, structure, info);
  return out.save();
}

/** The structure trees of the parts copied so far: their top elements, their parent trees' entries, the next free key. */
interface Structure {
  parts: PDFRef[];
  nums: [number, PDFObject][];
  next: number;
  /** The elements with an identifier (notes), by identifier: unique in the file, each part's made so by a prefix. */
  ids: Map<string, PDFRef>;
}

/**
 * A part's structure tree, copied: its top elements (the Document, which becomes a Part) and its
 * parent tree. Each part numbers its pages' marked content (`StructParents`) and its annotations
 * (`StructParent`) from 0: the copies are numbered on from the parts before.
 */
function copyStructure(pdf: PDFDocument, copier: PDFObjectCopier, pages: PDFPage[], out: PDFDocument, structure: Structure): void {
  const root = pdf.catalog.lookupMaybe(name('StructTreeRoot'), PDFDict);
  if (!root) return;
  const offset = structure.next;
  const top = root.get(name('K'));
  const elements = top instanceof PDFArray ? top.asArray() : top ? [top] : [];
  const prefix = `part-${structure.parts.length + 1}-`;
  for (const element of elements) {
    if (!(element instanceof PDFRef)) continue;
    // Without its parent (the part's root), which is not copied.
    pdf.context.lookupMaybe(element, PDFDict)?.delete(name('P'));
    const copied = copier.copy(element) as PDFRef;
    structure.parts.push(copied);
    identify(out, copied, prefix, structure.ids);
  }
  const nums = root.lookupMaybe(name('ParentTree'), PDFDict)?.lookupMaybe(name('Nums'), PDFArray);
  let next = root.lookupMaybe(name('ParentTreeNextKey'), PDFNumber)?.asNumber() ?? 0;
  for (let i = 0; nums && i + 1 < nums.size(); i += 2) {
    const key = nums.lookupMaybe(i, PDFNumber)?.asNumber();
    if (key === undefined) continue;
    structure.nums.push([key + offset, copier.copy(nums.get(i + 1))]);
    next = Math.max(next, key + 1);
  }
  const moved = (dict: PDFDict | undefined, key: string): void => {
    const value = dict?.lookupMaybe(name(key), PDFNumber);
    if (dict && value) dict.set(name(key), PDFNumber.of(value.asNumber() + offset));
  };
  for (const page of pages) {
    moved(page.node, 'StructParents');
    const annotations = page.node.Annots();
    for (let i = 0; annotations && i < annotations.size(); i++) moved(annotations.lookupMaybe(i, PDFDict), 'StructParent');
  }
  structure.next = offset + next;
}

/**
 * Every paper numbers its notes from 1, and a note's element is identified by its number
 * ("note-1"): in the joined file each part's identifiers take the part's prefix, so that each is
 * unique, as PDF/UA asks.
 */
function identify(out: PDFDocument, top: PDFRef, prefix: string, ids: Map<string, PDFRef>): void {
  const seen = new Set<PDFDict>();
  const walk = (node: PDFObject | undefined, ref: PDFRef | undefined, depth: number): void => {
    const resolved = node instanceof PDFRef ? out.context.lookup(node) : node;
    if (resolved instanceof PDFArray) {
      for (const item of resolved.asArray()) walk(item, item instanceof PDFRef ? item : undefined, depth + 1);
      return;
    }
    if (!(resolved instanceof PDFDict) || seen.has(resolved) || depth > 256 || !resolved.has(name('S'))) return;
    seen.add(resolved);
    const id = resolved.lookupMaybe(name('ID'), PDFString, PDFHexString);
    if (id && ref) {
      const unique = `${prefix}${id.decodeText()}`;
      resolved.set(name('ID'), PDFString.of(unique));
      ids.set(unique, ref);
    }
    walk(resolved.get(name('K')), undefined, depth + 1);
  };
  walk(top, top, 0);
}

/** The joined file's structure tree: a Document of the parts' trees, each a Part; marked as tagged, as each part was. */
function writeStructure(out: PDFDocument, structure: Structure, info: JoinedInfo): void {
  if (structure.parts.length === 0) return;
  const { context } = out;
  const rootRef = context.nextRef();
  const documentRef = context.register(context.obj({ S: 'Document', P: rootRef, K: structure.parts }));
  for (const part of structure.parts) {
    const element = context.lookupMaybe(part, PDFDict);
    if (!element) continue;
    element.set(name('P'), documentRef);
    if (element.lookupMaybe(name('S'), PDFName) === name('Document')) element.set(name('S'), name('Part'));
  }
  const nums = structure.nums.sort(([a], [b]) => a - b).flatMap(([key, value]) => [PDFNumber.of(key), value]);
  const root = context.obj({ Type: 'StructTreeRoot', K: documentRef, ParentTree: context.obj({ Nums: nums }), ParentTreeNextKey: structure.next });
  if (structure.ids.size > 0) {
    const names = [...structure.ids.keys()].sort().flatMap((id) => [PDFString.of(id), structure.ids.get(id)!]);
    root.set(name('IDTree'), context.obj({ Names: names }));
  }
  context.assign(rootRef, root);
  out.catalog.set(name('StructTreeRoot'), rootRef);
  out.catalog.set(name('MarkInfo'), context.obj({ Marked: PDFBool.True }));
  // A reader shows the title, not the file's name; the XMP metadata says what the file is.
  const preferences = out.catalog.lookupMaybe(name('ViewerPreferences'), PDFDict) ?? context.obj({});
  preferences.set(name('DisplayDocTitle'), PDFBool.True);
  out.catalog.set(name('ViewerPreferences'), preferences);
  const metadata = context.stream(new TextEncoder().encode(xmp(info)), { Type: 'Metadata', Subtype: 'XML' });
  out.catalog.set(name('Metadata'), context.register(metadata));
}

/** XMP metadata: the title, and that the file is PDF/UA-1, as each paper's says. */
function xmp(info: JoinedInfo): string {
  const escaped = info.title.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  return [
    '<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>',
    '<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">',
    '<rdf:Description rdf:about="" xmlns:pdfuaid="http://www.aiim.org/pdfua/ns/id/"><pdfuaid:part>1</pdfuaid:part></rdf:Description>',
    `<rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:title><rdf:Alt><rdf:li xml:lang="x-default">${escaped}</rdf:li></rdf:Alt></dc:title></rdf:Description>`,
    '<rdf:Description rdf:about="" xmlns:pdf="http://ns.adobe.com/pdf/1.3/"><pdf:Producer>briefwright (pdfmake, pdf-lib)</pdf:Producer></rdf:Description>',
    '</rdf:RDF></x:xmpmeta>',
    '<?xpacket end="w"?>',
  ].join('\n');
}

/** A destination at the top of `page`, at the zoom the reader has. */
function topOf(out: PDFDocument, page: PDFPage): PDFArray {
  return out.context.obj([page.ref, name('XYZ'), PDFNull, page.getHeight(), PDFNull]);
}

/** A PDF's named destinations, from its catalogue's name tree (and the older /Dests dictionary). */
function namedDestinations(pdf: PDFDocument): Map<string, PDFArray> {
  const found = new Map<string, PDFArray>();
  const { context, catalog } = pdf;
  const asDestination = (value: PDFObject | undefined): PDFArray | undefined => {
    const resolved = value instanceof PDFRef ? context.lookup(value) : value;
    if (resolved instanceof PDFArray) return resolved;
    if (resolved instanceof PDFDict) return resolved.lookupMaybe(name('D'), PDFArray);
    return undefined;
  };
  const walk = (node: PDFDict | undefined, depth: number) => {
    if (!node || depth > 32) return;
    const names = node.lookupMaybe(name('Names'), PDFArray);
    for (let i = 0; names && i + 1 < names.size(); i += 2) {
      const key = names.lookup(i);
      const destination = asDestination(names.get(i + 1));
      if ((key instanceof PDFString || key instanceof PDFHexString) && destination) found.set(key.decodeText(), destination);
    }
    const kids = node.lookupMaybe(name('Kids'), PDFArray);
    for (let i = 0; kids && i < kids.size(); i++) walk(kids.lookupMaybe(i, PDFDict), depth + 1);
  };
  walk(catalog.lookupMaybe(name('Names'), PDFDict)?.lookupMaybe(name('Dests'), PDFDict), 0);
  const old = catalog.lookupMaybe(name('Dests'), PDFDict);
  for (const [key, value] of old?.entries() ?? []) {
    const destination = asDestination(value);
    if (destination && !found.has(key.decodeText())) found.set(key.decodeText(), destination);
  }
  return found;
}

/**
 * A destination of the source PDF (a name, or an explicit [page …]) as an explicit destination
 * in the joined file, on the copied page; undefined when it goes nowhere that was copied.
 */
function placeIn(out: PDFDocument, destination: PDFObject | undefined, named: Map<string, PDFArray>, pageOf: Map<PDFRef, PDFPage>): PDFArray | undefined {
  const explicit = destination instanceof PDFString || destination instanceof PDFHexString ? named.get(destination.decodeText()) : destination instanceof PDFArray ? destination : undefined;
  const target = explicit?.get(0);
  const page = target instanceof PDFRef ? pageOf.get(target) : undefined;
  if (!explicit || !page) return undefined;
  const placed = out.context.obj([page.ref]);
  for (let i = 1; i < explicit.size(); i++) placed.push(explicit.get(i));
  return placed;
}

/**
 * The links of a copied page that go to a place inside its paper, pointed at that place in the
 * joined file. copyPages copies a link's action as it is, and its named destination would be
 * looked up in the joined file's names, where another paper's note of that number may be.
 */
function keepLinksInside(out: PDFDocument, page: PDFPage, place: (destination: PDFObject | undefined) => PDFArray | undefined): void {
  const annotations = page.node.Annots();
  for (let i = 0; annotations && i < annotations.size(); i++) {
    const annotation = annotations.lookupMaybe(i, PDFDict);
    if (!annotation || annotation.lookupMaybe(name('Subtype'), PDFName) !== name('Link')) continue;
    const action = annotation.lookupMaybe(name('A'), PDFDict);
    if (action && action.lookupMaybe(name('S'), PDFName) === name('GoTo')) {
      const placed = place(action.lookup(name('D')));
      if (placed) action.set(name('D'), placed);
      else annotation.delete(name('A'));
    } else if (annotation.has(name('Dest'))) {
      const placed = place(annotation.lookup(name('Dest')));
      if (placed) annotation.set(name('Dest'), placed);
      else annotation.delete(name('Dest'));
    }
  }
}

/** A PDF's bookmarks, with their destinations placed in the joined file; those that go nowhere copied are left out. */
function bookmarksOf(pdf: PDFDocument, place: (destination: PDFObject | undefined) => PDFArray | undefined): Bookmark[] {
  const read = (first: PDFDict | undefined, depth: number): Bookmark[] => {
    const items: Bookmark[] = [];
    const seen = new Set<PDFDict>();
    for (let item = first; item && !seen.has(item) && depth < 32; item = item.lookupMaybe(name('Next'), PDFDict)) {
      seen.add(item);
      const title = item.lookupMaybe(name('Title'), PDFString, PDFHexString);
      const action = item.lookupMaybe(name('A'), PDFDict);
      const destination = place(item.has(name('Dest')) ? item.lookup(name('Dest')) : action?.lookup(name('D')));
      if (title && destination) items.push({ title, destination, children: read(item.lookupMaybe(name('First'), PDFDict), depth + 1) });
    }
    return items;
  };
  return read(pdf.catalog.lookupMaybe(name('Outlines'), PDFDict)?.lookupMaybe(name('First'), PDFDict), 0);
}

/**
 * The joined file's bookmarks: one per part, each closed over the part's own. `Count` is the
 * number of bookmarks showing: the parts' when the outline opens, negative for a closed one.
 */
function writeOutline(out: PDFDocument, bookmarks: readonly Bookmark[]): void {
  const { context } = out;
  const root = context.obj({ Type: 'Outlines' });
  const rootRef = context.register(root);
  const write = (items: readonly Bookmark[], parent: PDFRef): PDFRef[] => {
    const refs = items.map(() => context.nextRef());
    items.forEach((item, i) => {
      const dict = context.obj({ Title: item.title, Parent: parent, Dest: item.destination });
      if (i > 0) dict.set(name('Prev'), refs[i - 1]!);
      if (i < items.length - 1) dict.set(name('Next'), refs[i + 1]!);
      const children = write(item.children, refs[i]!);
      if (children.length > 0) {
        dict.set(name('First'), children[0]!);
        dict.set(name('Last'), children.at(-1)!);
        dict.set(name('Count'), PDFNumber.of(-children.length));
      }
      context.assign(refs[i]!, dict);
    });
    return refs;
  };
  const top = write(bookmarks, rootRef);
  if (top.length === 0) return;
  root.set(name('First'), top[0]!);
  root.set(name('Last'), top.at(-1)!);
  root.set(name('Count'), PDFNumber.of(top.length));
  out.catalog.set(name('Outlines'), rootRef);
  // The reader opens with the bookmarks showing: they are the pack's table of tabs.
  out.catalog.set(name('PageMode'), name('UseOutlines'));
}

/** The joined file's document information and language. */
function describe(out: PDFDocument, info: JoinedInfo): void {
  out.setTitle(info.title, { showInWindowTitleBar: true });
  if (info.subject) out.setSubject(info.subject);
  if (info.keywords?.length) out.setKeywords(info.keywords);
  if (info.author) out.setAuthor(info.author);
  out.setCreator('briefwright');
  out.setProducer('briefwright (pdfmake, pdf-lib)');
  if (info.created && !Number.isNaN(info.created.getTime())) {
    out.setCreationDate(info.created);
    out.setModificationDate(info.created);
  }
  if (info.language) out.setLanguage(info.language);
  // The handling marking travels with the file, as it does with each paper.
  const dictionary = out.context.lookupMaybe(out.context.trailerInfo.Info, PDFDict);
  if (info.marking && dictionary) dictionary.set(name('Marking'), PDFHexString.fromText(info.marking));
}
