// A house style's fonts (style.yaml `fonts:`): a TrueType file of the workspace for a role is
// embedded in the PDF, named and embedded in the DOCX and embedded in the HTML; a fallback font
// for a script prints the characters the paper's typefaces cannot draw (a Chinese statement
// reads back from the PDF), and Word is told its name; a font file that cannot be used is a
// warning at its line and column, the role keeping its font.
import { execFileSync } from 'node:child_process';
import { copyFile, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { prepareBrief } from '../../src/core/brief';
import { loadTemplates } from '../../src/core/templates/template';
import { writeDocument } from '../../src/core/write';
import { createApi } from '../../src/app/api';
import { openWorkspace } from '../../src/platform/workspace-folder';
import { readDocx, styleXml } from '../fixtures/read-docx';
import { factsFile, source } from '../fixtures/workspace';

const FONTS = join(__dirname, '..', 'fixtures', 'fonts');
/** The Chinese half of the statement: every character is in the test's Han fallback font. */
const CHINESE = '中华人民共和国与哈萨克斯坦共和国联合声明';

let root: string;
beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'briefwright-fonts-'));
});
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

/** A workspace folder with the test fonts in `fonts/`, a style.yaml, and a trade fact whose statement has Chinese in it. */
async function folderWith(name: string, style: string, files: Record<string, string | Buffer> = {}): Promise<string> {
  const dir = join(root, name);
  await mkdir(join(dir, 'fonts'), { recursive: true });
  for (const file of ['house-serif-regular.ttf', 'house-serif-bold.ttf', 'han-fallback.ttf']) await copyFile(join(FONTS, file), join(dir, 'fonts', file));
  await mkdir(join(dir, 'sources'));
  await mkdir(join(dir, 'facts'));
  const evidence = 'The two heads of state signed a joint statement in 2024.';
  await writeFile(join(dir, 'sources', 'statement-note.md'), source({ id: 'statement-note', date: '2024-06-01', title: 'Statement note' }, `${evidence}\n`));
  await writeFile(
    join(dir, 'facts', 'statement-note.yaml'),
    factsFile([{ id: 'joint-statement', statement: `The two heads of state signed the joint statement (${CHINESE}) in 2024.`, topics: ['trade'], entities: [], when: '2024', kind: 'outcome', source: 'statement-note', evidence }]),
  );
  await writeFile(join(dir, 'style.yaml'), style);
  for (const [path, content] of Object.entries(files)) await writeFile(join(dir, path), content);
  return dir;
}

async function papers(dir: string, topic = 'trade') {
  const workspace = await openWorkspace({ extra: [dir], user: false });
  const prepared = prepareBrief(workspace, loadTemplates(workspace.otherFiles), { template: 'pre-visit-brief', topics: [topic], from: '2024', to: '2024' }, { marking: 'OFFICIAL' });
  const [pdf, docx, html] = await Promise.all((['pdf', 'docx', 'html'] as const).map((f) => writeDocument(prepared, f)));
  return { workspace, prepared, pdf: pdf!, docx: docx!, html: new TextDecoder().decode(html!) };
}

/** What poppler says of a PDF: its fonts (`pdffonts`) and its text (`pdftotext`). */
async function poppler(pdf: Uint8Array): Promise<{ fonts: string; text: string }> {
  const file = join(root, `paper-${Math.random().toString(36).slice(2)}.pdf`);
  await writeFile(file, pdf);
  return { fonts: execFileSync('pdffonts', [file]).toString(), text: execFileSync('pdftotext', ['-layout', file, '-']).toString() };
}

const HOUSE_STYLE = [
  'fonts:',
  '  body: { regular: fonts/house-serif-regular.ttf, bold: fonts/house-serif-bold.ttf }',
  '  tables: { regular: fonts/house-serif-regular.ttf, bold: fonts/house-serif-bold.ttf }',
  '  fallbacks: { han: fonts/han-fallback.ttf }',
  '',
].join('\n');

