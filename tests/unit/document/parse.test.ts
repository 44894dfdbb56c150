// The Markdown reader, as a feature list: what a template author writes and what the brief
// (or the error list) shows for it.

import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { parseMarkdown, type CiteTarget, type ParseResult } from '../../../src/core/document/parse';
import type { Block, Chart, Inline } from '../../../src/core/document/model';

const FACTS: Record<string, CiteTarget> = {
  'trade-2023': { sourceId: 'wang-yi-2024', source: 'Wang Yi, remarks, Astana, 20 May 2024.' },
  'trade-2018': { sourceId: 'zhang-xiao-2019', source: 'Zhang Xiao, op-ed, April 2019.' },
  'exports-2018': { sourceId: 'zhang-xiao-2019', source: 'Zhang Xiao, op-ed, April 2019.', speaker: 'Zhang Hanhui' },
  'trains-2018': { sourceId: 'zhang-xiao-2019', source: 'Zhang Xiao, op-ed, April 2019.' },
};

const TRADE_CHART: Chart = {
  kind: 'bar',
  title: 'Trade turnover',
  valueLabel: 'US$ billion',
  scale: 1e9,
  points: [{ label: '2023', value: 41e9, kind: 'outcome', estimated: false }],
  caption: '',
  alt: '',
};

function parse(markdown: string): ParseResult {
  return parseMarkdown(markdown, {
    file: 'templates/pre-visit.hbs',
    resolveCite: (id) => FACTS[id],
    charts: new Map([['trade-turnover', TRADE_CHART]]),
  });
}

const text = (value: string): Inline => ({ type: 'text', value });

/** The blocks without positions, for comparing shapes. */
function shape(blocks: Block[]): unknown {
  return JSON.parse(JSON.stringify(blocks, (key, value: unknown) => (key === 'position' ? undefined : value)));
}

function paragraphInlines(result: ParseResult, index = 0): Inline[] {
  const block = result.blocks[index];
  if (block?.type !== 'paragraph') throw new Error(`block ${index} is ${block?.type ?? 'missing'}, not a paragraph`);
  return block.children;
}

