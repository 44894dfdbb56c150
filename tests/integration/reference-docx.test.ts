// An organisation's Word template, `reference.docx` in a workspace folder, restyles the DOCX as
// pandoc's reference document does: its styles (found by Word's style names, whatever their ids),
// document defaults, lists and theme are the ones the paper wears, and briefwright's styles it
// lacks stay. A file that is not a Word document is a warning naming it, and the paper keeps
// briefwright's own styles.
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Document as WordDocument, HeadingLevel, Packer, Paragraph } from 'docx';
import { deflateSync, strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApi } from '../../src/app/api';
import { prepareBrief } from '../../src/core/brief';
import type { Diagnostic } from '../../src/core/diagnostics';
import { loadTemplates } from '../../src/core/templates/template';
import { writeDocument } from '../../src/core/write';
import { readReference } from '../../src/core/workspace/reference-docx';
import { checkXmlParts } from '../../src/core/writers/docx/package-check';
import { withReferenceStyles } from '../../src/core/writers/docx/reference';
import { openWorkspace, type OpenOptions } from '../../src/platform/workspace-folder';
import { readDocx, type DocxReadBack } from '../fixtures/read-docx';

const W_NS = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"';

/**
 * A ministry's template as the docx library writes it: Heading 1–2 and the Title in DejaVu Sans
 * Mono, dark red; the body in DejaVu Serif; a theme of its own, named "Ministry Theme".
 */
async function ministryTemplate(): Promise<Uint8Array> {
  const heading = (level: 1 | 2, size: number) => ({
    id: `Heading${level}`,
    name: `heading ${level}`,
    basedOn: 'Normal',
    next: 'Normal',
    quickFormat: true,
    run: { font: 'DejaVu Sans Mono', size, bold: true, color: '8B0000' },
    paragraph: { spacing: { before: 240, after: 120 } },
  });
  const template = new WordDocument({
    styles: {
      default: { document: { run: { font: 'DejaVu Serif', size: 22 } } },
      paragraphStyles: [heading(1, 40), heading(2, 30), { id: 'Title', name: 'Title', basedOn: 'Normal', run: { font: 'DejaVu Sans Mono', size: 56, color: '8B0000' } }],
    },
    sections: [{ children: [new Paragraph({ text: 'Ministry template', heading: HeadingLevel.HEADING_1 })] }],
  });
  const files = unzipSync(new Uint8Array(await Packer.toArrayBuffer(template)));
  const theme = strFromU8(files['word/theme/theme1.xml']!);
  expect(theme).toContain('name="Office Theme"');
  files['word/theme/theme1.xml'] = strToU8(theme.replace('name="Office Theme"', 'name="Ministry Theme"').replace('typeface="Calibri Light"', 'typeface="DejaVu Sans Mono"'));
  return zipSync(files);
}

/**
 * A German Word's template: the style ids are German ("berschrift1", "Titel", "Standard"), the
 * names Word's own ("heading 1", "Title", "Normal"). Its headings are numbered by its own list,
 * its List Bullet bullets by another, its table style is named "Table" (pandoc's name), one of
 * its styles has the id of one of briefwright's ("Callout") under another name, and its settings
 * map its theme's fonts to German.
 */
