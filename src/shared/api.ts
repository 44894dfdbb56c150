// The one API between the UI and the rest (docs/architecture.md, "Hosts, the API and the command
// line"): every channel, its payload schema and its result type, listed once. Electron's
// preload/main and the web host both carry exactly this list, so a channel cannot be misspelt on
// one side. Runs anywhere: no Node, no DOM.
import { z } from 'zod';
import { DATE_SHAPE } from './dates';
import { MAX_INPUT_CHARS, MAX_INPUT_ITEMS, type InputColumn, type InputType, type InputValue } from './inputs';
import { APP_FORMATS, FORMAT_IDS, exportMenuAction, type AppFormatId, type FormatId } from './formats';

// Ids name files (templates/<id>.hbs): none is a name Windows keeps for a device, as in core's idSchema.
const id = z
  .string()
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'an id is lower-case words joined by hyphens')
  .max(120)
  .refine((value) => !/^(?:con|prn|aux|nul|com[1-9]|lpt[1-9])$/.test(value), 'an id is not a name Windows keeps for a device (con, prn, aux, nul, com1–com9, lpt1–lpt9)');
const date = z.string().regex(DATE_SHAPE, 'a date is YYYY, YYYY-MM or YYYY-MM-DD');
/** A combined PDF being made, as chooseCombinedFile names it. */
const batchId = z.string().regex(/^[a-z0-9-]{1,64}$/, 'a batch is named as chooseCombinedFile named it');
const shortText = z.string().max(MAX_INPUT_CHARS);
// A text, a list of texts, or rows (a record of cells: text, or a `facts` column's fact ids).
const inputRow = z.record(z.string().max(100), z.union([shortText, z.array(shortText).max(MAX_INPUT_ITEMS)]));
const inputValue = z.union([shortText, z.array(shortText).max(MAX_INPUT_ITEMS), z.array(inputRow).max(MAX_INPUT_ITEMS)]);

export const FACT_KINDS = ['outcome', 'forecast', 'plan', 'claim', 'context'] as const;
/** The formats an export may ask for: every one in shared/formats.ts. */
export const EXPORT_FORMATS: readonly FormatId[] = FORMAT_IDS;
export type ExportFormat = FormatId;

export const briefRequestSchema = z.strictObject({
  template: id,
  topics: z.array(id).max(100).optional(),
  from: date.optional(),
  to: date.optional(),
  inputs: z.record(z.string().max(100), inputValue).optional(),
  exclude: z.array(id).max(100_000).optional(),
});
export type BriefRequestPayload = z.infer<typeof briefRequestSchema>;

export const factQuerySchema = z.strictObject({
  topics: z.array(id).max(100).optional(),
  from: date.optional(),
  to: date.optional(),
  entities: z.array(id).max(100).optional(),
  kinds: z.array(z.enum(FACT_KINDS)).optional(),
  text: z.string().max(500).optional(),
  /** Page through long lists: the app's fact list is virtualised. */
  offset: z.number().int().min(0).optional(),
  limit: z.number().int().min(1).max(100_000).optional(),
});
export type FactQueryPayload = z.infer<typeof factQuerySchema>;

export const settingsSchema = z.strictObject({
  author: z.string().max(200),
  organisation: z.string().max(200),
  marking: z.string().max(60),
  locale: z.string().regex(/^[a-z]{2,3}(?:-[A-Z]{2})?$/, 'a locale is like en-GB'),
  extraFolders: z.array(z.string().max(4096)).max(20),
  /** The most pages a paper may run to before it is stopped (the pipeline's default when absent). */
  pageBudget: z.number().int('the page budget is a whole number of pages').min(1).max(100_000).optional(),
  /** The most seconds a paper may take before it is stopped (the host's default when absent). */
  timeBudget: z.number().int('the time budget is a whole number of seconds').min(1).max(3_600).optional(),
});
export type Settings = z.infer<typeof settingsSchema>;

export const defaultSettings: Settings = { author: '', organisation: '', marking: 'OFFICIAL', locale: 'en-GB', extraFolders: [] };

const templateText = z.string().max(1_000_000);

