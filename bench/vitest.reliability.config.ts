import { defineConfig } from 'vitest/config';

// The reliability suite: fake-clock soak, chaos schedule, memory. Every loop is bounded by
// a count, so the suite stops by itself; timeouts are only a safety net.
export default defineConfig({
  test: {
    include: ['src/__tests__/**/*.reliability.test.ts'],
    testTimeout: 600_000,
    hookTimeout: 120_000,
    fileParallelism: false,
  },
});
