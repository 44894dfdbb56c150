// Handlebars on top of CodeMirror's Markdown mode: `{{…}}` tags styled over the Markdown, the
// front matter set apart, completion of helpers, fields and the workspace's partials, and
// template problems as lint diagnostics at their line and column.
import type { Completion, CompletionContext, CompletionResult } from '@codemirror/autocomplete';
import type { Diagnostic } from '@codemirror/lint';
import { Facet, RangeSetBuilder, type Extension, type Text } from '@codemirror/state';
import { Decoration, EditorView, MatchDecorator, ViewPlugin, type DecorationSet, type ViewUpdate } from '@codemirror/view';
import type { PartialSummary, Problem } from '../../shared/api';
import { splitFrontMatter } from '../../shared/front-matter';
import { BUILT_IN_HELPERS, CONTEXT_FIELDS, FACT_FIELDS, HELPERS, declaredInputs } from './vocabulary';

const tagClass = (tag: string): string => {
  const sigil = tag.replace(/^\{\{\{?~?\s*/, '')[0];
  if (tag.startsWith('{{!')) return 'cm-hbs cm-hbs-comment';
  if (sigil === '#' || sigil === '/' || sigil === '^' || /^\{\{~?\s*else\b/.test(tag)) return 'cm-hbs cm-hbs-block';
  if (sigil === '>') return 'cm-hbs cm-hbs-partial';
  return 'cm-hbs';
};

const tags = new MatchDecorator({
  regexp: /\{\{!--[\s\S]*?--\}\}|\{\{\{[^}]*\}\}\}|\{\{[^}]*\}\}/g,
  decoration: (match) => Decoration.mark({ class: tagClass(match[0]) }),
});

/** Styles every `{{…}}` tag (blocks, partials and comments each their own way). */
export const handlebarsTags = ViewPlugin.fromClass(
  class {
    decorations: DecorationSet;
    constructor(view: EditorView) {
      this.decorations = tags.createDeco(view);
    }
    update(update: ViewUpdate) {
      this.decorations = tags.updateDeco(update, this.decorations);
    }
  },
  { decorations: (plugin) => plugin.decorations },
);

const frontMatterLine = Decoration.line({ class: 'cm-front-matter' });

function frontMatterDeco(doc: Text): DecorationSet {
  const builder = new RangeSetBuilder<Decoration>();
  if (doc.lines < 2 || doc.line(1).text.trim() !== '---') return builder.finish();
  // The lines the front matter reader takes; while the closing `---` is still to be typed, all of them.
  const front = splitFrontMatter(doc.sliceString(0, Math.min(doc.length, 1_000_000)));
  const last = front ? front.bodyLine - 1 : doc.lines;
  for (let n = 1; n <= Math.min(last, doc.lines); n++) {
    const line = doc.line(n);
    builder.add(line.from, line.from, frontMatterLine);
  }
  return builder.finish();
}

/** Shades the YAML front matter, so the Handlebars body stands apart from the settings. */
export const frontMatter = ViewPlugin.fromClass(
  class {
    decorations: DecorationSet;
    constructor(view: EditorView) {
      this.decorations = frontMatterDeco(view.state.doc);
    }
    update(update: ViewUpdate) {
      if (update.docChanged) this.decorations = frontMatterDeco(update.state.doc);
    }
  },
  { decorations: (plugin) => plugin.decorations },
);

const options = (entries: Record<string, string>, type: string, boost = 0): Completion[] =>
  Object.entries(entries).map(([label, info]) => ({ label, type, info, boost }));

const builtIn = (block: boolean): Record<string, string> =>
  Object.fromEntries(Object.entries(BUILT_IN_HELPERS).flatMap(([name, h]) => (h.block === block ? [[name, h.description]] : [])));
const helperOptions = options({ ...HELPERS, ...builtIn(false) }, 'function', 2);
const blockOptions = options(builtIn(true), 'keyword', 3);
const contextOptions = options(CONTEXT_FIELDS, 'variable', 1);
const factOptions = options(FACT_FIELDS, 'property');

/**
 * The partials a template can include, as the workspace resolves them (the API's `listPartials`:
 * bundled, the user's and extra folders'), offered after `{{>`. The editor reconfigures it when
 * the list arrives.
 */
export const workspacePartials = Facet.define<readonly PartialSummary[], readonly PartialSummary[]>({
  combine: (lists) => lists.flat(),
});

/** Where a partial comes from, beside its name in the list. */
const partialOrigin = (p: PartialSummary): string => {
  const from = p.layer === 'bundled' ? 'bundled' : p.layer === 'user' ? 'yours' : `from ${p.layer.split(/[\\/]/).filter(Boolean).pop() ?? p.layer}`;
  return p.overridesBundled ? `${from}, replaces bundled` : from;
};

const partialOptions = (partials: readonly PartialSummary[]): Completion[] =>
  partials.map((p) => ({ label: p.name, type: 'namespace', detail: partialOrigin(p), ...(p.description ? { info: p.description } : {}) }));

/** Completion inside `{{ … }}`: helpers, fields (`inputs.*` from this template's front matter), partials after `{{> `. */
export function handlebarsCompletion(context: CompletionContext): CompletionResult | null {
  const line = context.state.doc.lineAt(context.pos);
  const before = line.text.slice(0, context.pos - line.from);
  const open = before.lastIndexOf('{{');
  if (open < 0 || before.indexOf('}}', open) >= 0) return null;
  const inside = before.slice(open + 2).replace(/^\{/, '');
  const word = /[\w.@-]*$/.exec(inside)?.[0] ?? '';
  const from = context.pos - word.length;
  const validFor = /^[\w.@-]*$/;

  const partial = /^~?\s*>\s*([\w-]*)$/.exec(inside);
  if (partial) return { from, options: partialOptions(context.state.facet(workspacePartials)), validFor };
  if (/^~?\s*\/\s*[\w]*$/.test(inside)) return { from, options: blockOptions, validFor };

  const inputs: Completion[] = declaredInputs(context.state.doc.toString()).map((key) => ({
    label: `inputs.${key}`,
    type: 'variable',
    info: 'A value the user gives in the form',
    boost: 1,
  }));
  const first = /^~?\s*[#^]?\s*[\w.@-]*$/.test(inside);
  if (first && /^~?\s*#/.test(inside)) return { from, options: [...blockOptions, ...helperOptions], validFor };
  if (!context.explicit && word === '' && !/(\{\{|\(|\s)$/.test(before)) return null;
  const inSubexpression = /\([^)]*$/.test(inside) && /\(\s*[\w-]*$/.test(inside);
  if (inSubexpression) return { from, options: helperOptions, validFor };
  return { from, options: [...helperOptions, ...inputs, ...contextOptions, ...factOptions, { label: 'this', type: 'keyword', info: 'The current item' }], validFor };
}

/** Problems in the edited template file, as diagnostics at their line and column. */
export function problemsToDiagnostics(doc: Text, problems: Problem[]): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const problem of problems) {
    let from = 0;
    let to = Math.min(doc.length, doc.line(1).to);
    if (problem.line !== undefined) {
      const line = doc.line(Math.min(Math.max(1, problem.line), doc.lines));
      from = Math.min(line.to, line.from + Math.max(0, (problem.column ?? 1) - 1));
      const rest = line.text.slice(from - line.from);
      // Underline the tag or word at the place, or the rest of the line.
      const tag = /^\{\{[^}]*\}\}/.exec(rest)?.[0] ?? /^\S+/.exec(rest)?.[0];
      to = tag ? from + tag.length : line.to;
      if (to === from) {
        from = line.from;
        to = line.to;
      }
    }
    const where = problem.line ? `Line ${problem.line}${problem.column ? `, column ${problem.column}` : ''}: ` : '';
    out.push({ from, to, severity: problem.severity, message: `${where}${problem.message}`, source: 'template' });
  }
  return out;
}

/** The editor's look, from the app's CSS variables (so it follows light and dark). */
export const editorTheme: Extension = EditorView.theme({
  '&': { height: '100%', fontSize: '13px', backgroundColor: 'var(--surface)', color: 'var(--text)' },
  '.cm-scroller': { fontFamily: 'var(--font-mono)', lineHeight: '1.55' },
  '.cm-content': { caretColor: 'var(--text)', paddingBlock: '8px' },
  '.cm-cursor, .cm-dropCursor': { borderLeftColor: 'var(--text)' },
  '.cm-gutters': { backgroundColor: 'var(--surface-sunken)', color: 'var(--text-muted)', borderRight: '1px solid var(--border)' },
  '.cm-activeLine': { backgroundColor: 'var(--editor-active-line)' },
  '.cm-activeLineGutter': { backgroundColor: 'var(--editor-active-line)', color: 'var(--text)' },
  '&.cm-focused': { outline: 'none' },
  '&.cm-focused .cm-selectionBackground, .cm-selectionBackground, ::selection': { backgroundColor: 'var(--editor-selection) !important' },
  '.cm-tooltip': { backgroundColor: 'var(--surface-raised)', color: 'var(--text)', border: '1px solid var(--border-strong)', borderRadius: '6px' },
  '.cm-tooltip-autocomplete > ul > li[aria-selected]': { backgroundColor: 'var(--accent)', color: 'var(--on-accent)' },
  '.cm-completionInfo': { maxWidth: '320px', padding: '6px 8px' },
  '.cm-panels': { backgroundColor: 'var(--surface-sunken)', color: 'var(--text)' },
  '.cm-panels-top': { borderBottom: '1px solid var(--border)' },
  '.cm-panels-bottom': { borderTop: '1px solid var(--border)' },
  '.cm-searchMatch': { backgroundColor: 'var(--search-match)', boxShadow: 'inset 0 0 0 1px var(--search-match-edge)', borderRadius: '2px' },
  '.cm-searchMatch.cm-searchMatch-selected': { backgroundColor: 'var(--search-match-current)', outline: '1px solid var(--search-match-outline)' },
  // Go to line (Ctrl/Cmd+Alt+G) is CodeMirror's own small form.
  '.cm-textfield': { backgroundColor: 'var(--surface)', color: 'var(--text)', border: '1px solid var(--border-strong)', borderRadius: '4px', fontSize: '13px' },
  '.cm-button': { backgroundImage: 'none', backgroundColor: 'var(--surface)', color: 'var(--text)', border: '1px solid var(--border-strong)', borderRadius: '4px', fontSize: '13px' },
  '.cm-diagnostic': { padding: '4px 8px' },
});
