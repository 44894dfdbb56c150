// The end-to-end tests' fixtures: a real web host (real core, a fresh user folder per test)
// serving the built renderer, a page opened on it, and a check after every test that the page
// asked nothing of any other host. Helpers drive the app the way a user does.
import { test as base, expect as baseExpect, type Locator, type Page } from '@playwright/test';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startWebHost, type WebHost } from '../../src/web/server';

/** A preview takes a few hundred milliseconds, the first one a few seconds (fonts, workspace). */
export const expect = baseExpect.configure({ timeout: 20_000 });

export interface HostFixture {
  host: WebHost;
  /** http://127.0.0.1:<port> */
  origin: string;
  userFolder: string;
}

export const test = base.extend<{ app: HostFixture; requests: string[] }>({
  app: async ({}, use) => {
    const userFolder = await mkdtemp(join(tmpdir(), 'briefwright-e2e-'));
    const host = await startWebHost({ port: 0, userFolder, rendererDir: 'out/renderer' });
    await use({ host, origin: new URL(host.url).origin, userFolder });
    await host.close();
    await rm(userFolder, { recursive: true, force: true });
  },
  // Every test checks that the page reached nothing but the host (no fonts, scripts or calls
  // from the web): the app works offline.
  requests: [
    async ({ page, app }, use) => {
      const urls: string[] = [];
      page.on('request', (request) => urls.push(request.url()));
      await use(urls);
      const foreign = urls.filter((url) => !url.startsWith(`${app.origin}/`) && !url.startsWith('blob:') && !url.startsWith('data:'));
      expect(foreign, `requests to other hosts: ${foreign.join(', ')}`).toEqual([]);
    },
    { auto: true },
  ],
});


/** Opens the app and waits for the first preview to be drawn. */
export async function openApp(page: Page, app: HostFixture): Promise<void> {
  await page.goto(app.host.url);
  await expect(page.getByLabel('Template')).toBeVisible();
  await waitForPreview(page, 0);
}

/** Opens the template editor on a user copy of the selected (bundled) template. */
export async function editACopy(page: Page, app: HostFixture): Promise<void> {
  await openApp(page, app);
  await page.getByRole('tab', { name: 'Templates' }).click();
  await page.getByRole('button', { name: 'Duplicate to edit' }).click();
  await expect(page.getByText('Your template', { exact: true })).toBeVisible();
}

/** Puts the editor's cursor at the end of the template's "## Summary" line. */
export async function cursorAfterSummary(page: Page): Promise<void> {
  // Found rather than clicked: the editor draws only the lines in view, and the heading is below the front matter.
  await page.getByRole('textbox', { name: 'Template text' }).focus();
  const panel = await findFirst(page, '## Summary');
  await page.keyboard.press('Escape');
  await expect(panel).toBeHidden();
  await page.keyboard.press('End');
}

/** Opens find and replace from the keyboard in the focused editor (its Find field focused): the panel. */
export async function openFind(page: Page): Promise<Locator> {
  await page.keyboard.press('Control+f');
  const panel = page.getByRole('search', { name: 'Find and replace in the template' });
  await expect(panel.getByRole('textbox', { name: 'Find' })).toBeFocused();
  return panel;
}

/** Opens find and replace, looks for `text` and steps to its first match ("1 of N"): the panel. */
export async function findFirst(page: Page, text: string): Promise<Locator> {
  const panel = await openFind(page);
  await page.keyboard.type(text);
  await page.keyboard.press('Enter');
  await expect(panel.getByRole('status')).toHaveText(/^\d+ of \d+$/);
  return panel;
}

/** The preview's version counter: it goes up each time new pages are swapped in. */
export async function previewVersion(page: Page): Promise<number> {
  return Number(await page.locator('.paper').first().getAttribute('data-preview-version'));
}

export async function waitForPreview(page: Page, after: number): Promise<number> {
  await expect.poll(() => previewVersion(page), { timeout: 30_000 }).toBeGreaterThan(after);
  return previewVersion(page);
}

/** Chooses a template and exactly these topics (by label), as a user ticks them (or, for a one-topic template, picks its one). */
export async function chooseBrief(page: Page, template: string, topics: string[], range?: { from: string; to: string }): Promise<void> {
  await page.getByLabel('Template').selectOption({ label: template });
  const group = page.getByRole('group', { name: 'Topics' });
  if ((await group.getByRole('radio').count()) > 0) {
    // A one-topic template: its topics are radio buttons.
    if (topics.length !== 1) throw new Error(`"${template}" takes exactly one topic, not ${topics.length}`);
    await group.getByRole('radio', { name: topics[0]!, exact: true }).check();
  } else {
    // Tick the wanted ones first: the paper always has at least one topic.
    for (const label of topics) await group.getByRole('checkbox', { name: label, exact: true }).check();
    for (const box of await group.getByRole('checkbox').all()) {
      const name = (await box.evaluate((el) => el.closest('label')?.textContent ?? '')).trim();
      if (!topics.includes(name) && (await box.isChecked())) await box.uncheck();
    }
  }
  if (range) {
    await page.getByLabel('From', { exact: true }).fill(range.from);
    await page.getByLabel('To', { exact: true }).fill(range.to);
  }
}

export const screenshotDir = 'test-results/screenshots';
