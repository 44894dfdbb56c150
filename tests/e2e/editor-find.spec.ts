// Find and replace in the template editor (src/renderer/editor/search.ts), from the keyboard
// alone: Ctrl+F opens it on the text, Enter steps through the matches, Replace all changes every
// one, the live preview shows the change and Ctrl+S keeps it. A bundled template can be searched
// but not changed.
import { mkdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { editACopy, expect, findFirst, openApp, openFind, previewVersion, screenshotDir, test, waitForPreview } from './host';

test('Ctrl+F finds a word in a copy of a template, Replace all changes it everywhere, and the preview shows it', async ({ page, app }) => {
  await editACopy(page, app);
  const editor = page.getByRole('textbox', { name: 'Template text' });
  const preview = page.getByRole('region', { name: 'Preview' });
  await expect(preview).toContainText('Recent chronology');
  // "chronology" is in the description and in the heading "## Recent chronology".
  const occurrences = (await readFile('templates/pre-visit-brief.hbs', 'utf8')).match(/chronology/gi)?.length ?? 0;
  expect(occurrences).toBe(2);

  // The app's own shortcuts leave Ctrl+F to the editor: it opens the panel, the Find field focused.
  await editor.focus();
  const panel = await openFind(page);
  const find = panel.getByRole('textbox', { name: 'Find' });
  await page.keyboard.type('chronology');
  const count = panel.getByRole('status');
  await expect(count).toHaveText(`${occurrences} matches`);

  // Enter goes to the next match (highlighted, and counted), Shift+Enter back.
  await page.keyboard.press('Enter');
  await expect(count).toHaveText(`1 of ${occurrences}`);
  await expect(page.locator('.cm-searchMatch-selected')).toHaveText('chronology');
  await expect(find).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(count).toHaveText(`2 of ${occurrences}`);
  await expect(page.locator('.cm-searchMatch-selected')).toHaveText('chronology');
  await page.keyboard.press('Shift+Enter');
  await expect(count).toHaveText(`1 of ${occurrences}`);
  await mkdir(screenshotDir, { recursive: true });
  await page.screenshot({ path: join(screenshotDir, 'editor-find.png') });

  // Tab goes through the panel in reading order: the buttons of the Find row, then the Replace row.
  for (const name of ['Previous', 'Next', 'Select all']) {
    await page.keyboard.press('Tab');
    await expect(panel.getByRole('button', { name, exact: true })).toBeFocused();
  }
  await page.keyboard.press('Tab');
  const replace = panel.getByRole('textbox', { name: 'Replace with' });
  await expect(replace).toBeFocused();
  await page.keyboard.type('timeline');
  await page.keyboard.press('Tab');
  await expect(panel.getByRole('button', { name: 'Replace', exact: true })).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(panel.getByRole('button', { name: 'Replace all', exact: true })).toBeFocused();
  const before = await previewVersion(page);
  await page.keyboard.press('Enter');

  // Nothing is left to find, and the preview shows the new heading.
  await expect(count).toHaveText('No matches');
  await expect(find).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByText('Unsaved changes', { exact: true })).toBeVisible();
  await waitForPreview(page, before);
  await expect(preview).toContainText('Recent timeline');
  await expect(preview).not.toContainText('Recent chronology');

  // Escape closes the panel and gives the text its focus back; Ctrl+S saves the change.
  await page.keyboard.press('Escape');
  await expect(panel).toBeHidden();
  await expect(editor).toBeFocused();
  await page.keyboard.press('Control+s');
  await expect(page.getByText(/^Saved at /)).toBeVisible();
  const saved = await readFile(join(app.userFolder, 'templates', 'pre-visit-brief-copy.hbs'), 'utf8');
  expect(saved).not.toMatch(/chronology/i);
  expect(saved).toContain('## Recent timeline');
  expect(saved).toContain('recent timeline and sources');
});

test('a bundled template can be searched but not changed: its panel has no Replace', async ({ page, app }) => {
  await openApp(page, app);
  await page.getByRole('tab', { name: 'Templates' }).click();
  const editor = page.getByRole('textbox', { name: 'Template text' });
  await expect(page.getByText('Bundled · read-only')).toBeVisible();
  await editor.focus();
  const panel = await findFirst(page, 'Purpose');
  await expect(panel.getByRole('textbox', { name: 'Replace with' })).toHaveCount(0);
  await expect(panel.getByRole('button', { name: /^Replace/ })).toHaveCount(0);
  // Options: a whole-word, case-sensitive search finds only the heading and the input's label.
  await panel.getByRole('checkbox', { name: 'Match case' }).check();
  await panel.getByRole('checkbox', { name: 'Whole word' }).check();
  await expect(panel.getByRole('status')).toHaveText(/^(2 matches|\d of 2)$/);
  await panel.getByRole('button', { name: 'Close find and replace' }).click();
  await expect(panel).toBeHidden();
});
