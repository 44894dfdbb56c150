// The organisation's paper (a workspace's style.yaml `page:`): its size and margins set the page
// of every paper whose template leaves the page to the house, a later layer wins key by key,
// a template of the user's own that sets its page keeps it, and each mistake is a warning at its
// line and column, with the template's page kept for that value.
import { describe, expect, it } from 'vitest';
import type { Diagnostic } from '../../../src/core/diagnostics';
import { prepareBrief } from '../../../src/core/brief';
import { writeDocument } from '../../../src/core/write';
import { loadTemplates, parseTemplate } from '../../../src/core/templates/template';
import { loadWorkspace } from '../../../src/core/workspace/load';
import { pageOf, readPageDefaults } from '../../../src/core/workspace/page-style';
import { openWorkspace } from '../../../src/platform/workspace-folder';
import { readPdf } from '../../fixtures/read-pdf';
import { layer } from '../../fixtures/workspace';

const read = (...texts: string[]) => {
  const diagnostics: Diagnostic[] = [];
  const used: string[] = [];
  const page = readPageDefaults(texts.map((text, i) => ({ display: `layer${i + 1}/style.yaml`, text })), diagnostics, used);
  return { page, diagnostics, used };
};

describe('reading page: from style.yaml', () => {
  it('takes a size and margins, a later layer’s over an earlier one’s key by key', () => {
    const { page, diagnostics, used } = read('page:\n  size: A4\n  margins: { top: 25, bottom: 25 }\n', 'page:\n  size: letter\n  margins: { top: 18 }\n');
    expect(diagnostics).toEqual([]);
    expect(page).toEqual({ size: 'LETTER', margins: { top: 18, bottom: 25 } });
    expect(used).toEqual(['layer1/style.yaml', 'layer2/style.yaml']);
  });

  it.each([
    ['page:\n  size: A3\n', 2, 9, /"A3" is not a page size briefwright knows: write A4 or LETTER/],
    ['page:\n  margins: { top: wide }\n', 2, 19, /the top margin is a number of millimetres from 0 to 100 \(found "wide"\)/],
    ['page:\n  margins: { inside: 20 }\n', 2, 14, /unknown margin "inside"/],
    ['page:\n  margin: { top: 20 }\n', 2, 3, /unknown field "margin" of `page` \(did you mean "margins"\?\)/],
    ['page:\n  margins: { left: 70, right: 70 }\n', 2, 20, /leave 70 mm of the page's 210 mm for text: leave at least 80 mm; this file's margins are not used/],
    ['page: A4\n', 1, 7, /`page` holds `size`/],
  ])('a mistake is a warning at its line and column, and that value is not used: %j', (text, line, column, message) => {
    const { page, diagnostics } = read(text);
    expect(diagnostics[0]).toMatchObject({ severity: 'warning', file: 'layer1/style.yaml', line, column, message: expect.stringMatching(message) });
    expect(page.margins).toBeUndefined();
    expect(page.size).toBeUndefined();
  });
});

describe('the page a paper is set on', () => {
  const own = (front: string) => parseTemplate('mine.hbs', `---\nid: mine\nname: Mine\n${front}---\nBody\n`, 'user').template!;
  const house = { size: 'LETTER' as const, margins: { left: 25 } };

  it('a template that leaves the page to the house gets the house’s size and margins; one of the user’s that sets its page keeps it', () => {
    expect(pageOf(own(''), house)).toEqual({ page: { size: 'LETTER', orientation: 'portrait', margins: { top: 22, right: 20, bottom: 22, left: 25 } } });
    const set = own('page:\n  size: A4\n  margins: { top: 10, right: 10, bottom: 10, left: 10 }\n');
    expect(pageOf(set, house)).toEqual({ page: set.page });
    // No house page: the template's, whatever it is.
    expect(pageOf(own(''), {})).toEqual({ page: own('').page });
  });

  it('a house page that does not suit a template (too little paper left for text) keeps the template’s, and says so', () => {
    const landscape = parseTemplate('wide.hbs', '---\nid: wide\nname: Wide\n---\nBody\n', 'bundled').template!;
    const result = pageOf({ ...landscape, page: { ...landscape.page, orientation: 'landscape' } }, { margins: { top: 70, bottom: 70 } });
    expect(result.page.margins.top).toBe(22);
    expect(result.problem).toMatch(/^the house style's page does not suit the template "wide" \(the top and bottom margins leave 70 mm of the page's 210 mm for text/);
  });

  it('margins that leave too little paper over the layers before them are not used, and said at their line', () => {
    const { page, diagnostics, used } = read('page:\n  margins: { left: 60 }\n', 'page:\n  margins: { right: 75 }\n');
    expect(page.margins).toEqual({ left: 60 });
    expect(used).toEqual(['layer1/style.yaml']);
    expect(diagnostics).toEqual([expect.objectContaining({ file: 'layer2/style.yaml', line: 2, message: expect.stringMatching(/leave 75 mm of the page's 210 mm for text: leave at least 80 mm; this file's margins are not used/) })]);
  });

  it('the bundled pre-visit brief, which sets A4, prints on Letter with the house’s margins when a team folder’s style says so', async () => {
    const bundled = await openWorkspace({ user: false });
    const styled = loadWorkspace([layer({ 'style.yaml': 'page:\n  size: LETTER\n  margins: { left: 30, right: 30 }\n' }, 'team')]);
    expect(styled.diagnostics).toEqual([]);
    const prepared = prepareBrief({ ...bundled, style: styled.style }, loadTemplates(bundled.otherFiles), { template: 'pre-visit-brief', topics: ['trade'] });
    expect(prepared.document.page).toMatchObject({ size: 'LETTER', margins: { left: 30, right: 30 } });
    const pdf = await readPdf(await writeDocument(prepared, 'pdf'));
    // US Letter: 8.5 × 11 inches, 612 × 792 points.
    expect(pdf.pages.map((p) => [Math.round(p.width), Math.round(p.height)])).toEqual(pdf.pages.map(() => [612, 792]));
    const plain = prepareBrief(bundled, loadTemplates(bundled.otherFiles), { template: 'pre-visit-brief', topics: ['trade'] });
    expect(plain.document.page.size).toBe('A4');
  });
});
