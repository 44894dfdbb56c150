// The organisation's letterhead from a workspace's style.yaml: its name, its logo (PNG or SVG, a
// file in the folder) on the cover or in every page's header, and where the handling marking
// prints, in the PDF, the DOCX and the HTML; a logo that cannot be used is a warning at its
// `file:` value, and the paper is still made, without it.
import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { deflateSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { prepareBrief } from '../../src/core/brief';
import { loadTemplates } from '../../src/core/templates/template';
import { writeDocument } from '../../src/core/write';
import { openWorkspace } from '../../src/platform/workspace-folder';
import { readDocx } from '../fixtures/read-docx';
import { readPdf } from '../fixtures/read-pdf';

/** A small PNG, `width` × `height`, of one colour: enough to be a logo. */
function pngOf(width: number, height: number, rgb: [number, number, number] = [29, 53, 87]): Buffer {
  const crcTable = Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
  const crc = (bytes: Buffer): number => {
    let c = 0xffffffff;
    for (const b of bytes) c = crcTable[(c ^ b) & 0xff]! ^ (c >>> 8);
    return (c ^ 0xffffffff) >>> 0;
  };
  const chunk = (type: string, data: Buffer): Buffer => {
    const head = Buffer.alloc(4);
    head.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const tail = Buffer.alloc(4);
    tail.writeUInt32BE(crc(body));
    return Buffer.concat([head, body, tail]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 2; // truecolour
  const row = Buffer.concat([Buffer.from([0]), Buffer.from(Array.from({ length: width }, () => rgb).flat())]);
  const pixels = Buffer.concat(Array.from({ length: height }, () => row));
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', ihdr), chunk('IDAT', deflateSync(pixels)), chunk('IEND', Buffer.alloc(0))]);
}

const SVG_LOGO = '<?xml version="1.0" encoding="UTF-8"?>\n<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 300 100"><rect width="300" height="100" fill="#1d3557"/><circle cx="50" cy="50" r="30" fill="#e63946"/></svg>\n';

let root: string;
beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'briefwright-letterhead-'));
});
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

/** A workspace folder holding `files`, opened over the bundled workspace. */
async function folderWith(name: string, files: Record<string, string | Buffer>) {
  const dir = join(root, name);
  await mkdir(dir, { recursive: true });
  for (const [path, content] of Object.entries(files)) {
    await mkdir(join(dir, path, '..'), { recursive: true });
    await writeFile(join(dir, path), content);
  }
  return { dir, workspace: () => openWorkspace({ extra: [dir], user: false }) };
}

async function papers(dir: string, template = 'pre-visit-brief') {
  const workspace = await openWorkspace({ extra: [dir], user: false });
  const prepared = prepareBrief(workspace, loadTemplates(workspace.otherFiles), { template, topics: ['trade'] }, { marking: 'OFFICIAL' });
  const [pdf, docx, html] = await Promise.all((['pdf', 'docx', 'html'] as const).map((f) => writeDocument(prepared, f)));
  return { workspace, prepared, pdf: pdf!, docx: docx!, html: new TextDecoder().decode(html!) };
}

/** Image XObjects in a PDF (pdfkit writes each image once, its dictionary uncompressed). */
function pdfImages(pdf: Uint8Array): number {
  return (Buffer.from(pdf).toString('latin1').match(/\/Subtype \/Image/g) ?? []).length;
}

const warningsOf = (workspace: Awaited<ReturnType<typeof openWorkspace>>) =>
  workspace.style.diagnostics.map((d) => `${d.file.split('/').slice(-2).join('/')}:${d.line}:${d.column} ${d.message}`);

