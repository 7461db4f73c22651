import { defineConfig } from 'vitest/config';

// Unit tests: no Redis needed. The tests against a real redis-server (`*.redis.test.ts`)
// run with `npm run test:redis` (vitest.redis.config.ts).
export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    exclude: ['**/node_modules/**', '**/dist/**', '**/*.redis.test.ts'],
    testTimeout: 120_000,
  },
});
