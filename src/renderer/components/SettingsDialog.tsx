// Settings: who the papers are by, the default handling marking, how dates and numbers read,
// extra workspace folders, and (read-only) where the user's own templates live.
import { useEffect, useId, useState } from 'react';
import type { ApiResults, HouseStyleView, Problem, Settings } from '../../shared/api';
import { api } from '../api';
import { Dialog } from './Dialog';

const LOCALE_IDS: [id: string, name: string][] = [
  ['en-GB', 'English (United Kingdom)'],
  ['en-US', 'English (United States)'],
  ['fr-FR', 'Français (France)'],
  ['de-DE', 'Deutsch (Deutschland)'],
  ['ru-RU', 'Русский (Россия)'],
  ['kk-KZ', 'Қазақ тілі (Қазақстан)'],
  ['zh-CN', '中文（中国）'],
];

/** "English (United Kingdom) — 20 May 2024 · 19,885.5": how the locale prints, by example. */
function localeLabel(id: string, name: string): string {
  try {
    const date = new Intl.DateTimeFormat(id, { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }).format(new Date(Date.UTC(2024, 4, 20)));
    const number = new Intl.NumberFormat(id).format(19885.5);
    return `${name} — ${date} · ${number}`;
  } catch {
    return name;
  }
}
const LOCALES = LOCALE_IDS.map(([id, name]) => ({ id, label: localeLabel(id, name) }));
const MARKINGS = ['OFFICIAL', 'OFFICIAL-SENSITIVE', 'RESTRICTED', 'DRAFT'];

interface SettingsDialogProps {
  onClose: () => void;
  onSaved: (settings: ApiResults['saveSettings']) => void;
  /** Changes when the workspace's files were read again: the house style shown is asked again. */
  refreshKey?: number;
}