describe('a logo and the organisation on the cover', { timeout: 120_000 }, () => {
  it('a PNG logo heads the cover of the PDF, the DOCX and the HTML, with the organisation beside it', async () => {
    const { dir } = await folderWith('png-cover', {
      'style.yaml': 'organisation: Ministry of Foreign Affairs\nlogo: { file: art/logo.png, placement: cover }\n',
      'art/logo.png': pngOf(240, 80),
    });
    const { workspace, prepared, pdf, docx, html } = await papers(dir);
    expect(workspace.style.diagnostics).toEqual([]);
    expect(prepared.document.meta.organisation).toBe('Ministry of Foreign Affairs');

    expect(pdfImages(pdf)).toBe(1);
    expect((await readPdf(pdf)).pages[0]!.text).toContain('MINISTRY OF FOREIGN AFFAIRS');

    const word = await readDocx(docx);
    expect(word.files.some((f) => /^word\/media\/.+\.png$/.test(f))).toBe(true);
    const body = word.part('word/document.xml');
    expect(body).toMatch(/<w:drawing>[\s\S]*descr="Ministry of Foreign Affairs"/);
    expect(body).toContain('Ministry of Foreign Affairs');
    // Raised towards the logo's middle (48 pt high: 24 pt, less a third of 8.5 pt, less 4 pt; in half-points), not sat on its foot.
    expect(body).toMatch(/<w:r><w:rPr><w:position w:val="34"\/><\/w:rPr><w:t xml:space="preserve">\u2003Ministry of Foreign Affairs<\/w:t>/);

    expect(html).toMatch(/<img class="logo logo-cover" src="data:image\/png;base64,[^"]+" alt="Ministry of Foreign Affairs"/);
    expect(html).toContain('MINISTRY OF FOREIGN AFFAIRS');
  });

  it('an SVG logo in the header of every page: drawn as a PNG for the PDF and the DOCX, kept as SVG in the HTML', async () => {
    const { dir } = await folderWith('svg-header', {
      'style.yaml': 'logo:\n  file: logo.svg\n  placement: header\n',
      'logo.svg': SVG_LOGO,
    });
    const { workspace, pdf, docx, html } = await papers(dir);
    expect(workspace.style.diagnostics).toEqual([]);
    // The picture, and its transparency's mask where it has one.
    expect(pdfImages(pdf)).toBeGreaterThanOrEqual(1);
    const read = await readPdf(pdf);
    expect(read.pages.length).toBeGreaterThan(1);

    const word = await readDocx(docx);
    expect(word.files.some((f) => /^word\/media\/.+\.png$/.test(f))).toBe(true);
    const header = word.files.filter((f) => /^word\/header\d*\.xml$/.test(f)).map((f) => word.part(f)).join('');
    expect(header).toMatch(/<w:drawing>[\s\S]*descr="Logo"/);
    expect(word.part('word/document.xml')).not.toContain('<w:drawing>');

    expect(html).toMatch(/<img class="logo logo-header" src="data:image\/svg\+xml;base64,[^"]+" alt="Logo"/);
    // In print the logo stands in every page's top-left margin, at its header height and proportions (300 × 100: 60 × 20 pt); the sheet's own is for the screen.
    const framed = /@page\{[^@]*@top-left\{content:url\(data:image\/svg\+xml;base64,([^)]+)\)/.exec(html);
    expect(framed).not.toBeNull();
    const frame = Buffer.from(framed![1]!, 'base64').toString('utf8');
    expect(frame).toMatch(/^<svg xmlns="http:\/\/www.w3.org\/2000\/svg" width="60pt" height="20pt" viewBox="0 0 60 20"><image width="60" height="20" href="data:image\/svg\+xml;base64,/);
    expect(html).toMatch(/@media print\{[\s\S]*\.logo-head:has\(\.logo-header\)\{display:none\}/);
  });

  it('the organisation of the house style gives way to the user’s own', async () => {
    const { dir } = await folderWith('organisation-only', { 'style.yaml': 'organisation: Ministry of Foreign Affairs\n' });
    const workspace = await openWorkspace({ extra: [dir], user: false });
    const templates = loadTemplates(workspace.otherFiles);
    expect(prepareBrief(workspace, templates, { template: 'pre-visit-brief', topics: ['trade'] }).document.meta.organisation).toBe('Ministry of Foreign Affairs');
    expect(prepareBrief(workspace, templates, { template: 'pre-visit-brief', topics: ['trade'] }, { organisation: 'Embassy in Astana' }).document.meta.organisation).toBe('Embassy in Astana');
  });
});

describe('where the handling marking prints', { timeout: 120_000 }, () => {
  /** The text of the top or the bottom 60 points of a page: its running header or footer. */
  const pdfText = async (pdf: Uint8Array, page: number, area: 'top' | 'bottom'): Promise<string> => {
    const { items, height } = (await readPdf(pdf)).pages[page - 1]!;
    return items.filter((i) => (area === 'top' ? i.y > height - 60 : i.y < 60)).map((i) => i.str).join(' ');
  };

  it('by default in both the header and the footer, as before', async () => {
    const { dir } = await folderWith('marking-both', { 'style.yaml': 'organisation: Ministry of Foreign Affairs\n' });
    const { pdf, docx } = await papers(dir);
    expect(await pdfText(pdf, 2, 'top')).toContain('OFFICIAL');
    expect(await pdfText(pdf, 2, 'bottom')).toContain('OFFICIAL');
    const word = await readDocx(docx);
    expect(word.files.some((f) => /^word\/header\d*\.xml$/.test(f))).toBe(true);
    expect(word.files.filter((f) => /^word\/footer\d*\.xml$/.test(f)).map((f) => word.part(f)).join('')).toContain('OFFICIAL');
  });

  it('only in the footer with `marking-position: footer`, only in the header with `header`', async () => {
    const footer = await papers((await folderWith('marking-footer', { 'style.yaml': 'marking-position: footer\n' })).dir);
    expect(await pdfText(footer.pdf, 2, 'top')).not.toContain('OFFICIAL');
    expect(await pdfText(footer.pdf, 2, 'bottom')).toContain('OFFICIAL');
    const footerWord = await readDocx(footer.docx);
    expect(footerWord.files.filter((f) => /^word\/header\d*\.xml$/.test(f)).map((f) => footerWord.part(f)).join('')).not.toContain('OFFICIAL');
    expect(footerWord.files.filter((f) => /^word\/footer\d*\.xml$/.test(f)).map((f) => footerWord.part(f)).join('')).toContain('OFFICIAL');
    expect(footer.html).toMatch(/@bottom-center\{content:"OFFICIAL"/);
    expect(footer.html).not.toMatch(/@top-center\{content:"OFFICIAL"/);

    const header = await papers((await folderWith('marking-header', { 'style.yaml': 'marking-position: header\n' })).dir);
    expect(await pdfText(header.pdf, 2, 'top')).toContain('OFFICIAL');
    expect(await pdfText(header.pdf, 2, 'bottom')).not.toContain('OFFICIAL');
    const headerWord = await readDocx(header.docx);
    expect(headerWord.files.filter((f) => /^word\/header\d*\.xml$/.test(f)).map((f) => headerWord.part(f)).join('')).toContain('OFFICIAL');
    expect(headerWord.files.filter((f) => /^word\/footer\d*\.xml$/.test(f)).map((f) => headerWord.part(f)).join('')).not.toContain('OFFICIAL');
    expect(header.html).toMatch(/@top-center\{content:"OFFICIAL"/);
    expect(header.html).not.toMatch(/@bottom-center\{content:"OFFICIAL"/);
  });
});

describe('a logo that cannot be used', { timeout: 120_000 }, () => {
  const style = (file: string, extra = '') => `organisation: Ministry of Foreign Affairs\nlogo:\n  file: ${file}\n${extra}`;

  it.each([
    ['missing', { 'style.yaml': style('crest.png') }, /the logo "crest\.png" is not used: there is no such file in the workspace folder/],
    ['too large', { 'style.yaml': style('big.png'), 'big.png': Buffer.concat([pngOf(10, 10), Buffer.alloc(2 * 1024 * 1024 + 1)]) }, /is not used: it is too large \(2\.0 MB; the limit is 2 MB\)/],
    ['a JPEG named .png', { 'style.yaml': style('logo.png'), 'logo.png': Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 16, 74, 70, 73, 70]) }, /the logo "logo\.png" is a JPEG picture, not a PNG or an SVG/],
    ['a text file named .png', { 'style.yaml': style('logo.png'), 'logo.png': 'not a picture\n' }, /the logo "logo\.png" is a text file, not a PNG or an SVG/],
    ['an SVG that fetches', { 'style.yaml': style('logo.svg'), 'logo.svg': '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><image href="https://example.org/crest.png" width="10" height="10"/></svg>' }, /refers to "https:\/\/example\.org\/crest\.png" outside itself/],
    ['an SVG with a file: link', { 'style.yaml': style('logo.svg'), 'logo.svg': '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="10" height="10"><use xlink:href="file:///etc/crest.svg#a"/></svg>' }, /refers to "file:\/\/\/etc\/crest\.svg#a" outside itself/],
    ['an SVG without a size', { 'style.yaml': style('logo.svg'), 'logo.svg': '<svg xmlns="http://www.w3.org/2000/svg"><rect width="4" height="4"/></svg>' }, /an SVG with no size/],
    ['a path outside the folder', { 'style.yaml': style('../elsewhere/logo.png') }, /is not used: it is outside the workspace folder/],
  ])('%s: a warning at the `file:` value, and the paper is made without a logo', async (name, files, message) => {
    const { dir } = await folderWith(`bad-${name.replace(/\W+/g, '-')}`, files as Record<string, string | Buffer>);
    const { workspace, pdf, html } = await papers(dir);
    expect(warningsOf(workspace)).toEqual([expect.stringMatching(new RegExp(`style\\.yaml:3:9 .*${message.source}`))]);
    expect(workspace.style.diagnostics[0]!.severity).toBe('warning');
    expect(pdfImages(pdf)).toBe(0);
    expect(html).not.toContain('<img');
    // The organisation is still the paper's.
    expect(html).toContain('MINISTRY OF FOREIGN AFFAIRS');
  });

  it('a link to a logo outside the folder is not followed', async () => {
    const outside = join(root, 'outside-logo.png');
    await writeFile(outside, pngOf(20, 20));
    const { dir } = await folderWith('linked-out', { 'style.yaml': style('logo.png') });
    await symlink(outside, join(dir, 'logo.png'));
    const workspace = await openWorkspace({ extra: [dir], user: false });
    expect(warningsOf(workspace)).toEqual([expect.stringMatching(/style\.yaml:3:9 the logo "logo\.png" is not used: it is a link to a place outside the workspace folder; the paper is made without a logo/)]);
    expect(workspace.style.tokens.logo.image).toBeUndefined();
  });

  it('an unknown placement is a warning at its value, and the logo goes on the cover', async () => {
    const { dir } = await folderWith('bad-placement', { 'style.yaml': style('logo.png', '  placement: footer\n'), 'logo.png': pngOf(30, 10) });
    const workspace = await openWorkspace({ extra: [dir], user: false });
    expect(warningsOf(workspace)).toEqual([expect.stringMatching(/style\.yaml:4:14 "footer" is not a placement of the logo: write cover or header; the logo goes on the cover/)]);
    expect(workspace.style.tokens.logo.image).toMatchObject({ kind: 'png', placement: 'cover', widthPx: 30, heightPx: 10, alt: 'Ministry of Foreign Affairs' });
  });

  it('an unknown marking position is a warning at its value, and the marking stays in both places', async () => {
    const { dir } = await folderWith('bad-position', { 'style.yaml': 'marking-position: top\n' });
    const workspace = await openWorkspace({ extra: [dir], user: false });
    expect(warningsOf(workspace)).toEqual([expect.stringMatching(/style\.yaml:1:19 "top" is not a place for the marking: write both, header, footer; it prints in both the header and the footer/)]);
    expect(workspace.style.tokens.marking.position).toBe('both');
  });
});

describe('an SVG logo that passes the checks but cannot be drawn', { timeout: 120_000 }, () => {
  it('leaves the logo out of the PDF and the DOCX with a warning beside the paper, and the paper is made', async () => {
    // Well-formed enough for the checks (a root <svg> with a size), but its markup is broken inside.
    const broken = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 300 100"><g><rect width="300" height="100"</g></svg>\n';
    const { dir } = await folderWith('undrawable-svg', { 'style.yaml': 'organisation: Ministry of Foreign Affairs\nlogo: { file: logo.svg, placement: cover }\n', 'logo.svg': broken });
    const { workspace, prepared, pdf, docx } = await papers(dir);
    expect(workspace.style.diagnostics).toEqual([]);
    expect(prepared.diagnostics).toEqual(expect.arrayContaining([expect.objectContaining({ severity: 'warning', message: expect.stringMatching(/^the house style's SVG logo cannot be drawn \(.+\); the paper is made without it$/) })]));
    expect(pdfImages(pdf)).toBe(0);
    expect((await readPdf(pdf)).pages.length).toBeGreaterThan(0);
    expect((await readDocx(docx)).files.some((f) => f.startsWith('word/media/'))).toBe(false);
  });
});
