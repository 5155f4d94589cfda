// Browser tests: real Chromium (Debian's, driven by playwright-core) against the built
// dashboard and a real API on its own Postgres database. Run with
//   npx vitest run --config vitest.browser.config.ts
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['browser/**/*.test.ts'],
    globalSetup: ['./browser/global-setup.ts'],
    // One API and one dashboard serve every file; files run one at a time so a slow
    // machine does not turn into flaky timeouts.
    pool: 'forks',
    fileParallelism: false,
    maxWorkers: 1,
    testTimeout: 90_000,
    hookTimeout: 300_000,
  },
});
