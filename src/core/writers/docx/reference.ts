// An organisation's Word template restyling the paper, as pandoc's reference document does
// (data/README.md, "A reference Word document"): the DOCX the writer packed takes the
// template's styles, document defaults, list numbering and theme. Our styles become theirs by
// Word's style names (a German Word's "heading 1" has the id "berschrift1"), every reference to
// them in the document follows, and the styles of ours that the template lacks stay, in its
// fonts. What a reference document is, read and checked, is workspace/reference-docx.ts's.

import { DOMParser, XMLSerializer, type Document as XmlDocument, type Element } from '@xmldom/xmldom';
import { strFromU8, strToU8, unzipSync, zipSync, type Unzipped } from 'fflate';

/** A reference Word document, read and checked: the XML of the parts the DOCX takes from it. */
export interface ReferenceDocument {
  /** How the settings and diagnostics name the file (its path in the workspace folder). */
  file: string;
  /** Its word/styles.xml. */
  styles: string;
  /** Its theme (the theme fonts and colours its styles may name), when it has one. */
  theme?: string;
  /** Its word/numbering.xml, when it has one: the lists its styles number with. */
  numbering?: string;
  /** Its settings' `w:themeFontLang` and `w:clrSchemeMapping` elements, when it has them, in a `w:settings`. */
  settings?: string;
}

export const W = 'http://schemas.openxmlformats.org/wordprocessingml/2006/main';
const XML_DECLARATION = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>';

/** XML text as a document, or why it is not well-formed (with its line and column). */
export function parseXml(text: string): XmlDocument | { problem: string } {
  try {
    let problem: string | undefined;
    const doc = new DOMParser({
      // A warning of this parser is a fault Word would refuse the file for (an unquoted attribute, say).
      onError: (_level, message) => {
        problem ??= message;
      },
    }).parseFromString(text, 'application/xml');
    return problem ? { problem: firstLine(problem) } : doc;
  } catch (error) {
    const locator = (error as { locator?: { lineNumber?: number; columnNumber?: number } }).locator;
    const where = locator?.lineNumber ? `line ${locator.lineNumber}, column ${locator.columnNumber ?? 1}: ` : '';
    return { problem: `${where}${firstLine(error instanceof Error ? error.message : String(error))}` };
  }
}

const firstLine = (message: string): string => message.split('\n')[0]!.replace(/^\[xmldom [a-zA-Z]+\]\s*/, '').trim();

// ---------------------------------------------------------------------------------------------
// Which of their styles are ours.

/** A style of a styles part: its element, type, id, name (lower case: Word matches names so) and whether it is its type's default. */
interface StyleEntry {
  element: Element;
  type: string;
  id: string;
  name: string;
  isDefault: boolean;
}

const wordElements = (parent: Element, localName: string): Element[] =>
  Array.from(parent.childNodes).filter((n): n is Element => n.nodeType === 1 && (n as Element).namespaceURI === W && (n as Element).localName === localName);
const wordElement = (parent: Element, localName: string): Element | undefined => wordElements(parent, localName)[0];
const wordAttribute = (element: Element, name: string): string | undefined => element.getAttributeNS(W, name) ?? undefined;
const isOn = (value: string | undefined): boolean => value === '1' || value === 'true' || value === 'on';

function stylesOf(doc: XmlDocument): StyleEntry[] {
  const entries: StyleEntry[] = [];
  for (const element of wordElements(doc.documentElement!, 'style')) {
    const id = wordAttribute(element, 'styleId');
    if (!id) continue;
    const nameElement = wordElement(element, 'name');
    entries.push({
      element,
      type: wordAttribute(element, 'type') || 'paragraph',
      id,
      name: (nameElement && wordAttribute(nameElement, 'val')) || id,
      isDefault: isOn(wordAttribute(element, 'default')),
    });
  }
  for (const entry of entries) entry.name = entry.name.toLowerCase();
  return entries;
}

/** The id of the style our data tables wear (styles.ts). */
const OUR_TABLE_STYLE = 'BriefTable';
/** Word's blank table style, which no one means as a house's table style. */
const BLANK_TABLE_STYLES = ['normal table', 'table normal'];