/** A fact as an export printed it (core/saved-brief.ts ExportedFact). */
const exportedFact = z.strictObject({ id, statement: z.string().max(MAX_INPUT_CHARS), when: z.string().max(40).optional(), figure: z.string().max(200).optional() });
const lastExportSchema = z.strictObject({ at: z.string().max(40), format: z.enum(EXPORT_FORMATS).optional(), facts: z.array(exportedFact).max(100_000) });

/** A saved brief as the page sends it to be saved (the fields of `NAME.brief.yaml`, ../shared/DESIGN.md §6). */
export const savedBriefSchema = z.strictObject({
  title: z.string().trim().min(1, 'a brief needs a title').max(200),
  request: briefRequestSchema,
  format: z.enum(EXPORT_FORMATS).optional(),
  lastExport: lastExportSchema.optional(),
});
export type SavedBriefPayload = z.infer<typeof savedBriefSchema>;
export type LastExportView = z.infer<typeof lastExportSchema>;

/** Every channel: its payload schema. Results are typed in `ApiResults`. */
export const channels = {
  listTemplates: z.strictObject({}),
  listPartials: z.strictObject({}),
  listTopics: z.strictObject({}),
  listEntities: z.strictObject({}),
  listSources: z.strictObject({}),
  queryFacts: factQuerySchema,
  getSource: z.strictObject({ id, factId: id.optional() }),
  preview: z.strictObject({ request: briefRequestSchema, templateText: templateText.optional() }),
  /** Where a batch of papers goes: a folder the user chooses (the desktop app), or downloads (a browser). */
  chooseBatchFolder: z.strictObject({}),
  /**
   * One paper of a batch: `request` on `topic` alone, saved as <topic>.<ext> in `folder` (one
   * chooseBatchFolder gave), else downloaded; or, with `batch` (one chooseCombinedFile gave), a PDF
   * the host holds for that combined PDF.
   */
  exportEach: z.strictObject({ request: briefRequestSchema, format: z.enum(EXPORT_FORMATS), topic: id, folder: z.string().max(4096).optional(), batch: batchId.optional() }),
  /**
   * Where one PDF of a batch's papers goes, behind a contents page: a file the user chooses (the
   * desktop app: a save dialog suggesting <template>-papers.pdf), or a download (a browser).
   * `batch` names it to exportEach and exportCombined.
   */
  chooseCombinedFile: z.strictObject({ template: id }),
  /** The papers exportEach made for `batch`, in the order they were made, behind a contents page: saved in the file chooseCombinedFile gave, else downloaded. */
  exportCombined: z.strictObject({ batch: batchId }),
  /** `brief`: the saved brief the paper comes from (its path), whose `lastExport` the export records. */
  export: z.strictObject({ request: briefRequestSchema, format: z.enum(EXPORT_FORMATS), brief: z.string().max(4096).optional() }),
  readTemplate: z.strictObject({ id }),
  saveTemplate: z.strictObject({ id, text: templateText }),
  duplicateTemplate: z.strictObject({ id, newId: id.optional(), name: z.string().min(1).max(200).optional() }),
  renameTemplate: z.strictObject({ id, name: z.string().min(1).max(200) }),
  deleteTemplate: z.strictObject({ id }),
  restoreTemplate: z.strictObject({ id }),
  saveDraft: z.strictObject({ id, text: templateText }),
  getDraft: z.strictObject({ id }),
  discardDraft: z.strictObject({ id }),
  listDrafts: z.strictObject({}),
  validateWorkspace: z.strictObject({}),
  getSettings: z.strictObject({}),
  houseStyle: z.strictObject({}),
  saveSettings: settingsSchema,
  recentExports: z.strictObject({}),
  /** The working brief, kept in the user folder as the user works (the page's own shape, at most the payload limit). */
  getSession: z.strictObject({}),
  saveSession: z.strictObject({ state: z.record(z.string().max(100), z.unknown()) }),
  listBriefs: z.strictObject({}),
  /** `path`: one of listBriefs' files. */
  openBrief: z.strictObject({ path: z.string().max(4096) }),
  /** Saves over `path` (a brief of the user's own), or as a new file `name` in the user folder (`overwrite` to replace one of that name). */
  /** `name`: the file's name without `.brief.yaml`, an id (lower-case words joined by hyphens, never a name Windows keeps for a device). */
  saveBrief: z.strictObject({ brief: savedBriefSchema, path: z.string().max(4096).optional(), name: id.optional(), overwrite: z.boolean().optional() }),
  /** How the facts `request` selects now differ from those of its last export. */
  exportChanges: z.strictObject({ request: briefRequestSchema, facts: z.array(exportedFact).max(100_000) }),
  openPath: z.strictObject({ path: z.string().max(4096), reveal: z.boolean().optional() }),
} as const;

