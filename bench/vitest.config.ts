import { defineConfig } from 'vitest/config';

// Fast unit tests of the harness itself (statistics, tables, the SVG chart, the peer ports).
// The reliability suite has its own config: vitest.reliability.config.ts.
export default defineConfig({
  test: {
    include: ['src/__tests__/**/*.test.ts'],
    exclude: ['src/__tests__/**/*.reliability.test.ts', '**/node_modules/**'],
    testTimeout: 120_000,
  },
});