/**
 * "The" table style of a reference document, which our data tables wear: its "Brief Table" (a
 * template made from a briefwright paper), else its "Table" (the name pandoc's reference documents
 * use), else the table style it makes its default, unless that is Word's blank one. Without any,
 * the tables keep briefwright's.
 */
function tableStyleOf(styles: readonly StyleEntry[]): StyleEntry | undefined {
  const tables = styles.filter((s) => s.type === 'table');
  return (
    tables.find((s) => s.name === 'brief table') ??
    tables.find((s) => s.name === 'table') ??
    tables.find((s) => s.isDefault && !BLANK_TABLE_STYLES.includes(s.name))
  );
}

/** The styles of ours that a reference document commonly restyles, as the settings list them. */
const SHOWN_STYLES: readonly { type: string; name: string; shown: string }[] = [
  { type: 'paragraph', name: 'normal', shown: 'Normal' },
  { type: 'paragraph', name: 'title', shown: 'Title' },
  { type: 'paragraph', name: 'heading 1', shown: 'Heading 1' },
  { type: 'paragraph', name: 'heading 2', shown: 'Heading 2' },
  { type: 'paragraph', name: 'heading 3', shown: 'Heading 3' },
  { type: 'paragraph', name: 'list bullet', shown: 'List Bullet' },
  { type: 'paragraph', name: 'footnote text', shown: 'Footnote Text' },
  { type: 'character', name: 'footnote reference', shown: 'Footnote Reference' },
];

/** Which of the usual styles a reference document defines, and the table style our tables take from it (none: briefwright's). */
export function referenceSummary(reference: ReferenceDocument): { styles: string[]; tableStyle?: string } {
  const doc = parseXml(reference.styles);
  if ('problem' in doc) return { styles: [] };
  const styles = stylesOf(doc);
  const table = tableStyleOf(styles);
  const tableName = table && wordElement(table.element, 'name');
  return {
    styles: SHOWN_STYLES.filter((s) => styles.some((t) => t.type === s.type && t.name === s.name)).map((s) => s.shown),
    ...(table ? { tableStyle: (tableName && wordAttribute(tableName, 'val')) || table.id } : {}),
  };
}

// ---------------------------------------------------------------------------------------------
// The packed file, restyled.

/**
 * The DOCX `bytes` (as the writer packed it) in the styles of `reference`: their styles part with
 * the styles of ours it lacks, their document defaults (in the paper's language), their numbering
 * beside ours, their theme, and every style the document, its notes, headers and footers name
 * renamed to theirs.
 */
export function withReferenceStyles(bytes: Uint8Array, reference: ReferenceDocument): Uint8Array {
  const files = unzipSync(bytes);
  const ours = xmlOf(files, 'word/styles.xml');
  const theirs = parsed(reference.styles);
  // Their styles' lists first, while their styles part holds only theirs.
  const lists = theirLists(files, theirs, reference.numbering);
  const renamed = mergeStyles(ours, theirs);
  files['word/styles.xml'] = serialise(theirs);
  for (const name of Object.keys(files)) {
    if (/^word\/(document|footnotes|endnotes|numbering|header\d*|footer\d*)\.xml$/.test(name)) {
      files[name] = strToU8(renameStyleReferences(strFromU8(files[name]!), renamed));
    }
  }
  // Their lists join ours once ours are renamed: the styles their levels name are theirs, and keep their ids.
  if (lists) addLists(files, lists);
  if (reference.theme) setTheme(files, reference.theme);
  if (reference.settings) mergeSettings(files, reference.settings);
  return zipSync(files);
}

function parsed(text: string): XmlDocument {
  const doc = parseXml(text);
  // The workspace checked the reference's parts, and our own are the docx library's.
  if ('problem' in doc) throw new Error(`a Word part that was checked does not read: ${doc.problem}`);
  return doc;
}

function xmlOf(files: Unzipped, name: string): XmlDocument {
  const data = files[name];
  if (!data) throw new Error(`the packed DOCX has no ${name}`);
  return parsed(strFromU8(data));
}

