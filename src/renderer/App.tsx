// The main window: the Brief view (controls | facts | preview) and the Templates view (the
// editor), with settings in a dialog. Holds the brief being worked on — template, topics, dates,
// inputs, facts left out, its title and the file it is saved in — keeps it in the user folder
// as the user works (a relaunch or a new port loses nothing), saves and opens it as a
// NAME.brief.yaml, and turns it into the request every panel works from.
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { ApiResults, BriefRequestPayload, ExportChangesView, ExportFormat, FactQueryPayload, FactSummary, LastExportView, MenuAction, OpenedBrief, Problem, SavedBriefPayload, TemplateSummary } from '../shared/api';
import { APP_FORMATS, appOffer, exportMenuAction, type AppFormatId } from '../shared/formats';
import { api } from './api';
import { DateRange, rangeIsUsable } from './components/DateRange';
import { ExportBar, type ExportBarHandle } from './components/ExportBar';
import { FactList } from './components/FactList';
import { formValues, formValuesOf, InputsForm, inputsAreUsable, inputValues, isInputFormValues, type InputFormValues } from './components/InputsForm';
import { isOverflowWarning, Preview } from './components/Preview';
import { ProblemsPanel } from './components/ProblemsPanel';
import { BatchExport } from './components/BatchExport';
import { BriefBar, ChangesNotice, OpenBriefDialog, SaveBriefDialog, UnsavedDialog } from './components/SavedBriefs';
import { SettingsDialog } from './components/SettingsDialog';
import { SourcePanel } from './components/SourcePanel';
import { TemplateEditor, type TemplateEditorHandle } from './components/TemplateEditor';
import { TemplatePicker } from './components/TemplatePicker';
import { TopicPicker } from './components/TopicPicker';
import { useDebouncedValue } from './hooks/useDebouncedValue';
import { useStoredState } from './hooks/useStoredState';
import { isShortcut } from './shortcuts';

type Topic = ApiResults['listTopics'][number];
type Entity = ApiResults['listEntities'][number];

interface BriefState {
  template: string;
  topics: string[];
  from: string;
  to: string;
  /** What the user typed in each template's form, per template id (lists one item per line, rows as rows). */
  inputs: Record<string, InputFormValues>;
  /** Facts left out, per template: leaving a fact out of one paper leaves it in every other. */
  exclude: Record<string, string[]>;
  entity: string;
  search: string;
  title: string;
  /** The saved brief's file ('' until it is saved), its name, and whether it is a team folder's (read-only). */
  file: string;
  fileName: string;
  readOnly: boolean;
  /** The brief as last saved, opened or begun (briefKey): anything else is an unsaved change. */
  saved: string;
  lastExport?: LastExportView;
  /** The format the brief is exported in (its last export's), kept in its file for `generate`. */
  format?: ExportFormat;
  /** The last export whose changes the user has seen and dismissed (its `at`): not shown again. */
  dismissed?: string;
}

interface UiState {
  view: 'brief' | 'templates';
  editing: string;
  factsOpen: boolean;
}

const PREFERRED_TEMPLATE = 'pre-visit-brief';
const emptyBrief = (): BriefState => ({ template: '', topics: [], from: '', to: '', inputs: {}, exclude: {}, entity: '', search: '', title: '', file: '', fileName: '', readOnly: false, saved: '' });
/** What saving compares: the fields a saved brief holds, for its template. */
const briefKey = (b: BriefState): string => JSON.stringify([b.title, b.template, b.topics, b.from, b.to, b.inputs[b.template] ?? {}, b.exclude[b.template] ?? []]);
const isStrings = (v: unknown): v is string[] => Array.isArray(v) && v.every((x) => typeof x === 'string');
/**
 * The working brief as the user folder (or, before briefs were kept there, this browser) kept it;
 * undefined when it is not one. A brief kept before exclusions were per template leaves its
 * facts out of the template it was on.
 */