async function germanTemplate(): Promise<Uint8Array> {
  const files = unzipSync(new Uint8Array(await Packer.toArrayBuffer(new WordDocument({ sections: [{ children: [new Paragraph('Vorlage')] }] }))));
  const style = (type: string, id: string, name: string, body: string, isDefault = false) =>
    `<w:style w:type="${type}"${isDefault ? ' w:default="1"' : ''} w:styleId="${id}"><w:name w:val="${name}"/>${body}</w:style>`;
  const green = '<w:color w:val="006400"/>';
  files['word/styles.xml'] = strToU8(
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
      `<w:styles ${W_NS} xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" xmlns:w14="http://schemas.microsoft.com/office/word/2010/wordml" mc:Ignorable="w14">` +
      '<w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:asciiTheme="minorHAnsi" w:hAnsiTheme="minorHAnsi" w:eastAsiaTheme="minorHAnsi" w:cstheme="minorBidi"/>' +
      '<w:sz w:val="22"/><w:szCs w:val="22"/><w:lang w:val="de-DE" w:eastAsia="en-US" w:bidi="ar-SA"/></w:rPr></w:rPrDefault>' +
      '<w:pPrDefault><w:pPr><w:spacing w:after="160" w:line="259" w:lineRule="auto"/></w:pPr></w:pPrDefault></w:docDefaults>' +
      style('paragraph', 'Standard', 'Normal', '<w:qFormat/>', true) +
      style('character', 'Absatz-Standardschriftart', 'Default Paragraph Font', '<w:uiPriority w:val="1"/><w:semiHidden/>', true) +
      style('table', 'NormaleTabelle', 'Normal Table', '<w:semiHidden/><w:tblPr><w:tblInd w:w="0" w:type="dxa"/></w:tblPr>', true) +
      [1, 2, 3]
        .map((level) =>
          style(
            'paragraph',
            `berschrift${level}`,
            `heading ${level}`,
            `<w:basedOn w:val="Standard"/><w:next w:val="Standard"/><w:qFormat/><w:pPr><w:keepNext/><w:numPr><w:ilvl w:val="${level - 1}"/><w:numId w:val="1"/></w:numPr><w:outlineLvl w:val="${level - 1}"/></w:pPr>` +
              `<w:rPr><w:rFonts w:asciiTheme="majorHAnsi" w:hAnsiTheme="majorHAnsi"/><w:b/>${green}<w:sz w:val="${36 - level * 4}"/></w:rPr>`,
          ),
        )
        .join('') +
      style('paragraph', 'Titel', 'Title', `<w:basedOn w:val="Standard"/><w:next w:val="Standard"/><w:qFormat/><w:rPr><w:rFonts w:asciiTheme="majorHAnsi" w:hAnsiTheme="majorHAnsi"/>${green}<w:sz w:val="52"/></w:rPr>`) +
      style('paragraph', 'Aufzhlungszeichen', 'List Bullet', '<w:basedOn w:val="Standard"/><w:pPr><w:numPr><w:numId w:val="2"/></w:numPr><w:contextualSpacing/></w:pPr>') +
      style('paragraph', 'Funotentext', 'footnote text', '<w:basedOn w:val="Standard"/><w:pPr><w:spacing w:after="0"/></w:pPr><w:rPr><w:sz w:val="18"/></w:rPr>') +
      style('character', 'Funotenzeichen', 'footnote reference', `<w:rPr><w:vertAlign w:val="superscript"/>${green}</w:rPr>`) +
      style(
        'table',
        'Table',
        'Table',
        '<w:basedOn w:val="NormaleTabelle"/><w:tblPr><w:tblBorders><w:top w:val="single" w:sz="8" w:space="0" w:color="006400"/><w:bottom w:val="single" w:sz="8" w:space="0" w:color="006400"/></w:tblBorders></w:tblPr>' +
          '<w:tblStylePr w:type="firstRow"><w:rPr><w:b/><w:color w:val="FFFFFF"/></w:rPr><w:tcPr><w:shd w:val="clear" w:color="auto" w:fill="006400"/></w:tcPr></w:tblStylePr>',
      ) +
      style('paragraph', 'Callout', 'Ministry Callout', '<w:basedOn w:val="Standard"/><w:rPr><w:i/></w:rPr>') +
      '</w:styles>',
  );
  const level = (ilvl: number, format: string, text: string) =>
    `<w:lvl w:ilvl="${ilvl}"><w:start w:val="1"/><w:numFmt w:val="${format}"/><w:lvlText w:val="${text}"/><w:lvlJc w:val="left"/><w:pPr><w:ind w:left="${432 * (ilvl + 1)}" w:hanging="432"/></w:pPr></w:lvl>`;
  files['word/numbering.xml'] = strToU8(
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:numbering ${W_NS}>` +
      `<w:abstractNum w:abstractNumId="0"><w:multiLevelType w:val="multilevel"/>${level(0, 'decimal', '%1.')}${level(1, 'decimal', '%1.%2.')}${level(2, 'decimal', '%1.%2.%3.')}</w:abstractNum>` +
      `<w:abstractNum w:abstractNumId="1"><w:multiLevelType w:val="singleLevel"/>${level(0, 'bullet', '▪')}</w:abstractNum>` +
      '<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num><w:num w:numId="2"><w:abstractNumId w:val="1"/></w:num></w:numbering>',
  );
  const settings = strFromU8(files['word/settings.xml']!);
  files['word/settings.xml'] = strToU8(settings.replace('</w:settings>', '<w:themeFontLang w:val="de-DE"/><w:clrSchemeMapping w:bg1="light1" w:t1="dark1" w:bg2="light2" w:t2="dark2" w:accent1="accent1" w:accent2="accent2" w:accent3="accent3" w:accent4="accent4" w:accent5="accent5" w:accent6="accent6" w:hyperlink="hyperlink" w:followedHyperlink="followedHyperlink"/></w:settings>'));
  expect(Object.keys(files)).toContain('word/theme/theme1.xml');
  expect(strFromU8(files['word/_rels/document.xml.rels']!)).toContain('Target="numbering.xml"');
  return zipSync(files);
}

let root: string;
beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'briefwright-reference-'));
});
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

/** A workspace folder holding `files`. */
async function folderWith(name: string, files: Record<string, string | Uint8Array>): Promise<string> {
  const dir = join(root, name);
  await mkdir(dir, { recursive: true });
  for (const [path, content] of Object.entries(files)) await writeFile(join(dir, path), content);
  return dir;
}

/** The pre-visit brief on trade (a title, sections, bullets, a table, footnotes), as a DOCX, over the folders of `options`. */
async function paper(options: OpenOptions) {
  const workspace = await openWorkspace({ user: false, ...options });
  const prepared = prepareBrief(workspace, loadTemplates(workspace.otherFiles), { template: 'pre-visit-brief', topics: ['trade'] }, { marking: 'OFFICIAL' });
  const word = await readDocx(await writeDocument(prepared, 'docx'));
  return { workspace, word };
}

/** The style ids a part names (paragraph, character and table styles). */
const styleRefs = (xml: string, kind: 'pStyle' | 'rStyle' | 'tblStyle'): Set<string> => new Set([...xml.matchAll(new RegExp(`<w:${kind} w:val="([^"]*)"`, 'g'))].map((m) => m[1]!));