function serialise(doc: XmlDocument): Uint8Array<ArrayBuffer> {
  // Word refuses a part with a document type declaration (a reference's are refused when it is read).
  if (doc.doctype) doc.removeChild(doc.doctype);
  const text = new XMLSerializer().serializeToString(doc);
  return strToU8(text.startsWith('<?xml') ? text : `${XML_DECLARATION}\n${text}`);
}

/**
 * Moves into `theirs` the styles of `ours` it lacks (by type and name; our default style of a type
 * is theirs of that type, our data tables' style their table style), and their document defaults
 * with the paper's language. Returns our style ids that became others: to theirs, or to a new
 * id where one of ours that stays has an id of theirs.
 */
function mergeStyles(ours: XmlDocument, theirs: XmlDocument): Map<string, string> {
  const ourStyles = stylesOf(ours);
  const theirStyles = stylesOf(theirs);
  const byName = new Map<string, StyleEntry>();
  for (const style of theirStyles) if (!byName.has(`${style.type}:${style.name}`)) byName.set(`${style.type}:${style.name}`, style);
  const defaultOf = (type: string) => theirStyles.find((s) => s.type === type && s.isDefault);
  const table = tableStyleOf(theirStyles);

  const renamed = new Map<string, string>();
  const taken = new Set(theirStyles.map((s) => s.id));
  // Word's style names are one list over every type (LibreOffice reads a second "Strong" as the first).
  const names = new Set(theirStyles.map((s) => s.name));
  const kept: StyleEntry[] = [];
  for (const style of ourStyles) {
    const match = byName.get(`${style.type}:${style.name}`) ?? (style.isDefault ? defaultOf(style.type) : undefined) ?? (style.id === OUR_TABLE_STYLE ? table : undefined);
    if (match) {
      if (match.id !== style.id) renamed.set(style.id, match.id);
      continue;
    }
    if (taken.has(style.id)) {
      let id = `Brief${style.id}`;
      for (let n = 2; taken.has(id); n++) id = `Brief${style.id}${n}`;
      renamed.set(style.id, id);
      style.element.setAttributeNS(W, 'w:styleId', id);
    }
    taken.add(wordAttribute(style.element, 'styleId')!);
    const name = wordElement(style.element, 'name');
    if (name && names.has(style.name)) {
      // A template made from a briefwright paper may have a "Brief Callout" of its own.
      const given = `Brief ${wordAttribute(name, 'val') ?? style.id}`;
      let value = given;
      for (let n = 2; names.has(value.toLowerCase()); n++) value = `${given} ${n}`;
      name.setAttributeNS(W, 'w:val', value);
      names.add(value.toLowerCase());
    } else names.add(style.name);
    kept.push(style);
  }

  const fonts = fontRoles(ours, ourStyles, theirs, theirStyles);
  const root = theirs.documentElement!;
  for (const { element } of kept) {
    for (const link of ['basedOn', 'next', 'link']) {
      const ref = wordElement(element, link);
      const to = ref && renamed.get(wordAttribute(ref, 'val') ?? '');
      if (ref && to) ref.setAttributeNS(W, 'w:val', to);
    }
    refont(element, fonts);
    root.appendChild(theirs.importNode(element, true));
  }
  takeDocDefaults(ours, theirs);
  return renamed;
}

/** Our fonts by role (the body's, the headings', the tables'), and the `w:rFonts` of theirs that take each role's place (none: inherited). */
interface FontRoles {
  body?: string;
  heading?: string;
  tables?: string;
  theirHeading?: Element;
}

function fontRoles(ours: XmlDocument, ourStyles: readonly StyleEntry[], theirs: XmlDocument, theirStyles: readonly StyleEntry[]): FontRoles {
  const ourDefaults = defaultFonts(ours);
  const heading = fontsThrough(ourStyles, ourStyles.find((s) => s.type === 'paragraph' && s.name === 'heading 1'));
  const tables = fontsThrough(ourStyles, ourStyles.find((s) => s.type === 'paragraph' && s.id === 'TableText'));
  const theirHeading = fontsThrough(theirStyles, theirStyles.find((s) => s.type === 'paragraph' && s.name === 'heading 1')) ?? fontsThrough(theirStyles, theirStyles.find((s) => s.type === 'paragraph' && s.isDefault)) ?? defaultFonts(theirs);
  return {
    ...(ourDefaults ? { body: wordAttribute(ourDefaults, 'ascii') } : {}),
    ...(heading ? { heading: wordAttribute(heading, 'ascii') } : {}),
    ...(tables ? { tables: wordAttribute(tables, 'ascii') } : {}),
    ...(theirHeading ? { theirHeading } : {}),
  };
}

