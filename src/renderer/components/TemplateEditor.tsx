// The template editor: CodeMirror with Markdown and Handlebars, completion (partials as the
// workspace has them), find and replace, problems inline at their line and column, and the paper
// previewed live beside it. Bundled templates are read-only (duplicate one to edit it); the
// user's own can be saved, renamed, deleted or restored. Every change is autosaved as a draft,
// offered back after a crash or a quit.
import { autocompletion, completionKeymap } from '@codemirror/autocomplete';
import { defaultKeymap, history, historyKeymap } from '@codemirror/commands';
import { markdown } from '@codemirror/lang-markdown';
import { bracketMatching, indentOnInput, syntaxHighlighting } from '@codemirror/language';
import { lintGutter, lintKeymap, setDiagnostics } from '@codemirror/lint';
import { searchKeymap } from '@codemirror/search';
import { Compartment, EditorState } from '@codemirror/state';
import { drawSelection, EditorView, highlightActiveLine, highlightActiveLineGutter, highlightSpecialChars, keymap, lineNumbers } from '@codemirror/view';
import { classHighlighter } from '@lezer/highlight';
import { useCallback, useEffect, useId, useImperativeHandle, useMemo, useRef, useState, type Ref } from 'react';
import type { BriefRequestPayload, PartialSummary, Problem, TemplateFile, TemplateSummary } from '../../shared/api';
import { api } from '../api';
import { editorTheme, frontMatter, handlebarsCompletion, handlebarsTags, problemsToDiagnostics, workspacePartials } from '../editor/handlebars';
import { findAndReplace } from '../editor/search';
import { declaredInputs } from '../editor/vocabulary';
import { Dialog } from './Dialog';
import { isOverflowWarning, Preview } from './Preview';
import { ProblemsPanel } from './ProblemsPanel';

export interface TemplateEditorHandle {
  save: () => void;
}

interface TemplateEditorProps {
  templates: TemplateSummary[];
  /** Drafts waiting to be offered back, by template id. */
  drafts: Record<string, string>;
  editingId: string;
  onEdit: (id: string) => void;
  /** Reloads the template list (after a save, duplicate, rename, delete or restore). */
  reloadTemplates: () => Promise<TemplateSummary[]>;
  reloadDrafts: () => void;
  /** The request the live preview makes for a template with these declared inputs. */
  requestFor: (template: TemplateSummary, inputKeys: string[]) => BriefRequestPayload;
  refreshKey: number;
  onSaved: () => void;
  ref?: Ref<TemplateEditorHandle>;
}

type Prompt =
  | { kind: 'restore-draft'; text: string; savedAt: string }
  /** The file changed on disk (a git pull, another editor) while it had unsaved changes here: `disk` is its text now. */
  | { kind: 'changed-on-disk'; disk: TemplateFile }
  | { kind: 'rename' }
  | { kind: 'delete' }
  | { kind: 'restore-original' }
  | null;

type DraftState = { kind: 'none' } | { kind: 'saving' } | { kind: 'saved'; at: string } | { kind: 'failed'; message: string };

