import { describe, expect, it } from 'vitest';
import type { TemplateInputInfo } from '../../../src/shared/api';
import { checkInputs } from '../../../src/shared/inputs';
import { cellMessage, formValues, inputsAreUsable, inputValues, isInputFormValues, type FormRow } from '../../../src/renderer/components/InputsForm';

const visit: TemplateInputInfo = { key: 'visit', label: 'Visit', type: 'text', required: true, default: 'Visit of the Foreign Minister' };
const objectives: TemplateInputInfo = { key: 'objectives', label: 'Objectives', type: 'list', required: false };
const qa: TemplateInputInfo = {
  key: 'qa',
  label: 'Defensive Q&A',
  type: 'rows',
  required: false,
  columns: [
    { key: 'question', label: 'Question', type: 'text', required: true },
    { key: 'answer', label: 'Answer', type: 'text', required: true },
  ],
};
const programme: TemplateInputInfo = {
  key: 'programme',
  label: 'Programme',
  type: 'rows',
  required: false,
  columns: [
    { key: 'when', label: 'When', type: 'date', required: false },
    { key: 'what', label: 'What', type: 'text', required: false },
  ],
};
const points: TemplateInputInfo = {
  key: 'points',
  label: 'Points to make',
  type: 'rows',
  required: false,
  default: [{ point: 'Trade is growing', facts: ['trade-turnover-2018-zx', 'trade-turnover-2023'] }],
  columns: [
    { key: 'point', label: 'Point', type: 'text', required: true },
    { key: 'facts', label: 'Supporting facts', type: 'facts', required: false },
  ],
};
const inputs = [visit, objectives, qa, programme, points];

const row = (question: string, answer: string): FormRow => ({ question, answer });

describe('the form starts from the template and from what the user typed', () => {
  it('a rows input starts with its default rows, a facts cell as its ids joined by commas, and with no rows without one', () => {
    const values = formValues(inputs);
    expect(values.points).toEqual([{ point: 'Trade is growing', facts: 'trade-turnover-2018-zx, trade-turnover-2023' }]);
    expect(values.qa).toEqual([]);
    expect(values.visit).toBe('Visit of the Foreign Minister');
    expect(values.objectives).toBe('');
  });

  it('rows the user typed are kept, and a text kept from before an input became rows gives way to the default', () => {
    const values = formValues(inputs, { qa: [row('Why now?', 'Because.')], points: 'an old list' });
    expect(values.qa).toEqual([row('Why now?', 'Because.')]);
    expect(values.points).toEqual([{ point: 'Trade is growing', facts: 'trade-turnover-2018-zx, trade-turnover-2023' }]);
  });

  it('a state stored before rows existed (texts only) is still a state; one with rows is; anything else is not', () => {
    expect(isInputFormValues({ visit: 'Visit', objectives: 'one\ntwo' })).toBe(true);
    expect(isInputFormValues({ visit: 'Visit', qa: [row('Why now?', '')] })).toBe(true);
    expect(isInputFormValues(JSON.parse(JSON.stringify({ qa: [row('Why now?', 'Because.')] })))).toBe(true);
    expect(isInputFormValues(null)).toBe(false);
    expect(isInputFormValues({ visit: 3 })).toBe(false);
    expect(isInputFormValues({ qa: ['Why now?'] })).toBe(false);
    expect(isInputFormValues({ qa: [{ question: ['Why now?'] }] })).toBe(false);
  });
});

describe('a request carries rows as records', () => {
  it('each row a record of its cells, a facts cell as a list of ids, whether separated by commas or spaces', () => {
    const values = inputValues([points], { points: [{ point: ' Trade is growing ', facts: 'trade-turnover-2018-zx,trade-turnover-2023  energy-2020' }] });
    expect(values.points).toEqual([{ point: 'Trade is growing', facts: ['trade-turnover-2018-zx', 'trade-turnover-2023', 'energy-2020'] }]);
  });

  it('empty rows (one added and left, at the end or between) are dropped', () => {
    const values = inputValues([qa], { qa: [row('Why now?', 'Because.'), row('', ''), row('Visas?', 'Later.'), row(' ', '')] });
    expect(values.qa).toEqual([row('Why now?', 'Because.'), row('Visas?', 'Later.')]);
  });

  it('a new line typed in a cell reads as a space, as in a one-line field', () => {
    expect(inputValues([qa], { qa: [row('Why\nnow?', 'Because  \n  it is time.')] }).qa).toEqual([row('Why now?', 'Because it is time.')]);
  });

  it('a cell of a column the template no longer declares is left out', () => {
    expect(inputValues([qa], { qa: [{ question: 'Why now?', answer: 'Because.', source: 'old column' }] }).qa).toEqual([row('Why now?', 'Because.')]);
  });

  it('lists, texts and dates are given as before', () => {
    expect(inputValues([visit, objectives], { visit: 'Visit of\nthe minister', objectives: 'one\n\n two \n' })).toEqual({ visit: 'Visit of the minister', objectives: ['one', 'two'] });
  });
});

describe('the paper waits while a row is wrong', () => {
  it('a row with its question and no answer holds the paper; filling the answer, or emptying the row, frees it', () => {
    expect(inputsAreUsable([qa], { qa: [row('Why now?', 'Because.'), row('Visas?', '')] })).toBe(false);
    expect(inputsAreUsable([qa], { qa: [row('Why now?', 'Because.'), row('Visas?', 'Later.')] })).toBe(true);
    expect(inputsAreUsable([qa], { qa: [row('Why now?', 'Because.'), row('', '')] })).toBe(true);
  });

  it('a date cell that is not a date holds the paper', () => {
    expect(inputsAreUsable([programme], { programme: [{ when: '2026-13', what: 'Talks' }] })).toBe(false);
    expect(inputsAreUsable([programme], { programme: [{ when: '2026-06-12', what: 'Talks' }] })).toBe(true);
  });

  it('the form says a cell’s problem by its row and column', () => {
    const { problems } = checkInputs([qa], { qa: [row('Why now?', 'Because.'), row('Visas?', '')] });
    expect(problems.map(cellMessage)).toEqual(['Row 2 is missing its answer.']);
    const dates = checkInputs([programme], { programme: [{ when: '2026-13', what: 'Talks' }] }, { dateError: () => 'There is no month 13: use 01 to 12.' });
    expect(dates.problems.map(cellMessage)).toEqual(['Row 1, When: There is no month 13: use 01 to 12.']);
  });
});