/** The `w:rFonts` of the document defaults. */
function defaultFonts(doc: XmlDocument): Element | undefined {
  const defaults = wordElement(doc.documentElement!, 'docDefaults');
  const rPrDefault = defaults && wordElement(defaults, 'rPrDefault');
  const rPr = rPrDefault && wordElement(rPrDefault, 'rPr');
  return rPr && wordElement(rPr, 'rFonts');
}

/** The `w:rFonts` a style sets, or the nearest style it is based on sets. */
function fontsThrough(styles: readonly StyleEntry[], style: StyleEntry | undefined): Element | undefined {
  for (let here = style, depth = 0; here && depth < 20; depth++) {
    const rPr = wordElement(here.element, 'rPr');
    const fonts = rPr && wordElement(rPr, 'rFonts');
    if (fonts) return fonts;
    const basedOn = wordElement(here.element, 'basedOn');
    const next = basedOn && wordAttribute(basedOn, 'val');
    here = next ? styles.find((s) => s.id === next) : undefined;
  }
  return undefined;
}

/**
 * A style of ours that stays takes their fonts: where it names our body font, it names none (it
 * inherits theirs); where it names our headings' or tables' font (the house's own, or
 * briefwright's sans), theirs of Heading 1. The house's fallback fonts for East Asian and complex
 * scripts stay named where their fonts name none for those scripts.
 */
function refont(style: Element, fonts: FontRoles): void {
  for (const rFonts of Array.from(style.getElementsByTagNameNS(W, 'rFonts'))) {
    const family = wordAttribute(rFonts, 'ascii');
    if (!family) continue;
    const asHeading = family !== fonts.body && (family === fonts.heading || family === fonts.tables);
    if (!asHeading && family !== fonts.body) continue;
    const replacement = asHeading && fonts.theirHeading ? (fonts.theirHeading.cloneNode(true) as Element) : undefined;
    const kept = fallbackNames(rFonts, family, replacement);
    if (replacement) {
      for (const [name, value] of kept) replacement.setAttributeNS(W, `w:${name}`, value);
      rFonts.parentNode!.replaceChild(replacement, rFonts);
    } else if (kept.length > 0) {
      for (const name of ['ascii', 'hAnsi', 'cs', 'eastAsia']) if (!kept.some(([k]) => k === name)) rFonts.removeAttributeNS(W, name);
    } else rFonts.parentNode!.removeChild(rFonts);
  }
}

/** Our East Asian and complex-script font names that are fallbacks (not the role's own font), where `theirs` names nothing for those scripts. */
function fallbackNames(ours: Element, family: string, theirs: Element | undefined): [string, string][] {
  const kept: [string, string][] = [];
  for (const name of ['eastAsia', 'cs']) {
    const value = wordAttribute(ours, name);
    const theirsName = theirs && (wordAttribute(theirs, name) ?? wordAttribute(theirs, name === 'cs' ? 'cstheme' : 'eastAsiaTheme'));
    if (value && value !== family && !theirsName) kept.push([name, value]);
  }
  return kept;
}

/** Run properties that come after `w:lang` in Word's schema order. */
const AFTER_LANG = ['eastAsianLayout', 'specVanish', 'oMath'];