describe('fonts by role and a fallback by script', { timeout: 180_000 }, () => {
  it('a Chinese statement with a Han fallback font prints its glyphs in the PDF, and the house font is embedded', async () => {
    const dir = await folderWith('house', HOUSE_STYLE);
    const { workspace, prepared, pdf } = await papers(dir);
    expect(workspace.style.diagnostics).toEqual([]);
    expect(prepared.diagnostics.filter((d) => /cannot draw/.test(d.message))).toEqual([]);
    const { fonts, text } = await poppler(pdf);
    expect(text.replace(/\s+/g, '')).toContain(CHINESE);
    expect(fonts).toMatch(/NotoSerif\S*\s+(CID )?TrueType/);
    // The table's header row is bold: the bold face given for tables.
    expect(fonts).toMatch(/NotoSerif-Bold/);
    // Headings keep briefwright's sans.
    expect(fonts).toMatch(/SourceSans3/);
    expect(fonts).toMatch(/DroidSansFallback/);
    // A role that names the body's regular file alone (the tables, here: regular and bold) does not take the body's bold away.
    const shared = await folderWith('shared-regular', HOUSE_STYLE.replace("tables: { regular: fonts/house-serif-regular.ttf, bold: fonts/house-serif-bold.ttf }", 'tables: fonts/house-serif-regular.ttf'));
    expect((await poppler((await papers(shared)).pdf)).fonts).toMatch(/NotoSerif-Bold/);
    // Every font is embedded: the "emb" column says yes on every line.
    for (const line of fonts.split('\n').slice(2).filter(Boolean)) expect(line).toMatch(/\syes\s+yes\s+yes\s/);
  });

  it('the DOCX names the house font for body text and tables, embeds it, and names the fallback for East Asian text', async () => {
    const dir = await folderWith('house-docx', HOUSE_STYLE);
    const { docx } = await papers(dir);
    const word = await readDocx(docx);
    const styles = word.part('word/styles.xml');
    const defaults = styles.slice(styles.indexOf('<w:docDefaults>'), styles.indexOf('</w:docDefaults>'));
    expect(defaults).toMatch(/<w:rFonts w:ascii="Noto Serif" w:cs="Noto Serif" w:eastAsia="Droid Sans Fallback" w:hAnsi="Noto Serif"\/>|<w:rFonts[^>]*w:ascii="Noto Serif"[^>]*\/>/);
    expect(defaults).toContain('w:eastAsia="Droid Sans Fallback"');
    expect(styleXml(styles, 'Heading1')).toContain('w:ascii="Source Sans 3"');
    expect(styleXml(styles, 'Heading1')).toContain('w:eastAsia="Droid Sans Fallback"');
    // The tables' paragraph style is set in the house font.
    expect(styles).toMatch(/<w:style [^>]*w:styleId="TableText"[\s\S]*?w:ascii="Noto Serif"[\s\S]*?<\/w:style>/);
    const fontTable = word.part('word/fontTable.xml');
    expect(fontTable).toMatch(/<w:font w:name="Noto Serif">(?:(?!<\/w:font>)[\s\S])*<w:embedRegular [^>]*\/>(?:(?!<\/w:font>)[\s\S])*<w:embedBold [^>]*\/>/);
    // Only the faces the house gives: no italic file, so none embedded (Word slants the regular face).
    expect(fontTable).not.toMatch(/<w:font w:name="Noto Serif">(?:(?!<\/w:font>)[\s\S])*<w:embedItalic /);
    // Named, not embedded: a fallback is a machine's own font.
    expect(fontTable).not.toMatch(/<w:font w:name="Droid Sans Fallback">(?:(?!<\/w:font>)[\s\S])*<w:embedRegular/);
    expect(word.part('word/document.xml')).toContain(CHINESE);
  });

  it('the HTML embeds the house font and, since the text needs it, the fallback, and lists them in each role', async () => {
    const dir = await folderWith('house-html', HOUSE_STYLE);
    const { html } = await papers(dir);
    expect(html).toMatch(/@font-face\{font-family:'Noto Serif';font-weight:400;font-style:normal;[^}]*src:url\(data:font\/ttf;base64,/);
    expect(html).toMatch(/@font-face\{font-family:'Noto Serif';font-weight:700;/);
    expect(html).toMatch(/@font-face\{font-family:'Droid Sans Fallback';/);
    expect(html).toMatch(/body\{[^}]*font-family:'Noto Serif', 'Source Serif 4', 'Droid Sans Fallback', Georgia, serif/);
    expect(html).toMatch(/h1,h2,h3\{font-family:'Source Sans 3', 'Droid Sans Fallback', Arial, sans-serif/);
    expect(html).toContain(CHINESE);
    // A paper with no Chinese in it does not carry the fallback font.
    const energy = (await papers(dir, 'energy')).html;
    expect(energy).not.toContain(CHINESE);
    expect(energy).toMatch(/@font-face\{font-family:'Noto Serif';/);
    expect(energy).not.toMatch(/@font-face\{font-family:'Droid Sans Fallback';/);
  });

  it('without the fallback, the Chinese characters are named in a warning that says how to print them', async () => {
    const dir = await folderWith('no-fallback', 'fonts:\n  body: fonts/house-serif-regular.ttf\n');
    const { prepared } = await papers(dir);
    expect(prepared.diagnostics.map((d) => d.message).join('\n')).toMatch(/cannot draw 17 characters 中 华 人 民 共 和 国 与 哈 萨 克 斯 .* and 5 more in "joint-statement".*fallbacks: \{ han: fonts\/….ttf \}/);
  });

  it('a later layer’s role and script win, role by role', async () => {
    const team = await folderWith('team', HOUSE_STYLE);
    const user = await folderWith('user-over-team', 'fonts:\n  body: Source Sans 3\n');
    const workspace = await openWorkspace({ extra: [team, user], user: false });
    expect(workspace.style.diagnostics).toEqual([]);
    const { body, tables, fallbacks } = workspace.style.tokens.typefaces;
    expect(body).toEqual({ shipped: 'heading' });
    expect('house' in tables && tables.house.name).toBe('Noto Serif');
    expect(fallbacks.map((f) => [f.script, f.font.name])).toEqual([['Han', 'Droid Sans Fallback']]);
  });
});

describe('one house style changes all three writers', { timeout: 180_000 }, () => {
  it('a logo, two colours and a TrueType font: the logo in the PDF and the DOCX, the font embedded in both, the colours in the DOCX styles and the HTML', async () => {
    const logo = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 300 100"><rect width="300" height="100" fill="#7a1f1f"/></svg>\n';
    const dir = await folderWith(
      'whole-style',
      ['organisation: Ministry of Foreign Affairs', 'logo: { file: logo.svg, placement: cover }', 'colours: { accent: "#7a1f1f", tableHeader: "#333333" }', 'fonts: { body: fonts/house-serif-regular.ttf }', ''].join('\n'),
      { 'logo.svg': logo },
    );
    const { workspace, pdf, docx, html } = await papers(dir);
    expect(workspace.style.diagnostics).toEqual([]);

    expect(Buffer.from(pdf).toString('latin1')).toMatch(/\/Subtype \/Image/);
    expect((await poppler(pdf)).fonts).toMatch(/NotoSerif-Regular\s+CID TrueType\s+Identity-H\s+yes yes yes/);

    const word = await readDocx(docx);
    expect(word.files.some((f) => /^word\/media\/.+\.png$/.test(f))).toBe(true);
    expect(word.part('word/fontTable.xml')).toMatch(/<w:font w:name="Noto Serif">[\s\S]*?<w:embedRegular /);
    const styles = word.part('word/styles.xml');
    expect(styleXml(styles, 'Heading1')).toContain('<w:color w:val="7a1f1f"/>');
    expect(styles).toMatch(/<w:shd w:val="clear" w:color="auto" w:fill="333333"\/>/);

    expect(html).toMatch(/<img class="logo logo-cover" src="data:image\/svg\+xml;base64,/);
    expect(html).toMatch(/@font-face\{font-family:'Noto Serif';/);
    expect(html).toMatch(/h1(?:,\.toc-heading)?\{font-size:[\d.]+pt;color:#7a1f1f/);
  });
});

describe('Settings show the fonts in force', { timeout: 120_000 }, () => {
  it('each role with its font and file, and each fallback with its script', async () => {
    const dir = await folderWith('settings', HOUSE_STYLE);
    const api = createApi({ userFolder: dir });
    const response = await api.handle('houseStyle', {});
    await api.close();
    if (!response.ok) throw new Error(response.problems.map((p) => p.message).join('\n'));
    expect(response.result.fonts).toEqual([
      { role: 'body', name: 'Noto Serif', file: join(dir, 'fonts/house-serif-regular.ttf'), what: 'paragraphs, lists and notes', sample: expect.stringMatching(/^data:font\/ttf;base64,AAEAAA/) },
      { role: 'headings', name: 'Source Sans 3', what: expect.stringMatching(/^headings, the cover/) },
      { role: 'tables', name: 'Noto Serif', file: join(dir, 'fonts/house-serif-regular.ttf'), what: 'table cells', sample: expect.stringMatching(/^data:font\/ttf;base64,/) },
    ]);
    expect(response.result.fallbacks).toEqual([{ script: 'han', name: 'Droid Sans Fallback', file: join(dir, 'fonts/han-fallback.ttf') }]);
  });
});

describe('a font that cannot be used is a warning at its line and column, and the role keeps its font', { timeout: 120_000 }, () => {
  it('names each fault: a missing file, a file that is not a font, a collection, a web font, an unknown role, face and script, a family not shipped', async () => {
    const dir = await folderWith(
      'faults',
      [
        'fonts:',
        '  body: fonts/missing.ttf',
        '  headings: fonts/not-a-font.ttf',
        '  tables: { regular: fonts/collection.ttf, heavy: fonts/house-serif-bold.ttf }',
        '  captions: fonts/house-serif-regular.ttf',
        '  fallbacks:',
        '    klingon: fonts/han-fallback.ttf',
        '    han: fonts/web.otf',
        '    arabic: Times New Roman',
        '',
      ].join('\n'),
      {
        'fonts/not-a-font.ttf': 'This is a note, not a font.\n',
        'fonts/collection.ttf': Buffer.concat([Buffer.from('ttcf'), Buffer.alloc(60)]),
        'fonts/web.otf': Buffer.concat([Buffer.from('wOFF'), Buffer.alloc(60)]),
      },
    );
    const workspace = await openWorkspace({ extra: [dir], user: false });
    const said = workspace.style.diagnostics.map((d) => `${d.line}:${d.column} ${d.message}`);
    expect(said).toEqual([
      expect.stringMatching(/^2:9 the body font "fonts\/missing.ttf" is not used: there is no such file in the workspace folder$/),
      expect.stringMatching(/^3:13 the headings font "fonts\/not-a-font.ttf" is not used: it is not a TrueType or OpenType font file$/),
      expect.stringMatching(/^4:44 unknown face "heavy"; a role's faces are regular, bold, italic, bold-italic$/),
      expect.stringMatching(/^4:22 the tables font "fonts\/collection.ttf" is not used: it is a font collection \(.ttc\); name one TrueType or OpenType file/),
      expect.stringMatching(/^5:3 unknown font role "captions"; the roles are body, headings, tables/),
      expect.stringMatching(/^7:5 "klingon" is not a script: name a Unicode script in lower case/),
      expect.stringMatching(/^8:10 the fallback font for han "fonts\/web.otf" is not used: it is a web font \(WOFF\)/),
      expect.stringMatching(/^9:13 "Times New Roman" is not a font file: the fallback font for arabic is a TrueType or OpenType file in this folder/),
    ]);
    expect(workspace.style.tokens.typefaces).toEqual({ body: { shipped: 'body' }, headings: { shipped: 'heading' }, tables: { shipped: 'heading' }, fallbacks: [] });
    // The paper is still made, in briefwright's fonts.
    const { pdf } = await papers(dir);
    expect((await poppler(pdf)).fonts).toMatch(/SourceSerif4/);
  });
});