describe('blocks', () => {
  it('a heading keeps its level; levels 4 to 6 become level 3', () => {
    const { blocks } = parse('# One\n\n## Two\n\n### Three\n\n#### Four\n\n###### Six');
    expect(blocks.map((b) => (b.type === 'heading' ? b.level : 0))).toEqual([1, 2, 3, 3, 3]);
  });

  it('every block carries its line and column', () => {
    const { blocks } = parse('# Title\n\nFirst paragraph.\n\n> quoted\n\n- item');
    expect(blocks.map((b) => b.position)).toEqual([
      { line: 1, column: 1 },
      { line: 3, column: 1 },
      { line: 5, column: 1 },
      { line: 7, column: 1 },
    ]);
  });

  it('a paragraph is one text node, and a soft line break is a space', () => {
    const result = parse('Trade grew\nquickly  \nafter 2018.');
    expect(paragraphInlines(result)).toEqual([text('Trade grew quickly'), { type: 'break' }, text('after 2018.')]);
  });

  it('strong, emphasis, code and links become inlines; a link keeps its target', () => {
    const result = parse('**Strong** _soft_ `code` [readout](https://www.mfa.gov.cn/)');
    expect(paragraphInlines(result)).toEqual([
      { type: 'strong', children: [text('Strong')] },
      text(' '),
      { type: 'emphasis', children: [text('soft')] },
      text(' '),
      { type: 'code', value: 'code' },
      text(' '),
      { type: 'link', url: 'https://www.mfa.gov.cn/', children: [text('readout')] },
    ]);
  });

  it('a reference-style link takes the target of its definition', () => {
    const result = parse('See [the readout][mfa].\n\n[mfa]: https://www.mfa.gov.cn/');
    expect(result.blocks).toHaveLength(1);
    expect(paragraphInlines(result)[1]).toEqual({ type: 'link', url: 'https://www.mfa.gov.cn/', children: [text('the readout')] });
  });

  it('a nested list keeps its items as blocks', () => {
    const { blocks } = parse('1. Oil\n2. Gas\n   - Asian Gas Pipeline\n   - Beineu–Bozoi–Shymkent');
    expect(shape(blocks)).toEqual([
      {
        type: 'list',
        ordered: true,
        items: [
          [{ type: 'paragraph', children: [text('Oil')] }],
          [
            { type: 'paragraph', children: [text('Gas')] },
            {
              type: 'list',
              ordered: false,
              items: [[{ type: 'paragraph', children: [text('Asian Gas Pipeline')] }], [{ type: 'paragraph', children: [text('Beineu–Bozoi–Shymkent')] }]],
            },
          ],
        ],
      },
    ]);
  });

  it("a task list's check box prints as written", () => {
    const { blocks } = parse('- [x] agreed\n- [ ] open');
    expect(shape(blocks)).toEqual([
      {
        type: 'list',
        ordered: false,
        items: [[{ type: 'paragraph', children: [text('[x] agreed')] }], [{ type: 'paragraph', children: [text('[ ] open')] }]],
      },
    ]);
  });

  it('a table keeps its header row and alignment', () => {
    const { blocks } = parse('| Year | Turnover | Note |\n|:-----|---------:|:----:|\n| 2018 | 19.9 | *est.* |\n| 2023 | 41.0 | |');
    expect(shape(blocks)).toEqual([
      {
        type: 'table',
        align: ['left', 'right', 'center'],
        header: [{ children: [text('Year')] }, { children: [text('Turnover')] }, { children: [text('Note')] }],
        rows: [
          [{ children: [text('2018')] }, { children: [text('19.9')] }, { children: [{ type: 'emphasis', children: [text('est.')] }] }],
          [{ children: [text('2023')] }, { children: [text('41.0')] }, { children: [] }],
        ],
      },
    ]);
  });

  it("a short table row is padded and a long one is cut to the header's width", () => {
    const { blocks } = parse('| a | b |\n|---|---|\n| 1 |\n| 1 | 2 | 3 |');
    const table = blocks[0];
    expect(table?.type).toBe('table');
    if (table?.type !== 'table') return;
    expect(table.align).toEqual([null, null]);
    expect(table.rows.map((row) => row.length)).toEqual([2, 2]);
    expect(table.rows[0]?.[1]).toEqual({ children: [] });
  });

  it('a blockquote holds blocks and a thematic break is a rule', () => {
    const { blocks } = parse('> “Trade reached $41 billion.”\n\n---');
    expect(shape(blocks)).toEqual([
      { type: 'blockquote', children: [{ type: 'paragraph', children: [text('“Trade reached $41 billion.”')] }] },
      { type: 'rule' },
    ]);
  });

  it('text indented by four spaces warns that it is shown as code', () => {
    const result = parse('Intro.\n\n    Indented by accident.');
    expect(paragraphInlines(result, 1)).toEqual([{ type: 'code', value: 'Indented by accident.' }]);
    expect(result.diagnostics).toEqual([expect.objectContaining({ severity: 'warning', line: 3, message: expect.stringContaining('shown as code') })]);
  });

  it('a fenced code block is shown as code without a warning', () => {
    const result = parse('```\nline one\nline two\n```');
    expect(paragraphInlines(result)).toEqual([{ type: 'code', value: 'line one' }, { type: 'break' }, { type: 'code', value: 'line two' }]);
    expect(result.diagnostics).toEqual([]);
  });

  it('there are no empty paragraphs and no empty or split text nodes', () => {
    const result = parse('![chart](trade.png)\n\nBefore <br> after Note:word end.');
    expect(result.blocks).toHaveLength(1);
    expect(paragraphInlines(result)).toEqual([text('Before <br> after Note:word end.')]);
  });
});

