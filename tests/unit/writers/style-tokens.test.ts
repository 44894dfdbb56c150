// A house style changes one token, and all three formats follow: here the colour of level-1 and
// level-2 headings (style.ts `ink.heading`), set for the test and read back from the HTML's
// style sheet, the DOCX's heading styles and the PDF's heading styles. Level-3 headings, links
// and the cover, which have tokens of their own, keep theirs.
import { describe, expect, it, vi } from 'vitest';
import { sampleBrief } from '../../fixtures/documents';
import { readDocx } from '../../fixtures/read-docx';

const HOUSE_RED = '7a1f1f';

describe('one token sets the heading colour in every format', () => {
  it('h1 and h2 take the new colour in HTML, DOCX and PDF; h3, links and the cover title keep theirs', async () => {
    // The token is set before the writers load, as a house style would be (some styles are built once).
    vi.resetModules();
    const { useNodeHost } = await import('../../../src/platform/core-host');
    useNodeHost();
    const { colours, ink } = await import('../../../src/core/writers/style');
    (ink as unknown as { heading: Record<string, string> }).heading = { ...ink.heading, h1: HOUSE_RED, h2: HOUSE_RED };
    const { renderDocx } = await import('../../../src/core/writers/docx');
    const { renderHtml } = await import('../../../src/core/writers/html');
    const { pdfDefinition } = await import('../../../src/core/writers/pdf');
    const doc = sampleBrief();

    const html = renderHtml(doc);
    expect(html).toMatch(new RegExp(`h1\\{[^}]*color:#${HOUSE_RED}`));
    expect(html).toMatch(new RegExp(`h2\\{[^}]*color:#${HOUSE_RED}`));
    expect(html).toMatch(new RegExp(`h3\\{[^}]*color:#${colours.text}`));
    expect(html).toMatch(new RegExp(`\\.link\\{color:#${ink.link}\\}`));

    const styles = (await readDocx(await renderDocx(doc))).part('word/styles.xml');
    const colourOf = (id: string) => new RegExp(`<w:style [^>]*w:styleId="${id}"[\\s\\S]*?</w:style>`).exec(styles)?.[0].match(/<w:color w:val="([0-9A-Fa-f]{6})"/)?.[1]?.toLowerCase();
    expect(colourOf('Heading1')).toBe(HOUSE_RED);
    expect(colourOf('Heading2')).toBe(HOUSE_RED);
    expect(colourOf('Heading3')).toBe(colours.text);
    expect(colourOf('Title')).toBe(ink.coverTitle);

    const pdfStyles = pdfDefinition(doc, { withToc: false }).styles as Record<string, { color?: string }>;
    expect(pdfStyles.h1!.color).toBe(`#${HOUSE_RED}`);
    expect(pdfStyles.h2!.color).toBe(`#${HOUSE_RED}`);
    expect(pdfStyles.h3!.color).toBe(`#${colours.text}`);
    expect(pdfStyles.coverTitle!.color).toBe(`#${ink.coverTitle}`);
  });
});
