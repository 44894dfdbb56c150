// The organisation's Word template: `reference.docx` at the top of a workspace layer, whose
// styles the DOCX takes (data/README.md, "A reference Word document"). The host reads the file's
// bytes by the folder's rule for links (`WorkspaceLayer.reference`); here they are judged. The
// latest layer's sound file is in force; a file that is not a Word document is a warning naming
// it, and the DOCX is written in the styles there would be without it.

import { XMLSerializer, type Element } from '@xmldom/xmldom';
import { Inflate } from 'fflate';
import type { Diagnostic } from '../diagnostics';
import { parseXml, W, type ReferenceDocument } from '../writers/docx/reference';
import type { LayerAsset } from './load';

/** Where a layer holds its reference document, and the most bytes it may have. */
export const REFERENCE_FILE = 'reference.docx';
export const REFERENCE_MAX_BYTES = 20 * 1024 * 1024;
/** The most bytes one part of it may unpack to: a Word template's styles are well under 1 MB. */
const PART_MAX_BYTES = 8 * 1024 * 1024;
/** The most bytes all the parts read may unpack to (a guard: the six parts read at 8 MB each stay under it). */
const UNPACKED_MAX_BYTES = 64 * 1024 * 1024;
/** The most parts its zip package may list: a Word document has a few dozen. */
const ENTRIES_MAX = 10_000;

/** A layer's reference document as the host read it, and how diagnostics name it. */
export interface ReferenceFile {
  display: string;
  asset: LayerAsset;
}

/** The reference document in force: the latest sound one of `files` (in the layers' order). What is wrong goes to `diagnostics`. */
export function readReference(files: readonly ReferenceFile[], diagnostics: Diagnostic[]): ReferenceDocument | undefined {
  let inForce: ReferenceDocument | undefined;
  const refused: { display: string; problem: string }[] = [];
  for (const { display, asset } of files) {
    const read = 'problem' in asset ? asset : readReferenceDocx(asset.bytes);
    if ('problem' in read) refused.push({ display, problem: read.problem });
    else inForce = { file: display, ...read };
  }
  const instead = inForce ? `the DOCX takes its Word styles from ${inForce.file}` : "the DOCX is written in briefwright's own Word styles";
  for (const { display, problem } of refused) {
    diagnostics.push({ severity: 'warning', file: display, line: 1, column: 1, message: `this reference Word document is not used: ${problem}; ${instead}` });
  }
  return inForce;
}

type Parts = Omit<ReferenceDocument, 'file'>;

const RELATIONSHIPS = 'http://schemas.openxmlformats.org/package/2006/relationships';
const RELATIONSHIP_TYPE = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/';
const STRICT = 'http://purl.oclc.org/ooxml/wordprocessingml/main';
const DRAWING = 'http://schemas.openxmlformats.org/drawingml/2006/main';

