// The main window: the Brief view (controls | facts | preview) and the Templates view (the
// editor), with settings in a dialog. Holds the user's selection — template, topics, dates,
// inputs, facts left out — and turns it into the request every panel works from.
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { ApiResults, BriefRequestPayload, FactQueryPayload, FactSummary, Problem, TemplateSummary } from '../shared/api';
import { APP_FORMATS, exportMenuAction, type AppFormatId } from '../shared/formats';
import { api } from './api';
import { DateRange, rangeIsUsable } from './components/DateRange';
import { ExportBar, type ExportBarHandle } from './components/ExportBar';
import { FactList } from './components/FactList';
import { formValues, InputsForm, inputsAreUsable, inputValues, isInputFormValues, type InputFormValues } from './components/InputsForm';
import { isOverflowWarning, Preview } from './components/Preview';
import { ProblemsPanel } from './components/ProblemsPanel';
import { SettingsDialog } from './components/SettingsDialog';
import { SourcePanel } from './components/SourcePanel';
import { TemplateEditor, type TemplateEditorHandle } from './components/TemplateEditor';
import { TemplatePicker } from './components/TemplatePicker';
import { TopicPicker } from './components/TopicPicker';
import { useDebouncedValue } from './hooks/useDebouncedValue';
import { useStoredState } from './hooks/useStoredState';

type Topic = ApiResults['listTopics'][number];
type Entity = ApiResults['listEntities'][number];

interface BriefState {
  template: string;
  topics: string[];
  from: string;
  to: string;
  /** What the user typed in each template's form, per template id (lists one item per line, rows as rows). */
  inputs: Record<string, InputFormValues>;
  exclude: string[];
  entity: string;
  search: string;
}

interface UiState {
  view: 'brief' | 'templates';
  editing: string;
  factsOpen: boolean;
}

const PREFERRED_TEMPLATE = 'pre-visit-brief';
const emptyBrief = (): BriefState => ({ template: '', topics: [], from: '', to: '', inputs: {}, exclude: [], entity: '', search: '' });
const isBrief = (v: unknown): v is BriefState => {
  const b = v as BriefState | null;
  return (
    !!b &&
    typeof b.template === 'string' &&
    Array.isArray(b.topics) &&
    typeof b.from === 'string' &&
    typeof b.to === 'string' &&
    typeof b.inputs === 'object' &&
    b.inputs !== null &&
    Object.values(b.inputs).every(isInputFormValues) &&
    Array.isArray(b.exclude)
  );
};
const isUi = (v: unknown): v is UiState => {
  const u = v as UiState | null;
  return !!u && (u.view === 'brief' || u.view === 'templates') && typeof u.editing === 'string';
};

