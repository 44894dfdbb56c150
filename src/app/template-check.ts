// A trial run of a template with its own defaults, so that saving a template reports what is
// wrong in its body (syntax, unknown helpers or fields, Markdown the parser rejects) with the
// line and column, even before the user previews it.
import { prepareBrief, type BriefOptions, type BriefRequest, type InputValue } from '../core/brief';
import { BriefError, type Diagnostic } from '../core/diagnostics';
import { checkTemplateBody } from '../core/templates/environment';
import { HELPER_NAMES } from '../shared/template-vocabulary';
import type { Template, TemplateSet } from '../core/templates/template';
import type { InputColumn, InputRow } from '../shared/inputs';
import type { Workspace } from '../core/workspace/load';

/**
 * What `validate` reports about the templates that are not bundled (the user's, a team
 * folder's): a trial run of each, and the syntax of each partial (one no template includes too).
 */
export function trialRunAll(workspace: Workspace, templates: TemplateSet, options: BriefOptions): Diagnostic[] {
  const runs = [...templates.templates.values()].filter((t) => t.layer !== 'bundled').flatMap((t) => trialRun(workspace, templates, t, options));
  const partials = [...templates.partials.values()]
    .filter((p) => p.layer !== 'bundled')
    .flatMap((p) => checkTemplateBody(p.file, p.body, 0, HELPER_NAMES, templates.partials))
    .filter((d) => !runs.some((r) => r.file === d.file && r.line === d.line && r.message === d.message));
  return [...runs, ...partials];
}

export function trialRun(workspace: Workspace, templates: TemplateSet, template: Template, options: BriefOptions): Diagnostic[] {
  const set: TemplateSet = { ...templates, templates: new Map(templates.templates).set(template.id, template) };
  try {
    return prepareBrief(workspace, set, trialRequest(workspace, template, options.now ?? new Date()), options).diagnostics;
  } catch (error) {
    if (error instanceof BriefError) return error.diagnostics;
    throw error;
  }
}

/** The request a user who changes nothing would make: defaults, and a stand-in for each required input. */
export function trialRequest(workspace: Workspace, template: Template, now: Date): BriefRequest {
  const inputs: Record<string, InputValue> = {};
  for (const input of template.inputs) {
    if (!input.required || input.default !== undefined) continue;
    if (input.type === 'date') inputs[input.key] = now.toISOString().slice(0, 10);
    else if (input.type === 'list') inputs[input.key] = [input.label];
    else if (input.type === 'choice') inputs[input.key] = input.options?.[0] ?? '';
    else if (input.type === 'rows') inputs[input.key] = [standInRow(input.columns ?? [], workspace, now)];
    else inputs[input.key] = input.label;
  }
  const request: BriefRequest = { template: template.id, inputs };
  if (template.topics === 'one' && template.defaults.topics.length !== 1) {
    const first = template.defaults.topics[0] ?? [...workspace.topics.keys()][0];
    if (first) request.topics = [first];
  }
  return request;
}

/**
 * A required rows input's stand-in row: each required column filled with its label (a date
 * column with today's date), a facts column left empty unless it is required (then the
 * workspace's first fact). A row with no required column fills its first column, so that it is
 * a row at all.
 */
function standInRow(columns: InputColumn[], workspace: Workspace, now: Date): InputRow {
  const fill = (column: InputColumn) => (column.type === 'date' ? now.toISOString().slice(0, 10) : column.label);
  const row: InputRow = {};
  for (const column of columns) {
    if (!column.required) continue;
    if (column.type !== 'facts') row[column.key] = fill(column);
    else row[column.key] = [...workspace.factsById.keys()].slice(0, 1);
  }
  const first = columns.find((c) => c.type !== 'facts');
  if (Object.keys(row).length === 0 && first) row[first.key] = fill(first);
  return row;
}