/** The parts of a .docx file the DOCX takes, checked; or why it cannot be used (a phrase). */
function readReferenceDocx(bytes: Uint8Array): Parts | { problem: string } {
  if (startsWith(bytes, [0xd0, 0xcf, 0x11, 0xe0])) {
    return { problem: 'it is a Word 97–2003 document (.doc) or a file saved with a password, which cannot be read: save it from Word as a Word Document (.docx), without a password' };
  }
  if (!startsWith(bytes, [0x50, 0x4b])) return { problem: 'it is not a Word document (a .docx file is a zip package, and this file is not one)' };
  const zip = openZip(bytes);
  if ('problem' in zip) return zip;
  // Only the parts the DOCX takes are unpacked, each found by the relationships of the one before.
  const packageRels = readPart(zip, '_rels/.rels');
  if (packageRels && 'problem' in packageRels) return packageRels;
  const main = targetOf(packageRels, '', 'officeDocument') ?? 'word/document.xml';
  const folder = main.slice(0, main.lastIndexOf('/') + 1);
  const mainRels = readPart(zip, `${folder}_rels/${main.slice(folder.length)}.rels`);
  if (mainRels && 'problem' in mainRels) return mainRels;
  const names: Record<'styles' | 'theme' | 'numbering' | 'settings', string> = { styles: '', theme: '', numbering: '', settings: '' };
  const fallback = { styles: 'styles.xml', theme: 'theme/theme1.xml', numbering: 'numbering.xml', settings: 'settings.xml' };
  const read: Partial<Record<keyof typeof names, XmlPart>> = {};
  for (const kind of Object.keys(names) as (keyof typeof names)[]) {
    names[kind] = targetOf(mainRels, folder, kind) ?? `${folder}${fallback[kind]}`;
    const part = readPart(zip, names[kind]);
    if (part && 'problem' in part) return part;
    if (part) read[kind] = part;
  }
  if (!read.styles) return { problem: `it has no Word styles (no ${names.styles} part), so it is not a Word document` };
  const styles = read.styles.root;
  if (styles.namespace === STRICT) return { problem: 'it is saved as Strict Open XML, which briefwright does not read: save it from Word as a Word Document (.docx)' };
  if (styles.namespace !== W || styles.name !== 'styles') return { problem: `its part ${names.styles} does not hold Word styles` };
  const theme = read.theme && read.theme.root.namespace === DRAWING && read.theme.root.name === 'theme' ? read.theme.text : undefined;
  const numbering = read.numbering && read.numbering.root.namespace === W && read.numbering.root.name === 'numbering' ? read.numbering.text : undefined;
  return {
    styles: read.styles.text,
    ...(theme ? { theme } : {}),
    ...(numbering ? { numbering } : {}),
    ...themeSettings(read.settings),
  };
}

function startsWith(bytes: Uint8Array, signature: readonly number[]): boolean {
  return signature.every((b, i) => bytes[i] === b);
}

// ---------------------------------------------------------------------------------------------
// The zip package, read here rather than by fflate's unzipSync: a hostile file's end record may
// claim billions of entries (fflate loops over them all), and a part may unpack to gigabytes.
// Its central directory is checked whole before any part is unpacked, and only the parts asked
// for are, each to the size it declares.

/** A zip package's entries by part name, in lower case (part names match so in a Word package), and the bytes unpacked so far. */
interface Zip {
  bytes: Uint8Array;
  view: DataView;
  entries: Map<string, ZipEntry>;
  unpacked: number;
}

interface ZipEntry {
  name: string;
  flags: number;
  method: number;
  compressedSize: number;
  size: number;
  /** Where its local header is. */
  offset: number;
}

const DAMAGED = 'it is not a Word document: its zip package is damaged';
const MAX_32 = 0xffffffff;

