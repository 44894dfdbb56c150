import { describe, expect, it } from 'vitest';
import { backedLine, checkInputs, type InputDeclaration } from '../../../src/shared/inputs';

const qa: InputDeclaration = {
  key: 'qa',
  label: 'Defensive Q&A',
  type: 'rows',
  required: false,
  columns: [
    { key: 'question', label: 'Question', type: 'text', required: true },
    { key: 'answer', label: 'Answer', type: 'text', required: true },
  ],
};
const points: InputDeclaration = {
  key: 'points',
  label: 'Points',
  type: 'rows',
  required: true,
  columns: [
    { key: 'point', label: 'Point', type: 'text', required: true },
    { key: 'facts', label: 'Supporting facts', type: 'facts', required: false },
  ],
};
const lines: InputDeclaration = { key: 'lines', label: 'Lines to take', type: 'list', required: false, cites: true };
const known = new Set(['trade-turnover-2023', 'trade-turnover-2018']);
const check = (declared: InputDeclaration[], given: Record<string, unknown>) =>
  checkInputs(declared, given, { factExists: (id) => known.has(id), howToGive: () => 'give it in an --input file' });

describe('template inputs: rows', () => {
  it('rows keep their declared columns, trimmed; a row left empty is no row', () => {
    const { values, problems } = check([qa], {
      qa: [{ question: ' Will the railway open on time? ', answer: 'Work is on schedule.' }, { question: '', answer: null }, {}],
    });
    expect(problems).toEqual([]);
    expect(values.qa).toEqual([{ question: 'Will the railway open on time?', answer: 'Work is on schedule.' }]);
  });

  it('a row missing a required column names the row and the column', () => {
    const { problems } = check([qa], { qa: [{ question: 'Q1', answer: 'A1' }, { question: 'Q2' }] });
    expect(problems).toEqual([{ at: ['qa', 1, 'answer'], message: 'input "qa", row 2 is missing its answer (column "answer")' }]);
  });

  it('a column the template does not declare, a row that is not a mapping, and rows that are not a list are each named', () => {
    expect(check([qa], { qa: [{ question: 'Q', answer: 'A', answr: 'typo' }] }).problems).toEqual([
      { at: ['qa', 0, 'answr'], message: 'input "qa", row 1 has no column "answr" (columns: question, answer)' },
    ]);
    expect(check([qa], { qa: ['just text'] }).problems[0]).toEqual({ at: ['qa', 0], message: 'input "qa", row 1 is a mapping of question, answer, not text' });
    expect(check([qa], { qa: 'Q and A' }).problems[0]).toEqual({ at: ['qa'], message: 'input "qa" is a list of rows, each a mapping of question, answer' });
  });

  it('a facts column takes ids as a list or as text, and names an id no fact has', () => {
    const { values, problems } = check([points], {
      points: [
        { point: 'Trade has doubled.', facts: 'trade-turnover-2018, trade-turnover-2023' },
        { point: 'Rail freight grows.', facts: ['trade-turnover-2023', 'rail-freight-2099'] },
      ],
    });
    expect((values.points as { facts: string[] }[]).map((r) => r.facts)).toEqual([
      ['trade-turnover-2018', 'trade-turnover-2023'],
      ['trade-turnover-2023', 'rail-freight-2099'],
    ]);
    expect(problems).toEqual([{ at: ['points', 1, 'facts'], message: 'input "points", row 2, Supporting facts: no fact has the id "rail-freight-2099"' }]);
  });

  it('a required rows input with no row says how to give it', () => {
    expect(check([points], {}).problems).toEqual([{ at: ['points'], message: 'missing required input "points" (Points): give it in an --input file' }]);
  });

  it('an input the template does not declare is named, with the inputs it has', () => {
    expect(check([qa], { q_and_a: [] }).problems).toEqual([{ at: ['q_and_a'], message: 'there is no input "q_and_a" (inputs: qa)' }]);
  });
});

describe('template inputs: lines backed by facts', () => {
  it('a line’s closing brackets name the facts backing it; other brackets stay text', () => {
    expect(backedLine('We welcome record trade [trade-turnover-2023, trade-turnover-2018]')).toEqual({
      text: 'We welcome record trade',
      facts: ['trade-turnover-2023', 'trade-turnover-2018'],
    });
    expect(backedLine('The figure [sic] stands')).toEqual({ text: 'The figure [sic] stands', facts: [] });
    expect(backedLine('We note the plan [draft]')).toEqual({ text: 'We note the plan [draft]', facts: [] });
  });

  it('an id no fact has in a line of a list that cites is a problem at that item', () => {
    const { values, problems } = check([lines], { lines: ['We welcome record trade [trade-turnover-2023]', 'Rail matters [rail-2099-x]'] });
    expect(values.lines).toHaveLength(2);
    expect(problems).toEqual([
      { at: ['lines', 1], message: 'input "lines", item 2: no fact has the id "rail-2099-x" (the ids in brackets at the end of a line name the facts backing it)' },
    ]);
  });
});
