// One front-matter reader (src/shared/front-matter.ts) for templates, sources, the rewriting of
// a template's id and name, and the editor: the same files are accepted everywhere, the body's
// first line is where the file has it, and a rewrite leaves everything else as it was.
import { describe, expect, it } from 'vitest';
import { parseTemplate } from '../../../src/core/templates/template';
import { setFrontMatterField } from '../../../src/platform/user-templates';
import { declaredInputs } from '../../../src/renderer/editor/vocabulary';
import { splitFrontMatter } from '../../../src/shared/front-matter';
import { workspaceOf, problems } from '../../fixtures/workspace';

describe('the front matter', () => {
  it.each([
    ['plain', '---\nid: a\n---\nBody\n', 'id: a', 4],
    ['Windows line ends', '---\r\nid: a\r\n---\r\nBody\r\n', 'id: a', 4],
    ['a byte-order mark first (Notepad saves one)', '\uFEFF---\nid: a\n---\nBody\n', 'id: a', 4],
    ['spaces after the closing line', '---\nid: a\n---  \nBody\n', 'id: a', 4],
    ['no YAML at all', '---\n---\nBody\n', '', 3],
    ['ending at the closing line', '---\nid: a\nname: A\n---', 'id: a\nname: A', 4],
  ])('%s', (_, text, yaml, bodyLine) => {
    const front = splitFrontMatter(text)!;
    expect(front.yaml).toBe(yaml);
    expect(front.bodyLine).toBe(bodyLine);
    expect(text.slice(front.bodyStart)).toBe(text.endsWith('---') ? '' : text.split(/\r?\n/).slice(bodyLine - 1).join(text.includes('\r') ? '\r\n' : '\n'));
  });

  it.each([
    ['no opening line', 'id: a\n---\nBody'],
    ['no closing line', '---\nid: a\nBody'],
    ['a closing line of four dashes', '---\nid: a\n----\nBody'],
  ])('%s: none', (_, text) => {
    expect(splitFrontMatter(text)).toBeUndefined();
  });

  it('a template saved with a byte-order mark loads, its body’s problems at their lines', () => {
    const text = '\uFEFF---\nid: notepad\nname: Saved in Notepad\n---\n# Title\n\n{{unknownHelper}}\n';
    const { template, diagnostics } = parseTemplate('templates/notepad.hbs', text, 'user');
    expect(diagnostics).toEqual([]);
    expect(template).toMatchObject({ id: 'notepad', bodyLine: 5 });
  });

  it('a source with spaces after its closing line loads', () => {
    const source = '---\nid: note\ntitle: A note\nauthor: Desk\npublisher: Ministry\ndate: 2024-05-20\n---   \nThe text.\n';
    const ws = workspaceOf({ 'sources/note.md': source });
    expect(problems(ws)).toEqual([]);
    expect(ws.sources.get('note')).toMatchObject({ text: 'The text.\n', bodyLine: 8 });
  });

  it('rewriting the name keeps every other byte; the editor reads the inputs from the same lines', () => {
    const text = '\uFEFF---\r\nid: a\r\nname: Old\r\ninputs:\r\n  - key: visit\r\n    label: Visit\r\n---\r\nBody {{inputs.visit}}\r\n';
    expect(setFrontMatterField(text, 'name', 'New name')).toBe(text.replace('name: Old', 'name: New name'));
    expect(declaredInputs(text)).toEqual(['visit']);
  });
});