/** The `w:style` element of one style id in word/styles.xml ('' when there is none). */
const styleXml = (word: DocxReadBack, id: string): string => new RegExp(`<w:style\\b[^>]*w:styleId="${id}"[^>]*>[\\s\\S]*?</w:style>`).exec(word.part('word/styles.xml'))?.[0] ?? '';

/** What a reader checks that Word needs: every style named in the document is defined once, every list a style or paragraph names exists. */
function expectConsistent(word: DocxReadBack): void {
  const styles = word.part('word/styles.xml');
  const ids = [...styles.matchAll(/<w:style\b[^>]*w:styleId="([^"]*)"/g)].map((m) => m[1]!);
  expect(new Set(ids).size).toBe(ids.length);
  // Word's style names are unique over every type too.
  const names = [...styles.matchAll(/<w:name w:val="([^"]*)"/g)].map((m) => m[1]!.toLowerCase());
  expect(names.filter((n, i) => names.indexOf(n) !== i)).toEqual([]);
  const parts = word.files.filter((f) => /^word\/(document|footnotes|endnotes|header\d*|footer\d*)\.xml$/.test(f)).map((f) => word.part(f));
  for (const xml of parts) for (const kind of ['pStyle', 'rStyle', 'tblStyle'] as const) for (const id of styleRefs(xml, kind)) expect(ids, `${kind} ${id}`).toContain(id);
  const numbering = word.part('word/numbering.xml');
  const nums = new Set([...numbering.matchAll(/<w:num w:numId="(\d+)"/g)].map((m) => m[1]!));
  for (const xml of [styles, ...parts]) for (const m of xml.matchAll(/<w:numId w:val="(\d+)"\/>/g)) if (m[1] !== '0') expect(nums, `numId ${m[1]}`).toContain(m[1]);
}

