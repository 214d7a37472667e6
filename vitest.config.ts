import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts', 'test/**/*.test.tsx', 'src/**/*.test.ts', 'src/**/*.test.tsx'],
    environment: 'node',
    pool: 'forks',
    // The second reporter names the test files a dying worker process took with it (vitest does not).
    reporters: ['default', './test/support/unfinished-files-reporter.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
