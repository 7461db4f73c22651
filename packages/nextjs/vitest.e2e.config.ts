import { defineConfig } from 'vitest/config';

// `next build` of a fixture app: slow and CPU-heavy, so not part of `test`.
export default defineConfig({
  test: {
    include: ['test/**/*.e2e.ts'],
    testTimeout: 300_000,
    hookTimeout: 60_000,
  },
});