/** The central directory of a zip package, checked; or why it cannot be read. */
function openZip(bytes: Uint8Array): Zip | { problem: string } {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const u16 = (at: number) => view.getUint16(at, true);
  const u32 = (at: number) => view.getUint32(at, true);
  const u64 = (at: number) => u32(at) + u32(at + 4) * 2 ** 32;
  // The end of central directory record, followed by at most a 64 KB comment.
  let end = bytes.length - 22;
  const earliest = Math.max(0, end - 0xffff);
  while (end >= earliest && u32(end) !== 0x06054b50) end--;
  if (end < earliest) return { problem: `${DAMAGED} (it has no end of central directory)` };
  let count = u16(end + 10);
  let size = u32(end + 12);
  let offset = u32(end + 16);
  let before = end;
  // A zip64 locator before it gives the zip64 end record, whose counts and offsets stand instead.
  if (end >= 20 && u32(end - 20) === 0x07064b50) {
    const record = u64(end - 12);
    if (record + 56 > end - 20 || u32(record) !== 0x06064b50) return { problem: `${DAMAGED} (its zip64 end of central directory is not where its locator says)` };
    count = u64(record + 32);
    size = u64(record + 40);
    offset = u64(record + 48);
    before = record;
  }
  if (count > ENTRIES_MAX) return { problem: `it is not a Word document: its zip package lists ${count} parts, and a Word document has far fewer than ${ENTRIES_MAX}` };
  if (count * 46 > bytes.length) return { problem: `${DAMAGED} (it lists ${count} parts, more than a file of ${bytes.length} bytes can hold)` };
  if (offset + size > before) return { problem: `${DAMAGED} (its central directory does not lie inside the file)` };
  if (count * 46 > size) return { problem: `${DAMAGED} (its central directory is too short for the ${count} parts it lists)` };
  const entries = new Map<string, ZipEntry>();
  const directoryEnd = offset + size;
  for (let at = offset, i = 0; i < count; i++) {
    if (at + 46 > directoryEnd || u32(at) !== 0x02014b50) return { problem: `${DAMAGED} (its central directory ends before its ${count} parts)` };
    const flags = u16(at + 8);
    const nameLength = u16(at + 28);
    const extraStart = at + 46 + nameLength;
    const extraEnd = extraStart + u16(at + 30);
    const next = extraEnd + u16(at + 32);
    if (next > directoryEnd) return { problem: `${DAMAGED} (its central directory ends before its ${count} parts)` };
    const raw = bytes.subarray(at + 46, extraStart);
    const name = flags & 0x800 ? new TextDecoder().decode(raw) : String.fromCharCode(...raw);
    const entry: ZipEntry = { name, flags, method: u16(at + 10), compressedSize: u32(at + 20), size: u32(at + 24), offset: u32(at + 42) };
    // Sizes and offset too large for 32 bits are in the zip64 extra field, in this order.
    const large = (['size', 'compressedSize', 'offset'] as const).filter((field) => entry[field] === MAX_32);
    for (let field = extraStart; large.length > 0 && field + 4 <= extraEnd; field += 4 + u16(field + 2)) {
      if (u16(field) !== 1) continue;
      if (field + 4 + 8 * large.length > extraEnd) return { problem: `${DAMAGED} (the zip64 sizes of its part ${name} are cut short)` };
      large.forEach((key, n) => (entry[key] = u64(field + 4 + 8 * n)));
      break;
    }
    const key = name.toLowerCase();
    if (entries.has(key)) return { problem: `it is not a Word document: its zip package holds two parts named ${name}` };
    entries.set(key, entry);
    at = next;
  }
  return { bytes, view, entries, unpacked: 0 };
}

/** The bytes of part `name`: undefined when there is none; or why it cannot be unpacked. */
function unpack(zip: Zip, name: string): Uint8Array | undefined | { problem: string } {
  const entry = zip.entries.get(name.toLowerCase());
  if (!entry) return undefined;
  if (entry.flags & 1) return { problem: `its part ${entry.name} is encrypted: save it from Word without a password` };
  if (entry.size > PART_MAX_BYTES) return { problem: `its part ${entry.name} is too large to be a Word part (more than ${PART_MAX_BYTES / 1048576} MB unpacked)` };
  if (zip.unpacked + entry.size > UNPACKED_MAX_BYTES) return { problem: `its parts unpack to more than ${UNPACKED_MAX_BYTES / 1048576} MB, far more than a Word template's styles` };
  const { bytes, view } = zip;
  const at = entry.offset;
  if (at + 30 > bytes.length || view.getUint32(at, true) !== 0x04034b50) return { problem: `${DAMAGED} (its part ${entry.name} is not where its central directory says)` };
  const start = at + 30 + view.getUint16(at + 26, true) + view.getUint16(at + 28, true);
  if (start + entry.compressedSize > bytes.length) return { problem: `${DAMAGED} (its part ${entry.name} runs past the end of the file)` };
  const data = bytes.subarray(start, start + entry.compressedSize);
  let unpacked: Uint8Array | undefined;
  if (entry.method === 0) unpacked = data;
  else if (entry.method === 8) {
    try {
      unpacked = inflate(data, entry.size);
    } catch (error) {
      return { problem: `${DAMAGED} (its part ${entry.name}: ${error instanceof Error ? error.message : String(error)})` };
    }
  } else return { problem: `its part ${entry.name} is compressed in a way Word does not use (method ${entry.method})` };
  if (!unpacked || unpacked.length !== entry.size) return { problem: `${DAMAGED} (its part ${entry.name} does not unpack to the size its zip package gives)` };
  zip.unpacked += entry.size;
  return unpacked;
}