function restoreBrief(v: unknown): BriefState | undefined {
  const b = v as Record<string, unknown> | null;
  if (!b || typeof b !== 'object' || typeof b.template !== 'string' || !isStrings(b.topics) || typeof b.from !== 'string' || typeof b.to !== 'string') return undefined;
  if (typeof b.inputs !== 'object' || b.inputs === null || !Object.values(b.inputs).every(isInputFormValues)) return undefined;
  const exclude = isStrings(b.exclude)
    ? { [b.template]: b.exclude }
    : typeof b.exclude === 'object' && b.exclude !== null && Object.values(b.exclude).every(isStrings)
      ? (b.exclude as Record<string, string[]>)
      : {};
  const text = (x: unknown) => (typeof x === 'string' ? x : '');
  const last = b.lastExport as LastExportView | undefined;
  return {
    ...emptyBrief(),
    template: b.template,
    topics: b.topics,
    from: b.from,
    to: b.to,
    inputs: b.inputs as Record<string, InputFormValues>,
    exclude,
    entity: text(b.entity),
    search: text(b.search),
    title: text(b.title),
    file: text(b.file),
    fileName: text(b.fileName),
    readOnly: b.readOnly === true,
    saved: text(b.saved),
    ...(last && typeof last.at === 'string' && Array.isArray(last.facts) ? { lastExport: last } : {}),
    ...(typeof b.format === 'string' && (APP_FORMATS as readonly string[]).concat('html', 'md').includes(b.format) ? { format: b.format as ExportFormat } : {}),
    ...(typeof b.dismissed === 'string' ? { dismissed: b.dismissed } : {}),
  };
}
/**
 * The working brief is kept twice: at once in this page's storage (so that a reload a moment
 * after a change loses nothing), and a moment later in the user folder (so that a relaunch, or
 * a web host on another port, finds it). Each copy carries when it was kept; the newer wins.
 */
