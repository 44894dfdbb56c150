import { describe, expect, it } from 'vitest';
import { HTML_CSP, renderHtml } from '../../../src/core/writers/html';
import { datesTable, hostileDocument, longDocument, para, sampleBrief } from '../../fixtures/documents';

/** Every start tag in the page, SVG included (escaped text has no '<', so it cannot match). */
const startTags = (html: string): string[] => html.match(/<[a-zA-Z][^<>]*>/g) ?? [];

/** Every value of a src or href attribute in the page's tags. */
const urlAttributes = (html: string): string[] =>
  startTags(html).flatMap((tag) =>
    [...tag.matchAll(/\s(?:src|href|xlink:href)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))/gi)].map((m) => m[1] ?? m[2] ?? m[3] ?? ''),
  );

/** The page without its inlined fonts, for readable assertions. */
const withoutFonts = (html: string): string => html.replace(/url\(data:font\/woff2;base64,[A-Za-z0-9+/=]+\)/g, 'url(data:font)');

describe('HTML writer', () => {
  const sample = renderHtml(sampleBrief());
  const hostile = renderHtml(hostileDocument());

  it('is a complete HTML5 page in the document language, titled with the document title', () => {
    expect(sample.startsWith('<!DOCTYPE html>\n<html lang="en">')).toBe(true);
    expect(sample).toContain('<meta charset="utf-8">');
    expect(sample).toContain('<title>Pre-visit brief: Kazakhstan</title>');
    expect(sample.trimEnd().endsWith('</html>')).toBe(true);
  });

  it('tables under the same header get the same width for their fitted columns, wide enough for the longest', async () => {
    const doc = longDocument(0);
    doc.blocks = ['2012', '25–27 April 2019 (est.)'].map((date) => datesTable([[date, 'An event worth a long sentence of explanation.']]));
    const html = await renderHtml(doc);
    const dates = html.match(/<th scope="col"[^>]*>Date<\/th>/g) ?? [];
    expect(dates).toEqual(['<th scope="col" style="width:24ch" class="fit">Date</th>', '<th scope="col" style="width:24ch" class="fit">Date</th>']);
  });

  it('declares a Content-Security-Policy that allows nothing from outside the page', () => {
    expect(HTML_CSP).toBe("default-src 'none'; style-src 'unsafe-inline'; font-src data:; img-src data:");
    expect(sample).toContain(`<meta http-equiv="Content-Security-Policy" content="${HTML_CSP.replace(/'/g, '&#39;')}">`);
  });

  it('contains no script element, even when the text contains one', () => {
    expect(hostile).not.toMatch(/<script/i);
    expect(sample).not.toMatch(/<script/i);
    for (const tag of startTags(hostile)) expect(tag).not.toMatch(/\son[a-z]+\s*=/i);
  });

  it('shows markup in the text literally', () => {
    expect(hostile).toContain('Fact: &lt;script&gt;alert(1)&lt;/script&gt; &amp; &lt;img src=x onerror=alert(2)&gt; AT&amp;T');
    expect(hostile).toContain('<h1 id="section-1">Heading &lt;b&gt;not bold&lt;/b&gt; &amp; &quot;quoted&quot;</h1>');
    expect(hostile).toContain('&lt;/table&gt;&lt;script&gt;');
    expect(hostile).toContain('<title>Title &lt;script&gt;alert(1)&lt;/script&gt; &amp; co</title>');
  });

  it('inlines its fonts as data: URIs and references no URL of any kind', () => {
    expect(sample).toMatch(/@font-face\{font-family:'Source Serif 4';font-weight:400;font-style:normal;[^}]*src:url\(data:font\/woff2;base64,/);
    expect(sample).toMatch(/@font-face\{font-family:'Source Sans 3';font-weight:600;/);
    expect(withoutFonts(sample)).not.toMatch(/url\((?!data:|#)/);
    expect(withoutFonts(sample)).not.toMatch(/@import/);
  });

  it('has no http(s) or javascript: address in any src or href attribute', () => {
    expect(urlAttributes(sample).length, 'the note links are found').toBeGreaterThan(0);
    for (const html of [sample, hostile]) {
      for (const value of urlAttributes(html)) expect(value).toMatch(/^#/);
    }
  });

  it('shows a link as its text followed by the address, never as a live link', () => {
    expect(hostile).toContain('<span class="link">remote link</span> <span class="link-url">(http://example.com/x)</span>');
    expect(hostile).toContain('<span class="link">click me</span> <span class="link-url">(javascript:alert(3))</span>');
  });

  it('prints citations as superscript links to their note in the Sources section', () => {
    expect(sample).toContain('in 2023<sup class="cite"><a href="#note-2"><span class="visually-hidden">note </span>2</a></sup>');
    expect(sample).toMatch(/<section class="sources" id="sources">\n<h1>Sources<\/h1>\n<ol class="notes">/);
    expect(sample).toContain('<li id="note-2" value="2">Ministry of Foreign Affairs of the PRC, “Wang Yi holds talks with Murat Nurtleu”, Astana, 20 May 2024.</li>');
  });

  it('shows the cover, callout, key figures grid, table and chart', () => {
    expect(sample).toMatch(/<header class="cover">\n<p class="organisation">MINISTRY OF FOREIGN AFFAIRS<\/p>\n<h1 class="title">Pre-visit brief: Kazakhstan<\/h1>/);
    expect(sample).toContain('<p class="field"><strong>Visit: </strong>Foreign Minister to Astana</p>');
    expect(sample).toContain('<aside class="callout">\n<p class="callout-title">Key messages</p>');
    expect(sample).toContain('<div class="key-figures cols-4">');
    expect(sample).toContain('<div class="key-figure"><div class="value">$41 billion</div><div class="label">Trade turnover, 2023</div></div>');
    expect(sample).toContain('<thead><tr><th scope="col" class="fit">Year</th><th scope="col" class="right fit">Turnover (US$ bn)</th><th scope="col">Source</th>');
    expect(sample).toContain('<td class="right">19.9</td>');
    expect(sample).toMatch(/<figure class="chart">\n<svg [^>]*role="img"[\s\S]*<\/svg>\n<figcaption>Sources: notes 1, 2\./);
  });

  it('sets the printed page size, orientation and margins from the document', () => {
    expect(sample).toMatch(/@page\{size:A4 portrait;margin:25mm 22mm 25mm 22mm;/);
    const doc = sampleBrief();
    doc.page = { size: 'LETTER', orientation: 'landscape', margins: { top: 10, right: 12, bottom: 14, left: 16 } };
    expect(renderHtml(doc)).toMatch(/@page\{size:letter landscape;margin:10mm 12mm 14mm 16mm;/);
  });

  it('repeats the marking and the page number on every printed page', () => {
    expect(sample).toContain('@top-center{content:"OFFICIAL"');
    expect(sample).toContain('@bottom-center{content:"OFFICIAL"');
    expect(sample).toContain('@bottom-right{content:"Page " counter(page) " of " counter(pages) ""');
  });

  it('cannot be broken out of by a marking that contains quotes or a closing style tag', () => {
    const doc = sampleBrief();
    doc.meta.marking = 'SECRET"}</style><script>alert(1)</script>';
    const html = renderHtml(doc);
    expect(html).not.toMatch(/<script/i);
    expect(html.match(/<\/style>/g)).toHaveLength(1);
  });

  it('breaks the printed page at a page break', () => {
    const doc = longDocument(2);
    doc.blocks.splice(2, 0, { type: 'pageBreak' });
    const html = renderHtml(doc);
    expect(html).toContain('<div class="page-break" role="separator"></div>');
    expect(html).toMatch(/\.page-break\{[^}]*break-after:page/);
  });

  it('lists the contents of a long document, not of a short one', () => {
    expect(renderHtml(longDocument(100))).toMatch(/<nav class="toc">\n<h1 class="toc-heading">Contents<\/h1>\n<ol>\n<li class="level-1"><a href="#section-1">Section 1<\/a><\/li>/);
    expect(sample).not.toContain('Contents');
  });

  it('inlines the Cyrillic font subset only when the text needs it', () => {
    const latinOnly = renderHtml(longDocument(1));
    const doc = longDocument(0);
    doc.blocks = [para('Қазақстан')];
    const cyrillic = renderHtml(doc);
    expect(latinOnly).not.toContain('U+0400-045F');
    expect(cyrillic).toContain('unicode-range:U+0301,U+0400-045F');
    expect(cyrillic.length).toBeGreaterThan(latinOnly.length);
  });
});