describe('what is never passed through', () => {
  it('raw HTML prints as literal text', () => {
    const result = parse('Trade <b>grew</b> fast.\n\n<div class="x">\n<script>alert(1)</script>\n</div>');
    expect(paragraphInlines(result, 0)).toEqual([text('Trade <b>grew</b> fast.')]);
    expect(paragraphInlines(result, 1)).toEqual([
      text('<div class="x">'),
      { type: 'break' },
      text('<script>alert(1)</script>'),
      { type: 'break' },
      text('</div>'),
    ]);
  });

  it('raw HTML is a warning at its line and column', () => {
    const { diagnostics } = parse('Trade <b>grew</b>.');
    expect(diagnostics).toEqual([
      expect.objectContaining({ severity: 'warning', line: 1, column: 7, message: expect.stringContaining('raw HTML "<b>" is printed as text') }),
      expect.objectContaining({ severity: 'warning', line: 1, column: 14 }),
    ]);
  });

  it('an image is an error pointing at ::chart, and is never kept', () => {
    const result = parse('Intro.\n\nSee ![map](https://example.com/map.png) here.');
    expect(result.diagnostics).toEqual([
      { severity: 'error', file: 'templates/pre-visit.hbs', line: 3, column: 5, message: 'images are not supported; use ::chart' },
    ]);
    expect(JSON.stringify(result.blocks)).not.toContain('map.png');
  });

  it('strikethrough markers print as written', () => {
    const result = parse('From ~~$40 billion~~ to ~$41 billion.');
    expect(paragraphInlines(result)).toEqual([text('From ~~$40 billion~~ to ~$41 billion.')]);
  });

  it('a Markdown footnote prints as text, its note included', () => {
    const result = parse('Claim[^1].\n\n[^1]: A note.');
    expect(paragraphInlines(result, 0)).toEqual([text('Claim[^1].')]);
    expect(paragraphInlines(result, 1)).toEqual([text('[^1]: A note.')]);
  });
});

describe('citations', () => {
  it('a citation numbers its note and lists its source', () => {
    const result = parse('Trade reached $41 billion:cite[trade-2023].');
    expect(paragraphInlines(result)).toEqual([text('Trade reached $41 billion'), { type: 'cite', note: 1 }, text('.')]);
    expect(result.notes).toEqual([{ number: 1, text: FACTS['trade-2023']?.source, sourceId: 'wang-yi-2024', factId: 'trade-2023' }]);
    expect(result.sources).toEqual([{ id: 'wang-yi-2024', text: FACTS['trade-2023']?.source }]);
    expect(result.diagnostics).toEqual([]);
  });

  it('notes are numbered by first appearance', () => {
    const result = parse('A:cite[trade-2018]. B:cite[trade-2023].');
    expect(result.notes.map((n) => [n.number, n.factId])).toEqual([
      [1, 'trade-2018'],
      [2, 'trade-2023'],
    ]);
  });

  it('a repeated citation reuses its number', () => {
    const result = parse('A:cite[trade-2023]. B:cite[trade-2018].\n\nC again:cite[trade-2023].');
    expect(paragraphInlines(result, 1)).toContainEqual({ type: 'cite', note: 1 });
    expect(result.notes).toHaveLength(2);
  });

  it('facts whose notes read the same share one number', () => {
    const result = parse('A:cite[trade-2018]. B:cite[trade-2023]. C:cite[trains-2018].');
    expect(paragraphInlines(result)).toContainEqual({ type: 'cite', note: 1 });
    expect(result.notes.map((n) => [n.number, n.factId])).toEqual([
      [1, 'trade-2018'],
      [2, 'trade-2023'],
    ]);
    expect(paragraphInlines(result).filter((i) => i.type === 'cite')).toEqual([
      { type: 'cite', note: 1 },
      { type: 'cite', note: 2 },
      { type: 'cite', note: 1 },
    ]);
  });

  it('one directive can cite several facts', () => {
    const result = parse('Both:cite[trade-2018, trade-2023].');
    expect(paragraphInlines(result)).toEqual([text('Both'), { type: 'cite', note: 1 }, { type: 'cite', note: 2 }, text('.')]);
  });

  it('facts of one citation whose notes read the same are one mark, not "1,1"', () => {
    const result = parse('Both:cite[trade-2018, trains-2018, trade-2023].');
    expect(paragraphInlines(result)).toEqual([text('Both'), { type: 'cite', note: 1 }, { type: 'cite', note: 2 }, text('.')]);
  });

  it('facts from one document share its note, whoever they quote; the citation says who', () => {
    const result = parse('A:cite[trade-2018] B:cite[exports-2018] C:cite[trade-2023]');
    expect(result.notes.map((n) => [n.number, n.sourceId])).toEqual([
      [1, 'zhang-xiao-2019'],
      [2, 'wang-yi-2024'],
    ]);
    expect(paragraphInlines(result).filter((i) => i.type === 'cite')).toEqual([
      { type: 'cite', note: 1 },
      { type: 'cite', note: 1, speaker: 'Zhang Hanhui' },
      { type: 'cite', note: 2 },
    ]);
    expect(result.sources.map((s) => s.id)).toEqual(['zhang-xiao-2019', 'wang-yi-2024']);
  });

  it('citations are numbered in reading order across blocks', () => {
    const result = parse(':::callout{title="Key"}\nFirst:cite[trade-2023]\n:::\n\n| a |\n|---|\n| x:cite[trade-2018] |');
    expect(result.notes.map((n) => n.factId)).toEqual(['trade-2023', 'trade-2018']);
  });

  it('an unknown fact is an error at its citation', () => {
    const result = parse('Intro.\n\nTrade:cite[trade-2099] grew.');
    expect(result.diagnostics).toEqual([
      { severity: 'error', file: 'templates/pre-visit.hbs', line: 3, column: 6, message: 'unknown fact "trade-2099" in :cite[trade-2099]' },
    ]);
    expect(result.notes).toEqual([]);
    expect(paragraphInlines(result, 1)).toEqual([text('Trade grew.')]);
  });

  it('a citation without a fact id is an error', () => {
    expect(parse('Trade:cite[] grew.').diagnostics[0]?.message).toContain(':cite[fact-id]');
  });

  it('a source can be cited on its own (what a role rests on): its note is its reference, shared with a fact whose note reads the same', () => {
    const SOURCES: Record<string, CiteTarget> = { 'zhang-xiao-2019': { sourceId: 'zhang-xiao-2019', source: 'Zhang Xiao, op-ed, April 2019.' } };
    const result = parseMarkdown('Zhang Xiao, Ambassador :cite{source="zhang-xiao-2019"}. Trade:cite[trade-2018]. Again:cite[trade-2023]{source="zhang-xiao-2019"}.', {
      file: 't.hbs',
      resolveCite: (id) => FACTS[id],
      resolveSourceCite: (id) => SOURCES[id],
      charts: new Map(),
    });
    expect(result.diagnostics).toEqual([]);
    expect(paragraphInlines(result).filter((i) => i.type === 'cite')).toEqual([
      { type: 'cite', note: 1 },
      { type: 'cite', note: 1 },
      { type: 'cite', note: 2 },
      { type: 'cite', note: 1 },
    ]);
    expect(result.notes[0]).toEqual({ number: 1, text: 'Zhang Xiao, op-ed, April 2019.', sourceId: 'zhang-xiao-2019' });
    expect(result.sources.map((s) => s.id)).toEqual(['zhang-xiao-2019', 'wang-yi-2024']);
  });

  it('an unknown source is an error at its citation', () => {
    expect(parse('Ambassador :cite{source="op-ed-2091"}.').diagnostics).toEqual([
      { severity: 'error', file: 'templates/pre-visit.hbs', line: 1, column: 12, message: 'unknown source "op-ed-2091" in :cite{source="op-ed-2091"}' },
    ]);
  });
});

