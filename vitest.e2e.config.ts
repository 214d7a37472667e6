import { defineConfig } from 'vitest/config';

/** End-to-end tests: the built renderer in Debian's Chromium against the web bridge. */
export default defineConfig({
  test: {
    include: ['e2e/**/*.e2e.ts'],
    environment: 'node',
    pool: 'forks',
    fileParallelism: false,
    testTimeout: 180_000,
    hookTimeout: 180_000,
  },
});
