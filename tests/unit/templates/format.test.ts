import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseMarkdown } from '../../../src/core/document/parse';
import type { Block, Inline } from '../../../src/core/document/model';
import { defaultFormat, escapeMarkdown, formatDate, formatQualified, formatQuantity, formatWhen, inHouseStyle } from '../../../src/core/templates/format';

const plain = (inlines: Inline[]): string =>
  inlines.map((i) => (i.type === 'text' || i.type === 'code' ? i.value : 'children' in i ? plain(i.children) : '')).join('');

function textOf(blocks: Block[]): string {
  return blocks
    .map((b) => {
      if (b.type === 'paragraph' || b.type === 'heading') return plain(b.children);
      if (b.type === 'list') return b.items.map((item) => textOf(item)).join('\n');
      if (b.type === 'table') return [b.header, ...b.rows].map((row) => row.map((c) => plain(c.children)).join('|')).join('\n');
      return '';
    })
    .join('\n');
}

const parse = (md: string) =>
  parseMarkdown(md, { file: 't.hbs', resolveCite: () => undefined, charts: new Map() });

describe('figures print as the source gives them', () => {
  it('keeps every digit of a money figure', () => {
    expect(formatQuantity(19_885_000_000, 'USD')).toBe('$19.885 billion');
    expect(formatQuantity(41_000_000_000, 'USD')).toBe('$41 billion');
    expect(formatQuantity(596_000_000, 'USD')).toBe('$596 million');
  });
  it('prints counts with their noun and tonnes in words', () => {
    expect(formatQuantity(2388, 'trains')).toBe('2,388 trains');
    expect(formatQuantity(1, 'trains')).toBe('1 train');
    expect(formatQuantity(13_980_000, 'tonnes')).toBe('13.98 million tonnes');
    expect(formatQuantity(18.13, 'percent')).toBe('18.13%');
  });
  it('keeps the qualifier of an approximate figure', () => {
    expect(formatQualified(24e9, 'USD', 'over')).toBe('over $24 billion');
    expect(formatQualified(33e6, 'tonnes', 'up-to')).toBe('up to 33 million tonnes');
  });
  it('prints a partial date as "2018" or "May 2024" and a period as "2015–2018"', () => {
    expect(formatDate('2018')).toBe('2018');
    expect(formatDate('2024-05')).toBe('May 2024');
    expect(formatDate('2024-05-20')).toBe('20 May 2024');
    expect(formatWhen({ from: '2015', to: '2018' })).toBe('2015–2018');
    expect(formatWhen(undefined)).toBe('undated');
  });
  it('says once what the two ends of a period share: "25–27 April 2019", "April–June 2019"', () => {
    expect(formatWhen({ from: '2019-04-25', to: '2019-04-27' })).toBe('25–27 April 2019');
    expect(formatWhen({ from: '2019-04-25', to: '2019-05-03' })).toBe('25 April–3 May 2019');
    expect(formatWhen({ from: '2019-04', to: '2019-06' })).toBe('April–June 2019');
    // Across a new year, or dated to different precision, both ends are written out.
    expect(formatWhen({ from: '2018-12-25', to: '2019-01-03' })).toBe('25 December 2018–3 January 2019');
    expect(formatWhen({ from: '2018-12', to: '2019-01' })).toBe('December 2018–January 2019');
    expect(formatWhen({ from: '2019-04', to: '2019-04-27' })).toBe('April 2019–27 April 2019');
    // In the user's locale's order.
    expect(formatWhen({ from: '2019-04-25', to: '2019-04-27' }, { ...defaultFormat, locale: 'en-US' })).toBe('April 25–27, 2019');
  });
});

describe('escaping', () => {
  it.each([
    ['*not bold*'],
    ['_not italic_'],
    ['[not](a link)'],
    ['a | pipe'],
    ['<script>alert(1)</script>'],
    ['# not a heading'],
    ['- not a list'],
    ['1. not a list'],
    ['> not a quote'],
    ['`not code`'],
    ['\\ backslash'],
    [':cite[trade-turnover-2018-zx]'],
    ['&amp; stays as typed'],
    ['~~not struck~~'],
  ])('%s prints literally in a paragraph, a list item and a table cell', (value) => {
    const escaped = escapeMarkdown(value);
    for (const [md, expected] of [
      [`${escaped}\n`, value],
      [`- ${escaped}\n`, value],
      [`| a |\n|---|\n| ${escaped} |\n`, `a\n${value}`],
    ] as const) {
      const result = parse(md);
      expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
      expect(textOf(result.blocks)).toBe(expected);
    }
  });

  it('any string survives escaping unchanged in the parsed text (property)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 60 }), (raw) => {
        // What a value means once it is one line of text: line breaks become spaces.
        const value = raw.replace(/[\uE000-\uE0FF\0]/g, '').replace(/[\r\n\t\f\v\u2028\u2029]+/g, ' ');
        fc.pre(value.trim() === value && value.length > 0 && !/ {2,}/.test(value));
        const result = parse(`- ${escapeMarkdown(raw)}\n`);
        expect(textOf(result.blocks)).toBe(value);
      }),
      { numRuns: 400 },
    );
  });
});

describe('one spelling and number style per paper (en-GB)', () => {
  it('a percentage in a statement is written as the figures are, with the sign', () => {
    expect(inHouseStyle('grew by 38 percent year on year, and by 12.5 per cent in 2019')).toBe('grew by 38% year on year, and by 12.5% in 2019');
    expect(inHouseStyle('rose by 54 Percent')).toBe('rose by 54%');
  });

  it('the word without a number, and words that only begin alike, are left as they are', () => {
    expect(inHouseStyle('the percentage of goods; a percent sign; 10 percentage points')).toBe('the percentage of goods; a percent sign; 10 percentage points');
  });

  it('a center in running text is a centre (en-GB); a name keeps its spelling', () => {
    expect(inHouseStyle('a regional RMB settlement center, two logistics centers and the epicenters')).toBe('a regional RMB settlement centre, two logistics centres and the epicentres');
    expect(inHouseStyle('the Astana International Financial Center (AIFC)')).toBe('the Astana International Financial Center (AIFC)');
    expect(inHouseStyle('a centered title')).toBe('a centered title');
  });
});
