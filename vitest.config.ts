import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // Two cores on every machine of this project: keep workers modest.
    pool: 'forks',
    maxWorkers: 2,
  },
});
