// Find and replace in the template editor. @codemirror/search owns the query, the commands, the
// keys (Ctrl/Cmd+F, Enter and F3 for the next match, Escape) and the match highlighting; the
// panel is ours, so that it reads like the rest of the app: labelled fields, the app's buttons
// and check boxes, and a count of the matches ("2 of 7") that also says when there are none.
import {
  closeSearchPanel,
  findNext,
  findPrevious,
  getSearchQuery,
  replaceAll,
  replaceNext,
  search,
  SearchQuery,
  selectMatches,
  setSearchQuery,
} from '@codemirror/search';
import type { EditorState, Extension } from '@codemirror/state';
import { runScopeHandlers, type EditorView, type Panel, type ViewUpdate } from '@codemirror/view';

/** Counting stops here: a count of "10,000+" says enough, and a huge template stays quick to type in. */
const MAX_COUNTED = 10_000;

interface Count {
  total: number;
  /** 1-based index of the match that is selected; 0 when the selection is not a match. */
  current: number;
  more: boolean;
}

function countMatches(state: EditorState, query: SearchQuery): Count {
  const { from, to } = state.selection.main;
  const cursor = query.getCursor(state);
  let total = 0;
  let current = 0;
  for (let match = cursor.next(); !match.done; match = cursor.next()) {
    total++;
    if (match.value.from === from && match.value.to === to) current = total;
    if (total === MAX_COUNTED) return { total, current, more: !cursor.next().done };
  }
  return { total, current, more: false };
}

/** What the count beside the field says. */
function countText(query: SearchQuery, count: Count | undefined): string {
  if (!query.search) return '';
  if (!query.valid || !count) return 'Not a valid regular expression';
  if (count.total === 0) return 'No matches';
  const total = `${count.total.toLocaleString('en')}${count.more ? '+' : ''}`;
  if (count.current > 0) return `${count.current.toLocaleString('en')} of ${total}`;
  return count.total === 1 && !count.more ? '1 match' : `${total} matches`;
}

let panels = 0;

function element<K extends keyof HTMLElementTagNameMap>(tag: K, attributes: Record<string, string>, ...children: (Node | string)[]): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, value);
  node.append(...children);
  return node;
}

class FindPanel implements Panel {
  readonly dom: HTMLElement;
  readonly top = true;
  private query: SearchQuery;
  private readonly find: HTMLInputElement;
  private readonly replace: HTMLInputElement;
  private readonly matchCase: HTMLInputElement;
  private readonly wholeWord: HTMLInputElement;
  private readonly regexp: HTMLInputElement;
  private readonly count: HTMLElement;

