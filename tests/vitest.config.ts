import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: [
      'api/**/*.test.ts',
      'cli/**/*.test.ts',
      'db/**/*.test.ts',
      'start/**/*.test.ts',
      'lint/**/*.test.ts',
    ],
    globalSetup: ['./support/global-setup.ts'],
    // Each file makes its own database from the migrated template, so files run in parallel.
    pool: 'forks',
    maxWorkers: 2,
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