/** How much of a deflated part is inflated at a time: at most about 1000 times this comes out of it. */
const INFLATE_STEP = 4096;

/** `data` inflated, when it inflates to at most `size` bytes; undefined as soon as it comes to more. */
function inflate(data: Uint8Array, size: number): Uint8Array | undefined {
  const out = new Uint8Array(size);
  let length = 0;
  const inflater = new Inflate((chunk) => {
    if (length + chunk.length <= size) out.set(chunk, length);
    length += chunk.length;
  });
  for (let at = 0; length <= size; at += INFLATE_STEP) {
    const last = at + INFLATE_STEP >= data.length;
    inflater.push(data.subarray(at, at + INFLATE_STEP), last);
    if (last) break;
  }
  return length === size ? out : undefined;
}

// ---------------------------------------------------------------------------------------------
// The parts, as XML.

/** A part's text and root element (by its namespace and local name). */
interface XmlPart {
  text: string;
  root: Root;
}

interface Root {
  namespace: string;
  name: string;
  element: Element;
}

/** Part `name` as XML: undefined when there is none; or why it is not a Word part. */
function readPart(zip: Zip, name: string): XmlPart | undefined | { problem: string } {
  const data = unpack(zip, name);
  if (!data || 'problem' in data) return data;
  const text = decode(data);
  if (text === undefined) return { problem: `its part ${name} is not UTF-8 text` };
  const doc = parseXml(text);
  if ('problem' in doc) return { problem: `its part ${name} is not well-formed XML (${doc.problem})` };
  // Word refuses a part with a document type declaration, and the DOCX would carry it.
  if (doc.doctype || /<!DOCTYPE/i.test(text)) return { problem: `its part ${name} declares a document type (<!DOCTYPE …>), which Word does not open in a .docx` };
  const root = doc.documentElement;
  if (!root) return { problem: `its part ${name} is not well-formed XML (it has no root element)` };
  return { text, root: { namespace: root.namespaceURI ?? '', name: root.localName ?? '', element: root } };
}

function decode(data: Uint8Array): string | undefined {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(data).replace(/^\uFEFF/, '');
  } catch {
    return undefined;
  }
}

/**
 * The part the relationships part `rels` (of a part in `folder`) gives for a type (`styles`,
 * `theme`, …), as a path in the package; undefined when they give none.
 */
function targetOf(rels: XmlPart | undefined, folder: string, type: string): string | undefined {
  if (!rels) return undefined;
  for (const relationship of Array.from(rels.root.element.getElementsByTagNameNS(RELATIONSHIPS, 'Relationship'))) {
    if (relationship.getAttribute('Type') !== `${RELATIONSHIP_TYPE}${type}` || relationship.getAttribute('TargetMode') === 'External') continue;
    const target = relationship.getAttribute('Target') ?? '';
    return resolvePart(target.startsWith('/') ? target.slice(1) : `${folder}${target}`);
  }
  return undefined;
}

/** A part's path with its `.` and `..` steps taken. */
function resolvePart(path: string): string {
  const steps: string[] = [];
  for (const step of path.split('/')) {
    if (step === '..') steps.pop();
    else if (step !== '.' && step !== '') steps.push(step);
  }
  return steps.join('/');
}

/** The settings their theme fonts and colours resolve by, as a `w:settings` holding just them. */
function themeSettings(settings: { root: Root } | undefined): { settings?: string } {
  if (!settings || settings.root.namespace !== W) return {};
  const kept = Array.from(settings.root.element.childNodes).filter(
    (n) => n.nodeType === 1 && (n as Element).namespaceURI === W && ['themeFontLang', 'clrSchemeMapping'].includes((n as Element).localName ?? ''),
  );
  if (kept.length === 0) return {};
  // Serialised alone, each element declares the namespace that its new parent declares.
  const xml = kept.map((n) => new XMLSerializer().serializeToString(n).replace(` xmlns:w="${W}"`, '')).join('');
  return { settings: `<w:settings xmlns:w="${W}">${xml}</w:settings>` };
}
