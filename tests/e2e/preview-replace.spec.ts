// A change made while a long paper is being made: the page gives up on that paper (its request
// is aborted, so the host stops making it) and shows the paper the user now wants, without a
// word about the one it dropped; meanwhile the rest of the page keeps answering.
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { generateWorkspace, STRESS_TEMPLATE } from '../../bench/generate-workspace';
import { expect, openApp, test, waitForPreview } from './host';

test('changing the brief while a ~100-page preview is made stops that preview and shows the new paper', async ({ page, app }) => {
  // The bundled workspace and 1,000 generated facts, every fact printed: about 100 pages.
  const generated = generateWorkspace({ facts: 1000, factsPerFile: 500, seed: 7 });
  generated.layer.files.push({ path: 'templates/bench-stress.hbs', text: STRESS_TEMPLATE });
  for (const file of generated.layer.files) {
    await mkdir(dirname(join(app.userFolder, file.path)), { recursive: true });
    await writeFile(join(app.userFolder, file.path), file.text);
  }
  const aborted: string[] = [];
  page.on('requestfailed', (request) => {
    if (request.url().endsWith('/api/preview')) aborted.push(request.failure()?.errorText ?? '');
  });

  await openApp(page, app);
  const before = Number(await page.locator('.paper').first().getAttribute('data-preview-version'));
  const longOne = page.waitForRequest((request) => request.url().endsWith('/api/preview') && request.postData()?.includes('bench-stress') === true);
  await page.getByLabel('Template').selectOption({ label: 'Stress document' });
  await page.getByRole('group', { name: 'Topics' }).getByRole('button', { name: 'Choose all' }).click();
  await longOne;
  // While the long paper is being made, the user goes back to the pre-visit brief.
  await page.getByLabel('Template').selectOption({ label: 'Pre-visit brief' });

  await expect.poll(() => aborted.length, { timeout: 30_000 }).toBeGreaterThan(0);
  expect(aborted[0]).toMatch(/ABORTED/);
  await waitForPreview(page, before);
  await expect(page.getByText('Updating…')).toHaveCount(0, { timeout: 30_000 });
  // The paper shown is the pre-visit brief of a dozen pages, not the long one, and no problem speaks of the dropped one.
  const pages = Number(/(\d+) pages?/.exec((await page.locator('.preview-bar').textContent()) ?? '')?.[1]);
  expect(pages).toBeGreaterThan(0);
  expect(pages).toBeLessThan(40);
  await expect(page.getByText(/replaced by a newer one|abandoned/)).toHaveCount(0);
});