  constructor(private readonly view: EditorView) {
    const id = `find-${++panels}`;
    this.query = getSearchQuery(view.state);
    const field = (name: string, label: string, extra: Record<string, string> = {}) =>
      element('input', { type: 'text', name, 'aria-label': label, placeholder: label, class: 'editor-find-field', spellcheck: 'false', autocomplete: 'off', ...extra });
    const button = (name: string, label: string, run: (view: EditorView) => boolean, keys?: string) => {
      const b = element('button', { type: 'button', name, class: 'button', ...(keys ? { 'aria-keyshortcuts': keys } : {}) }, label);
      b.addEventListener('click', () => run(view));
      return b;
    };
    const option = (name: string, label: string) => {
      const box = element('input', { type: 'checkbox', name });
      return { box, label: element('label', { class: 'check' }, box, element('span', {}, label)) };
    };

    // The count is the find field's description, and a polite status: "No matches" is heard too.
    this.find = field('search', 'Find', { 'main-field': 'true', 'aria-describedby': `${id}-count`, 'aria-keyshortcuts': 'Enter Shift+Enter' });
    this.count = element('span', { id: `${id}-count`, class: 'editor-find-count', role: 'status' });
    this.replace = field('replace', 'Replace with', { 'aria-keyshortcuts': 'Enter Control+Alt+Enter Meta+Alt+Enter' });
    const matchCase = option('case', 'Match case');
    const wholeWord = option('word', 'Whole word');
    const regexp = option('regexp', 'Regular expression');
    this.matchCase = matchCase.box;
    this.wholeWord = wholeWord.box;
    this.regexp = regexp.box;
    const close = element('button', { type: 'button', name: 'close', class: 'icon-button editor-find-close', 'aria-label': 'Close find and replace', title: 'Close (Escape)', 'aria-keyshortcuts': 'Escape' }, '×');
    close.addEventListener('click', () => closeSearchPanel(view));

    this.dom = element(
      'div',
      { class: 'editor-find', role: 'search', 'aria-label': 'Find and replace in the template' },
      element(
        'div',
        { class: 'editor-find-row' },
        element('div', { class: 'editor-find-query' }, this.find, this.count),
        element(
          'div',
          { class: 'editor-find-buttons' },
          button('prev', 'Previous', findPrevious, 'Shift+Enter Shift+F3'),
          button('next', 'Next', findNext, 'Enter F3'),
          button('select', 'Select all', selectMatches),
        ),
      ),
      // A read-only (bundled) template can be searched, not changed.
      ...(view.state.readOnly
        ? []
        : [
            element(
              'div',
              { class: 'editor-find-row' },
              this.replace,
              element(
                'div',
                { class: 'editor-find-buttons' },
                button('replace', 'Replace', replaceNext),
                button('replaceAll', 'Replace all', replaceAll, 'Control+Alt+Enter Meta+Alt+Enter'),
              ),
            ),
          ]),
      element('div', { class: 'editor-find-options' }, matchCase.label, wholeWord.label, regexp.label),
      close,
    );

    for (const input of [this.find, this.replace]) input.addEventListener('input', () => this.commit());
    for (const box of [this.matchCase, this.wholeWord, this.regexp]) box.addEventListener('change', () => this.commit());
    this.dom.addEventListener('keydown', (event) => this.keydown(event));
    this.show(this.query);
  }

  mount(): void {
    this.find.select();
  }

  update(update: ViewUpdate): void {
    for (const transaction of update.transactions) {
      for (const effect of transaction.effects) {
        if (effect.is(setSearchQuery) && !effect.value.eq(this.query)) this.show(effect.value);
      }
    }
    if (update.docChanged || update.selectionSet) this.recount();
  }

  /** The fields as the query says (it changes from outside when Ctrl+F picks up the selection). */
  private show(query: SearchQuery): void {
    this.query = query;
    this.find.value = query.search;
    this.replace.value = query.replace;
    this.matchCase.checked = query.caseSensitive;
    this.wholeWord.checked = query.wholeWord;
    this.regexp.checked = query.regexp;
    this.recount();
  }

  private commit(): void {
    const query = new SearchQuery({
      search: this.find.value,
      replace: this.replace.value,
      caseSensitive: this.matchCase.checked,
      wholeWord: this.wholeWord.checked,
      regexp: this.regexp.checked,
      literal: this.query.literal,
    });
    if (query.eq(this.query)) return;
    this.query = query;
    this.view.dispatch({ effects: setSearchQuery.of(query) });
    this.recount();
  }

  private recount(): void {
    const query = this.query;
    const count = query.valid ? countMatches(this.view.state, query) : undefined;
    const text = countText(query, count);
    if (this.count.textContent !== text) this.count.textContent = text;
    const nothing = !!query.search && (!count || count.total === 0);
    if (nothing) this.find.setAttribute('aria-invalid', 'true');
    else this.find.removeAttribute('aria-invalid');
  }

  private keydown(event: KeyboardEvent): void {
    // Ctrl/Cmd+F, F3, Ctrl/Cmd+G and Escape work in the panel as in the text.
    if (runScopeHandlers(this.view, event, 'search-panel')) {
      event.preventDefault();
      return;
    }
    if (event.key !== 'Enter' || event.isComposing) return;
    if (event.target === this.find) {
      event.preventDefault();
      (event.shiftKey ? findPrevious : findNext)(this.view);
    } else if (event.target === this.replace) {
      event.preventDefault();
      ((event.ctrlKey || event.metaKey) && event.altKey ? replaceAll : replaceNext)(this.view);
    }
  }
}

/** Find and replace, its panel at the top of the editor (the keys are in @codemirror/search's `searchKeymap`). */
export const findAndReplace: Extension = search({ top: true, createPanel: (view) => new FindPanel(view) });