/** Their document defaults, in the paper's language (ours); ours where they have none. */
function takeDocDefaults(ours: XmlDocument, theirs: XmlDocument): void {
  const root = theirs.documentElement!;
  const ourDefaults = wordElement(ours.documentElement!, 'docDefaults');
  const theirDefaults = wordElement(root, 'docDefaults');
  if (!ourDefaults) return;
  if (!theirDefaults) {
    root.insertBefore(theirs.importNode(ourDefaults, true), root.firstChild);
    return;
  }
  const ourRPr = wordElement(wordElement(ourDefaults, 'rPrDefault') ?? ourDefaults, 'rPr');
  const language = ourRPr && wordElement(ourRPr, 'lang');
  const value = language && wordAttribute(language, 'val');
  if (!value) return;
  let rPrDefault = wordElement(theirDefaults, 'rPrDefault');
  if (!rPrDefault) rPrDefault = theirDefaults.insertBefore(theirs.createElementNS(W, 'w:rPrDefault'), theirDefaults.firstChild) as Element;
  let rPr = wordElement(rPrDefault, 'rPr');
  if (!rPr) rPr = rPrDefault.appendChild(theirs.createElementNS(W, 'w:rPr')) as Element;
  let lang = wordElement(rPr, 'lang');
  if (!lang) {
    lang = theirs.createElementNS(W, 'w:lang');
    const after = Array.from(rPr.childNodes).find((n) => n.nodeType === 1 && AFTER_LANG.includes((n as Element).localName ?? ''));
    rPr.insertBefore(lang, after ?? null);
  }
  lang.setAttributeNS(W, 'w:val', value);
}

/** The style references of a part (`w:pStyle`, `w:rStyle`, `w:tblStyle`), renamed. */
function renameStyleReferences(xml: string, renamed: ReadonlyMap<string, string>): string {
  if (renamed.size === 0) return xml;
  return xml.replace(/(<w:(?:pStyle|rStyle|tblStyle) w:val=")([^"]*)(")/g, (whole, start: string, id: string, end: string) => {
    const to = renamed.get(unescapeXml(id));
    return to === undefined ? whole : `${start}${escapeXml(to)}${end}`;
  });
}

const unescapeXml = (text: string): string =>
  text.replace(/&(lt|gt|quot|apos|amp);/g, (_, name: string) => ({ lt: '<', gt: '>', quot: '"', apos: "'", amp: '&' })[name]!);
const escapeXml = (text: string): string => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/"/g, '&quot;');

// ---------------------------------------------------------------------------------------------
// Numbering, theme and settings.

/** Their lists, renumbered to follow ours: copies of their `w:abstractNum`s and `w:num`s, to go into our numbering part. */
interface TheirLists {
  abstracts: Element[];
  nums: Element[];
}

/**
 * Their lists, renumbered after ours, so that a style of theirs that numbers (a numbered heading,
 * their List Bullet) keeps its numbering; our lists keep theirs, which each list paragraph names
 * itself. Their styles name the new numbers, and a style's numbering they do not define is dropped.
 */
function theirLists(files: Unzipped, theirStyles: XmlDocument, numbering: string | undefined): TheirLists | undefined {
  const ourPart = files['word/numbering.xml'] ? xmlOf(files, 'word/numbering.xml') : undefined;
  const known = new Map<string, string>();
  let lists: TheirLists | undefined;
  if (ourPart && numbering) {
    const theirs = parsed(numbering);
    const root = ourPart.documentElement!;
    const maxOf = (name: string, attribute: string) =>
      Math.max(0, ...wordElements(root, name).map((e) => Number(wordAttribute(e, attribute)) || 0));
    const abstractOffset = maxOf('abstractNum', 'abstractNumId') + 1;
    const numOffset = maxOf('num', 'numId') + 1;
    lists = { abstracts: [], nums: [] };
    for (const abstract of wordElements(theirs.documentElement!, 'abstractNum')) {
      const copy = abstract.cloneNode(true) as Element;
      copy.setAttributeNS(W, 'w:abstractNumId', String((Number(wordAttribute(abstract, 'abstractNumId')) || 0) + abstractOffset));
      // A picture bullet's picture is not brought: the level's text bullet stands in.
      for (const picture of Array.from(copy.getElementsByTagNameNS(W, 'lvlPicBulletId'))) picture.parentNode!.removeChild(picture);
      lists.abstracts.push(copy);
    }
    for (const num of wordElements(theirs.documentElement!, 'num')) {
      const id = wordAttribute(num, 'numId');
      if (!id) continue;
      const copy = num.cloneNode(true) as Element;
      const to = String((Number(id) || 0) + numOffset);
      copy.setAttributeNS(W, 'w:numId', to);
      const abstract = wordElement(copy, 'abstractNumId');
      if (abstract) abstract.setAttributeNS(W, 'w:val', String((Number(wordAttribute(abstract, 'val')) || 0) + abstractOffset));
      lists.nums.push(copy);
      known.set(id, to);
    }
  }
  for (const numId of Array.from(theirStyles.getElementsByTagNameNS(W, 'numId'))) {
    const id = wordAttribute(numId, 'val') ?? '';
    const to = known.get(id);
    if (to) numId.setAttributeNS(W, 'w:val', to);
    // numId 0 is Word's "no numbering", which a style may say over the one it is based on.
    else if (id !== '0' && numId.parentNode?.parentNode) numId.parentNode.parentNode.removeChild(numId.parentNode);
  }
  return lists;
}

