import { describe, expect, it } from 'vitest';
import { conflictNotes } from '../../../src/app/fact-views';
import { factsFile, problems, source, vocabulary, workspaceOf } from '../../fixtures/workspace';

const format = { locale: 'en-GB' } as const;

/** A workspace where `values.length` facts give trade turnover for 2018, each its own value. */
function disagreeing(values: number[]) {
  const body = values.map((v) => `Trade came to ${v} dollars in 2018.`).join(' ');
  return workspaceOf({
    ...vocabulary,
    'sources/s.md': source({ id: 's', date: '2019-05-01', title: 'Trade report' }, body),
    'facts/f.yaml': factsFile(
      values.map((v, i) => ({
        id: `turnover-${i + 1}`,
        statement: `Trade came to ${v} dollars in 2018.`,
        topics: ['trade'],
        when: '2018',
        kind: 'outcome',
        metric: { indicator: 'trade-turnover', value: v, unit: 'USD', period: '2018' },
        source: 's',
        evidence: `Trade came to ${v} dollars in 2018.`,
      })),
    ),
  });
}

describe("the fact list's conflict notes", () => {
  it('two facts that disagree each name the other, its figure and source', () => {
    const workspace = disagreeing([19e9, 20e9]);
    expect(problems(workspace)).toEqual([]);
    const notes = conflictNotes(workspace, format);
    expect(notes.get('turnover-1')).toBe('Other facts give a different bilateral trade turnover for 2018: $20 billion (turnover-2, “Trade report”).');
    expect(notes.get('turnover-2')).toMatch(/: \$19 billion \(turnover-1, “Trade report”\)\.$/);
  });

  it('a period many facts disagree on names three others and counts the rest', () => {
    const workspace = disagreeing([11e9, 12e9, 13e9, 14e9, 15e9, 16e9]);
    const note = conflictNotes(workspace, format).get('turnover-1')!;
    expect(note.match(/turnover-\d/g)).toHaveLength(3);
    expect(note).toMatch(/; and 2 others\.$/);
  });

  it('facts that agree have no note', () => {
    expect(conflictNotes(disagreeing([19e9]), format).size).toBe(0);
  });
});
