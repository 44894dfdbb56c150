// The app follows the workspace's files while it runs: a document officer who edits style.yaml
// in the user folder (in a text editor, or by a `git pull`) sees the open page's preview take the
// change, with no reload of the page and without touching Settings; the template open in the
// editor keeps the text being typed.
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { editACopy, expect, openApp, test } from './host';

/** Marks the page, so that a reload of it (which would lose the mark) is seen. */
async function markPage(page: import('@playwright/test').Page): Promise<void> {
  await page.evaluate(() => ((window as unknown as { stillTheSamePage: boolean }).stillTheSamePage = true));
}
async function samePage(page: import('@playwright/test').Page): Promise<boolean> {
  return page.evaluate(() => (window as unknown as { stillTheSamePage?: boolean }).stillTheSamePage === true);
}

test('style.yaml edited in the user folder while the page is open redraws the preview in its organisation', async ({ page, app }) => {
  await openApp(page, app);
  const preview = page.getByRole('region', { name: 'Preview' });
  await expect(preview).not.toContainText('Ministry of Watched Files');
  await markPage(page);

  await writeFile(join(app.userFolder, 'style.yaml'), 'organisation: Ministry of Watched Files\ncolours:\n  accent: "#7a1f1f"\n');
  await expect(preview).toContainText('Ministry of Watched Files', { timeout: 60_000 });

  // Saved again, as a second save from the editor: the preview follows once more.
  await writeFile(join(app.userFolder, 'style.yaml'), 'organisation: Office of Followed Changes\n');
  await expect(preview).toContainText('Office of Followed Changes', { timeout: 60_000 });
  await expect(preview).not.toContainText('Ministry of Watched Files');
  expect(await samePage(page)).toBe(true);
});

test('a change on disk while a template is being edited leaves the text being typed alone', async ({ page, app }) => {
  await editACopy(page, app);
  const editor = page.getByRole('textbox', { name: 'Template text' });
  const preview = page.getByRole('region', { name: 'Preview' }).first();
  await editor.focus();
  await page.keyboard.press('Control+End');
  await page.keyboard.type('\nTyped before the save.\n');
  await page.keyboard.press('Control+s');
  await expect(page.getByText(/^Saved at /)).toBeVisible();
  // Typing on after the save, while the change on disk comes in.
  await page.keyboard.type('Typed after the save.');
  await writeFile(join(app.userFolder, 'style.yaml'), 'organisation: Ministry of Watched Files\n');
  await expect(preview).toContainText('Ministry of Watched Files', { timeout: 60_000 });
  await expect(editor).toContainText('Typed before the save.');
  await expect(editor).toContainText('Typed after the save.');
});

/** The one template file of the user's folder (the copy being edited), read or written. */
async function templateFile(app: { userFolder: string }): Promise<string> {
  const { readdir } = await import('node:fs/promises');
  const files = (await readdir(join(app.userFolder, 'templates'))).filter((f) => f.endsWith('.hbs'));
  expect(files).toHaveLength(1);
  return join(app.userFolder, 'templates', files[0]!);
}

test('the template open in the editor, changed on disk with nothing unsaved here, shows its new text', async ({ page, app }) => {
  await editACopy(page, app);
  const editor = page.getByRole('textbox', { name: 'Template text' });
  const file = await templateFile(app);
  const { readFile } = await import('node:fs/promises');
  await writeFile(file, `${await readFile(file, 'utf8')}\nA line from a git pull.\n`);
  await expect(page.getByText('The template changed on disk: this is its new text.')).toBeVisible({ timeout: 60_000 });
  // The editor draws only the lines in view: go to the end, where the new line is.
  await editor.focus();
  await page.keyboard.press('Control+End');
  await expect(editor).toContainText('A line from a git pull.');
});

test('with unsaved changes here, a change on disk asks before either is lost, and Save mine writes over it', async ({ page, app }) => {
  await editACopy(page, app);
  const editor = page.getByRole('textbox', { name: 'Template text' });
  const file = await templateFile(app);
  const { readFile } = await import('node:fs/promises');
  await editor.focus();
  await page.keyboard.press('Control+End');
  await page.keyboard.type('\nMy unsaved line.\n');
  await writeFile(file, `${await readFile(file, 'utf8')}\nA line from a git pull.\n`);
  const dialog = page.getByRole('dialog', { name: /changed on disk/ });
  await expect(dialog).toBeVisible({ timeout: 60_000 });
  await expect(editor).toContainText('My unsaved line.');
  await dialog.getByRole('button', { name: 'Save mine over it' }).click();
  await expect(page.getByText(/^Saved at /)).toBeVisible();
  const saved = await readFile(file, 'utf8');
  expect(saved).toContain('My unsaved line.');
  expect(saved).not.toContain('A line from a git pull.');
});

test('an open Settings dialog shows the house style as it is now on disk', async ({ page, app }) => {
  await openApp(page, app);
  await page.getByRole('button', { name: 'Settings' }).click();
  const style = page.getByRole('dialog', { name: 'Settings' }).getByRole('region', { name: 'House style' });
  await expect(style).toContainText('briefwright’s own');
  await writeFile(join(app.userFolder, 'style.yaml'), 'organisation: Ministry of Watched Files\n');
  await expect(style).toContainText('Organisation: Ministry of Watched Files', { timeout: 60_000 });
});
