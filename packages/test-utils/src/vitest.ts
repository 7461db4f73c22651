// Vitest hooks: import only from test files (`@livedata/test-utils/vitest`).
import { type MockServer, type MockServerOptions, startMockServer } from '@livedata/mock-server';
import { type UseServerOptions, useServer } from './use-server.js';

export { type ClosableServer, type UseServerOptions, useServer } from './use-server.js';

/** {@link useMockServer}'s options: the mock server's own, and how long it lives. */
export interface UseMockServerOptions extends MockServerOptions, UseServerOptions {}

/**
 * Starts `@livedata/mock-server` on a free port for the test file (or for each test, with
 * `per: 'test'`) and returns a stand-in for it: `api.url`, `api.count('identity')`… read the
 * server currently running. With one server per file, requests and faults are wiped before
 * each test.
 */
export function useMockServer(options: UseMockServerOptions = {}): MockServer {
  const { per, ...serverOptions } = options;
  return useServer(() => startMockServer({ port: 0, ...serverOptions }), per ? { per } : {});
}