export function App() {
  const [templates, setTemplates] = useState<TemplateSummary[]>([]);
  const [workspaceProblems, setWorkspaceProblems] = useState<Problem[]>([]);
  const [topics, setTopics] = useState<Topic[]>([]);
  const [entities, setEntities] = useState<Entity[]>([]);
  const [loadProblems, setLoadProblems] = useState<Problem[]>([]);
  const [loaded, setLoaded] = useState(false);
  const [brief, setBrief] = useStoredState<BriefState>('briefwright.brief', emptyBrief, isBrief);
  const [ui, setUi] = useStoredState<UiState>('briefwright.ui', () => ({ view: 'brief', editing: '', factsOpen: true }), isUi);
  const [previewProblems, setPreviewProblems] = useState<Problem[]>([]);
  const [exportProblems, setExportProblems] = useState<Problem[]>([]);
  const [openFact, setOpenFact] = useState<FactSummary | null>(null);
  const [settingsOpen, setSettingsOpen] = useState(false);
  const [refreshKey, setRefreshKey] = useState(0);
  const [drafts, setDrafts] = useState<Record<string, string>>({});
  const exportBar = useRef<ExportBarHandle>(null);
  const editor = useRef<TemplateEditorHandle>(null);

  // --- what the workspace offers ---------------------------------------------------------
  const reloadTemplates = useCallback(async (): Promise<TemplateSummary[]> => {
    const response = await api.call('listTemplates', {});
    if (!response.ok) {
      setLoadProblems(response.problems);
      return [];
    }
    setTemplates(response.result.templates);
    setWorkspaceProblems(response.result.problems);
    return response.result.templates;
  }, []);

  const reloadDrafts = useCallback(() => {
    void api.call('listDrafts', {}).then((response) => {
      if (response.ok) setDrafts(Object.fromEntries(response.result.map((d) => [d.id, d.savedAt])));
    });
  }, []);

  useEffect(() => {
    void (async () => {
      const [list, topicList, entityList] = await Promise.all([reloadTemplates(), api.call('listTopics', {}), api.call('listEntities', {})]);
      const problems: Problem[] = [];
      if (topicList.ok) setTopics(topicList.result);
      else problems.push(...topicList.problems);
      if (entityList.ok) setEntities(entityList.result);
      else problems.push(...entityList.problems);
      setLoadProblems((p) => [...p, ...problems]);
      setBrief((b) => {
        if (list.some((t) => t.id === b.template)) return b;
        const first = list.find((t) => t.id === PREFERRED_TEMPLATE) ?? list[0];
        return first ? { ...b, template: first.id, topics: first.defaults.topics, from: first.defaults.from ?? '', to: first.defaults.to ?? '' } : b;
      });
      setUi((u) => (list.some((t) => t.id === u.editing) ? u : { ...u, editing: list.find((t) => t.id === PREFERRED_TEMPLATE)?.id ?? list[0]?.id ?? '' }));
      setLoaded(true);
    })();
    reloadDrafts();
  }, [reloadTemplates, reloadDrafts, setBrief, setUi]);

  const summary = templates.find((t) => t.id === brief.template);
  const topicOrder = useCallback((ids: string[]) => topics.filter((t) => ids.includes(t.id)).map((t) => t.id), [topics]);

  // --- the user's selection ---------------------------------------------------------------
  const chooseTemplate = (id: string) => {
    const next = templates.find((t) => t.id === id);
    if (!next) return;
    setBrief((b) => {
      let chosen = b.topics.length ? b.topics : next.defaults.topics;
      if (next.topicsMode === 'one' && chosen.length !== 1) {
        chosen = [chosen.find((t) => next.defaults.topics.includes(t)) ?? chosen[0] ?? next.defaults.topics[0] ?? topics[0]?.id ?? ''].filter(Boolean);
      }
      return { ...b, template: id, topics: chosen };
    });
  };

  const formFor = useCallback((template: TemplateSummary): InputFormValues => formValues(template.inputs, brief.inputs[template.id]), [brief.inputs]);
  const form = summary ? formFor(summary) : {};

  const excluded = useMemo(() => new Set(brief.exclude), [brief.exclude]);
  const toggleFact = useCallback(
    (id: string, include: boolean) =>
      setBrief((b) => ({ ...b, exclude: include ? b.exclude.filter((x) => x !== id) : b.exclude.includes(id) ? b.exclude : [...b.exclude, id] })),
    [setBrief],
  );

  const rangeOk = rangeIsUsable(brief.from, brief.to);
  const lastRange = useRef({ from: '', to: '' });
  if (rangeOk) lastRange.current = { from: brief.from.trim(), to: brief.to.trim() };
  const range = lastRange.current;

  const heldReason = !summary
    ? 'Choose a template'
    : brief.topics.length === 0
      ? 'Choose at least one topic to make the paper'
      : summary.topicsMode === 'one' && brief.topics.length !== 1
        ? 'Choose exactly one topic'
        : !rangeOk
          ? 'Held until the dates are fixed'
          : !inputsAreUsable(summary.inputs, form)
            ? 'Held until the form is fixed'
            : undefined;

  const request = useMemo<BriefRequestPayload | null>(() => {
    if (!summary || heldReason) return null;
    return {
      template: summary.id,
      topics: topicOrder(brief.topics),
      ...(range.from ? { from: range.from } : {}),
      ...(range.to ? { to: range.to } : {}),
      inputs: inputValues(summary.inputs, formFor(summary)),
      exclude: brief.exclude,
    };
  }, [summary, heldReason, topicOrder, brief.topics, brief.exclude, range.from, range.to, formFor]);

  /** The editor's live preview: the brief's selection, fitted to the template being edited. */
  const requestFor = useCallback(
    (template: TemplateSummary, inputKeys: string[]): BriefRequestPayload => {
      let chosen = brief.topics.length ? topicOrder(brief.topics) : template.defaults.topics;
      if (template.topicsMode === 'one' && chosen.length !== 1) chosen = template.defaults.topics.slice(0, 1).length ? template.defaults.topics.slice(0, 1) : chosen.slice(0, 1);
      const values = formFor(template);
      const declared = template.inputs.filter((i) => inputKeys.includes(i.key));
      return {
        template: template.id,
        topics: chosen,
        ...(range.from ? { from: range.from } : {}),
        ...(range.to ? { to: range.to } : {}),
        inputs: inputValues(declared, values),
        exclude: brief.exclude,
      };
    },
    [brief.topics, brief.exclude, topicOrder, formFor, range.from, range.to],
  );

  const search = useDebouncedValue(brief.search.trim(), 200);
  const factQuery = useMemo<FactQueryPayload>(
    () => ({
      topics: topicOrder(brief.topics),
      ...(range.from ? { from: range.from } : {}),
      ...(range.to ? { to: range.to } : {}),
      ...(brief.entity ? { entities: [brief.entity] } : {}),
      ...(search ? { text: search.slice(0, 500) } : {}),
    }),
    [brief.topics, brief.entity, search, range.from, range.to, topicOrder],
  );

  // --- views, menu and shortcuts -------------------------------------------------------------
  const setView = (view: UiState['view']) => setUi((u) => ({ ...u, view }));
  const editTemplate = useCallback((id: string) => setUi((u) => ({ ...u, view: 'templates', editing: id })), [setUi]);

  // The desktop app's File menu: Export PDF, Export DOCX, … act on the Brief view's paper (the
  // view is opened first if the editor is showing).
  const [menuExport, setMenuExport] = useState<AppFormatId | null>(null);
  useEffect(
    () =>
      api.onMenu((action) => {
        setUi((u) => ({ ...u, view: 'brief' }));
        setMenuExport(APP_FORMATS.find((format) => exportMenuAction(format) === action) ?? null);
      }),
    [setUi],
  );
  useEffect(() => {
    if (!menuExport || !exportBar.current) return;
    exportBar.current.exportAs(menuExport);
    setMenuExport(null);
  }, [menuExport, ui.view, loaded]);

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if ((event.ctrlKey || event.metaKey) && event.key.toLowerCase() === 's') {
        event.preventDefault();
        if (ui.view === 'templates') editor.current?.save();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [ui.view]);

  const onTabKey = (event: React.KeyboardEvent<HTMLDivElement>) => {
    if (event.key !== 'ArrowRight' && event.key !== 'ArrowLeft' && event.key !== 'Home' && event.key !== 'End') return;
    event.preventDefault();
    const next = ui.view === 'brief' ? 'templates' : 'brief';
    setView(next);
    requestAnimationFrame(() => document.getElementById(`tab-${next}`)?.focus());
  };

  const draftIds = Object.keys(drafts).filter((id) => templates.some((t) => t.id === id && !t.readOnly));
  // The preview's notice says when the paper runs over its pages; the same warning from the
  // pipeline would say it twice.
  const problems = [...loadProblems, ...previewProblems.filter((p) => !isOverflowWarning(p)), ...exportProblems, ...workspaceProblems];

  return (
    <div className="app">
      <a className="skip-link" href="#main">
        Skip to the content
      </a>
      <header className="app-header">
        <div className="brand">
          <span className="brand-mark" aria-hidden="true">
            ◧
          </span>
          <span className="brand-name">briefwright</span>
        </div>
        <div className="tabs" role="tablist" aria-label="Views" onKeyDown={onTabKey}>
          {(
            [
              ['brief', 'Brief'],
              ['templates', 'Templates'],
            ] as const
          ).map(([id, label]) => (
            <button
              key={id}
              id={`tab-${id}`}
              type="button"
              role="tab"
              className="tab"
              aria-selected={ui.view === id}
              aria-controls="main"
              tabIndex={ui.view === id ? 0 : -1}
              onClick={() => setView(id)}
            >
              {label}
              {id === 'templates' && draftIds.length > 0 && <span className="tab-dot" title="Unsaved template changes" aria-label="(unsaved changes)" />}
            </button>
          ))}
        </div>
        <div className="header-actions">
          <button type="button" className="button button-quiet" onClick={() => setSettingsOpen(true)}>
            Settings
          </button>
        </div>
      </header>

      <main id="main" className="app-main" role="tabpanel" aria-labelledby={`tab-${ui.view}`} tabIndex={-1}>
        {!loaded && <p className="loading-note">Loading the workspace…</p>}
        {loaded && ui.view === 'brief' && (
          <div className={`brief-view${ui.factsOpen ? '' : ' facts-collapsed'}`}>
            <section className="panel controls" aria-labelledby="controls-title">
              <h2 className="panel-title" id="controls-title">
                Paper
              </h2>
              <div className="controls-scroll">
                {draftIds.length > 0 && (
                  <p className="notice notice-info">
                    Unsaved changes to “{templates.find((t) => t.id === draftIds[0])?.name}”.{' '}
                    <button type="button" className="link-button" onClick={() => editTemplate(draftIds[0]!)}>
                      Open in the editor
                    </button>
                  </p>
                )}
                <TemplatePicker templates={templates} value={brief.template} onChange={chooseTemplate} />
                {summary && (
                  <p className="field-help template-edit-link">
                    <button type="button" className="link-button" onClick={() => editTemplate(summary.id)}>
                      {summary.readOnly ? 'View or copy this template' : 'Edit this template'}
                    </button>
                  </p>
                )}
                <TopicPicker
                  topics={topics}
                  selected={brief.topics}
                  mode={summary?.topicsMode ?? 'any'}
                  onChange={(next) => setBrief((b) => ({ ...b, topics: next }))}
                  error={
                    summary?.topicsMode === 'one'
                      ? brief.topics.length === 1
                        ? undefined
                        : 'Choose one topic.'
                      : brief.topics.length === 0
                        ? 'Choose at least one topic.'
                        : undefined
                  }
                />
                <DateRange from={brief.from} to={brief.to} defaults={summary?.defaults ?? {}} onChange={(r) => setBrief((b) => ({ ...b, ...r }))} />
                <div className="section">
                  <fieldset className="field list-filter">
                    <legend className="field-label">Fact list filter</legend>
                    <p className="field-help">Narrows the list only; the paper is unchanged.</p>
                    <div className="field">
                      <label className="field-label field-label-small" htmlFor="filter-entity">
                        Entity
                      </label>
                      <select id="filter-entity" value={brief.entity} onChange={(e) => setBrief((b) => ({ ...b, entity: e.target.value }))}>
                        <option value="">Any entity</option>
                        {entities.map((entity) => (
                          <option key={entity.id} value={entity.id}>
                            {entity.name}
                          </option>
                        ))}
                      </select>
                    </div>
                    <div className="field">
                      <label className="field-label field-label-small" htmlFor="filter-search">
                        Search facts
                      </label>
                      <input
                        id="filter-search"
                        type="search"
                        value={brief.search}
                        placeholder="Words in a statement or source"
                        maxLength={500}
                        onChange={(e) => setBrief((b) => ({ ...b, search: e.target.value }))}
                      />
                    </div>
                  </fieldset>
                </div>
                {summary && (
                  <div className="section">
                    <fieldset className="field inputs">
                      <legend className="field-label">{summary.name}: details</legend>
                      <InputsForm
                        inputs={summary.inputs}
                        values={form}
                        onChange={(values) => setBrief((b) => ({ ...b, inputs: { ...b.inputs, [summary.id]: values } }))}
                      />
                    </fieldset>
                  </div>
                )}
              </div>
            </section>

            <section className="panel facts" aria-labelledby="facts-title">
              <div className="panel-head">
                <h2 className="panel-title" id="facts-title">
                  Facts
                </h2>
                <button
                  type="button"
                  className="icon-button"
                  aria-expanded={ui.factsOpen}
                  aria-controls="fact-panel-body"
                  onClick={() => setUi((u) => ({ ...u, factsOpen: !u.factsOpen }))}
                  title={ui.factsOpen ? 'Hide the fact list' : 'Show the fact list'}
                >
                  <span aria-hidden="true">{ui.factsOpen ? '⟨' : '⟩'}</span>
                  <span className="visually-hidden">{ui.factsOpen ? 'Hide the fact list' : 'Show the fact list'}</span>
                </button>
              </div>
              <div id="fact-panel-body" className="fact-panel-body" hidden={!ui.factsOpen}>
                {ui.factsOpen && (
                  <FactList
                    query={factQuery}
                    excluded={excluded}
                    onToggle={toggleFact}
                    onIncludeAll={() => setBrief((b) => ({ ...b, exclude: [] }))}
                    onOpen={setOpenFact}
                    openId={openFact?.id}
                    refreshKey={refreshKey}
                  />
                )}
              </div>
            </section>

            <div className="panel preview-panel">
              <Preview
                request={request}
                refreshKey={refreshKey}
                heldReason={heldReason}
                onProblems={setPreviewProblems}
                actions={
                  <ExportBar
                    ref={exportBar}
                    request={request}
                    onProblems={(p) => {
                      setExportProblems(p);
                    }}
                  />
                }
                notices={<ProblemsPanel problems={problems} />}
              />
            </div>
          </div>
        )}
        {loaded && ui.view === 'templates' && (
          <TemplateEditor
            ref={editor}
            templates={templates}
            drafts={drafts}
            editingId={ui.editing}
            onEdit={editTemplate}
            reloadTemplates={reloadTemplates}
            reloadDrafts={reloadDrafts}
            requestFor={requestFor}
            refreshKey={refreshKey}
            onSaved={() => setRefreshKey((k) => k + 1)}
          />
        )}
      </main>

      {openFact && <SourcePanel fact={openFact} onClose={() => setOpenFact(null)} />}
      {settingsOpen && (
        <SettingsDialog
          onClose={() => setSettingsOpen(false)}
          onSaved={() => {
            setRefreshKey((k) => k + 1);
            void reloadTemplates();
          }}
        />
      )}
    </div>
  );
}
