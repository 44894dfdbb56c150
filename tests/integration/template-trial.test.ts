// Saving a template runs it once as a user who changes nothing would (src/app/template-check.ts):
// a required input with no default gets a stand-in, so the trial reports what is wrong in the
// body and not that the input is missing. Here: a required rows input's stand-in row.
import { beforeAll, describe, expect, it } from 'vitest';
import { trialRequest, trialRun } from '../../src/app/template-check';
import { loadTemplates, type Template, type TemplateSet } from '../../src/core/templates/template';
import type { Workspace, WorkspaceLayer } from '../../src/core/workspace/load';
import { openWorkspace } from '../../src/platform/workspace-folder';

let workspace: Workspace;
beforeAll(async () => {
  workspace = await openWorkspace({ user: false });
});

const NOW = new Date('2026-11-22T10:00:00Z');
const user: WorkspaceLayer = { name: 'user', root: 'user', files: [] };

/** A user template with these input declarations (YAML) and this body. */
function userTemplate(inputs: string, body: string): { templates: TemplateSet; template: Template } {
  const text = `---\nid: trial\nname: Trial\ndefaults:\n  topics: [trade]\ninputs:\n${inputs}\n---\n${body}\n`;
  const templates = loadTemplates([...workspace.otherFiles, { layer: user, file: { path: 'templates/trial.hbs', text } }]);
  expect(templates.diagnostics.filter((d) => d.file.endsWith('trial.hbs'))).toEqual([]);
  return { templates, template: templates.templates.get('trial')! };
}

describe('a required rows input without a default is tried with one stand-in row', () => {
  it('each required column holds its label, an optional one nothing, and the trial finds nothing wrong', () => {
    const { templates, template } = userTemplate(
      [
        '  - key: qa',
        '    label: Defensive Q&A',
        '    type: rows',
        '    required: true',
        '    columns:',
        '      - { key: question, label: Question, required: true }',
        '      - { key: answer, label: Answer, required: true }',
        '      - { key: note, label: Note }',
      ].join('\n'),
      '{{#each inputs.qa}}\n**{{question}}** {{answer}}\n{{/each}}',
    );
    expect(trialRequest(workspace, template, NOW).inputs).toEqual({ qa: [{ question: 'Question', answer: 'Answer' }] });
    expect(trialRun(workspace, templates, template, { now: NOW }).filter((d) => d.severity === 'error')).toEqual([]);
  });

  it('a required date column holds the day of the trial, a required facts column a fact of the workspace, an optional facts column none', () => {
    const { templates, template } = userTemplate(
      [
        '  - key: points',
        '    label: Points',
        '    type: rows',
        '    required: true',
        '    columns:',
        '      - { key: when, label: When, type: date, required: true }',
        '      - { key: point, label: Point, required: true }',
        '      - { key: backing, label: Backing, type: facts, required: true }',
        '      - { key: more, label: More facts, type: facts }',
      ].join('\n'),
      '{{#each inputs.points}}\n- {{point}} ({{when}})\n{{/each}}',
    );
    const [row] = trialRequest(workspace, template, NOW).inputs!.points as Record<string, unknown>[];
    expect(row).toEqual({ when: '2026-11-22', point: 'Point', backing: [expect.any(String)] });
    expect(workspace.factsById.has((row!.backing as string[])[0]!)).toBe(true);
    expect(trialRun(workspace, templates, template, { now: NOW }).filter((d) => d.severity === 'error')).toEqual([]);
  });

  it('with no required column, the first column holds its label, so that the row is a row', () => {
    const { templates, template } = userTemplate(
      ['  - key: programme', '    label: Programme', '    type: rows', '    required: true', '    columns:', '      - { key: when, label: When }', '      - { key: what, label: What }'].join('\n'),
      '{{#each inputs.programme}}\n- {{when}}: {{what}}\n{{/each}}',
    );
    expect(trialRequest(workspace, template, NOW).inputs).toEqual({ programme: [{ when: 'When' }] });
    expect(trialRun(workspace, templates, template, { now: NOW }).filter((d) => d.severity === 'error')).toEqual([]);
  });
});