/** Their lists beside ours in our numbering part: the abstract lists before the first `w:num`, the lists after ours. */
function addLists(files: Unzipped, lists: TheirLists): void {
  const ourPart = xmlOf(files, 'word/numbering.xml');
  const root = ourPart.documentElement!;
  const firstNum = wordElement(root, 'num') ?? wordElement(root, 'numIdMacAtCleanup') ?? null;
  for (const abstract of lists.abstracts) root.insertBefore(ourPart.importNode(abstract, true), firstNum);
  const cleanup = wordElement(root, 'numIdMacAtCleanup') ?? null;
  for (const num of lists.nums) root.insertBefore(ourPart.importNode(num, true), cleanup);
  files['word/numbering.xml'] = serialise(ourPart);
}

/** Their theme in place of ours (the docx library writes Office's), or added where there is none. */
function setTheme(files: Unzipped, theme: string): void {
  const path = 'word/theme/theme1.xml';
  if (!files[path]) {
    const types = strFromU8(files['[Content_Types].xml']!);
    files['[Content_Types].xml'] = strToU8(
      types.replace('</Types>', '<Override ContentType="application/vnd.openxmlformats-officedocument.theme+xml" PartName="/word/theme/theme1.xml"/></Types>'),
    );
    const rels = strFromU8(files['word/_rels/document.xml.rels']!);
    let id = 'rIdTheme';
    for (let n = 2; rels.includes(`Id="${id}"`); n++) id = `rIdTheme${n}`;
    files['word/_rels/document.xml.rels'] = strToU8(
      rels.replace(
        '</Relationships>',
        `<Relationship Id="${id}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/theme" Target="theme/theme1.xml"/></Relationships>`,
      ),
    );
  }
  files[path] = strToU8(theme);
}

/** Settings elements that come after `w:themeFontLang` and `w:clrSchemeMapping`, in Word's schema order. */
const AFTER_THEME_SETTINGS = [
  'doNotIncludeSubdocsInStats', 'doNotAutoCompressPictures', 'forceUpgrade', 'captions', 'readModeInkLockDown',
  'smartTagType', 'schemaLibrary', 'shapeDefaults', 'doNotEmbedSmartTags', 'decimalSymbol', 'listSeparator',
];

/** Their theme's font languages and colour mapping, which their styles' theme fonts and colours resolve by. */
function mergeSettings(files: Unzipped, settings: string): void {
  if (!files['word/settings.xml']) return;
  const ours = xmlOf(files, 'word/settings.xml');
  const root = ours.documentElement!;
  const given = parsed(settings).documentElement!;
  for (const name of ['themeFontLang', 'clrSchemeMapping']) {
    const theirs = wordElement(given, name);
    if (!theirs) continue;
    const existing = wordElement(root, name);
    if (existing) root.removeChild(existing);
    const later = name === 'themeFontLang' ? ['clrSchemeMapping', ...AFTER_THEME_SETTINGS] : AFTER_THEME_SETTINGS;
    const before = Array.from(root.childNodes).find((n) => n.nodeType === 1 && later.includes((n as Element).localName ?? ''));
    root.insertBefore(ours.importNode(theirs, true), before ?? null);
  }
  files['word/settings.xml'] = serialise(ours);
}
