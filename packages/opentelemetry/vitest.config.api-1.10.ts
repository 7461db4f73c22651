import { defineConfig } from 'vitest/config';

// The hand-written providers again, with the newest @opentelemetry/api of the peer range
// (1.10) in place of the 1.9 that the SDK 2.x tests need. The listener and the tests both
// import '@opentelemetry/api', so both get 1.10 and share its globals.
export default defineConfig({
  resolve: { alias: { '@opentelemetry/api': '@opentelemetry/api-1.10' } },
  test: {
    include: ['src/**/minimal-providers.test.ts', 'src/**/api-version.test.ts'],
    env: { EXPECTED_OTEL_API: '1.10.0' },
    testTimeout: 120_000,
  },
});
