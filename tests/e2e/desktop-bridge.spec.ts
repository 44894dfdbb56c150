// The renderer's desktop-app paths, in Chromium: a stand-in for Electron's preload bridge
// (`window.briefwright`) carries the calls to the web host, except that an export is "saved"
// (as the desktop app saves it) and opening a path is recorded. Checks what the page does with
// them: Open / Show in folder, recent exports, and the File menu's Export PDF.
import { expect, openApp, test } from './host';

declare global {
  interface Window {
    __opened: { path: string; reveal?: boolean }[];
    __menu?: (action: string) => void;
  }
}

test.beforeEach(async ({ page, app }) => {
  await page.addInitScript(
    ({ token }) => {
      window.__opened = [];
      const exports: { path: string; format: string; at: string }[] = [];
      const answer = (result: unknown) => Promise.resolve({ ok: true, result });
      (window as unknown as { briefwright: unknown }).briefwright = {
        invoke(channel: string, payload: { format?: string; path?: string; reveal?: boolean }) {
          if (channel === 'export') {
            const path = `/home/analyst/Briefs/Pre-visit brief.${payload.format}`;
            exports.unshift({ path, format: payload.format!, at: new Date().toISOString() });
            return answer({ status: 'saved', path });
          }
          if (channel === 'recentExports') return answer(exports);
          if (channel === 'openPath') {
            window.__opened.push({ path: payload.path!, reveal: payload.reveal });
            return answer({ opened: true });
          }
          return fetch(`/api/${channel}`, {
            method: 'POST',
            headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
            body: JSON.stringify(payload),
          }).then((r) => r.json());
        },
        onMenu(callback: (action: string) => void) {
          window.__menu = callback;
          return () => (window.__menu = undefined);
        },
      };
    },
    { token: app.host.token },
  );
});

test('a saved export can be opened or shown in its folder, and is listed among recent exports', async ({ page, app }) => {
  await openApp(page, app);
  await page.getByRole('button', { name: 'Export PDF' }).click();
  await expect(page.getByText('Saved “Pre-visit brief.pdf”.')).toBeVisible();
  await page.getByRole('button', { name: 'Open', exact: true }).click();
  await page.getByRole('button', { name: 'Show in folder' }).click();
  await expect.poll(() => page.evaluate(() => window.__opened)).toEqual([
    { path: '/home/analyst/Briefs/Pre-visit brief.pdf', reveal: false },
    { path: '/home/analyst/Briefs/Pre-visit brief.pdf', reveal: true },
  ]);
  await page.getByText('Recent exports').click();
  await expect(page.locator('.recent-exports li')).toHaveCount(1);
  await expect(page.locator('.recent-exports li')).toContainText('Pre-visit brief.pdf');
});

test('File → Export DOCX in the menu exports the paper, from the editor too', async ({ page, app }) => {
  await openApp(page, app);
  await page.getByRole('tab', { name: 'Templates' }).click();
  await expect(page.getByRole('textbox', { name: 'Template text' })).toBeVisible();
  await page.evaluate(() => window.__menu?.('export-docx'));
  await expect(page.getByRole('tab', { name: 'Brief' })).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByText('Saved “Pre-visit brief.docx”.')).toBeVisible();
});
