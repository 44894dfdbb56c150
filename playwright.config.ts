// End-to-end tests (docs/architecture.md, "Safety and tests"): the real renderer in Debian's
// Chromium against the web host (each spec starts its own host with startWebHost, so no webServer
// here), and the desktop app through Playwright's Electron support where an Electron binary is
// installed. Run: npx playwright test  (after `npm run build`, which builds out/renderer and
// out/main).
import { defineConfig } from '@playwright/test';

const chromium = {
  browserName: 'chromium' as const,
  launchOptions: {
    executablePath: process.env.BRIEFWRIGHT_CHROMIUM ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  },
};

export default defineConfig({
  testDir: 'tests/e2e',
  testMatch: '**/*.spec.ts',
  timeout: 60_000,
  fullyParallel: false,
  workers: 1,
  reporter: [['list']],
  outputDir: 'test-results',
  // The web host makes papers on worker threads: the worker is built from today's sources first.
  globalSetup: './tests/setup/paper-worker.ts',
  projects: [
    { name: 'chromium', testIgnore: '**/electron.spec.ts', use: { ...chromium, viewport: { width: 1280, height: 800 } } },
    { name: 'electron', testMatch: '**/electron.spec.ts' },
  ],
});
