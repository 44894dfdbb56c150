// Charts as SVG, as a reader of the brief would check them: the values and labels printed,
// forecasts and estimates marked, nothing that could run or fetch, and a file any XML reader
// accepts.

import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { XmlDocument, type XmlElement } from 'xmldoc';
import { chartAltText, renderChartSvg } from '../../../src/core/charts/svg';
import type { Chart, ChartPoint } from '../../../src/core/document/model';
import { fonts, houseStyle } from '../../../src/core/writers/style';

const point = (label: string, value: number, extra: Partial<ChartPoint> = {}): ChartPoint => ({
  label,
  value,
  kind: 'outcome',
  estimated: false,
  ...extra,
});

const TRADE: Chart = {
  kind: 'bar',
  title: 'Bilateral trade turnover',
  valueLabel: 'US$ billion',
  scale: 1e9,
  points: [point('2012', 25.7e9), point('2018', 19.885e9), point('2023', 41e9)],
  caption: '',
  alt: '',
};

const WITH_TARGET: Chart = { ...TRADE, points: [...TRADE.points, point('2030', 80e9, { kind: 'plan' })] };

function svgOf(chart: Chart, size?: { width: number; height: number }): XmlElement {
  return new XmlDocument(renderChartSvg(chart, size));
}

/** Every <text> element's content, as a reader sees it. */
function texts(svg: XmlElement): string[] {
  return svg.descendantsNamed('text').map((t) => t.val);
}

function all(svg: XmlElement, name: string): XmlElement[] {
  return svg.descendantsNamed(name);
}

/** The tick labels: right-aligned texts left of the plot. */
function tickLabels(svg: XmlElement): string[] {
  return all(svg, 'text')
    .filter((t) => t.attr['text-anchor'] === 'end' && !t.attr.transform)
    .map((t) => t.val);
}

