// A house style changes one token, and all three formats follow: here the colour of level-1 and
// level-2 headings (style.ts `heading.h1.colour`, `heading.h2.colour`), given to each writer as
// the paper's style and read back from the HTML's style sheet, the DOCX's heading styles and the
// PDF's heading styles. Level-3 headings, links and the cover, which have tokens of their own,
// keep theirs; a paper written after, in the shipped style, is as it was.
import { describe, expect, it } from 'vitest';
import { renderDocx } from '../../../src/core/writers/docx';
import { renderHtml } from '../../../src/core/writers/html';
import { pdfDefinition } from '../../../src/core/writers/pdf';
import { houseStyle, type StyleTokens } from '../../../src/core/writers/style';
import { sampleBrief } from '../../fixtures/documents';
import { readDocx } from '../../fixtures/read-docx';

const HOUSE_RED = '7a1f1f';
const red: StyleTokens = {
  ...houseStyle,
  heading: { ...houseStyle.heading, h1: { ...houseStyle.heading.h1, colour: HOUSE_RED }, h2: { ...houseStyle.heading.h2, colour: HOUSE_RED } },
};

const docxColour = async (style: StyleTokens | undefined, id: string): Promise<string | undefined> => {
  const styles = (await readDocx(await renderDocx(sampleBrief(), { toc: false, ...(style ? { style } : {}) }))).part('word/styles.xml');
  const element = new RegExp(`<w:style [^>]*w:styleId="${id}"[\\s\\S]*?</w:style>`).exec(styles)?.[0];
  return element?.match(/<w:color w:val="([0-9A-Fa-f]{6})"/)?.[1]?.toLowerCase();
};

describe('one token sets the heading colour in every format', () => {
  it('h1 and h2 take the new colour in HTML, DOCX and PDF; h3, links and the cover title keep theirs', async () => {
    const html = renderHtml(sampleBrief(), { style: red });
    expect(html).toMatch(new RegExp(`h1(?:,\\.toc-heading)?\\{[^}]*color:#${HOUSE_RED}`));
    expect(html).toMatch(new RegExp(`h2\\{[^}]*color:#${HOUSE_RED}`));
    expect(html).toMatch(new RegExp(`h3\\{[^}]*color:#${houseStyle.heading.h3.colour}`));
    expect(html).toMatch(new RegExp(`\\.link\\{color:#${houseStyle.links.colour}\\}`));

    expect(await docxColour(red, 'Heading1')).toBe(HOUSE_RED);
    expect(await docxColour(red, 'Heading2')).toBe(HOUSE_RED);
    expect(await docxColour(red, 'Heading3')).toBe(houseStyle.heading.h3.colour);
    expect(await docxColour(red, 'Title')).toBe(houseStyle.cover.title.colour);

    const pdfStyles = pdfDefinition(sampleBrief(), { withToc: false, style: red }).styles as Record<string, { color?: string }>;
    expect(pdfStyles.h1!.color).toBe(`#${HOUSE_RED}`);
    expect(pdfStyles.h2!.color).toBe(`#${HOUSE_RED}`);
    expect(pdfStyles.h3!.color).toBe(`#${houseStyle.heading.h3.colour}`);
    expect(pdfStyles.coverTitle!.color).toBe(`#${houseStyle.cover.title.colour}`);
  });

  it('a paper in the shipped style, written after one in another, has the shipped colours', async () => {
    await docxColour(red, 'Heading1');
    renderHtml(sampleBrief(), { style: red });
    pdfDefinition(sampleBrief(), { withToc: false, style: red });
    expect(await docxColour(undefined, 'Heading1')).toBe(houseStyle.heading.h1.colour);
    expect(renderHtml(sampleBrief())).toMatch(new RegExp(`h1(?:,\\.toc-heading)?\\{[^}]*color:#${houseStyle.heading.h1.colour}`));
    const pdfStyles = pdfDefinition(sampleBrief(), { withToc: false }).styles as Record<string, { color?: string }>;
    expect(pdfStyles.h1!.color).toBe(`#${houseStyle.heading.h1.colour}`);
  });

  it('the shipped style gives h1 and h2 the accent, h3 the text colour', () => {
    expect(houseStyle.heading.h1.colour).toBe(houseStyle.heading.h2.colour);
    expect(houseStyle.heading.h3.colour).toBe(houseStyle.body.colour);
    expect(houseStyle.heading.h1.colour).not.toBe(houseStyle.body.colour);
  });
});