export type Channel = keyof typeof channels;
export const CHANNELS = Object.keys(channels) as Channel[];
export type Payload<C extends Channel> = z.input<(typeof channels)[C]>;

/** The house style in force, as Settings shows it: the style.yaml files it comes from (none: briefwright's own) and the colours they set. */
export interface HouseStyleView {
  files: string[];
  colours: { role: string; colour: string; what: string }[];
  /** The organisation it names, for papers whose user gives none. */
  organisation?: string;
  /** Its logo: the file, where it goes (cover or header), its alternative text, and the picture as a data: URL. */
  logo?: { file: string; placement: string; alt: string; picture: string };
  /** Where the handling marking prints, when the style says (header, footer or both). */
  markingPosition?: string;
  /**
   * The Word template (a layer's reference.docx) whose styles the DOCX takes: its file, which of
   * the usual styles it defines (Normal, Title, Heading 1, …), and the table style the paper's
   * tables wear from it (none: briefwright's).
   */
  reference?: { file: string; styles: string[]; tableStyle?: string };
  /**
   * The font of each role (body, headings, tables) when the style sets any: its name, its file
   * (none: shipped with briefwright), what it sets, and a house font's regular face as a data: URL
   * for a sample line (left out above 2 MB).
   */
  fonts?: { role: string; name: string; file?: string; what: string; sample?: string }[];
  /** The fallback fonts by script (han, arabic, …), with their files. */
  fallbacks?: { script: string; name: string; file: string }[];
}

/** A problem to show the user: where it is and what it is. */
export interface Problem {
  severity: 'error' | 'warning';
  file: string;
  line?: number;
  column?: number;
  message: string;
}

export interface TemplateInputInfo {
  key: string;
  label: string;
  type: InputType;
  required: boolean;
  default?: InputValue | number;
  options?: string[];
  /** A rows input's columns. */
  columns?: InputColumn[];
  /** A list input whose items may end with the ids of the facts backing them, in brackets. */
  cites?: boolean;
  help?: string;
}

export interface TemplateSummary {
  id: string;
  name: string;
  description: string;
  /** "bundled" (read-only) or "user". */
  layer: string;
  readOnly: boolean;
  /** A user template that replaces a bundled one of the same id can be restored. */
  overridesBundled: boolean;
  topicsMode: 'any' | 'one';
  maxPages?: number;
  defaults: { topics: string[]; from?: string; to?: string };
  inputs: TemplateInputInfo[];
}

/** A partial a template can include (`{{> name}}`): the one the workspace resolves that name to. */
export interface PartialSummary {
  name: string;
  /** From the comment the partial file opens with (`{{!-- … --}}`), when it has one. */
  description?: string;
  /** "bundled", "user", or the extra folder it comes from. */
  layer: string;
  /** Only the user's own partials are theirs to change; bundled ones and other folders' are not. */
  readOnly: boolean;
  /** It replaces a bundled partial of the same name. */
  overridesBundled: boolean;
  file: string;
}

export interface FactSummary {
  id: string;
  statement: string;
  when: string;
  /** Raw `when` for sorting: "2018", "2015..2018", "" when undated. */
  whenKey: string;
  estimated: boolean;
  kind: (typeof FACT_KINDS)[number];
  topics: string[];
  sourceId: string;
  sourceTitle: string;
  figure?: string;
  indicator?: string;
  attribution?: string;
  note?: string;
  /** The fact's figure disagrees with another for the same indicator and period. */
  conflict?: string;
}

