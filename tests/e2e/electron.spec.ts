// The desktop app itself, launched with Playwright's Electron support from the built output
// (`npm run build`): its window opens on our page with the API bridge; the preview draws there
// (pdf.js and its worker from the app's own files, under its CSP); an export goes through the
// main process's save dialog to an atomic write; the page asks nothing of the network and cannot
// be navigated away; a saved brief survives a relaunch and opens from File → Open Recent Brief;
// one paper per topic goes to the folder the folder dialog gives. Skipped, with the reason, where the Electron binary is not installed (it
// could not be downloaded here).
import { _electron as electron, expect, test } from '@playwright/test';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chooseBrief } from './host';

const repo = fileURLToPath(new URL('../../', import.meta.url));

/** The Electron executable, when the package could download it. */
function electronBinary(): string | undefined {
  try {
    const path: unknown = createRequire(import.meta.url)('electron');
    return typeof path === 'string' && existsSync(path) ? path : undefined;
  } catch {
    return undefined;
  }
}

const binary = electronBinary();
const hasElectronBinary = binary !== undefined;
const SKIP_REASON = 'skipped: the Electron binary is not installed (no network at install time)';

// The reason is in the title too, so every reporter shows why nothing ran.
test.describe(hasElectronBinary ? 'the desktop app' : `the desktop app (${SKIP_REASON})`, () => {
  test.skip(!hasElectronBinary, SKIP_REASON);

  test('opens one window titled briefwright, with the Template select and the API bridge', async () => {
    const home = await mkdtemp(join(tmpdir(), 'briefwright-electron-'));
    const app = await electron.launch({
      executablePath: binary!,
      args: [repo],
      cwd: repo,
      env: { ...process.env, BRIEFWRIGHT_HOME: home },
    });
    try {
      const window = await app.firstWindow();
      await expect(window).toHaveTitle(/briefwright/i);
      await expect(window.getByLabel('Template')).toBeVisible({ timeout: 30_000 });
      // The page sees the API and nothing of Node.
      expect(await window.evaluate(() => typeof (window as unknown as { briefwright?: { invoke?: unknown } }).briefwright?.invoke)).toBe('function');
      expect(await window.evaluate(() => typeof (globalThis as { require?: unknown }).require)).toBe('undefined');
      expect(app.windows()).toHaveLength(1);
    } finally {
      await app.close();
      await rm(home, { recursive: true, force: true });
    }
  });

  test('draws the preview, exports a PDF through the save dialog, reaches no network and cannot be navigated away', async () => {
    const home = await mkdtemp(join(tmpdir(), 'briefwright-electron-'));
    const out = join(home, 'visit.pdf');
    const app = await electron.launch({ executablePath: binary!, args: [repo], cwd: repo, env: { ...process.env, BRIEFWRIGHT_HOME: home } });
    try {
      const window = await app.firstWindow();
      const requests: string[] = [];
      window.on('request', (request) => requests.push(request.url()));
      await expect(window.getByLabel('Template')).toBeVisible({ timeout: 30_000 });
      await chooseBrief(window, 'Pre-visit brief', ['Trade'], { from: '2018', to: '2019' });

      // pdf.js and its worker load from the app's files under the app's CSP: the pages are drawn.
      const preview = window.getByRole('region', { name: 'Preview' });
      await expect(preview.locator('.paper-page canvas').first()).toBeVisible({ timeout: 60_000 });
      await expect(preview).toContainText('$19.885 billion', { timeout: 30_000 });

      // The save dialog answers with a path, as a user choosing one would.
      await app.evaluate(({ dialog }, path) => {
        dialog.showSaveDialog = (async () => ({ canceled: false, filePath: path })) as unknown as typeof dialog.showSaveDialog;
      }, out);
      await window.getByRole('button', { name: 'Export PDF' }).click();
      await expect(window.locator('.export-saved')).toContainText('Saved “visit.pdf”.', { timeout: 30_000 });
      expect((await readFile(out)).subarray(0, 5).toString('latin1')).toBe('%PDF-');

      // Leaving the app's page is refused: it stays where it was.
      const url = window.url();
      await window.evaluate(() => {
        (globalThis as unknown as { location: { href: string } }).location.href = 'https://example.com/';
      });
      await window.waitForTimeout(1_000);
      expect(window.url()).toBe(url);
      const foreign = requests.filter((u) => !/^(file|blob|data|devtools):/.test(u));
      expect(foreign, `requests to the network: ${foreign.join(', ')}`).toEqual([]);
    } finally {
      await app.close();
      await rm(home, { recursive: true, force: true });
    }
  });

  test('a brief saved in the app is there after a relaunch, File → Open Recent Brief opens it, and one paper per topic goes to the chosen folder', async () => {
    const home = await mkdtemp(join(tmpdir(), 'briefwright-electron-'));
    const launch = () => electron.launch({ executablePath: binary!, args: [repo], cwd: repo, env: { ...process.env, BRIEFWRIGHT_HOME: home } });
    let app = await launch();
    try {
      let window = await app.firstWindow();
      await expect(window.getByLabel('Template')).toBeVisible({ timeout: 30_000 });
      await chooseBrief(window, 'Pre-visit brief', ['Trade'], { from: '2018', to: '2019' });
      await window.getByRole('group', { name: 'Brief file' }).getByRole('button', { name: 'Save as…' }).click();
      const saveAs = window.getByRole('dialog', { name: 'Save the brief as' });
      await saveAs.getByLabel('Title').fill('Astana, trade');
      await saveAs.getByRole('button', { name: 'Save', exact: true }).click();
      await expect(window.getByRole('group', { name: 'Brief file' }).getByRole('status')).toHaveText(/^Saved/);
      expect(await readFile(join(home, 'briefs', 'astana-trade.brief.yaml'), 'utf8')).toContain('title: Astana, trade');
      await app.close();

      // Relaunched: the brief is as it was left; after New, the File menu's recent list opens it.
      app = await launch();
      window = await app.firstWindow();
      const bar = window.getByRole('group', { name: 'Brief file' });
      await expect(bar).toContainText('Astana, trade', { timeout: 30_000 });
      await bar.getByRole('button', { name: 'New' }).click();
      await expect(bar).toContainText('Untitled brief');
      await app.evaluate(({ Menu }) => {
        const file = Menu.getApplicationMenu()?.items.find((item) => item.label === '&File' || item.label === 'File');
        const recent = file?.submenu?.items.find((item) => item.label === 'Open Recent Brief');
        recent?.submenu?.items[0]?.click();
      });
      await expect(bar).toContainText('Astana, trade');
      await expect(window.getByLabel('From', { exact: true })).toHaveValue('2018');

      // One paper per topic: the folder dialog answers with a folder, as a user choosing one would.
      const folder = join(home, 'one-pagers');
      await app.evaluate(({ dialog }, path) => {
        dialog.showOpenDialog = (async () => ({ canceled: false, filePaths: [path] })) as unknown as typeof dialog.showOpenDialog;
      }, folder);
      await window.getByLabel('Template').selectOption({ label: 'Sector one-pager' });
      await window.getByRole('button', { name: 'One per topic…' }).click();
      const batch = window.getByRole('dialog', { name: 'Export one paper per topic' });
      await batch.getByRole('button', { name: 'Choose none' }).click();
      await batch.getByRole('checkbox', { name: 'Trade' }).check();
      await batch.getByRole('checkbox', { name: 'Energy' }).check();
      await batch.getByRole('button', { name: 'Export 2 papers' }).click();
      await expect(batch.getByRole('status')).toContainText(`2 of 2 papers made. Saved in ${folder}.`, { timeout: 120_000 });
      for (const topic of ['trade', 'energy']) expect((await readFile(join(folder, `${topic}.pdf`))).subarray(0, 5).toString('latin1')).toBe('%PDF-');
    } finally {
      await app.close();
      await rm(home, { recursive: true, force: true });
    }
  });
});
