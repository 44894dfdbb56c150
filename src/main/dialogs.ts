// The save dialog of an export: the suggested name in the user's Documents folder, and the
// filter of the chosen format.
import { app, dialog, type BrowserWindow, type SaveDialogOptions } from 'electron';
import { extname, join } from 'node:path';
import type { ExportFormat } from '../shared/api';

const FILTERS: Record<ExportFormat, { name: string; extensions: string[] }> = {
  pdf: { name: 'PDF document', extensions: ['pdf'] },
  docx: { name: 'Word document', extensions: ['docx'] },
  html: { name: 'Web page', extensions: ['html'] },
  md: { name: 'Markdown', extensions: ['md'] },
};

/** Asks where to save; undefined when the user cancels. */
export async function chooseExportPath(window: BrowserWindow | undefined, suggestedName: string, format: ExportFormat): Promise<string | undefined> {
  const options: SaveDialogOptions = {
    title: `Export ${format.toUpperCase()}`,
    buttonLabel: 'Export',
    defaultPath: join(app.getPath('documents'), suggestedName),
    filters: [FILTERS[format]],
    properties: ['createDirectory', 'showOverwriteConfirmation'],
  };
  const result = window ? await dialog.showSaveDialog(window, options) : await dialog.showSaveDialog(options);
  if (result.canceled || !result.filePath) return undefined;
  return extname(result.filePath) ? result.filePath : `${result.filePath}.${format}`;
}