const LOCAL_KEY = 'briefwright.brief';
const keptAt = (state: unknown): number => {
  const at = (state as { keptAt?: unknown } | null)?.keptAt;
  return typeof at === 'number' ? at : 0;
};
function localBrief(): unknown {
  try {
    const raw = localStorage.getItem(LOCAL_KEY);
    return raw === null ? undefined : (JSON.parse(raw) as unknown);
  } catch {
    return undefined;
  }
}
function keepLocally(state: Record<string, unknown>): void {
  try {
    localStorage.setItem(LOCAL_KEY, JSON.stringify(state));
  } catch {
    // Full or unavailable storage: the user folder's copy still follows.
  }
}
/** A last export this large is kept in its brief's file, not in the working copy (whose every save would carry it). */
const MAX_KEPT_EXPORT_FACTS = 5000;
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
  const [brief, setBrief] = useState<BriefState>(emptyBrief);
  const [ui, setUi] = useStoredState<UiState>('briefwright.ui', () => ({ view: 'brief', editing: '', factsOpen: true }), isUi);
  const [previewProblems, setPreviewProblems] = useState<Problem[]>([]);
  const [exportProblems, setExportProblems] = useState<Problem[]>([]);
  const [openFact, setOpenFact] = useState<FactSummary | null>(null);
  const [settingsOpen, setSettingsOpen] = useState(false);
  const [refreshKey, setRefreshKey] = useState(0);
  const [drafts, setDrafts] = useState<Record<string, string>>({});
  const [briefProblems, setBriefProblems] = useState<Problem[]>([]);
  const [briefDialog, setBriefDialog] = useState<'open' | 'save-as' | null>(null);
  /** What to do once unsaved changes are saved or dropped (New, or opening a brief). */
  const [unsaved, setUnsaved] = useState<{ action: string; then: () => void } | null>(null);
  const afterSave = useRef<(() => void) | null>(null);
  const [changes, setChanges] = useState<{ view: ExportChangesView; at: string } | null>(null);
  const [checkChanges, setCheckChanges] = useState(0);
  const [savingBrief, setSavingBrief] = useState(false);
  const [batchOpen, setBatchOpen] = useState(false);
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
      const [list, topicList, entityList, session] = await Promise.all([reloadTemplates(), api.call('listTopics', {}), api.call('listEntities', {}), api.call('getSession', {})]);
      const fromFolder = session.ok ? session.result.state : null;
      const local = localBrief();
      const newer = fromFolder && keptAt(fromFolder) >= keptAt(local) ? fromFolder : local;
      const restored = restoreBrief(newer) ?? restoreBrief(fromFolder) ?? restoreBrief(local);
      if (restored) setBrief(restored);
      // What changed since the last export is said again after a relaunch only for a brief as it was saved, and not once dismissed.
      if (restored?.lastExport && restored.saved === briefKey(restored) && restored.dismissed !== restored.lastExport.at) setCheckChanges((n) => n + 1);
      const problems: Problem[] = [];
      if (topicList.ok) setTopics(topicList.result);
      else problems.push(...topicList.problems);
      if (entityList.ok) setEntities(entityList.result);
      else problems.push(...entityList.problems);
      setLoadProblems((p) => [...p, ...problems]);
      setBrief((b) => {
        if (list.some((t) => t.id === b.template)) return b;
        const first = list.find((t) => t.id === PREFERRED_TEMPLATE) ?? list[0];
        if (!first) return b;
        const begun = { ...b, template: first.id, topics: first.defaults.topics, from: first.defaults.from ?? '', to: first.defaults.to ?? '' };
        return b.saved ? begun : { ...begun, saved: briefKey(begun) };
      });
      setUi((u) => (list.some((t) => t.id === u.editing) ? u : { ...u, editing: list.find((t) => t.id === PREFERRED_TEMPLATE)?.id ?? list[0]?.id ?? '' }));
      setLoaded(true);
    })();
    reloadDrafts();
  }, [reloadTemplates, reloadDrafts, setBrief, setUi]);

  // The workspace's files changed on disk (a style.yaml, a fact file, a template) and the host read
  // them again: the lists, the preview, the fact list and an open Settings' house style are asked
  // again. The template open in the editor keeps the text the user is typing (TemplateEditor asks).
  useEffect(
    () =>
      api.onWorkspaceChange(() => {
        setRefreshKey((k) => k + 1);
        void reloadTemplates();
        void api.call('listTopics', {}).then((response) => response.ok && setTopics(response.result));
        void api.call('listEntities', {}).then((response) => response.ok && setEntities(response.result));
      }),
    [reloadTemplates],
  );

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
      // Another template is another paper: the last export was of the one before.
      const { lastExport: _last, ...rest } = b;
      return { ...rest, template: id, topics: chosen };
    });
  };

  const formFor = useCallback((template: TemplateSummary): InputFormValues => formValues(template.inputs, brief.inputs[template.id]), [brief.inputs]);
  const form = summary ? formFor(summary) : {};

  const leftOut = useMemo(() => brief.exclude[brief.template] ?? [], [brief.exclude, brief.template]);
  const excluded = useMemo(() => new Set(leftOut), [leftOut]);
  const toggleFact = useCallback(
    (id: string, include: boolean) =>
      setBrief((b) => {
        const list = b.exclude[b.template] ?? [];
        const next = include ? list.filter((x) => x !== id) : list.includes(id) ? list : [...list, id];
        return { ...b, exclude: { ...b.exclude, [b.template]: next } };
      }),
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
      exclude: leftOut,
    };
  }, [summary, heldReason, topicOrder, brief.topics, leftOut, range.from, range.to, formFor]);

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
        exclude: brief.exclude[template.id] ?? [],
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

  // --- the brief as a file: kept as the user works, saved, opened ----------------------------
  // The working brief is kept in the page at once, and in the user folder a moment after each change.
  useEffect(() => {
    if (!loaded) return;
    const trimmed = brief.lastExport && brief.lastExport.facts.length > MAX_KEPT_EXPORT_FACTS && brief.file ? { ...brief, lastExport: undefined } : brief;
    const keep = { ...trimmed, keptAt: Date.now() } as unknown as Record<string, unknown>;
    keepLocally(keep);
    const timer = setTimeout(() => void api.call('saveSession', { state: keep }), 300);
    return () => clearTimeout(timer);
  }, [brief, loaded]);

  const dirty = loaded && briefKey(brief) !== brief.saved;

  /** The brief as a saved file holds it. */
  const savedPayload = (b: BriefState, title: string): SavedBriefPayload | undefined => {
    const template = templates.find((t) => t.id === b.template);
    if (!template) return undefined;
    return {
      title,
      request: {
        template: template.id,
        topics: topicOrder(b.topics),
        ...(b.from.trim() ? { from: b.from.trim() } : {}),
        ...(b.to.trim() ? { to: b.to.trim() } : {}),
        inputs: inputValues(template.inputs, formFor(template)),
        exclude: b.exclude[b.template] ?? [],
      },
      ...(b.format ? { format: b.format } : {}),
      ...(b.lastExport ? { lastExport: b.lastExport } : {}),
    };
  };

  const continueAfterSave = () => {
    const then = afterSave.current;
    afterSave.current = null;
    then?.();
  };

  /** Saves over the brief's own file; a brief never saved, or a team's, asks for a name. */
  const saveBrief = async () => {
    if (!brief.file || brief.readOnly) {
      setBriefDialog('save-as');
      return;
    }
    const payload = savedPayload(brief, brief.title || brief.fileName);
    if (!payload || savingBrief) {
      // What was to follow a save (New, Open) waits for one that succeeds, asked again.
      afterSave.current = null;
      return;
    }
    setSavingBrief(true);
    const response = await api.call('saveBrief', { brief: payload, path: brief.file });
    setSavingBrief(false);
    if (!response.ok) {
      afterSave.current = null;
      setBriefProblems(response.problems);
      return;
    }
    setBriefProblems([]);
    const key = briefKey(brief);
    setBrief((b) => ({ ...b, saved: key }));
    continueAfterSave();
  };

  const saveBriefAs = async (title: string, name: string, overwrite: boolean): Promise<{ problems: Problem[]; exists?: boolean }> => {
    const payload = savedPayload(brief, title);
    if (!payload) return { problems: [{ severity: 'error', file: '', message: 'Choose a template first.' }] };
    const response = await api.call('saveBrief', { brief: payload, name, overwrite });
    if (!response.ok) return { problems: response.problems };
    if (response.result.status === 'exists') return { problems: [{ severity: 'warning', file: '', message: `A brief named “${name}” is already saved: replace it, or choose another name.` }], exists: true };
    const saved = { ...brief, title, file: response.result.path, fileName: response.result.name, readOnly: false };
    setBrief({ ...saved, saved: briefKey(saved) });
    setBriefProblems([]);
    setBriefDialog(null);
    continueAfterSave();
    return { problems: [] };
  };

  /** Runs `then` now, or once the user has saved or dropped the unsaved changes. */
  const whenSaved = (action: string, then: () => void) => (dirty ? setUnsaved({ action, then }) : then());

  const newBrief = () =>
    whenSaved('start a new brief', () => {
      const first = templates.find((t) => t.id === brief.template) ?? templates.find((t) => t.id === PREFERRED_TEMPLATE) ?? templates[0];
      const begun: BriefState = { ...emptyBrief(), template: first?.id ?? '', topics: first?.defaults.topics ?? [], from: first?.defaults.from ?? '', to: first?.defaults.to ?? '' };
      setBrief({ ...begun, saved: briefKey(begun) });
      setChanges(null);
      setBriefProblems([]);
    });

  const openBrief = (path: string) => {
    setBriefDialog(null);
    whenSaved('open another brief', () => {
      void api.call('openBrief', { path }).then((response) => {
        if (!response.ok) return setBriefProblems(response.problems);
        const opened: OpenedBrief = response.result.brief;
        const template = templates.find((t) => t.id === opened.template);
        if (!template) {
          return setBriefProblems([{ severity: 'error', file: opened.path, message: `This brief is made with the template "${opened.template}", which this workspace does not have.` }]);
        }
        const next: BriefState = {
          ...emptyBrief(),
          template: opened.template,
          topics: opened.topics.length ? opened.topics : template.defaults.topics,
          from: opened.from ?? '',
          to: opened.to ?? '',
          inputs: { [opened.template]: formValues(template.inputs, formValuesOf(template.inputs, opened.inputs)) },
          exclude: { [opened.template]: opened.exclude },
          title: opened.title,
          file: opened.path,
          fileName: opened.name,
          readOnly: opened.readOnly,
          ...(opened.lastExport ? { lastExport: opened.lastExport } : {}),
          ...(opened.format ? { format: opened.format } : {}),
        };
        setBrief({ ...next, saved: briefKey(next) });
        setBriefProblems(response.result.problems);
        setChanges(null);
        if (opened.lastExport) setCheckChanges((n) => n + 1);
        setUi((u) => ({ ...u, view: 'brief' }));
      });
    });
  };

  // A brief opened (or brought back) that was exported before: what has changed since.
  useEffect(() => {
    if (!checkChanges || !loaded || !brief.lastExport || !templates.some((t) => t.id === brief.template)) return;
    const last = brief.lastExport;
    const payload: BriefRequestPayload = {
      template: brief.template,
      topics: topicOrder(brief.topics),
      ...(rangeOk && brief.from.trim() ? { from: brief.from.trim() } : {}),
      ...(rangeOk && brief.to.trim() ? { to: brief.to.trim() } : {}),
      exclude: brief.exclude[brief.template] ?? [],
    };
    void api.call('exportChanges', { request: payload, facts: last.facts }).then((response) => {
      if (response.ok && response.result.summary) setChanges({ view: response.result, at: last.at });
    });
    setCheckChanges(0);
    // Only when asked (checkChanges): a change of selection afterwards is the user's own.
  }, [checkChanges, loaded, templates]);

  const onExported = useCallback(
    (lastExport: LastExportView) => {
      setBrief((b) => ({ ...b, lastExport, ...(lastExport.format ? { format: lastExport.format } : {}) }));
      setChanges(null);
    },
    [setBrief],
  );

  // --- views, menu and shortcuts -------------------------------------------------------------
  const setView = (view: UiState['view']) => setUi((u) => ({ ...u, view }));
  const editTemplate = useCallback((id: string) => setUi((u) => ({ ...u, view: 'templates', editing: id })), [setUi]);

  // The desktop app's File menu: Export PDF, Export DOCX, … act on the Brief view's paper (the
  // view is opened first if the editor is showing); in a browser, their shortcuts (Ctrl+E, …) do.
  const [menuExport, setMenuExport] = useState<AppFormatId | null>(null);
  const [menuBrief, setMenuBrief] = useState<MenuAction | null>(null);
  const exportFromMenu = useCallback(
    (format: AppFormatId) => {
      setUi((u) => ({ ...u, view: 'brief' }));
      setMenuExport(format);
    },
    [setUi],
  );
  useEffect(
    () =>
      api.onMenu((action) => {
        const format = APP_FORMATS.find((f) => exportMenuAction(f) === action);
        if (!format) return setMenuBrief(action);
        exportFromMenu(format);
      }),
    [exportFromMenu],
  );
  // File → New, Open, Save, Save As (and their shortcuts): in the Templates view, Save saves the template.
  const briefAction = (action: MenuAction) => {
    if (action === 'brief-save' && ui.view === 'templates') return editor.current?.save();
    if (action === 'brief-new') newBrief();
    else if (action === 'brief-open') setBriefDialog('open');
    else if (action === 'brief-save') void saveBrief();
    else if (action === 'brief-save-as') setBriefDialog('save-as');
    else if (action.startsWith('brief-recent-')) {
      const slot = Number(action.slice('brief-recent-'.length));
      void api.call('listBriefs', {}).then((response) => {
        const path = response.ok ? response.result.recent[slot] : undefined;
        if (path) openBrief(path);
      });
    }
  };
  const briefActionRef = useRef(briefAction);
  briefActionRef.current = briefAction;
  useEffect(() => {
    if (!menuBrief) return;
    setMenuBrief(null);
    if (loaded) briefActionRef.current(menuBrief);
  }, [menuBrief, loaded]);
  useEffect(() => {
    if (!menuExport || !exportBar.current) return;
    exportBar.current.exportAs(menuExport);
    setMenuExport(null);
  }, [menuExport, ui.view, loaded]);

  useEffect(() => {
    // The desktop app's menu holds these shortcuts itself; in a browser the page does.
    if (api.isDesktop) return;
    const onKey = (event: KeyboardEvent) => {
      if (!(event.ctrlKey || event.metaKey) || event.altKey || event.defaultPrevented || document.querySelector('dialog[open]')) return;
      const format = APP_FORMATS.find((f) => isShortcut(event, appOffer(f).accelerator));
      if (format) {
        event.preventDefault();
        return exportFromMenu(format);
      }
      const key = event.key.toLowerCase();
      const action: MenuAction | undefined = key === 's' ? (event.shiftKey ? 'brief-save-as' : 'brief-save') : key === 'o' && !event.shiftKey ? 'brief-open' : undefined;
      if (!action) return;
      event.preventDefault();
      briefActionRef.current(action);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [exportFromMenu]);

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
  const problems = [...loadProblems, ...briefProblems, ...previewProblems.filter((p) => !isOverflowWarning(p)), ...exportProblems, ...workspaceProblems];

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
              aria-controls="view"
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

      <main id="main" className="app-main" tabIndex={-1}>
        {/* The page's one h1 names the view; the panels' headings are h2 beneath it. */}
        <div id="view" className="view" role="tabpanel" aria-labelledby={`tab-${ui.view}`}>
          <h1 className="visually-hidden">{ui.view === 'brief' ? 'Brief' : 'Templates'}</h1>
          {!loaded && <p className="loading-note">Loading the workspace…</p>}
          {loaded && ui.view === 'brief' && (
            <div className={`brief-view${ui.factsOpen ? '' : ' facts-collapsed'}`}>
              <section className="panel controls" aria-labelledby="controls-title">
                <h2 className="panel-title" id="controls-title">
                  Paper
                </h2>
                <div className="controls-scroll">
                  <BriefBar
                    title={brief.title}
                    fileName={brief.fileName ? `${brief.fileName}.brief.yaml` : ''}
                    dirty={dirty && !!brief.file}
                    readOnly={brief.readOnly}
                    busy={savingBrief}
                    onNew={newBrief}
                    onOpen={() => setBriefDialog('open')}
                    onSave={() => void saveBrief()}
                    onSaveAs={() => setBriefDialog('save-as')}
                  />
                  {changes && (
                    <ChangesNotice
                      changes={changes.view}
                      at={changes.at}
                      onDismiss={() => {
                        setBrief((b) => ({ ...b, dismissed: changes.at }));
                        setChanges(null);
                      }}
                    />
                  )}
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
                      onIncludeAll={() => setBrief((b) => ({ ...b, exclude: { ...b.exclude, [b.template]: [] } }))}
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
                      // Recorded in the brief's file only when the paper is the brief as saved.
                      brief={brief.file && !brief.readOnly && !dirty ? brief.file : undefined}
                      onExported={onExported}
                      onBatch={() => setBatchOpen(true)}
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
        </div>
      </main>

      {openFact && <SourcePanel fact={openFact} onClose={() => setOpenFact(null)} />}
      {batchOpen && request && summary && <BatchExport request={request} templateName={summary.name} topics={topics} onClose={() => setBatchOpen(false)} />}
      {briefDialog === 'open' && <OpenBriefDialog templateName={(id) => templates.find((t) => t.id === id)?.name ?? id} onOpen={openBrief} onClose={() => setBriefDialog(null)} />}
      {briefDialog === 'save-as' && (
        <SaveBriefDialog
          title={brief.title || summary?.name || ''}
          onSave={saveBriefAs}
          onClose={() => {
            afterSave.current = null;
            setBriefDialog(null);
          }}
        />
      )}
      {unsaved && (
        <UnsavedDialog
          title={brief.title}
          action={unsaved.action}
          onClose={() => setUnsaved(null)}
          onDiscard={() => {
            const then = unsaved.then;
            setUnsaved(null);
            then();
          }}
          onSave={() => {
            afterSave.current = unsaved.then;
            setUnsaved(null);
            void saveBrief();
          }}
        />
      )}
      {settingsOpen && (
        <SettingsDialog
          refreshKey={refreshKey}
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
