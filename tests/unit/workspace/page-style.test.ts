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
    ['page:\n  margins: { left: 70, right: 70 }\n', 2, 20, /leave 70 mm of the page's 210 mm for text: leave at least 80 mm; the template's margins are kept/],
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
    expect(pageOf(own(''), house)).toEqual({ size: 'LETTER', orientation: 'portrait', margins: { top: 22, right: 20, bottom: 22, left: 25 } });
    const set = own('page:\n  size: A4\n  margins: { top: 10, right: 10, bottom: 10, left: 10 }\n');
    expect(pageOf(set, house)).toEqual(set.page);
    // No house page: the template's, whatever it is.
    expect(pageOf(own(''), {})).toEqual(own('').page);
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