export function SettingsDialog({ onClose, onSaved, refreshKey = 0 }: SettingsDialogProps) {
  const base = useId();
  const [loaded, setLoaded] = useState<ApiResults['getSettings'] | null>(null);
  const [houseStyle, setHouseStyle] = useState<HouseStyleView | null>(null);
  const [form, setForm] = useState<Settings | null>(null);
  const [newFolder, setNewFolder] = useState('');
  const [problems, setProblems] = useState<Problem[]>([]);
  const [saving, setSaving] = useState(false);

  useEffect(() => {
    void api.call('getSettings', {}).then((response) => {
      if (!response.ok) return setProblems(response.problems);
      setLoaded(response.result);
      const { userFolder: _folder, ...settings } = response.result;
      setForm(settings);
    });
  }, []);

  // The workspace's style, shown when it can be read (the settings do not wait for it), and again
  // when its files change on disk while the dialog is open.
  useEffect(() => {
    let live = true;
    void api.call('houseStyle', {}).then((response) => live && response.ok && setHouseStyle(response.result));
    return () => {
      live = false;
    };
  }, [refreshKey]);

  const set = <K extends keyof Settings>(key: K, value: Settings[K]) => setForm((f) => (f ? { ...f, [key]: value } : f));

  const addFolder = () => {
    const path = newFolder.trim();
    if (!path || !form || form.extraFolders.includes(path)) return;
    set('extraFolders', [...form.extraFolders, path]);
    setNewFolder('');
  };

  const save = async (event: React.FormEvent) => {
    event.preventDefault();
    if (!form) return;
    setSaving(true);
    const response = await api.call('saveSettings', form);
    setSaving(false);
    if (!response.ok) return setProblems(response.problems);
    onSaved(response.result);
    onClose();
  };

  const locales = form && !LOCALES.some((l) => l.id === form.locale) ? [...LOCALES, { id: form.locale, label: form.locale }] : LOCALES;

  return (
    <Dialog
      title="Settings"
      onClose={onClose}
      className="settings-dialog"
      footer={
        <>
          <button type="button" className="button" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" form={`${base}-form`} className="button button-primary" disabled={!form || saving}>
            {saving ? 'Saving…' : 'Save settings'}
          </button>
        </>
      }
    >
      {!form && problems.length === 0 && <p className="field-help">Loading settings…</p>}
      {form && (
        <form id={`${base}-form`} className="settings-form" onSubmit={(e) => void save(e)}>
          <div className="field">
            <label className="field-label" htmlFor={`${base}-author`}>
              Author name
            </label>
            <input id={`${base}-author`} type="text" value={form.author} maxLength={200} autoComplete="name" onChange={(e) => set('author', e.target.value)} />
          </div>
          <div className="field">
            <label className="field-label" htmlFor={`${base}-org`}>
              Organisation
            </label>
            <input id={`${base}-org`} type="text" value={form.organisation} maxLength={200} autoComplete="organization" onChange={(e) => set('organisation', e.target.value)} />
          </div>
          <div className="field">
            <label className="field-label" htmlFor={`${base}-marking`}>
              Default handling marking
            </label>
            <input
              id={`${base}-marking`}
              type="text"
              list={`${base}-markings`}
              value={form.marking}
              maxLength={60}
              aria-describedby={`${base}-marking-help`}
              onChange={(e) => set('marking', e.target.value)}
            />
            <datalist id={`${base}-markings`}>
              {MARKINGS.map((m) => (
                <option key={m} value={m} />
              ))}
            </datalist>
            <p className="field-help" id={`${base}-marking-help`}>
              Used when a template does not ask for a marking.
            </p>
          </div>
          <div className="field">
            <label className="field-label" htmlFor={`${base}-locale`}>
              Date and number format
            </label>
            <select id={`${base}-locale`} value={form.locale} onChange={(e) => set('locale', e.target.value)}>
              {locales.map((l) => (
                <option key={l.id} value={l.id}>
                  {l.label}
                </option>
              ))}
            </select>
          </div>
          <BudgetField
            id={`${base}-pages`}
            label="Page budget"
            most={100_000}
            fallback={500}
            value={form.pageBudget}
            onChange={(pages) => setForm((f) => f && withBudget(f, 'pageBudget', pages))}
            help="A paper that would run past this many pages is stopped before it is laid out (empty: 500)."
          />
          <BudgetField
            id={`${base}-seconds`}
            label="Time budget (seconds)"
            most={3_600}
            fallback={60}
            value={form.timeBudget}
            onChange={(seconds) => setForm((f) => f && withBudget(f, 'timeBudget', seconds))}
            help="A paper still being made after this many seconds is stopped, and the app says so (empty: 60)."
          />
          <fieldset className="field">
            <legend className="field-label">Extra workspace folders</legend>
            <p className="field-help">Folders of facts, sources and templates layered over the bundled workspace.</p>
            {form.extraFolders.length === 0 ? (
              <p className="empty-note">None.</p>
            ) : (
              <ul className="folder-list">
                {form.extraFolders.map((folder) => (
                  <li key={folder}>
                    <code>{folder}</code>
                    <button
                      type="button"
                      className="link-button"
                      aria-label={`Remove ${folder}`}
                      onClick={() =>
                        set(
                          'extraFolders',
                          form.extraFolders.filter((f) => f !== folder),
                        )
                      }
                    >
                      Remove
                    </button>
                  </li>
                ))}
              </ul>
            )}
            <div className="inline-add">
              <label className="visually-hidden" htmlFor={`${base}-folder`}>
                Folder to add
              </label>
              <input
                id={`${base}-folder`}
                type="text"
                placeholder="/path/to/team-facts"
                value={newFolder}
                onChange={(e) => setNewFolder(e.target.value)}
                onKeyDown={(e) => {
                  if (e.key === 'Enter') {
                    e.preventDefault();
                    addFolder();
                  }
                }}
              />
              <button type="button" className="button" onClick={addFolder} disabled={!newFolder.trim()}>
                Add folder
              </button>
            </div>
          </fieldset>
          <div className="field">
            <label className="field-label" htmlFor={`${base}-user`}>
              Your templates and facts live in
            </label>
            <input id={`${base}-user`} type="text" readOnly value={loaded?.userFolder ?? ''} className="read-only" />
          </div>
          {houseStyle && <HouseStyle style={houseStyle} />}
        </form>
      )}
      {problems.length > 0 && (
        <ul className="field-error" role="alert">
          {problems.map((p, i) => (
            <li key={i}>{p.message}</li>
          ))}
        </ul>
      )}
    </Dialog>
  );
}

