import { defineConfig } from 'vitest/config';

// Tests against a real `redis-server` (started by the tests on 127.0.0.1, free port):
// `npm run test:redis`. They fail, with the install command, when redis-server is missing.
// They spawn child processes from the built dist/, so `turbo run test:redis` builds first.
// Every loop in them is bounded by a count or a condition; the timeouts are only a safety
// net against a hang, generous enough for a machine whose cores are all busy.
export default defineConfig({
  test: {
    include: ['src/**/*.redis.test.ts'],
    globalSetup: ['src/__tests__/helpers/require-redis-server.ts'],
    fileParallelism: false,
    testTimeout: 300_000,
    hookTimeout: 120_000,
  },
});