export interface SourceView {
  id: string;
  title: string;
  author: string;
  publisher: string;
  date: string;
  estimated: boolean;
  basis?: string;
  text: string;
  /** Where each fact's evidence stands in `text` (UTF-16 offsets). */
  spans: { factId: string; start: number; end: number }[];
}

export interface PreviewResult {
  /** The paper as it prints: the PDF, base64. */
  pdf: string;
  pageCount: number;
  /** The template means to fit this many pages (a one-pager: 1). */
  maxPages?: number;
  problems: Problem[];
  title: string;
  suggestedName: string;
  /** The paper is made long after its newest fact was reported: said in the app, not in the paper. */
  staleness?: string;
}

/** `lastExport`: what the export held, for the brief it came from; `problems`: warnings beside a paper that was made (its brief could not record it). */
export type ExportResult =
  | { status: 'saved'; path: string; lastExport: LastExportView; problems?: Problem[] }
  | { status: 'cancelled' }
  /** Browser mode: the bytes to download. */
  | { status: 'download'; fileName: string; mime: string; data: string; lastExport: LastExportView; problems?: Problem[] };

/** A saved brief in the Open list. */
export interface BriefListing {
  path: string;
  /** The file's name without `.brief.yaml`. */
  name: string;
  title: string;
  template: string;
  /** "user", or the extra folder it is in. */
  layer: string;
  /** A team folder's brief: Save makes the user's own copy. */
  readOnly: boolean;
  modified: string;
  lastExport?: string;
  /** Why it cannot be opened (a fault in the file), when it cannot. */
  problem?: string;
}

/** A saved brief as opened: its fields, with its inputs as the file gives them (checked when the paper is made). */
export interface OpenedBrief {
  path: string;
  name: string;
  readOnly: boolean;
  title: string;
  template: string;
  topics: string[];
  from?: string;
  to?: string;
  inputs: Record<string, unknown>;
  exclude: string[];
  format?: ExportFormat;
  lastExport?: LastExportView;
}

/** How a paper's facts differ from its last export. */
export interface ExportChangesView {
  summary: string;
  added: { id: string; statement: string; when?: string }[];
  removed: { id: string; statement: string; when?: string }[];
  changed: { id: string; statement: string; fields: string[]; before: string; after: string }[];
}

export interface TemplateFile {
  id: string;
  name: string;
  text: string;
  readOnly: boolean;
  layer: string;
  file: string;
}

export interface ApiResults {
  listTemplates: { templates: TemplateSummary[]; problems: Problem[] };
  /** Sorted by name. */
  listPartials: PartialSummary[];
  listTopics: { id: string; label: string; description?: string }[];
  /** A person has their latest role as the sources give it, and the id of their country, where known. */
  listEntities: { id: string; name: string; type: string; role?: string; country?: string }[];
  listSources: { id: string; title: string; author: string; date: string; estimated: boolean }[];
  queryFacts: { facts: FactSummary[]; total: number };
  getSource: SourceView;
  preview: PreviewResult;
  export: ExportResult;
  readTemplate: TemplateFile;
  saveTemplate: { template: TemplateSummary; problems: Problem[] };
  duplicateTemplate: TemplateSummary;
  renameTemplate: TemplateSummary;
  deleteTemplate: { deleted: true };
  restoreTemplate: { restored: true };
  saveDraft: { savedAt: string };
  getDraft: { text: string; savedAt: string } | null;
  discardDraft: { discarded: true };
  listDrafts: { id: string; savedAt: string }[];
  validateWorkspace: { problems: Problem[]; facts: number; sources: number };
  /** `problems`: what was wrong with settings.json, whose faulty fields fell back to the defaults. */
  getSettings: Settings & { userFolder: string; problems?: Problem[] };
  houseStyle: HouseStyleView;
  saveSettings: Settings & { userFolder: string; problems?: Problem[] };
  recentExports: { path: string; format: ExportFormat; at: string }[];
  getSession: { state: Record<string, unknown> | null };
  saveSession: { savedAt: string };
  /** `recent`: paths of briefs recently opened or saved, most recent first (only those still listed). */
  listBriefs: { briefs: BriefListing[]; recent: string[] };
  openBrief: { brief: OpenedBrief; problems: Problem[] };
  /** `exists`: a new name that another brief of the user's has; nothing is written (ask, then save with `overwrite`). */
  saveBrief: { status: 'saved'; path: string; name: string; savedAt: string } | { status: 'exists'; path: string; name: string };
  exportChanges: ExportChangesView;
  chooseBatchFolder: { status: 'folder'; folder: string } | { status: 'cancelled' } | { status: 'download' };
  /** `held`: made for a combined PDF (`batch`), which exportCombined joins. */
  exportEach: { status: 'saved'; path: string } | { status: 'download'; fileName: string; mime: string; data: string } | { status: 'held' };
  chooseCombinedFile: { status: 'file'; file: string; batch: string } | { status: 'cancelled' } | { status: 'download'; batch: string };
  /** `papers`: each paper joined, by topic, with the page of the file it starts on and its pages. */
  exportCombined: ({ status: 'saved'; path: string } | { status: 'download'; fileName: string; mime: string; data: string }) & {
    papers: { topic: string; start: number; pages: number }[];
  };
  openPath: { opened: boolean };
}

