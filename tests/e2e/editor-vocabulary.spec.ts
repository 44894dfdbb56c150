// The editor's completion offers, after `{{>`, the partials the workspace has: the bundled ones
// and the user's own. (The helpers it offers come from the one table core's helpers are typed by,
// src/shared/template-vocabulary.ts, checked in tests/unit/templates/helpers.test.ts.)
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { cursorAfterSummary, editACopy, expect as appExpect, test as appTest } from './host';

appTest('after {{> the editor offers the bundled partials and the user’s own, each with its description', async ({ page, app }) => {
  await mkdir(join(app.userFolder, 'templates', 'partials'), { recursive: true });
  await writeFile(
    join(app.userFolder, 'templates', 'partials', 'signature.hbs'),
    '{{!-- Signature block: the desk that wrote the paper --}}\nSigned for the Central Asia desk.\n',
  );
  await editACopy(page, app);
  await cursorAfterSummary(page);
  await page.keyboard.press('Enter');
  await page.keyboard.type('{{> ');
  await page.keyboard.press('Control+Space');
  const list = page.getByRole('listbox');
  await appExpect(list.getByRole('option', { name: /^cover-fields/ })).toContainText('bundled');
  await appExpect(list.getByRole('option', { name: /^topic-facts/ })).toContainText('bundled');
  await appExpect(list.getByRole('option', { name: /^signature/ })).toContainText('yours');

  // Narrowed to the user's partial, it shows its description, and choosing it includes it in the paper.
  await page.keyboard.type('sig');
  await appExpect(list.getByRole('option')).toHaveCount(1);
  await appExpect(page.locator('.cm-completionInfo')).toHaveText('Signature block: the desk that wrote the paper');
  // While CodeMirror asks for completions again after a keystroke, the list shown is the last one,
  // disabled, and Enter makes a new line; on a busy machine that lasts long enough to catch a test.
  await appExpect(page.locator('.cm-tooltip-autocomplete')).not.toHaveClass(/cm-tooltip-autocomplete-disabled/);
  await page.keyboard.press('Enter');
  await page.keyboard.type('}}');
  await appExpect(page.getByRole('textbox', { name: 'Template text' })).toContainText('{{> signature}}');
  await appExpect(page.getByRole('region', { name: 'Preview' })).toContainText('Signed for the Central Asia desk.');
});
