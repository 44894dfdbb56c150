// The saved brief's format (src/core/saved-brief.ts): what a file written reads back as, each
// fault of a hand-edited file at its line and column, and how a paper's facts are compared with
// those of its last export.
import { describe, expect, it } from 'vitest';
import { describeChanges, exportChanges, exportedFacts, readSavedBrief, writeSavedBrief, type SavedBrief } from '../../../src/core/saved-brief';

const brief: SavedBrief = {
  title: 'Visit: Astana, May',
  template: 'pre-visit-brief',
  topics: ['trade', 'energy'],
  from: '2019',
  to: '2024-05',
  inputs: { visit: 'Visit of the Foreign Minister: Astana', objectives: ['One', '2024'], qa: [{ question: 'Why now?', answer: 'Because.' }] },
  exclude: ['trade-turnover-2018-zx'],
  format: 'docx',
  lastExport: { at: '2026-12-03T10:00:00.000Z', format: 'docx', facts: [{ id: 'a-fact', statement: 'Trade rose: by 20%.', when: '2023', figure: '20%' }] },
};

describe('a saved brief', () => {
  it('reads back exactly as written, texts that look like numbers or dates staying texts', () => {
    const text = writeSavedBrief(brief);
    const read = readSavedBrief('visit.brief.yaml', text);
    expect(read.diagnostics).toEqual([]);
    expect(read.brief).toEqual(brief);
    // Fields in a fixed order, so that two saves of one brief differ only where it changed.
    expect(text.split('\n').filter((l) => /^[a-zA-Z]/.test(l)).map((l) => l.split(':')[0])).toEqual(['title', 'template', 'topics', 'from', 'to', 'format', 'inputs', 'exclude', 'lastExport']);
  });

  it('takes a range as the app and the command line do: from June 2024 to the end of 2024 is a range', () => {
    const read = readSavedBrief('b.brief.yaml', 'template: pre-visit-brief\nfrom: 2024-06\nto: 2024\n');
    expect(read.diagnostics).toEqual([]);
    expect(read.brief).toMatchObject({ from: '2024-06', to: '2024' });
  });

  it('records a fact dated as a period as its period, so that a change of its dates is seen', () => {
    const fact = { id: 'khorgos-volume', statement: 'Freight through Khorgos grew.', when: { from: '2015', to: '2018' } } as unknown as Parameters<typeof exportedFacts>[0][number];
    const [printed] = exportedFacts([fact]);
    expect(printed).toEqual({ id: 'khorgos-volume', statement: 'Freight through Khorgos grew.', when: '2015..2018' });
    const later = exportedFacts([{ ...fact, when: { from: '2015', to: '2019' } }]);
    expect(exportChanges([printed!], later).changed.map((c) => c.fields)).toEqual([['when']]);
  });

  it('takes its title from its file name when it has none, and years written as numbers as dates', () => {
    const read = readSavedBrief('/somewhere/energy-2024.brief.yaml', 'template: sector-one-pager\ntopics: [energy]\nfrom: 2020\n');
    expect(read.brief).toEqual({ title: 'energy-2024', template: 'sector-one-pager', topics: ['energy'], from: '2020', inputs: {}, exclude: [] });
  });

  it.each([
    ['template: pre-visit-brief\nfrom: 2019-13\n', 2, 7, /`from`/],
    ['template: Pre Visit\n', 1, 11, /`template`/],
    ['template: pre-visit-brief\ntopic: [trade]\n', 2, 1, /unknown field `topic`/],
    ['template: pre-visit-brief\nformat: odt\n', 2, 9, /`format` must be one of pdf, docx, html, md/],
    ['template: pre-visit-brief\nfrom: 2024\nto: 2019\n', 2, 7, /the range ends \(2019\) before it starts \(2024\)/],
    ['template: pre-visit-brief\nlastExport:\n  at: yesterday\n  facts: []\n', 3, 7, /date and time/],
    ['topics: [trade]\n', 1, 1, /`template` is missing/],
    ['- template\n', 1, 1, /a saved brief is a set of fields/],
    ['template: [unclosed\n', 1, 11, /end with a \]/],
  ])('a fault is reported at its line and column: %j', (text, line, column, message) => {
    const read = readSavedBrief('b.brief.yaml', text);
    expect(read.brief).toBeUndefined();
    expect(read.diagnostics[0]).toMatchObject({ severity: 'error', file: 'b.brief.yaml', line, column, message: expect.stringMatching(message) });
  });
});

describe('what changed since the last export', () => {
  const then = [
    { id: 'kept', statement: 'Kept.', when: '2023' },
    { id: 'revised', statement: 'Trade reached $41 billion.', when: '2023', figure: '$41 billion' },
    { id: 'dropped', statement: 'Dropped.' },
  ];
  it('names the facts added, gone and changed, and which of their fields changed', () => {
    const now = [then[0]!, { ...then[1]!, figure: '$41.4 billion', statement: 'Trade reached $41.4 billion.' }, { id: 'new', statement: 'New.' }];
    const changes = exportChanges(then, now);
    expect(changes.added.map((f) => f.id)).toEqual(['new']);
    expect(changes.removed.map((f) => f.id)).toEqual(['dropped']);
    expect(changes.changed).toEqual([{ before: then[1], after: now[1], fields: ['statement', 'figure'] }]);
    expect(describeChanges(changes)).toBe('1 new fact, 1 changed, 1 gone');
    expect(describeChanges(exportChanges(then, then))).toBe('no change');
  });
});
