// Saved briefs in the page: the bar that names the brief being worked on and whether it is saved
// (New, Open, Save, Save as), the Open dialog (recent briefs first, then every brief of the
// user's folder and the team folders), the Save as dialog (a title, and the file name made from
// it), the question asked before unsaved changes are dropped, and the notice of what changed
// since the brief was last exported.
import { useEffect, useId, useMemo, useRef, useState } from 'react';
import type { ApiResults, BriefListing, ExportChangesView, Problem } from '../../shared/api';
import { api } from '../api';
import { Dialog } from './Dialog';

interface BriefBarProps {
  title: string;
  /** The brief's file name, when it has one. */
  fileName: string;
  dirty: boolean;
  readOnly: boolean;
  onNew: () => void;
  onOpen: () => void;
  onSave: () => void;
  onSaveAs: () => void;
  busy: boolean;
}

export function BriefBar({ title, fileName, dirty, readOnly, onNew, onOpen, onSave, onSaveAs, busy }: BriefBarProps) {
  const status = !fileName ? 'Not saved yet' : dirty ? 'Unsaved changes' : readOnly ? 'Saved in a team folder (read-only)' : 'Saved';
  return (
    <div className="brief-bar" role="group" aria-label="Brief file">
      <div className="brief-bar-name">
        <span className="brief-bar-title" title={fileName || undefined}>
          {title || 'Untitled brief'}
        </span>
        <span className={`brief-bar-status${dirty || !fileName ? ' is-dirty' : ''}`} role="status">
          {status}
          {fileName && <span className="visually-hidden"> ({fileName})</span>}
        </span>
      </div>
      <div className="brief-bar-actions">
        <button type="button" className="button button-small" onClick={onNew} disabled={busy} aria-keyshortcuts="Control+N">
          New
        </button>
        <button type="button" className="button button-small" onClick={onOpen} disabled={busy} aria-keyshortcuts="Control+O">
          Open…
        </button>
        <button type="button" className="button button-small" onClick={onSave} disabled={busy} aria-keyshortcuts="Control+S">
          Save
        </button>
        <button type="button" className="button button-small" onClick={onSaveAs} disabled={busy} aria-keyshortcuts="Control+Shift+S">
          Save as…
        </button>
      </div>
    </div>
  );
}

const when = (iso: string) => {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : date.toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
};

interface OpenBriefDialogProps {
  templateName: (id: string) => string;
  onOpen: (path: string) => void;
  onClose: () => void;
}

export function OpenBriefDialog({ templateName, onOpen, onClose }: OpenBriefDialogProps) {
  const [list, setList] = useState<ApiResults['listBriefs'] | null>(null);
  const [problems, setProblems] = useState<Problem[]>([]);
  useEffect(() => {
    void api.call('listBriefs', {}).then((response) => (response.ok ? setList(response.result) : setProblems(response.problems)));
  }, []);
  const byPath = useMemo(() => new Map((list?.briefs ?? []).map((b) => [b.path, b])), [list]);
  const recent = (list?.recent ?? []).map((p) => byPath.get(p)).filter((b): b is BriefListing => !!b);
  const row = (brief: BriefListing) => (
    <li key={brief.path} className="brief-choice">
      <button type="button" className="brief-choice-button" disabled={!!brief.problem} onClick={() => onOpen(brief.path)} aria-describedby={`${brief.path}-about`}>
        <span className="brief-choice-title">{brief.title}</span>
      </button>
      <span className="brief-choice-about" id={`${brief.path}-about`}>
        {brief.problem ? (
          <span className="text-error">Cannot be opened: {brief.problem}</span>
        ) : (
          <>
            {templateName(brief.template)} · saved {when(brief.modified)}
            {brief.lastExport ? ` · last exported ${when(brief.lastExport)}` : ' · not exported yet'}
            {brief.readOnly ? ` · team folder ${brief.layer}` : ''}
          </>
        )}
      </span>
    </li>
  );
  return (
    <Dialog title="Open a brief" onClose={onClose} className="dialog-briefs" footer={<button type="button" className="button" onClick={onClose}>Cancel</button>}>
      {problems.length > 0 && <p className="notice notice-warning">{problems.map((p) => p.message).join(' ')}</p>}
      {!list && problems.length === 0 && <p>Looking for saved briefs…</p>}
      {list && list.briefs.length === 0 && <p>No brief is saved yet. Save the one you are working on with Save as….</p>}
      {recent.length > 0 && (
        <section aria-labelledby="briefs-recent">
          <h3 id="briefs-recent" className="dialog-section-title">
            Recent
          </h3>
          <ul className="brief-choices">{recent.map(row)}</ul>
        </section>
      )}
      {list && list.briefs.length > 0 && (
        <section aria-labelledby="briefs-all">
          <h3 id="briefs-all" className="dialog-section-title">
            All saved briefs
          </h3>
          <ul className="brief-choices">{list.briefs.map(row)}</ul>
        </section>
      )}
    </Dialog>
  );
}

/** A file name from a title: "Visit to Astana, May 2024" → "visit-to-astana-may-2024". */
function briefNameOf(title: string): string {
  const name = title
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 80)
    .replace(/-+$/, '');
  return name || 'brief';
}