describe('renderChartSvg', () => {
  it('is well-formed XML with a viewBox of 480×260 by default', () => {
    const svg = svgOf(TRADE);
    expect(svg.name).toBe('svg');
    expect(svg.attr).toMatchObject({ xmlns: 'http://www.w3.org/2000/svg', width: '480', height: '260', viewBox: '0 0 480 260' });
  });

  it('takes another size when asked', () => {
    expect(svgOf(TRADE, { width: 640, height: 320 }).attr).toMatchObject({ width: '640', height: '320', viewBox: '0 0 640 320' });
  });

  it('is self-contained: no scripts, links, images or web fonts', () => {
    const svg = renderChartSvg({ ...WITH_TARGET, title: 'A <script>alert(1)</script> title' });
    expect(svg).not.toMatch(/<script|<image|<foreignObject|href=|@import|@font-face/i);
    for (const ref of svg.match(/url\([^)]*\)/g) ?? []) expect(ref).toMatch(/^url\(#/);
  });

  it('uses the heading font with a generic sans-serif fallback', () => {
    const family = svgOf(TRADE).attr['font-family'] ?? '';
    expect(family.startsWith(`'${fonts.heading}'`)).toBe(true);
    expect(family.endsWith('sans-serif')).toBe(true);
  });

  it('prints the title and the axis label', () => {
    const labels = texts(svgOf(TRADE));
    expect(labels).toContain('Bilateral trade turnover');
    expect(labels).toContain('US$ billion');
  });

  it('labels each bar with its value divided by the scale', () => {
    const svg = svgOf(TRADE);
    expect(all(svg, 'rect').filter((r) => r.attr.fill === `#${houseStyle.charts.bar}`)).toHaveLength(3);
    expect(texts(svg)).toEqual(expect.arrayContaining(['25.7', '19.9', '41.0']));
  });

  it('puts the category labels under the bars', () => {
    expect(texts(svgOf(TRADE))).toEqual(expect.arrayContaining(['2012', '2018', '2023']));
  });

  it('has 4 to 6 nice ticks, from 0 for bars', () => {
    expect(tickLabels(svgOf(TRADE))).toEqual(['0', '10', '20', '30', '40', '50']);
  });

  it('writes tick labels with thousands separators', () => {
    const students: Chart = { ...TRADE, valueLabel: 'students', scale: 1, points: [point('2015', 11_200), point('2023', 17_293)] };
    expect(tickLabels(svgOf(students))).toEqual(['0', '5,000', '10,000', '15,000', '20,000']);
  });

  it('a forecast bar is marked in the legend and drawn hatched', () => {
    const svg = svgOf(WITH_TARGET);
    expect(texts(svg)).toContain('Forecast or claim');
    const hatched = all(svg, 'rect').filter((r) => r.attr.fill?.startsWith('url(#'));
    // the 2030 bar, and the legend swatch
    expect(hatched).toHaveLength(2);
    const patternId = all(svg, 'pattern')[0]?.attr.id;
    expect(hatched[0]?.attr.fill).toBe(`url(#${patternId})`);
  });

  it('has no legend entry when every value is an outcome', () => {
    expect(texts(svgOf(TRADE))).not.toContain('Forecast or claim');
  });

  it('marks an estimated period with an asterisk and explains it in the legend', () => {
    const chart: Chart = { ...TRADE, points: [point('2012', 25.7e9), point('2018', 19.9e9, { estimated: true })] };
    const labels = texts(svgOf(chart));
    expect(labels).toContain('2018*');
    expect(labels).toContain('* period estimated');
    expect(texts(svgOf(TRADE))).not.toContain('* period estimated');
  });

  it('chart labels are escaped', () => {
    const hostile: Chart = {
      ...TRADE,
      title: 'Trade <script>alert("x")</script> & more',
      valueLabel: 'US$ <b>bn</b>',
      points: [point('Q1 & Q2 <2019>', 1e9), point("it's", 2e9)],
    };
    const raw = renderChartSvg(hostile);
    expect(raw).not.toContain('<script');
    expect(raw).toContain('&lt;script&gt;');
    const labels = texts(new XmlDocument(raw));
    expect(labels).toContain('Trade <script>alert("x")</script> & more');
    expect(labels).toContain('US$ <b>bn</b>');
    expect(labels.join(' ')).toContain('Q1 & Q2');
  });

  it('drops characters XML cannot hold instead of breaking the file', () => {
    expect(() => svgOf({ ...TRADE, title: 'bell\u0007 and lone \uD800 surrogate' })).not.toThrow();
  });

  it('a line chart draws a marker per point and dashes the way to a forecast', () => {
    const svg = svgOf({ ...WITH_TARGET, kind: 'line' });
    const markers = all(svg, 'circle');
    // four points and the legend swatch
    expect(markers).toHaveLength(5);
    const segments = all(svg, 'line').filter((l) => l.attr['stroke-width'] === '1.8');
    expect(segments.map((l) => l.attr['stroke-dasharray'] !== undefined)).toEqual([false, false, true]);
    expect(texts(svg)).toContain('Forecast or claim');
  });

  it('a line chart does not have to start at 0', () => {
    const chart: Chart = { ...TRADE, kind: 'line', scale: 1, points: [point('2021', 101), point('2022', 104), point('2023', 108)] };
    expect(tickLabels(svgOf(chart))[0]).not.toBe('0');
  });

  it('negative values hang below the zero line', () => {
    const chart: Chart = { ...TRADE, scale: 1, points: [point('A', 5), point('B', -3)] };
    const ticks = tickLabels(svgOf(chart));
    expect(ticks[0]).toMatch(/^−/);
    expect(ticks).toContain('0');
  });

  it('crowded category labels wrap or slant instead of overlapping', () => {
    const periods: Chart = { ...TRADE, points: Array.from({ length: 14 }, (_, i) => point(`2010–${2011 + i}`, (i + 1) * 1e9)) };
    const wrapped = texts(svgOf(periods));
    expect(wrapped).toContain('2010–');
    expect(wrapped).toContain('2024');

    const countries: Chart = {
      ...TRADE,
      points: ['Kazakhstan', 'Uzbekistan', 'Kyrgyzstan', 'Tajikistan', 'Turkmenistan', 'Mongolia', 'Russia', 'Azerbaijan', 'Georgia', 'Armenia']
        .map((c, i) => point(c, i * 1e9)),
    };
    const slanted = all(svgOf(countries), 'text').filter((t) => t.attr.transform?.startsWith('rotate(-45'));
    expect(slanted.map((t) => t.val)).toContain('Turkmenistan');
  });

  it('long names under a low chart wrap onto up to three lines, whole, and the bars keep their room', () => {
    // The sector one-pager's comparison of transport indicators, 150 pt high.
    const names = ['Goods transported between the two countries (2018)', 'Goods transported from Kazakhstan to China (2018)', 'Railway freight between the two countries (2012)', 'Goods carried by China–Europe trains through the Alataw Pass (2018)'];
    const chart: Chart = { ...TRADE, valueLabel: 'million tonnes', scale: 1e6, compact: true, points: names.map((n, i) => point(n, (i + 1) * 4e6)) };
    const svg = svgOf(chart, { width: 480, height: 150 });
    const labels = texts(svg);
    expect(labels.join(' ')).not.toContain('…');
    // Lines may break after a space or a dash: read without the breaks, every name is there whole.
    for (const name of names) expect(labels.join('').replace(/\s/g, '')).toContain(name.replace(/\s/g, ''));
    expect(all(svg, 'text').filter((t) => t.attr.transform?.startsWith('rotate('))).toHaveLength(0);
    // From the top tick to the zero line: at least two fifths of the chart below its headings.
    const ys = all(svg, 'text').filter((t) => t.attr['text-anchor'] === 'end' && !t.attr.transform).map((t) => Number(t.attr.y));
    expect(Math.max(...ys) - Math.min(...ys)).toBeGreaterThan(35);
  });

  it('an empty series still draws its title and says there is no data', () => {
    const labels = texts(svgOf({ ...TRADE, points: [] }));
    expect(labels).toContain('Bilateral trade turnover');
    expect(labels).toContain('No data');
  });

  it('any chart gives well-formed XML with no NaN or Infinity in it', () => {
    const kind = fc.constantFrom<ChartPoint['kind']>('outcome', 'forecast', 'plan', 'claim', 'context');
    const value = fc.oneof(fc.double({ noNaN: false }), fc.integer({ min: -1e6, max: 1e12 }));
    const chart = fc.record({
      kind: fc.constantFrom<Chart['kind']>('bar', 'line'),
      title: fc.string({ maxLength: 120 }),
      valueLabel: fc.string({ maxLength: 40 }),
      scale: fc.constantFrom(1, 1e3, 1e6, 1e9, 0, -1),
      points: fc.array(fc.record({ label: fc.string({ maxLength: 30 }), value, kind, estimated: fc.boolean() }), { maxLength: 25 }),
      caption: fc.constant(''),
      alt: fc.string({ maxLength: 20 }),
    });
    fc.assert(
      fc.property(chart, (c) => {
        const raw = renderChartSvg(c);
        expect(() => new XmlDocument(raw)).not.toThrow();
        const attributes = raw.match(/="[^"]*"/g) ?? [];
        expect(attributes.filter((a) => /NaN|Infinity/.test(a))).toEqual([]);
      }),
      { numRuns: 300 },
    );
  });
});

describe('chartAltText', () => {
  it('is the chart’s own alt text when it has one', () => {
    expect(chartAltText({ ...TRADE, alt: 'Trade doubled.' })).toBe('Trade doubled.');
  });

  it('lists the values in a sentence when the chart has none', () => {
    expect(chartAltText(WITH_TARGET)).toBe('Bar chart of Bilateral trade turnover (US$ billion): 2012: 25.7; 2018: 19.9; 2023: 41.0; 2030: 80.0 (plan).');
  });

  it('says which periods are estimated', () => {
    const chart: Chart = { ...TRADE, kind: 'line', points: [point('2018', 19.9e9, { estimated: true })] };
    expect(chartAltText(chart)).toBe('Line chart of Bilateral trade turnover (US$ billion): 2018: 19.9 (period estimated).');
  });

  it('is the SVG’s title, for screen readers', () => {
    expect(svgOf(TRADE).childNamed('title')?.val).toBe(chartAltText(TRADE));
  });
});