describe('a reference.docx restyles the DOCX', { timeout: 120_000 }, () => {
  it("the template's styles are the ones the DOCX wears: its headings, title and body font, its theme", async () => {
    const dir = await folderWith('ministry', { 'reference.docx': await ministryTemplate() });
    const { workspace, word } = await paper({ extra: [dir] });
    expect(workspace.style.diagnostics).toEqual([]);
    expect(workspace.style.tokens.reference?.file).toBe(join(dir, 'reference.docx'));

    const heading = styleXml(word, 'Heading2');
    expect(heading).toContain('<w:name w:val="heading 2"/>');
    expect(heading).toContain('w:ascii="DejaVu Sans Mono"');
    expect(heading).toContain('<w:color w:val="8B0000"/>');
    expect(styleXml(word, 'Title')).toContain('w:ascii="DejaVu Sans Mono"');
    // Their document defaults, in the paper's language.
    const defaults = /<w:docDefaults>[\s\S]*?<\/w:docDefaults>/.exec(word.part('word/styles.xml'))![0];
    expect(defaults).toContain('w:ascii="DejaVu Serif"');
    expect(defaults).toContain('<w:lang w:val="en-GB"');
    expect(defaults).not.toContain('Source Serif 4');
    // Theirs, once: no second "heading 2" of briefwright's beside it.
    expect(word.part('word/styles.xml').match(/<w:name w:val="heading 2"\/>/gi)).toHaveLength(1);
    // Briefwright's styles the template lacks stay, in its fonts.
    expect(styleXml(word, 'KeyFigureValue')).toContain('w:ascii="DejaVu Sans Mono"');
    expect(styleXml(word, 'TableText')).toContain('w:ascii="DejaVu Sans Mono"');
    expect(styleXml(word, 'Marking')).not.toBe('');
    expect(word.part('word/theme/theme1.xml')).toContain('name="Ministry Theme"');
    expect(word.part('word/theme/theme1.xml')).toContain('typeface="DejaVu Sans Mono"');

    expect(word.paragraphs.find((p) => p.style === 'Title')?.text).toBeTruthy();
    expect(word.paragraphs.filter((p) => p.style === 'Heading2').map((p) => p.text)).toContain('Trade');
    expect(word.text).toContain('Trade');
    expectConsistent(word);
  });

  it("a German Word's template: the document names its style ids, its lists and table style, and keeps briefwright's bullets", async () => {
    const dir = await folderWith('german', { 'reference.docx': await germanTemplate() });
    const { workspace, word } = await paper({ extra: [dir] });
    expect(workspace.style.diagnostics).toEqual([]);
    const body = word.part('word/document.xml');

    expect(word.paragraphs.find((p) => p.style === 'Titel')).toBeDefined();
    expect(word.paragraphs.filter((p) => p.style === 'berschrift2').map((p) => p.text)).toContain('Trade');
    expect(styleRefs(body, 'pStyle')).not.toContain('Heading2');
    expect(styleRefs(body, 'pStyle')).not.toContain('Title');
    expect(styleXml(word, 'berschrift2')).toContain('<w:color w:val="006400"/>');
    expect(styleXml(word, 'Heading2')).toBe('');

    // Bullets wear their List Bullet, and are still numbered by briefwright's bullet list.
    const bullets = word.paragraphs.filter((p) => p.style === 'Aufzhlungszeichen');
    expect(bullets.length).toBeGreaterThan(0);
    const numId = /<w:numId w:val="(\d+)"\/>/.exec(bullets[0]!.xml)![1]!;
    const numbering = word.part('word/numbering.xml');
    const abstractId = new RegExp(`<w:num w:numId="${numId}"[^>]*><w:abstractNumId w:val="(\\d+)"`).exec(numbering)![1]!;
    expect(new RegExp(`<w:abstractNum [^>]*w:abstractNumId="${abstractId}"[^>]*>[\\s\\S]*?<w:numFmt w:val="bullet"/>`).test(numbering)).toBe(true);
    // Their numbered headings keep their numbering, renumbered beside briefwright's lists.
    const headingNum = /<w:numId w:val="(\d+)"\/>/.exec(styleXml(word, 'berschrift1'))![1]!;
    expect(headingNum).not.toBe('1');
    expect(numbering).toContain('<w:lvlText w:val="%1.%2."/>');

    // Footnotes in their footnote styles; tables in their "Table" style.
    expect(styleRefs(word.part('word/footnotes.xml'), 'pStyle')).toEqual(new Set(['Funotentext']));
    expect(styleRefs(word.part('word/footnotes.xml'), 'rStyle')).toEqual(new Set(['Funotenzeichen']));
    expect(styleRefs(body, 'tblStyle')).toContain('Table');
    expect(styleRefs(body, 'tblStyle')).not.toContain('BriefTable');
    // Their "Callout" is another style: briefwright's keeps its own, under a new id.
    expect(styleXml(word, 'Callout')).toContain('Ministry Callout');
    // Their settings' theme languages, so theme fonts resolve as in their Word.
    expect(word.part('word/settings.xml')).toContain('<w:themeFontLang w:val="de-DE"/>');
    expectConsistent(word);
  });
});

