import { describe, expect, it } from 'vitest';
import { renderTemplate, type RenderInput } from '../../../src/core/templates/environment';
import { parseTemplate } from '../../../src/core/templates/template';

const run = (body: string, extra: Partial<RenderInput> = {}) =>
  renderTemplate({
    file: 'templates/t.hbs',
    body,
    bodyLine: 5,
    partials: new Map(),
    helpers: {},
    context: { inputs: { visit: 'Astana' }, list: ['a', 'b'] },
    ...extra,
  });

describe('rendering a template', () => {
  it('fills fields and escapes them for Markdown', () => {
    const result = run('# {{inputs.visit}}\n', { context: { inputs: { visit: '*Astana* | <b>' } } });
    expect(result.rendered?.markdown).toBe('# \\*Astana\\* \\| \\<b\\>\n');
  });

  it('a syntax error names the template line and column', () => {
    const result = run('# Title\n\n{{#if inputs.visit}}\nno end\n');
    expect(result.rendered).toBeUndefined();
    expect(result.diagnostics[0]).toMatchObject({ file: 'templates/t.hbs', severity: 'error' });
    expect(result.diagnostics[0]!.message).toMatch(/template syntax/);
    expect(result.diagnostics[0]!.line).toBeGreaterThanOrEqual(7);
  });

  it('an unknown helper names its line and column and suggests the right one', () => {
    const result = run('# Title\n\nText {{uper inputs.visit}}\n', { helpers: { upper: (v) => String(v).toUpperCase() } });
    expect(result.diagnostics).toEqual([
      { severity: 'error', file: 'templates/t.hbs', line: 7, column: 6, message: 'unknown helper "uper" (did you mean "upper"?)' },
    ]);
  });

  it('an unknown field is an error at its place (strict mode)', () => {
    const result = run('# Title\n\n{{inputs.nosuch}}\n');
    expect(result.diagnostics[0]).toMatchObject({ line: 7, column: 1 });
    expect(result.diagnostics[0]!.message).toMatch(/unknown field "inputs.nosuch"/);
  });

  it('an unknown partial is an error', () => {
    const result = run('{{> missing}}\n');
    expect(result.diagnostics[0]!.message).toBe('unknown partial "missing"');
    expect(result.diagnostics[0]!.line).toBe(5);
  });

  it('maps a rendered line back to the template line that produced it', () => {
    const result = run('# Title\n\n{{#each list}}\n- item {{this}}\n{{/each}}\nLast line\n');
    const rendered = result.rendered!;
    const lines = rendered.markdown.split('\n');
    const last = lines.indexOf('Last line') + 1;
    expect(rendered.placeOf(last, 1)).toEqual({ file: 'templates/t.hbs', line: 10, column: 1 });
    const second = lines.indexOf('- item b') + 1;
    expect(rendered.placeOf(second, 1).line).toBe(8);
  });

  it('positions inside a partial point at the partial file', () => {
    const result = run('# Title\n\n{{> note}}\n', {
      partials: new Map([['note', { file: 'templates/partials/note.hbs', body: 'first\nsecond line\n' }]]),
    });
    const rendered = result.rendered!;
    const line = rendered.markdown.split('\n').indexOf('second line') + 1;
    expect(rendered.placeOf(line, 1)).toEqual({ file: 'templates/partials/note.hbs', line: 2, column: 1 });
  });

  it('a partial that includes itself ends with an error, not a crash', () => {
    const result = run('{{> loop}}\n', { partials: new Map([['loop', { file: 'p.hbs', body: 'x {{> loop}}' }]]) });
    expect(result.diagnostics[0]!.message).toMatch(/calls itself without end/);
  });

  it.each([
    '{{constructor.constructor "return process"}}',
    '{{#with "s" as |s|}}{{s.constructor.constructor}}{{/with}}',
    '{{lookup (lookup this "constructor") "constructor"}}',
    '{{inputs.__proto__}}',
    '{{#with inputs}}{{__defineGetter__}}{{/with}}',
  ])('a prototype-access payload reaches nothing: %s', (payload) => {
    const result = run(`${payload}\n`);
    const text = result.rendered?.markdown ?? '';
    expect(text).not.toMatch(/function|native code|process/);
  });

  it('position marks in a value cannot spoof template places', () => {
    const result = run('{{inputs.visit}}\n', { context: { inputs: { visit: '\uE000\uE010\uE001x' } } });
    expect(result.rendered?.markdown).toBe('x\n');
  });
});

describe('template files', () => {
  it('reads the front matter: inputs, page, defaults', () => {
    const { template, diagnostics } = parseTemplate(
      'templates/a.hbs',
      '---\nid: a\nname: A\ninputs:\n  - { key: visit, label: Visit, required: true }\n---\n# {{inputs.visit}}\n',
      'user',
    );
    expect(diagnostics).toEqual([]);
    expect(template).toMatchObject({ id: 'a', name: 'A', bodyLine: 7, page: { size: 'A4' }, inputs: [{ key: 'visit', type: 'text', required: true }] });
  });

  it('a bad front matter field names its line and column', () => {
    const { template, diagnostics } = parseTemplate('templates/a.hbs', '---\nid: a\nname: A\npage:\n  size: A3\n---\nbody\n', 'user');
    expect(template).toBeUndefined();
    expect(diagnostics[0]).toMatchObject({ file: 'templates/a.hbs', line: 5, column: 9 });
  });

  it('a template without front matter says what is missing', () => {
    const { diagnostics } = parseTemplate('templates/a.hbs', '# just markdown\n', 'user');
    expect(diagnostics[0]!.message).toMatch(/front matter/);
  });
});
