// The output formats, listed once: what each is called, the files it makes, and whether the app
// offers it. The pipeline's writers, the API, the save dialog, the menu, the export bar and the
// CLI all read this table, so adding a format is one entry here and one writer in core. Runs
// anywhere, and the renderer imports it as a value: no Node, no DOM, no zod.

/** How the desktop app and the page offer a format: a button on the export bar and an item in File. */
export interface AppOffer {
  /** The export bar's main button (the others are plain). */
  primary: boolean;
  /** The File menu item's shortcut, in Electron's accelerator notation. */
  accelerator: string;
}

export interface OutputFormat {
  /** As the app names it: "Export PDF", "Exporting Markdown…". */
  label: string;
  /** The file name's ending, without the dot; `generate --out` takes the format from it. */
  extension: string;
  /** The media type a download carries. */
  mediaType: string;
  /** The save dialog's name for the kind of file. */
  fileKind: string;
  /** Offered on the export bar and in the File menu; false for a format only the CLI and the API make. */
  app: AppOffer | false;
}

const table = {
  pdf: {
    label: 'PDF',
    extension: 'pdf',
    mediaType: 'application/pdf',
    fileKind: 'PDF document',
    app: { primary: true, accelerator: 'CmdOrCtrl+E' },
  },
  docx: {
    label: 'DOCX',
    extension: 'docx',
    mediaType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    fileKind: 'Word document',
    app: { primary: false, accelerator: 'CmdOrCtrl+Shift+E' },
  },
  html: {
    label: 'HTML',
    extension: 'html',
    mediaType: 'text/html',
    fileKind: 'Web page',
    app: false,
  },
  md: {
    label: 'Markdown',
    extension: 'md',
    mediaType: 'text/markdown',
    fileKind: 'Markdown',
    app: false,
  },
} satisfies Record<string, OutputFormat>;

/** A format's id: `--format pdf`, the API's `format`, a recent export's `format`. */
export type FormatId = keyof typeof table;
/** A format the app offers (its export bar and File menu). */
export type AppFormatId = { [F in FormatId]: (typeof table)[F]['app'] extends AppOffer ? F : never }[FormatId];

export const FORMATS: { readonly [F in FormatId]: Readonly<OutputFormat> } = table;
/** Every format, in the order lists and messages name them. */
export const FORMAT_IDS: readonly FormatId[] = Object.keys(table) as FormatId[];
/** The formats the app offers, in the order its buttons and menu items stand. */
export const APP_FORMATS: readonly AppFormatId[] = FORMAT_IDS.filter((id): id is AppFormatId => FORMATS[id].app !== false);

export const isFormatId = (value: unknown): value is FormatId => (FORMAT_IDS as readonly unknown[]).includes(value);

/** How the app offers one of its formats. */
export const appOffer = (format: AppFormatId): AppOffer => table[format].app;

/** The format a file name's ending (without the dot, any case) stands for, if any. */
export function formatOfExtension(extension: string): FormatId | undefined {
  const wanted = extension.toLowerCase();
  return FORMAT_IDS.find((id) => FORMATS[id].extension === wanted);
}

/** The File menu's action that exports `format` (the page receives it, docs/architecture.md). */
export const exportMenuAction = <F extends AppFormatId>(format: F): `export-${F}` => `export-${format}`;