describe('a reference.docx over a house style with fonts', { timeout: 120_000 }, () => {
  it("the tables' house font gives way to the template's heading font, and the house's fallback for Chinese stays named where the template names none", async () => {
    const fonts = join(__dirname, '..', 'fixtures', 'fonts');
    // The ministry's template, naming no font for East Asian text (as Word's own templates leave it to the theme's defaults).
    const template = unzipSync(await ministryTemplate());
    template['word/styles.xml'] = strToU8(strFromU8(template['word/styles.xml']!).replace(/ w:eastAsia="[^"]*"/g, ''));
    const dir = await folderWith('with-house-fonts', {
      'reference.docx': zipSync(template),
      'style.yaml': 'fonts:\n  tables: fonts/house-serif-regular.ttf\n  fallbacks: { han: fonts/han-fallback.ttf }\n',
    });
    await mkdir(join(dir, 'fonts'));
    for (const file of ['house-serif-regular.ttf', 'han-fallback.ttf']) await writeFile(join(dir, 'fonts', file), await readFile(join(fonts, file)));
    const { workspace, word } = await paper({ extra: [dir] });
    expect(workspace.diagnostics.filter((d) => d.file.includes('with-house-fonts'))).toEqual([]);
    const tableText = styleXml(word, 'TableText');
    expect(tableText).toContain('w:ascii="DejaVu Sans Mono"');
    expect(tableText).not.toContain('Noto Serif');
    expect(tableText).toContain('w:eastAsia="Droid Sans Fallback"');
    expectConsistent(word);
  });
});

describe('a reference.docx that is not a Word document', { timeout: 120_000 }, () => {
  const bad: [string, () => Uint8Array | string, RegExp][] = [
    ['a text file', () => 'Dear colleagues, the new template is attached.\n', /not a Word document \(a \.docx file is a zip package/],
    ['a zip without Word styles', () => zipSync({ 'notes.txt': strToU8('hello') }), /has no Word styles \(no word\/styles\.xml part\)/],
    ['a Word file whose styles are broken XML', () => zipSync({ 'word/styles.xml': strToU8(`<w:styles ${W_NS}><w:style></w:styles>`) }), /its part word\/styles\.xml is not well-formed XML \(line 1, column \d+: .+\)/],
    ['an old Word 97 document', () => new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0, 0, 0]), /Word 97–2003 document/],
  ];
  for (const [what, bytes, message] of bad) {
    it(`${what}: a warning naming the file, and briefwright's own styles`, async () => {
      const dir = await folderWith(what.replace(/\W+/g, '-'), { 'reference.docx': bytes() });
      const { workspace, word } = await paper({ extra: [dir] });
      const warning = { severity: 'warning', file: join(dir, 'reference.docx'), line: 1, column: 1, message: expect.stringMatching(message) };
      expect(workspace.style.diagnostics).toEqual([warning]);
      expect(workspace.diagnostics).toContainEqual(warning);
      expect(workspace.style.diagnostics[0]!.message).toMatch(/briefwright's own Word styles$/);
      expect(workspace.style.tokens.reference).toBeUndefined();
      expect(styleXml(word, 'Heading2')).toContain('w:ascii="Source Sans 3"');
      expect(word.paragraphs.filter((p) => p.style === 'Heading2').map((p) => p.text)).toContain('Trade');
    });
  }
});

describe('which reference.docx is in force', { timeout: 120_000 }, () => {
  it("the latest layer's: a workspace folder's over the user folder's, the user folder's over the bundled workspace", async () => {
    const user = await folderWith('layers-user', { 'reference.docx': await ministryTemplate() });
    const team = await folderWith('layers-team', { 'reference.docx': await germanTemplate() });
    const alone = await openWorkspace({ user: true, userFolder: user });
    expect(alone.style.tokens.reference?.file).toBe(join(user, 'reference.docx'));
    const { workspace, word } = await paper({ user: true, userFolder: user, extra: [team] });
    expect(workspace.style.tokens.reference?.file).toBe(join(team, 'reference.docx'));
    expect(word.paragraphs.filter((p) => p.style === 'berschrift2').length).toBeGreaterThan(0);
    expect(word.part('word/styles.xml')).not.toContain('DejaVu Sans Mono');
  });

  it("a later layer's broken one is not used: the earlier one stays in force, and the warning says so", async () => {
    const user = await folderWith('fallback-user', { 'reference.docx': await ministryTemplate() });
    const team = await folderWith('fallback-team', { 'reference.docx': 'not a Word file' });
    const { workspace, word } = await paper({ user: true, userFolder: user, extra: [team] });
    expect(workspace.style.tokens.reference?.file).toBe(join(user, 'reference.docx'));
    expect(workspace.style.diagnostics).toEqual([
      expect.objectContaining({ file: join(team, 'reference.docx'), message: expect.stringContaining(`the DOCX takes its Word styles from ${join(user, 'reference.docx')}`) }),
    ]);
    expect(styleXml(word, 'Heading2')).toContain('w:ascii="DejaVu Sans Mono"');
  });

  it('a folder holding only a reference.docx is a workspace folder', async () => {
    const dir = await folderWith('only-reference', { 'reference.docx': await ministryTemplate() });
    const workspace = await openWorkspace({ user: false, extra: [dir] });
    expect(workspace.diagnostics.filter((d) => d.file === dir)).toEqual([]);
    expect(workspace.style.tokens.reference?.file).toBe(join(dir, 'reference.docx'));
  });

  it('Settings says which reference.docx is in force, the usual styles it gives and the table style of the tables', async () => {
    const folder = await folderWith('settings-user', { 'reference.docx': await germanTemplate() });
    const api = createApi({ userFolder: folder });
    const response = await api.handle('houseStyle', {});
    expect(response.ok && response.result).toEqual({
      files: [],
      colours: [],
      reference: { file: join(folder, 'reference.docx'), styles: ['Normal', 'Title', 'Heading 1', 'Heading 2', 'Heading 3', 'List Bullet', 'Footnote Text', 'Footnote Reference'], tableStyle: 'Table' },
    });
  });
});

/** The warning a layer's reference.docx of `bytes` gives (undefined: it is in force). */
function judged(bytes: Uint8Array): { message?: string } {
  const diagnostics: Diagnostic[] = [];
  const reference = readReference([{ display: 'reference.docx', asset: { path: 'reference.docx', bytes } }], diagnostics);
  expect(diagnostics.length).toBe(reference ? 0 : 1);
  return diagnostics[0] ? { message: diagnostics[0].message } : {};
}

/**
 * A zip package written byte by byte, so that it may lie: each entry's bytes as given (stored, or
 * deflated when `method` is 8), under the size it declares (its own length unless `size` says).
 */
function rawZip(entries: { name: string; data: Uint8Array; method?: 0 | 8; size?: number }[]): Uint8Array {
  const local: Uint8Array[] = [];
  const central: Uint8Array[] = [];
  let offset = 0;
  for (const { name, data, method = 0, size = data.length } of entries) {
    const nameBytes = strToU8(name);
    const header = new Uint8Array(30 + nameBytes.length);
    const h = new DataView(header.buffer);
    h.setUint32(0, 0x04034b50, true);
    h.setUint16(4, 20, true);
    h.setUint16(8, method, true);
    h.setUint32(18, data.length, true);
    h.setUint32(22, size, true);
    h.setUint16(26, nameBytes.length, true);
    header.set(nameBytes, 30);
    const record = new Uint8Array(46 + nameBytes.length);
    const c = new DataView(record.buffer);
    c.setUint32(0, 0x02014b50, true);
    c.setUint16(4, 20, true);
    c.setUint16(6, 20, true);
    c.setUint16(10, method, true);
    c.setUint32(20, data.length, true);
    c.setUint32(24, size, true);
    c.setUint16(28, nameBytes.length, true);
    c.setUint32(42, offset, true);
    record.set(nameBytes, 46);
    local.push(header, data);
    central.push(record);
    offset += header.length + data.length;
  }
  const directorySize = central.reduce((sum, part) => sum + part.length, 0);
  const end = new Uint8Array(22);
  const e = new DataView(end.buffer);
  e.setUint32(0, 0x06054b50, true);
  e.setUint16(8, entries.length, true);
  e.setUint16(10, entries.length, true);
  e.setUint32(12, directorySize, true);
  e.setUint32(16, offset, true);
  const all = [...local, ...central, end];
  const bytes = new Uint8Array(all.reduce((sum, part) => sum + part.length, 0));
  let at = 0;
  for (const part of all) bytes.set(part, (at += part.length) - part.length);
  return bytes;
}

/** `bytes` with the end of central directory record's fields changed: `entries` (both counts), `offset` of the central directory. */
function withEnd(bytes: Uint8Array, fields: { entries?: number; offset?: number }): Uint8Array {
  const copy = bytes.slice();
  const view = new DataView(copy.buffer);
  const end = copy.length - 22;
  expect(view.getUint32(end, true)).toBe(0x06054b50);
  if (fields.entries !== undefined) for (const at of [end + 8, end + 10]) view.setUint16(at, fields.entries, true);
  if (fields.offset !== undefined) view.setUint32(end + 16, fields.offset, true);
  return copy;
}

const STYLES = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:styles ${W_NS}><w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/></w:style></w:styles>`;
const THEME = '<a:theme xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" name="Ministry Theme"><a:themeElements/></a:theme>';

describe('a hostile reference.docx is refused, quickly and in little memory', () => {
  it('a sound one of these small packages is in force (the packages the others spoil)', () => {
    expect(judged(rawZip([{ name: 'word/styles.xml', data: strToU8(STYLES) }])).message).toBeUndefined();
    expect(judged(rawZip([{ name: 'word/styles.xml', data: deflateSync(strToU8(STYLES)), method: 8, size: STYLES.length }])).message).toBeUndefined();
  });

  it('a zip64 end record that claims 100,000 parts in 102 bytes (fflate would walk them all: 2^32−1 took minutes)', () => {
    // [a "PK" header][zip64 end of central directory][zip64 locator][end of central directory], as the review built it.
    const bytes = new Uint8Array(4 + 56 + 20 + 22);
    const view = new DataView(bytes.buffer);
    bytes.set([0x50, 0x4b, 3, 4]);
    view.setUint32(4, 0x06064b50, true);
    view.setUint32(4 + 24, 100_000, true);
    view.setUint32(4 + 32, 100_000, true);
    view.setUint32(60, 0x07064b50, true);
    view.setUint32(60 + 8, 4, true);
    view.setUint32(80, 0x06054b50, true);
    view.setUint16(80 + 8, 0xffff, true);
    view.setUint16(80 + 10, 0xffff, true);
    expect(judged(bytes).message).toMatch(/not used: it is not a Word document: its zip package lists 100000 parts, and a Word document has far fewer than 10000; the DOCX is written in briefwright's own Word styles$/);
  });

  it('an end record that claims more parts than the file can hold, or a central directory past its end', () => {
    const sound = rawZip([{ name: 'word/styles.xml', data: strToU8(STYLES) }]);
    expect(judged(withEnd(sound, { entries: 5000 })).message).toMatch(/its zip package is damaged \(it lists 5000 parts, more than a file of \d+ bytes can hold\)/);
    expect(judged(withEnd(sound, { offset: sound.length + 1000 })).message).toMatch(/its zip package is damaged \(its central directory does not lie inside the file\)/);
  });

  it('a part named twice (which copy a reader takes is its own choice)', () => {
    const bytes = rawZip([
      { name: 'word/styles.xml', data: strToU8(STYLES) },
      { name: 'word/styles.xml', data: strToU8(STYLES.replace('Normal"/>', 'Normal"/><w:rPr><w:color w:val="FF0000"/></w:rPr>')) },
    ]);
    expect(judged(bytes).message).toMatch(/it is not a Word document: its zip package holds two parts named word\/styles\.xml;/);
  });

  it('parts the DOCX does not take are never unpacked: 300 .rels parts that would not inflate leave it in force', () => {
    // Each claims 32 MB; their bytes are no deflate stream at all, so unpacking any would fail.
    const junk = new Uint8Array(64).fill(0xff);
    const bytes = rawZip([
      { name: 'word/styles.xml', data: strToU8(STYLES) },
      ...Array.from({ length: 300 }, (_, i) => ({ name: `p${i}.rels`, data: junk, method: 8 as const, size: 32 * 1024 * 1024 })),
    ]);
    expect(judged(bytes).message).toBeUndefined();
  });

  it('a part declaring more than 8 MB is refused before it is unpacked', () => {
    const bytes = rawZip([{ name: 'word/styles.xml', data: deflateSync(strToU8(STYLES)), method: 8, size: 9 * 1024 * 1024 }]);
    expect(judged(bytes).message).toMatch(/its part word\/styles\.xml is too large to be a Word part \(more than 8 MB unpacked\)/);
  });

  it('a part that unpacks to more, or to less, than it declares', () => {
    // 4 MB of blanks after the styles, declared as the styles alone: unpacking stops soon after the declared size.
    const padded = deflateSync(strToU8(`${STYLES}${' '.repeat(4 * 1024 * 1024)}`));
    const more = judged(rawZip([{ name: 'word/styles.xml', data: padded, method: 8, size: STYLES.length }]));
    expect(more.message).toMatch(/its zip package is damaged \(its part word\/styles\.xml does not unpack to the size its zip package gives\)/);
    const less = judged(rawZip([{ name: 'word/styles.xml', data: deflateSync(strToU8(STYLES)), method: 8, size: STYLES.length + 1 }]));
    expect(less.message).toMatch(/does not unpack to the size its zip package gives/);
  });

  it('a styles or theme part with a document type declaration (Word does not open a .docx holding one)', () => {
    const doctype = STYLES.replace('\n', '\n<!DOCTYPE w:styles>');
    expect(judged(zipSync({ 'word/styles.xml': strToU8(doctype) })).message).toMatch(/its part word\/styles\.xml declares a document type \(<!DOCTYPE …>\), which Word does not open in a \.docx;/);
    expect(judged(zipSync({ 'word/styles.xml': strToU8(STYLES), 'word/theme/theme1.xml': strToU8(THEME) })).message).toBeUndefined();
    const theme = zipSync({ 'word/styles.xml': strToU8(STYLES), 'word/theme/theme1.xml': strToU8(`<!DOCTYPE a:theme>${THEME}`) });
    expect(judged(theme).message).toMatch(/its part word\/theme\/theme1\.xml declares a document type/);
  });

  it('a styles part with a document type declaration that reaches the writer loses it there', async () => {
    const packed = new Uint8Array(await Packer.toArrayBuffer(new WordDocument({ sections: [{ children: [new Paragraph('Paper')] }] })));
    const restyled = withReferenceStyles(packed, { file: 'reference.docx', styles: STYLES.replace('\n', '\n<!DOCTYPE w:styles>') });
    expect(strFromU8(unzipSync(restyled)['word/styles.xml']!)).not.toContain('<!DOCTYPE');
    expect(() => checkXmlParts(restyled, 'DOCX')).not.toThrow();
  });

  it('the last look at a written DOCX refuses a part with a document type declaration', () => {
    const sound = zipSync({ 'word/styles.xml': strToU8(STYLES) });
    expect(() => checkXmlParts(sound, 'DOCX')).not.toThrow();
    const doctype = zipSync({ 'word/styles.xml': strToU8(STYLES), 'word/theme/theme1.xml': strToU8(`<?xml version="1.0"?><!DOCTYPE a:theme>${THEME}`) });
    expect(() => checkXmlParts(doctype, 'DOCX')).toThrow(/its part word\/theme\/theme1\.xml is not well-formed \(it declares a document type/);
  });
});

describe("a reference.docx's lists and names beside briefwright's", { timeout: 120_000 }, () => {
  it("its lists keep naming its own styles, and a kept style of briefwright's takes a Word name the template does not have", async () => {
    const files = unzipSync(await germanTemplate());
    // Its "Callout" (named "Hinweis") numbers by its own list, whose level names it back; a
    // character style is named "Callout", and a template made from a briefwright paper has a "Brief Callout".
    files['word/styles.xml'] = strToU8(
      strFromU8(files['word/styles.xml']!)
        .replace('<w:name w:val="Ministry Callout"/><w:basedOn w:val="Standard"/>', '<w:name w:val="Hinweis"/><w:basedOn w:val="Standard"/><w:pPr><w:numPr><w:numId w:val="3"/></w:numPr></w:pPr>')
        .replace(
          '</w:styles>',
          '<w:style w:type="character" w:styleId="CalloutZchn"><w:name w:val="Callout"/></w:style><w:style w:type="paragraph" w:styleId="BriefCallout"><w:name w:val="Brief Callout"/><w:basedOn w:val="Standard"/></w:style></w:styles>',
        ),
    );
    files['word/numbering.xml'] = strToU8(
      strFromU8(files['word/numbering.xml']!)
        .replace('<w:num w:numId="1">', '<w:abstractNum w:abstractNumId="2"><w:multiLevelType w:val="singleLevel"/><w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:pStyle w:val="Callout"/><w:lvlText w:val="%1."/><w:lvlJc w:val="left"/></w:lvl></w:abstractNum><w:num w:numId="1">')
        .replace('</w:numbering>', '<w:num w:numId="3"><w:abstractNumId w:val="2"/></w:num></w:numbering>'),
    );
    const dir = await folderWith('lists-and-names', { 'reference.docx': zipSync(files) });
    const { workspace, word } = await paper({ extra: [dir] });
    expect(workspace.style.diagnostics).toEqual([]);
    expect(styleRefs(word.part('word/numbering.xml'), 'pStyle')).toEqual(new Set(['Callout']));
    expect(styleXml(word, 'Callout')).toContain('<w:name w:val="Hinweis"/>');
    expect(styleXml(word, 'BriefCallout')).toContain('<w:name w:val="Brief Callout"/>');
    expect(styleXml(word, 'BriefCallout2')).toContain('<w:name w:val="Brief Callout 2"/>');
    expectConsistent(word);
  });
});