interface SaveBriefDialogProps {
  title: string;
  /** `exists`: another brief has that name; the dialog offers to replace it. */
  onSave: (title: string, name: string, overwrite: boolean) => Promise<{ problems: Problem[]; exists?: boolean }>;
  onClose: () => void;
}

export function SaveBriefDialog({ title: initialTitle, onSave, onClose }: SaveBriefDialogProps) {
  const base = useId();
  const [title, setTitle] = useState(initialTitle);
  const [name, setName] = useState(briefNameOf(initialTitle));
  const [nameTouched, setNameTouched] = useState(false);
  const [problems, setProblems] = useState<Problem[]>([]);
  const [exists, setExists] = useState(false);
  const [saving, setSaving] = useState(false);
  const first = useRef<HTMLInputElement>(null);
  const nameOk = /^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(name);
  const save = async (overwrite: boolean) => {
    if (!title.trim() || !nameOk || saving) return;
    setSaving(true);
    const found = await onSave(title.trim(), name, overwrite);
    setSaving(false);
    setExists(found.exists === true);
    setProblems(found.problems);
  };
  return (
    <Dialog
      title="Save the brief as"
      onClose={onClose}
      initialFocus={first}
      footer={
        <>
          <button type="button" className="button" onClick={onClose}>
            Cancel
          </button>
          {exists ? (
            <button type="button" className="button button-primary" onClick={() => void save(true)} disabled={saving}>
              Replace “{name}”
            </button>
          ) : (
            <button type="submit" form={`${base}-form`} className="button button-primary" disabled={saving || !title.trim() || !nameOk}>
              Save
            </button>
          )}
        </>
      }
    >
      <form
        id={`${base}-form`}
        onSubmit={(event) => {
          event.preventDefault();
          void save(false);
        }}
      >
        <div className="field">
          <label className="field-label" htmlFor={`${base}-title`}>
            Title
          </label>
          <input
            ref={first}
            id={`${base}-title`}
            value={title}
            maxLength={200}
            required
            onChange={(e) => {
              setTitle(e.target.value);
              setExists(false);
              if (!nameTouched) setName(briefNameOf(e.target.value));
            }}
          />
        </div>
        <div className="field">
          <label className="field-label" htmlFor={`${base}-name`}>
            File name
          </label>
          <input
            id={`${base}-name`}
            value={name}
            maxLength={120}
            aria-invalid={!nameOk}
            aria-describedby={`${base}-name-help`}
            onChange={(e) => {
              setName(e.target.value);
              setNameTouched(true);
              setExists(false);
            }}
          />
          <p className="field-help" id={`${base}-name-help`}>
            {nameOk ? `Saved as ${name}.brief.yaml in your briefs folder.` : 'Lower-case letters and digits, words joined by single hyphens.'}
          </p>
        </div>
        {problems.length > 0 && (
          <p className="notice notice-warning" role="alert">
            {problems.map((p) => p.message).join(' ')}
          </p>
        )}
      </form>
    </Dialog>
  );
}

interface UnsavedDialogProps {
  title: string;
  action: string;
  onSave: () => void;
  onDiscard: () => void;
  onClose: () => void;
}

/** Asked before New or Open drops unsaved changes. */
export function UnsavedDialog({ title, action, onSave, onDiscard, onClose }: UnsavedDialogProps) {
  const save = useRef<HTMLButtonElement>(null);
  return (
    <Dialog
      title="Save your changes?"
      onClose={onClose}
      initialFocus={save}
      footer={
        <>
          <button type="button" className="button" onClick={onClose}>
            Cancel
          </button>
          <button type="button" className="button" onClick={onDiscard}>
            Don’t save
          </button>
          <button ref={save} type="button" className="button button-primary" onClick={onSave}>
            Save
          </button>
        </>
      }
    >
      <p>
        “{title || 'Untitled brief'}” has changes that are not saved. Save them before you {action}?
      </p>
    </Dialog>
  );
}

interface ChangesNoticeProps {
  changes: ExportChangesView;
  at: string;
  onDismiss: () => void;
}

export function ChangesNotice({ changes, at, onDismiss }: ChangesNoticeProps) {
  return (
    <div className="notice notice-info changes-notice" role="status">
      <p>
        <strong>Since this brief was last exported</strong> ({when(at)}): {changes.summary}.
      </p>
      <details>
        <summary>What changed</summary>
        <ul className="changes-list">
          {changes.added.map((f) => (
            <li key={`a-${f.id}`}>
              <span className="badge">New</span> {f.statement}
              {f.when ? ` (${f.when})` : ''}
            </li>
          ))}
          {changes.changed.map((f) => (
            <li key={`c-${f.id}`}>
              <span className="badge">Changed</span> {f.statement} — {f.fields.join(', ')}: was “{f.before}”, now “{f.after}”
            </li>
          ))}
          {changes.removed.map((f) => (
            <li key={`r-${f.id}`}>
              <span className="badge">Gone</span> {f.statement}
              {f.when ? ` (${f.when})` : ''}
            </li>
          ))}
        </ul>
      </details>
      <button type="button" className="link-button" onClick={onDismiss}>
        Dismiss
      </button>
    </div>
  );
}
