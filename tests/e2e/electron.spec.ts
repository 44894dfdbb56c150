// The desktop app itself, launched with Playwright's Electron support from the built output
// (`npm run build`): its window opens on our page with the API bridge. Skipped, with the reason,
// where the Electron binary is not installed (it could not be downloaded here).
import { _electron as electron, expect, test } from '@playwright/test';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

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
});