describe('directives', () => {
  it('page break, contents and sources become their blocks', () => {
    expect(shape(parse('::toc\n\n::pagebreak\n\n::sources').blocks)).toEqual([{ type: 'toc' }, { type: 'pageBreak' }, { type: 'sources' }]);
  });

  it('a chart directive embeds the chart it names', () => {
    const { blocks, diagnostics } = parse('::chart{ref="trade-turnover"}');
    expect(blocks).toEqual([{ type: 'chart', chart: TRADE_CHART, position: { line: 1, column: 1 } }]);
    expect(diagnostics).toEqual([]);
  });

  it('an unknown chart is an error that lists the known ones', () => {
    const { blocks, diagnostics } = parse('Intro.\n\n::chart{ref=trade}');
    expect(blocks).toHaveLength(1);
    expect(diagnostics).toEqual([
      { severity: 'error', file: 'templates/pre-visit.hbs', line: 3, column: 1, message: 'unknown chart "trade" in ::chart{ref="trade"} (known: trade-turnover)' },
    ]);
  });

  it('a chart directive without a ref is an error', () => {
    expect(parse('::chart').diagnostics[0]?.message).toBe('::chart needs the chart it shows: ::chart{ref="chart-id"}');
  });

  it('an unknown directive names its line and column', () => {
    const { diagnostics } = parse('# Outlook\n\n::chrat{ref="trade-turnover"}');
    expect(diagnostics).toEqual([
      {
        severity: 'error',
        file: 'templates/pre-visit.hbs',
        line: 3,
        column: 1,
        message: 'unknown directive "::chrat" (known: pagebreak, toc, sources, chart, callout, cover, keyfigures)',
      },
    ]);
  });

  it('an unknown container directive is an error, and its content is kept', () => {
    const { blocks, diagnostics } = parse(':::box\nInside.\n:::');
    expect(diagnostics[0]?.message).toBe('unknown directive ":::box" (known: pagebreak, toc, sources, chart, callout, cover, keyfigures)');
    expect(shape(blocks)).toEqual([{ type: 'paragraph', children: [text('Inside.')] }]);
  });

  it('an unknown text directive prints as written', () => {
    const result = parse('Note:word, ratio:high{level=2} and :term[Belt and Road]{lang=en}.');
    expect(paragraphInlines(result)).toEqual([text('Note:word, ratio:high{level=2} and :term[Belt and Road]{lang=en}.')]);
    expect(result.diagnostics).toEqual([]);
  });

  it('a container written with two colons is an error that shows the right form', () => {
    expect(parse('::callout{title="Key"}').diagnostics[0]?.message).toContain('open it with ":::callout"');
  });

  it('a callout takes its title from the title attribute', () => {
    const { blocks } = parse(':::callout{title="Key messages"}\n- Welcome the growth of trade.\n:::');
    expect(shape(blocks)).toEqual([
      {
        type: 'callout',
        title: [text('Key messages')],
        children: [{ type: 'list', ordered: false, items: [[{ type: 'paragraph', children: [text('Welcome the growth of trade.')] }]] }],
      },
    ]);
  });

  it('a callout label is accepted as its title', () => {
    const { blocks } = parse(':::callout[Handling *note*]\nBe brief.\n:::');
    expect(shape(blocks)).toEqual([
      {
        type: 'callout',
        title: [text('Handling '), { type: 'emphasis', children: [text('note')] }],
        children: [{ type: 'paragraph', children: [text('Be brief.')] }],
      },
    ]);
  });

  it('a cover holds the blocks written inside it', () => {
    const { blocks } = parse(':::cover\n# Pre-visit brief\n\n**Visit:** Astana\n:::');
    expect(shape(blocks)).toEqual([
      {
        type: 'cover',
        children: [
          { type: 'heading', level: 1, children: [text('Pre-visit brief')] },
          { type: 'paragraph', children: [{ type: 'strong', children: [text('Visit:')] }, text(' Astana')] },
        ],
      },
    ]);
  });

  it('containers nest when the outer one has more colons', () => {
    const { blocks, diagnostics } = parse('::::cover\n:::callout{title="Key"}\nInside.\n:::\n::::\n\nAfter.');
    expect(diagnostics).toEqual([]);
    expect(blocks.map((b) => b.type)).toEqual(['cover', 'paragraph']);
  });

  it('nesting containers with equal fences warns that one is not closed', () => {
    const { diagnostics } = parse(':::cover\n:::callout{title="Key"}\nInside.\n:::\n:::');
    expect(diagnostics).toEqual([
      expect.objectContaining({ severity: 'warning', line: 2, column: 1, message: expect.stringContaining('is not closed') }),
    ]);
  });

  it('key figures split the bold value from its label', () => {
    const { blocks, diagnostics } = parse(':::keyfigures\n- **$41 billion** Trade turnover, 2023:cite[trade-2023]\n- **31.5 bcm** Gas via the Asian Gas Pipeline\n:::');
    expect(diagnostics).toEqual([]);
    expect(shape(blocks)).toEqual([
      {
        type: 'keyFigures',
        items: [
          { value: '$41 billion', label: [text('Trade turnover, 2023'), { type: 'cite', note: 1 }] },
          { value: '31.5 bcm', label: [text('Gas via the Asian Gas Pipeline')] },
        ],
      },
    ]);
  });

  it("a citation on a key figure's value moves to its label", () => {
    const { blocks } = parse(':::keyfigures\n- **$41 billion:cite[trade-2023]** Trade turnover\n:::');
    expect(shape(blocks)).toEqual([{ type: 'keyFigures', items: [{ value: '$41 billion', label: [text('Trade turnover'), { type: 'cite', note: 1 }] }] }]);
  });

  it('a malformed key figure is an error at its line and is left out', () => {
    const { blocks, diagnostics } = parse(':::keyfigures\n- **$41 billion** Trade turnover\n- 31.5 bcm of gas\n:::');
    expect(shape(blocks)).toEqual([{ type: 'keyFigures', items: [{ value: '$41 billion', label: [text('Trade turnover')] }] }]);
    expect(diagnostics).toEqual([expect.objectContaining({ severity: 'error', line: 3, message: expect.stringContaining('value in bold') })]);
  });

  it('key figures without a list are an error', () => {
    const { diagnostics } = parse(':::keyfigures\n$41 billion trade\n:::');
    expect(diagnostics.map((d) => d.severity)).toEqual(['error', 'error']);
    expect(diagnostics[1]?.message).toContain('exactly one list');
  });
});

