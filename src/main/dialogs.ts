// The save dialog of an export (the suggested name in the user's Documents folder, and the
// filter of the chosen format), and the folder dialog of a batch of papers.
import { app, dialog, type BrowserWindow, type OpenDialogOptions, type SaveDialogOptions } from 'electron';
import { extname, join } from 'node:path';
import type { ExportFormat } from '../shared/api';
import { FORMATS } from '../shared/formats';

/** Asks where to save; undefined when the user cancels. */
export async function chooseExportPath(window: BrowserWindow | undefined, suggestedName: string, format: ExportFormat): Promise<string | undefined> {
  const { fileKind, extension } = FORMATS[format];
  const options: SaveDialogOptions = {
    title: `Export ${format.toUpperCase()}`,
    buttonLabel: 'Export',
    defaultPath: join(app.getPath('documents'), suggestedName),
    filters: [{ name: fileKind, extensions: [extension] }],
    properties: ['createDirectory', 'showOverwriteConfirmation'],
  };
  const result = window ? await dialog.showSaveDialog(window, options) : await dialog.showSaveDialog(options);
  if (result.canceled || !result.filePath) return undefined;
  return extname(result.filePath) ? result.filePath : `${result.filePath}.${extension}`;
}

/** Asks for the folder a batch of papers goes to (one may be made there); undefined when the user cancels. */
export async function chooseBatchFolder(window: BrowserWindow | undefined): Promise<string | undefined> {
  const options: OpenDialogOptions = {
    title: 'Export one paper per topic',
    buttonLabel: 'Export here',
    defaultPath: app.getPath('documents'),
    properties: ['openDirectory', 'createDirectory', 'promptToCreate'],
  };
  const result = window ? await dialog.showOpenDialog(window, options) : await dialog.showOpenDialog(options);
  return result.canceled ? undefined : result.filePaths[0];
}