const timeOf = (iso: string) => {
  const date = new Date(iso);
  const today = new Date().toDateString() === date.toDateString();
  return today
    ? date.toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit', second: '2-digit' })
    : date.toLocaleString(undefined, { day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit' });
};

const baseName = (path: string) => path.split(/[\\/]/).pop() ?? path;

/** A problem belongs to the edited template when it names the same file. */
const inFile = (problem: Problem, file: TemplateFile | null) =>
  !!file && !!problem.file && (problem.file === file.file || (baseName(problem.file) === baseName(file.file) && (problem.file.endsWith(file.file) || file.file.endsWith(problem.file))));

export function TemplateEditor({ templates, drafts, editingId, onEdit, reloadTemplates, reloadDrafts, requestFor, refreshKey, onSaved, ref }: TemplateEditorProps) {
  const host = useRef<HTMLDivElement>(null);
  const view = useRef<EditorView | null>(null);
  const readOnly = useRef(new Compartment());
  const partialsConfig = useRef(new Compartment());
  const partials = useRef<readonly PartialSummary[]>([]);
  const [file, setFile] = useState<TemplateFile | null>(null);
  const [savedText, setSavedText] = useState('');
  const [text, setText] = useState('');
  const [problems, setProblems] = useState<Problem[]>([]);
  const [saveProblems, setSaveProblems] = useState<Problem[]>([]);
  const [loadProblems, setLoadProblems] = useState<Problem[]>([]);
  const [partialProblems, setPartialProblems] = useState<Problem[]>([]);
  const [draft, setDraft] = useState<DraftState>({ kind: 'none' });
  const [prompt, setPrompt] = useState<Prompt>(null);
  const [busy, setBusy] = useState(false);
  const [status, setStatus] = useState('');
  const [newName, setNewName] = useState('');
  const nameId = useId();

  const summary = templates.find((t) => t.id === editingId);
  const dirty = !!file && !file.readOnly && text !== savedText;

  // --- the CodeMirror view -------------------------------------------------------------
  const onDocChange = useRef<(text: string) => void>(() => {});
  const saveRef = useRef<() => void>(() => {});
  const extensions = useCallback(
    (ro: boolean) => [
      lineNumbers(),
      highlightActiveLineGutter(),
      highlightSpecialChars(),
      history(),
      drawSelection(),
      indentOnInput(),
      bracketMatching(),
      highlightActiveLine(),
      EditorView.lineWrapping,
      markdown(),
      syntaxHighlighting(classHighlighter),
      handlebarsTags,
      frontMatter,
      autocompletion({ override: [handlebarsCompletion], icons: false }),
      partialsConfig.current.of(workspacePartials.of(partials.current)),
      findAndReplace,
      lintGutter(),
      keymap.of([
        {
          key: 'Mod-s',
          preventDefault: true,
          run: () => {
            saveRef.current();
            return true;
          },
        },
        ...completionKeymap,
        ...searchKeymap,
        ...defaultKeymap,
        ...historyKeymap,
        ...lintKeymap,
      ]),
      readOnly.current.of([EditorState.readOnly.of(ro)]),
      // An explicit tabindex lets checkers see the editable content as focusable (it already is).
      EditorView.contentAttributes.of({ 'aria-label': 'Template text', 'aria-describedby': 'editor-keys', tabindex: '0' }),
      editorTheme,
      EditorView.updateListener.of((update) => {
        if (update.docChanged) onDocChange.current(update.state.doc.toString());
      }),
    ],
    [],
  );

  useEffect(() => {
    if (!host.current) return;
    const v = new EditorView({ parent: host.current, state: EditorState.create({ doc: '', extensions: extensions(true) }) });
    view.current = v;
    return () => {
      v.destroy();
      view.current = null;
    };
  }, [extensions]);

  const load = useCallback(
    (next: TemplateFile, body = next.text) => {
      view.current?.setState(EditorState.create({ doc: next.text, extensions: extensions(next.readOnly) }));
      if (body !== next.text) {
        // A restored draft is one undoable change on top of the saved text.
        view.current?.dispatch({ changes: { from: 0, to: view.current.state.doc.length, insert: body } });
      }
      setFile(next);
      setSavedText(next.text);
      setText(body);
      setProblems([]);
      setSaveProblems([]);
      setDraft({ kind: 'none' });
    },
    [extensions],
  );

  // --- opening a template, and offering its draft back -------------------------------------
  useEffect(() => {
    if (!editingId) return;
    let live = true;
    setPrompt(null);
    setLoadProblems([]);
    void Promise.all([api.call('readTemplate', { id: editingId }), api.call('getDraft', { id: editingId })]).then(([read, saved]) => {
      if (!live) return;
      if (!read.ok) {
        setLoadProblems(read.problems);
        return;
      }
      load(read.result);
      if (saved.ok && saved.result && saved.result.text !== read.result.text && !read.result.readOnly) {
        setPrompt({ kind: 'restore-draft', text: saved.result.text, savedAt: saved.result.savedAt });
      }
    });
    return () => {
      live = false;
    };
  }, [editingId, load]);

  // --- the partials completion offers: the workspace's, asked again after a save or new settings ---
  useEffect(() => {
    let live = true;
    void api.call('listPartials', {}).then((response) => {
      if (!live) return;
      setPartialProblems(response.ok ? [] : response.problems);
      if (!response.ok) return;
      // Reconfiguring closes an open completion list: only when the partials did change.
      if (JSON.stringify(response.result) === JSON.stringify(partials.current)) return;
      partials.current = response.result;
      view.current?.dispatch({ effects: partialsConfig.current.reconfigure(workspacePartials.of(response.result)) });
    });
    return () => {
      live = false;
    };
  }, [refreshKey]);

  // --- autosave: a draft about a second after each change ------------------------------------
  useEffect(() => {
    onDocChange.current = setText;
  }, []);
  useEffect(() => {
    if (!file || file.readOnly || prompt?.kind === 'restore-draft') return;
    if (text === savedText) return;
    const timer = setTimeout(() => {
      setDraft({ kind: 'saving' });
      void api.call('saveDraft', { id: file.id, text }).then((response) => {
        if (response.ok) {
          setDraft({ kind: 'saved', at: response.result.savedAt });
          if (!drafts[file.id]) reloadDrafts();
        } else setDraft({ kind: 'failed', message: response.problems.map((p) => p.message).join('; ') });
      });
    }, 1000);
    return () => clearTimeout(timer);
  }, [text, savedText, file, prompt, drafts, reloadDrafts]);

  // --- problems as lint diagnostics -------------------------------------------------------
  const shown = useMemo(
    () => [...loadProblems, ...partialProblems, ...saveProblems, ...problems.filter((p) => !isOverflowWarning(p))],
    [loadProblems, partialProblems, saveProblems, problems],
  );
  useEffect(() => {
    const v = view.current;
    if (!v) return;
    const mine = shown.filter((p) => inFile(p, file));
    v.dispatch(setDiagnostics(v.state, problemsToDiagnostics(v.state.doc, mine)));
  }, [shown, file]);

  const goTo = (problem: Problem) => {
    const v = view.current;
    if (!v || !problem.line) return;
    const line = v.state.doc.line(Math.min(problem.line, v.state.doc.lines));
    const at = Math.min(line.to, line.from + Math.max(0, (problem.column ?? 1) - 1));
    v.dispatch({ selection: { anchor: at }, effects: EditorView.scrollIntoView(at, { y: 'center' }) });
    v.focus();
  };

  // --- the file changing on disk while it is open ------------------------------------------
  // When the workspace's files change (refreshKey), the open template is read again: with no
  // unsaved changes here it simply shows the new text; with some, the user chooses.
  useEffect(() => {
    if (!file || file.readOnly || refreshKey === 0) return;
    let live = true;
    void api.call('readTemplate', { id: file.id }).then((read) => {
      if (!live || !read.ok || read.result.text === savedText) return;
      const current = view.current?.state.doc.toString() ?? text;
      if (current === savedText || current === read.result.text) {
        load(read.result);
        setStatus('The template changed on disk: this is its new text.');
      } else setPrompt({ kind: 'changed-on-disk', disk: read.result });
    });
    return () => {
      live = false;
    };
    // Only a change on disk asks again, not each keystroke: the text and file are read when it comes.
  }, [refreshKey]);

  // --- actions --------------------------------------------------------------------------
  const save = useCallback(async (options: { overDisk?: boolean } = {}): Promise<boolean> => {
    if (!file || file.readOnly) return false;
    const current = view.current?.state.doc.toString() ?? text;
    setBusy(true);
    // Never write over a change made on disk since this text was opened or saved, unasked.
    if (!options.overDisk) {
      const disk = await api.call('readTemplate', { id: file.id });
      if (disk.ok && disk.result.text !== savedText && disk.result.text !== current) {
        setBusy(false);
        setPrompt({ kind: 'changed-on-disk', disk: disk.result });
        return false;
      }
    }
    const response = await api.call('saveTemplate', { id: file.id, text: current });
    setBusy(false);
    if (!response.ok) {
      setSaveProblems(response.problems);
      setStatus('Not saved: see the problems.');
      return false;
    }
    setSaveProblems(response.result.problems);
    setSavedText(current);
    setDraft({ kind: 'none' });
    await api.call('discardDraft', { id: file.id });
    reloadDrafts();
    await reloadTemplates();
    setStatus(`Saved at ${timeOf(new Date().toISOString())}.`);
    onSaved();
    return true;
  }, [file, text, savedText, reloadTemplates, reloadDrafts, onSaved]);

  useEffect(() => {
    saveRef.current = () => void save();
  }, [save]);
  useImperativeHandle(ref, () => ({ save: () => void save() }), [save]);

  const duplicate = async () => {
    if (!summary) return;
    setBusy(true);
    const response = await api.call('duplicateTemplate', { id: summary.id });
    setBusy(false);
    if (!response.ok) return setSaveProblems(response.problems);
    await reloadTemplates();
    setStatus(`Duplicated as “${response.result.name}”: this copy is yours to edit.`);
    onEdit(response.result.id);
  };

  const rename = async () => {
    if (!file || !newName.trim()) return;
    if (dirty && !(await save())) return;
    setBusy(true);
    const response = await api.call('renameTemplate', { id: file.id, name: newName.trim() });
    setBusy(false);
    if (!response.ok) return setSaveProblems(response.problems);
    setPrompt(null);
    await reloadTemplates();
    const reread = await api.call('readTemplate', { id: file.id });
    if (reread.ok) load(reread.result);
    setStatus(`Renamed to “${response.result.name}”.`);
    onSaved();
  };

  const remove = async () => {
    if (!file) return;
    setBusy(true);
    const response = await api.call('deleteTemplate', { id: file.id });
    setBusy(false);
    setPrompt(null);
    if (!response.ok) return setSaveProblems(response.problems);
    await api.call('discardDraft', { id: file.id });
    reloadDrafts();
    const list = await reloadTemplates();
    setStatus(`Deleted “${file.name}”.`);
    onSaved();
    onEdit(list.find((t) => t.id === file.id)?.id ?? list[0]?.id ?? '');
  };

  const restoreOriginal = async () => {
    if (!file) return;
    setBusy(true);
    const response = await api.call('restoreTemplate', { id: file.id });
    setBusy(false);
    setPrompt(null);
    if (!response.ok) return setSaveProblems(response.problems);
    await api.call('discardDraft', { id: file.id });
    reloadDrafts();
    await reloadTemplates();
    const reread = await api.call('readTemplate', { id: file.id });
    if (reread.ok) load(reread.result);
    setStatus('Restored the bundled original.');
    onSaved();
  };

  const restoreDraft = (text: string) => {
    if (!file) return;
    load(file, text);
    setPrompt(null);
    setStatus('Restored your unsaved changes. Save to keep them.');
    view.current?.focus();
  };

  const discardDraft = async () => {
    if (!file) return;
    setPrompt(null);
    await api.call('discardDraft', { id: file.id });
    reloadDrafts();
    setStatus('Discarded the unsaved changes.');
  };

  // --- the live preview -----------------------------------------------------------------
  const inputKeys = useMemo(() => declaredInputs(text), [text]);
  const inputKeysKey = inputKeys.join(',');
  const request = useMemo(
    () => (summary ? requestFor(summary, inputKeysKey ? inputKeysKey.split(',') : []) : null),
    [summary, requestFor, inputKeysKey],
  );

  const bundled = templates.filter((t) => t.readOnly);
  const own = templates.filter((t) => !t.readOnly);
  const draftNote =
    draft.kind === 'saving'
      ? 'Saving draft…'
      : draft.kind === 'saved'
        ? `Draft autosaved at ${timeOf(draft.at)}`
        : draft.kind === 'failed'
          ? `Draft not saved: ${draft.message}`
          : '';

  const listItem = (t: TemplateSummary) => (
    <li key={t.id}>
      <button type="button" className="template-item" aria-current={t.id === editingId ? 'true' : undefined} onClick={() => onEdit(t.id)}>
        <span className="template-item-name">{t.name}</span>
        <span className="template-item-id">
          {t.id}.hbs{t.overridesBundled ? ' · replaces bundled' : ''}
          {drafts[t.id] ? <span className="draft-dot"> · unsaved draft</span> : null}
        </span>
      </button>
    </li>
  );

  return (
    <div className="editor-view">
      <nav className="panel template-list" aria-label="Templates">
        <h2 className="panel-title">Templates</h2>
        <h3 className="list-heading">Bundled (read-only)</h3>
        <ul>{bundled.map(listItem)}</ul>
        <h3 className="list-heading">Your templates</h3>
        {own.length ? <ul>{own.map(listItem)}</ul> : <p className="empty-note">None yet: duplicate a bundled template to make your own.</p>}
      </nav>

      <section className="panel editor-main" aria-label="Template editor">
        <div className="editor-toolbar">
          <div className="editor-title">
            <h2 className="panel-title">{file?.name ?? summary?.name ?? 'Template'}</h2>
            {file && (
              <span className={`badge ${file.readOnly ? 'badge-readonly' : 'badge-user'}`}>{file.readOnly ? 'Bundled · read-only' : 'Your template'}</span>
            )}
            {dirty && <span className="badge badge-dirty">Unsaved changes</span>}
          </div>
          <div className="editor-actions">
            {file?.readOnly ? (
              <button type="button" className="button button-primary" onClick={() => void duplicate()} disabled={busy}>
                Duplicate to edit
              </button>
            ) : (
              file && (
                <>
                  <button type="button" className="button button-primary" onClick={() => void save()} disabled={busy || !dirty} aria-keyshortcuts="Control+S Meta+S">
                    Save
                  </button>
                  <button type="button" className="button" onClick={() => void duplicate()} disabled={busy}>
                    Duplicate
                  </button>
                  <button
                    type="button"
                    className="button"
                    onClick={() => {
                      setNewName(file.name);
                      setPrompt({ kind: 'rename' });
                    }}
                    disabled={busy}
                  >
                    Rename…
                  </button>
                  {summary?.overridesBundled ? (
                    <button type="button" className="button" onClick={() => setPrompt({ kind: 'restore-original' })} disabled={busy}>
                      Restore original…
                    </button>
                  ) : (
                    <button type="button" className="button button-danger" onClick={() => setPrompt({ kind: 'delete' })} disabled={busy}>
                      Delete…
                    </button>
                  )}
                </>
              )
            )}
          </div>
        </div>
        <p className="editor-status" role="status">
          {file?.readOnly ? 'Bundled templates cannot be changed: duplicate this one to make your own copy.' : status}
          {draftNote && <span className="draft-note"> {draftNote}</span>}
        </p>
        <div className="editor-host" ref={host} />
        <p className="editor-keys" id="editor-keys">
          Ctrl+Space completes helpers, fields and partials · Ctrl+F finds and replaces · Ctrl+S saves · Tab leaves the editor
        </p>
        <ProblemsPanel problems={shown} onGo={goTo} canGo={(p) => inFile(p, file)} />
      </section>

      <div className="panel preview-panel">
        <Preview request={file ? request : null} templateText={file ? text : undefined} refreshKey={refreshKey} onProblems={setProblems} />
      </div>

      {prompt?.kind === 'restore-draft' && (
        <Dialog
          title={`Restore unsaved changes from ${timeOf(prompt.savedAt)}?`}
          onClose={() => setPrompt(null)}
          footer={
            <>
              <button type="button" className="button" onClick={() => void discardDraft()}>
                Discard
              </button>
              <button type="button" className="button button-primary" onClick={() => restoreDraft(prompt.text)}>
                Restore
              </button>
            </>
          }
        >
          <p>
            “{file?.name}” has changes that were autosaved but never saved — the app may have closed before you saved them. Restore them to keep
            working, or discard them to keep the saved template.
          </p>
        </Dialog>
      )}
      {prompt?.kind === 'changed-on-disk' && (
        <Dialog
          title={`“${file?.name}” changed on disk`}
          onClose={() => setPrompt(null)}
          footer={
            <>
              <button type="button" className="button" onClick={() => setPrompt(null)}>
                Cancel
              </button>
              <button
                type="button"
                className="button"
                onClick={() => {
                  load(prompt.disk);
                  setPrompt(null);
                  setStatus('Opened the text on disk; your changes were dropped.');
                }}
              >
                Open the file’s text
              </button>
              <button
                type="button"
                className="button button-primary"
                disabled={busy}
                onClick={() => {
                  setPrompt(null);
                  void save({ overDisk: true });
                }}
              >
                Save mine over it
              </button>
            </>
          }
        >
          <p>
            The file was changed outside briefwright (by another editor, or a git pull) since you opened it, and you have unsaved changes here. Save
            yours over it, or open the file’s new text instead (yours stay in the autosaved draft, offered back when you next open the template).
          </p>
        </Dialog>
      )}
      {prompt?.kind === 'rename' && (
        <Dialog
          title="Rename template"
          onClose={() => setPrompt(null)}
          footer={
            <>
              <button type="button" className="button" onClick={() => setPrompt(null)}>
                Cancel
              </button>
              <button type="submit" form={`${nameId}-form`} className="button button-primary" disabled={busy || !newName.trim()}>
                {dirty ? 'Save and rename' : 'Rename'}
              </button>
            </>
          }
        >
          <form
            id={`${nameId}-form`}
            onSubmit={(e) => {
              e.preventDefault();
              void rename();
            }}
          >
            <div className="field">
              <label className="field-label" htmlFor={nameId}>
                Name
              </label>
              <input id={nameId} type="text" value={newName} maxLength={200} onChange={(e) => setNewName(e.target.value)} />
              <p className="field-help">The file keeps its id ({file?.id}).</p>
            </div>
          </form>
        </Dialog>
      )}
      {prompt?.kind === 'delete' && (
        <Dialog
          title={`Delete “${file?.name}”?`}
          onClose={() => setPrompt(null)}
          footer={
            <>
              <button type="button" className="button" onClick={() => setPrompt(null)}>
                Cancel
              </button>
              <button type="button" className="button button-danger" onClick={() => void remove()} disabled={busy}>
                Delete
              </button>
            </>
          }
        >
          <p>The template file is removed from your templates folder. This cannot be undone.</p>
        </Dialog>
      )}
      {prompt?.kind === 'restore-original' && (
        <Dialog
          title="Restore the bundled original?"
          onClose={() => setPrompt(null)}
          footer={
            <>
              <button type="button" className="button" onClick={() => setPrompt(null)}>
                Cancel
              </button>
              <button type="button" className="button button-danger" onClick={() => void restoreOriginal()} disabled={busy}>
                Restore original
              </button>
            </>
          }
        >
          <p>Your version of “{file?.name}” is replaced by the bundled one. Your changes are lost.</p>
        </Dialog>
      )}
    </div>
  );
}
