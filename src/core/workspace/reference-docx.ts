// The organisation's Word template: `reference.docx` at the top of a workspace layer, whose
// styles the DOCX takes (data/README.md, "A reference Word document"). The host reads the file's
// bytes by the folder's rule for links (`WorkspaceLayer.reference`); here they are judged. The
// latest layer's sound file is in force; a file that is not a Word document is a warning naming
// it, and the DOCX is written in the styles there would be without it.

import { XMLSerializer, type Element } from '@xmldom/xmldom';
import { unzipSync } from 'fflate';
import type { Diagnostic } from '../diagnostics';
import { parseXml, W, type ReferenceDocument } from '../writers/docx/reference';
import type { LayerAsset } from './load';

/** Where a layer holds its reference document, and the most bytes it may have. */
export const REFERENCE_FILE = 'reference.docx';
export const REFERENCE_MAX_BYTES = 20 * 1024 * 1024;
/** The most bytes one XML part of it may unpack to: a Word template's styles are well under 1 MB. */
const PART_MAX_BYTES = 32 * 1024 * 1024;

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
  const packageRels = unzip(bytes, (name) => name.endsWith('.rels'));
  if ('problem' in packageRels) return packageRels;
  const relationships = packageRels.files;
  const main = targetOf(relationships, '_rels/.rels', '', 'officeDocument') ?? 'word/document.xml';
  if (typeof main !== 'string') return main;
  const folder = main.slice(0, main.lastIndexOf('/') + 1);
  const mainRels = `${folder}_rels/${main.slice(folder.length)}.rels`;
  const names: Record<'styles' | 'theme' | 'numbering' | 'settings', string> = { styles: '', theme: '', numbering: '', settings: '' };
  const fallback = { styles: 'styles.xml', theme: 'theme/theme1.xml', numbering: 'numbering.xml', settings: 'settings.xml' };
  for (const kind of Object.keys(names) as (keyof typeof names)[]) {
    const target = targetOf(relationships, mainRels, folder, kind);
    if (target && typeof target !== 'string') return target;
    names[kind] = target ?? `${folder}${fallback[kind]}`;
  }
  const unpacked = unzip(bytes, (name) => Object.values(names).includes(name));
  if ('problem' in unpacked) return unpacked;
  const parts = unpacked.files;
  if (!parts[names.styles]) return { problem: `it has no Word styles (no ${names.styles} part), so it is not a Word document` };
  const read: Partial<Record<keyof typeof names, { text: string; root: Root }>> = {};
  for (const kind of Object.keys(names) as (keyof typeof names)[]) {
    const data = parts[names[kind]];
    if (!data) continue;
    const text = decode(data);
    if (text === undefined) return { problem: `its part ${names[kind]} is not UTF-8 text` };
    const root = rootOf(text);
    if ('problem' in root) return { problem: `its part ${names[kind]} is not well-formed XML (${root.problem})` };
    read[kind] = { text, root };
  }
  const styles = read.styles!.root;
  if (styles.namespace === STRICT) return { problem: 'it is saved as Strict Open XML, which briefwright does not read: save it from Word as a Word Document (.docx)' };
  if (styles.namespace !== W || styles.name !== 'styles') return { problem: `its part ${names.styles} does not hold Word styles` };
  const theme = read.theme && read.theme.root.namespace === DRAWING && read.theme.root.name === 'theme' ? read.theme.text : undefined;
  const numbering = read.numbering && read.numbering.root.namespace === W && read.numbering.root.name === 'numbering' ? read.numbering.text : undefined;
  return {
    styles: read.styles!.text,
    ...(theme ? { theme } : {}),
    ...(numbering ? { numbering } : {}),
    ...themeSettings(read.settings),
  };
}

function startsWith(bytes: Uint8Array, signature: readonly number[]): boolean {
  return signature.every((b, i) => bytes[i] === b);
}

/** The entries of a zip package that `wanted` names; or why they cannot be unpacked. */
function unzip(bytes: Uint8Array, wanted: (name: string) => boolean): { files: Record<string, Uint8Array> } | { problem: string } {
  let tooLarge: string | undefined;
  try {
    const files = unzipSync(bytes, {
      filter: (file) => {
        if (!wanted(file.name)) return false;
        if (file.originalSize > PART_MAX_BYTES) tooLarge ??= file.name;
        return file.originalSize <= PART_MAX_BYTES;
      },
    });
    return tooLarge ? { problem: `its part ${tooLarge} is too large to be a Word part (more than ${PART_MAX_BYTES / 1048576} MB unpacked)` } : { files };
  } catch (error) {
    return { problem: `it is not a Word document: its zip package is damaged (${error instanceof Error ? error.message : String(error)})` };
  }
}

function decode(data: Uint8Array): string | undefined {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(data).replace(/^\uFEFF/, '');
  } catch {
    return undefined;
  }
}

/** A part's root element, by its namespace and local name. */
interface Root {
  namespace: string;
  name: string;
  element: Element;
}

function rootOf(text: string): Root | { problem: string } {
  const doc = parseXml(text);
  if ('problem' in doc) return doc;
  const root = doc.documentElement;
  if (!root) return { problem: 'it has no root element' };
  return { namespace: root.namespaceURI ?? '', name: root.localName ?? '', element: root };
}

/**
 * The part a package's relationships (`rels`, of a part in `folder`) give for a type (`styles`,
 * `theme`, …), as a path in the package; undefined when they give none.
 */
function targetOf(files: Record<string, Uint8Array>, rels: string, folder: string, type: string): string | undefined | { problem: string } {
  const data = files[rels];
  if (!data) return undefined;
  const text = decode(data);
  if (text === undefined) return { problem: `its part ${rels} is not UTF-8 text` };
  const doc = parseXml(text);
  if ('problem' in doc) return { problem: `its part ${rels} is not well-formed XML (${doc.problem})` };
  for (const relationship of Array.from(doc.getElementsByTagNameNS(RELATIONSHIPS, 'Relationship'))) {
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