/** Which house style the papers wear, and its colours: set in a workspace's style.yaml, not here. */
function HouseStyle({ style }: { style: HouseStyleView }) {
  return (
    <section className="field house-style" aria-labelledby="house-style-title">
      <h3 className="field-label" id="house-style-title">
        House style
      </h3>
      {style.files.length === 0 && !style.reference ? (
        <p className="field-help">
          briefwright’s own. A workspace folder can set its organisation’s name, logo, colours and fonts in a style.yaml file, and the Word styles of the DOCX with a reference.docx.
        </p>
      ) : (
        <>
          {style.files.length > 0 && <p className="field-help">From {style.files.join(', then ')}.</p>}
          {style.reference && <WordStyles reference={style.reference} />}
          {style.organisation && (
            <p className="field-help">
              Organisation: <strong>{style.organisation}</strong> (where your settings give none)
            </p>
          )}
          {style.logo && (
            <figure className="house-style-logo">
              <img src={style.logo.picture} alt={style.logo.alt} />
              <figcaption className="field-help">
                Logo {style.logo.file}, {style.logo.placement === 'header' ? 'in the header of every page' : 'at the head of the cover'}
              </figcaption>
            </figure>
          )}
          {style.markingPosition && <p className="field-help">Marking: {style.markingPosition === 'both' ? 'in the header and the footer' : `in the ${style.markingPosition} only`}</p>}
          {style.fonts && <HouseFonts fonts={style.fonts} fallbacks={style.fallbacks ?? []} />}
          <ul className="house-style-colours">
            {style.colours.map((c) => (
              <li key={c.role}>
                <span className="swatch" style={{ background: c.colour }} aria-hidden="true" />
                <span>
                  <strong>{c.role}</strong> {c.colour}: {c.what}
                </span>
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}

/** The font of each role, with a line set in it where the house gives the font, and the fallback fonts by script. */
function HouseFonts({ fonts, fallbacks }: { fonts: NonNullable<HouseStyleView['fonts']>; fallbacks: NonNullable<HouseStyleView['fallbacks']> }) {
  return (
    <ul className="field-help house-style-fonts" aria-label="Fonts">
      {fonts.map((f) => (
        <li key={f.role}>
          <span>
            <strong>{f.role}</strong> {f.name} {f.file ? `(${f.file})` : '(shipped with briefwright)'}: {f.what}
          </span>
          {f.sample && <FontSample role={f.role} url={f.sample} />}
        </li>
      ))}
      {fallbacks.map((f) => (
        <li key={f.script}>
          <span>
            <strong>{f.script}</strong> {f.name} ({f.file}): characters of this script the fonts above cannot draw
          </span>
        </li>
      ))}
    </ul>
  );
}

/** A line set in a house font, loaded from its data: URL under a name of its own (shown once it has loaded). */
function FontSample({ role, url }: { role: string; url: string }) {
  const family = `house-sample-${role}`;
  const [ready, setReady] = useState(false);
  useEffect(() => {
    let live = true;
    const face = new FontFace(family, `url(${url})`);
    face
      .load()
      .then((loaded) => {
        document.fonts.add(loaded);
        if (live) setReady(true);
      })
      .catch(() => undefined);
    return () => {
      live = false;
      document.fonts.delete(face);
    };
  }, [family, url]);
  if (!ready) return null;
  return (
    <span className="font-sample" style={{ fontFamily: `'${family}', serif` }}>
      Visit of the Foreign Minister to Astana: trade reached $41 billion in 2023.
    </span>
  );
}

/** The Word template in force: which file, which of the usual styles it gives, and the table style the tables wear. */
function WordStyles({ reference }: { reference: NonNullable<HouseStyleView['reference']> }) {
  return (
    <p className="field-help house-style-reference">
      Word styles of the DOCX: from <strong>{reference.file}</strong>
      {reference.styles.length > 0 ? ` (${reference.styles.join(', ')}` : ' (none of Normal, Title, Heading 1–3, List Bullet or Footnote Text'}
      {reference.tableStyle ? `; tables in its “${reference.tableStyle}” style)` : '; tables in briefwright’s table style)'}. Styles it does not have are briefwright’s, in its fonts.
    </p>
  );
}

/** The settings with a budget set, or removed (the host's default) when the field is empty or not a whole number. */
function withBudget<F extends Partial<Record<'pageBudget' | 'timeBudget', number>>>(form: F, key: 'pageBudget' | 'timeBudget', value: number | undefined): F {
  const { [key]: _previous, ...rest } = form;
  return (value === undefined ? rest : { ...rest, [key]: value }) as F;
}

/** A whole-number budget: empty means the default shown as its placeholder. */
function BudgetField(props: { id: string; label: string; most: number; fallback: number; value: number | undefined; onChange: (value: number | undefined) => void; help: string }) {
  return (
    <div className="field">
      <label className="field-label" htmlFor={props.id}>
        {props.label}
      </label>
      <input
        id={props.id}
        type="number"
        min={1}
        max={props.most}
        step={1}
        inputMode="numeric"
        placeholder={String(props.fallback)}
        value={props.value ?? ''}
        aria-describedby={`${props.id}-help`}
        onChange={(e) => {
          const value = e.target.valueAsNumber;
          props.onChange(Number.isInteger(value) && value >= 1 ? Math.min(value, props.most) : undefined);
        }}
      />
      <p className="field-help" id={`${props.id}-help`}>
        {props.help}
      </p>
    </div>
  );
}