describe('robustness', () => {
  it('deeply nested input is reported, not thrown', () => {
    // Deep enough to exhaust the Markdown parser's stack on a default Node stack.
    const result = parse(`${'>'.repeat(20_000)} x`);
    if (result.blocks.length === 0) expect(result.diagnostics[0]?.message).toContain('nested too deeply');
    else expect(result.blocks[0]?.type).toBe('blockquote');
  });

  // Pieces of the dialect, so that random strings hit directives, tables and citations,
  // not only plain text.
  const piece = fc.constantFrom(
    '\n', '\n\n', ' ', '    ', '#', '- ', '1. ', '> ', '|', '|---|', ':', '::', ':::', '::::', 'cite', 'chart', 'callout',
    'keyfigures', 'cover', 'toc', '[', ']', '{', '}', 'ref=', 'title="', '"', 'trade-2023', 'trade-2099', ',', '*', '**', '_',
    '`', '~~', '<b>', '</div>', '<!--', '![x](y)', '[a](b)', '[^1]', '\\', '&amp;', 'x', 'word', '---', '```',
  );
  const markdownish = fc.array(piece, { maxLength: 60 }).map((pieces) => pieces.join(''));

  it('any string parses without throwing, into blocks and diagnostics', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string({ maxLength: 200 }), fc.string({ unit: 'binary', maxLength: 200 }), markdownish), (markdown) => {
        const result = parse(markdown);
        expect(Array.isArray(result.blocks)).toBe(true);
        expect(Array.isArray(result.diagnostics)).toBe(true);
        checkInvariants(result);
      }),
      { numRuns: 1000 },
    );
  });
});