/**
 * What every call resolves to: a result, or problems a user can act on (never a stack trace).
 * `superseded`: a preview the same page replaced with a newer one before it was finished; the page drops it.
 */
export type ApiResponse<C extends Channel> = { ok: true; result: ApiResults[C] } | { ok: false; problems: Problem[]; superseded?: true };

/** The IPC channel name for an API channel (one prefix, so main can refuse anything else). */
export const ipcChannel = (channel: Channel): string => `briefwright:${channel}`;

/** The most a payload may weigh, over IPC or HTTP. */
export const MAX_PAYLOAD_BYTES = 2 * 1024 * 1024;
/** What either carrier answers to a heavier one (the web host stops reading at the limit, so no size is given). */
export const PAYLOAD_TOO_LARGE = `the request is too large (the limit is ${MAX_PAYLOAD_BYTES / 1048576} MB)`;

/** What the desktop app's menu asks the window to do: File → Export PDF, … for each format the app offers. */
export type MenuAction = `export-${AppFormatId}` | BriefMenuAction;
/** How many recent briefs File → Open Recent Brief offers. */
export const RECENT_BRIEF_SLOTS = 8;
/**
 * File → New Brief, Open Brief…, Save, Save Brief As…, and Open Recent Brief → the Nth of
 * listBriefs' `recent` (never a path: the page asks the API which brief that is). The page's
 * own dialogs do the rest.
 */
export type BriefMenuAction = 'brief-new' | 'brief-open' | 'brief-save' | 'brief-save-as' | `brief-recent-${number}`;
const BRIEF_MENU_ACTIONS: BriefMenuAction[] = ['brief-new', 'brief-open', 'brief-save', 'brief-save-as', ...Array.from({ length: RECENT_BRIEF_SLOTS }, (_, i) => `brief-recent-${i}` as const)];
export const MENU_ACTIONS: readonly MenuAction[] = [...APP_FORMATS.map(exportMenuAction), ...BRIEF_MENU_ACTIONS];
/** The one channel main sends menu actions on; it is not an API channel and main handles nothing on it. */
export const MENU_CHANNEL = 'briefwright-menu';

/**
 * The one channel main tells the page on that the workspace's files changed on disk and were read
 * again (the page draws its preview and lists again); it carries nothing, and main handles nothing
 * on it. The web host says the same on its event stream, `WORKSPACE_EVENTS`.
 */
export const WORKSPACE_CHANNEL = 'briefwright-workspace';
/** The web host's event stream (GET, with the launch token): `event: workspace` with the count of reloads as `data`, the current count first. */
export const WORKSPACE_EVENTS = '/events';

/** What the Electron preload puts on `window.briefwright`: the API, the menu's actions, and word that the workspace changed. */
export interface BriefwrightBridge {
  invoke<C extends Channel>(channel: C, payload: Payload<C>): Promise<ApiResponse<C>>;
  /** Calls `callback` for each menu action; returns a function that stops listening. */
  onMenu(callback: (action: MenuAction) => void): () => void;
  /** Calls `callback` each time the workspace's files changed and were read again; returns a function that stops listening. Absent in an older build. */
  onWorkspaceChange?(callback: () => void): () => void;
}
