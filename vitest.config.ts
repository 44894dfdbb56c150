import { defineConfig } from 'vitest/config';

// Two suites. `fast` is what a newcomer runs while working (`npm run test:fast`, under two
// minutes on a 2-core machine); `slow` holds the suites that start many processes, fill
// memory, kill writers or run property tests with many cases. `npm test` runs both.
// Timeouts are guards against a hang, not measures of speed: they stand far above any test's
// own running time on a busy machine, and no test sets a shorter one of its own.
const SLOW = [
  'tests/integration/faults/**/*.test.ts',
  'tests/integration/bad-input/**/*.test.ts',
  'tests/integration/resident.test.ts',
  'tests/integration/cli-generate.test.ts',
  'tests/integration/cli-saved-brief.test.ts',
  'tests/integration/cli-each-topic.test.ts',
  'tests/integration/pipeline.test.ts',
  'tests/integration/web-host.test.ts',
  'tests/integration/paper-runner.test.ts',
  'tests/integration/accessible-papers.test.ts',
  'tests/integration/tagged-pdf.test.ts',
  'tests/unit/writers/property.test.ts',
  'tests/unit/writers/truetype.test.ts',
];

export default defineConfig({
  test: {
    pool: 'forks',
    projects: [
      {
        test: {
          name: 'fast',
          include: ['tests/unit/**/*.test.ts', 'tests/integration/**/*.test.ts'],
          exclude: SLOW,
          setupFiles: ['tests/setup/core-host.ts'],
          pool: 'forks',
          testTimeout: 120_000,
          hookTimeout: 120_000,
        },
      },
      {
        test: {
          name: 'slow',
          include: SLOW,
          // The web host's suites make papers on worker threads: the worker is built first.
          globalSetup: ['tests/setup/paper-worker.ts'],
          setupFiles: ['tests/setup/core-host.ts'],
          pool: 'forks',
          testTimeout: 600_000,
          hookTimeout: 600_000,
        },
      },
    ],
  },
});