/** What every writer relies on: tidy text, citations that point at notes, numbered notes. */
function checkInvariants(result: ParseResult): void {
  expect(result.notes.map((n) => n.number)).toEqual(result.notes.map((_, i) => i + 1));
  const checkInlines = (inlines: Inline[]): void => {
    inlines.forEach((inline, i) => {
      if (inline.type === 'text') {
        expect(inline.value).not.toBe('');
        expect(inline.value).not.toContain('\n');
        expect(inlines[i - 1]?.type).not.toBe('text');
      }
      if (inline.type === 'cite') expect(inline.note).toBeLessThanOrEqual(result.notes.length);
      if ('children' in inline) checkInlines(inline.children);
    });
  };
  const checkBlocks = (blocks: Block[]): void => {
    for (const block of blocks) {
      expect(block.position).toBeDefined();
      switch (block.type) {
        case 'paragraph':
        case 'heading':
          expect(block.children.length).toBeGreaterThan(0);
          checkInlines(block.children);
          break;
        case 'list':
          block.items.forEach(checkBlocks);
          break;
        case 'table':
          for (const row of block.rows) expect(row.length).toBe(block.header.length);
          [block.header, ...block.rows].flat().forEach((cell) => checkInlines(cell.children));
          break;
        case 'blockquote':
        case 'cover':
          checkBlocks(block.children);
          break;
        case 'callout':
          checkInlines(block.title);
          checkBlocks(block.children);
          break;
        case 'keyFigures':
          block.items.forEach((item) => checkInlines(item.label));
          break;
        default:
          break;
      }
    }
  };
  checkBlocks(result.blocks);
  for (const d of result.diagnostics) expect(d.file).toBe('templates/pre-visit.hbs');
}

describe('note markers', () => {
  it('a marker sits against its word: the space a template leaves before :cite is dropped', () => {
    const [id] = Object.keys(FACTS);
    const inlines = paragraphInlines(parse(`Turnover rose, according to the ministry. :cite[${id}] Exports grew too.`));
    expect(inlines[0]).toEqual(text('Turnover rose, according to the ministry.'));
    expect(inlines[1]).toMatchObject({ type: 'cite' });
    expect(inlines[2]).toEqual(text(' Exports grew too.'));
  });
});
