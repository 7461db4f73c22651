import { defineConfig } from 'vitest/config';

// The same core, run with only the globals of an edge runtime (@edge-runtime/vm): proves
// it needs nothing but web-standard APIs. Only tests without node: imports (`*.web.test.ts`).
export default defineConfig({
  test: {
    name: 'core-edge',
    environment: 'edge-runtime',
    include: ['src/**/*.web.test.ts'],
    testTimeout: 120_000,
    provide: { expectEdgeRuntime: true },
  },
});
