// Vitest hooks: import only from test files (`@livedata/test-utils/vitest`).
import { createTokenManager, type TokenManager, type TokenManagerOptions } from '@livedata/core';
import { type MockServer, type MockServerOptions, startMockServer } from '@livedata/mock-server';
import { afterEach } from 'vitest';
import { DEMO_CLIENT } from './demo-accounts.js';
import { type UseServerOptions, useServer } from './use-server.js';

export { rejection } from './rejection.js';
export { rejectionOf } from './standalone/rejection-of.js';
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

/**
 * For tests that each start their own mock server with their own options: returns a
 * `start(options?)` that starts one on a free port, and closes every server it started
 * after each test. Register it before the hooks that must run first on teardown (vitest
 * runs `afterEach` hooks last-registered first), e.g. closing the managers that use it.
 */
export function useMockServers(): (options?: MockServerOptions) => Promise<MockServer> {
  const started: MockServer[] = [];
  afterEach(async () => {
    await Promise.all(started.splice(0).map((server) => server.close()));
  });
  return async (options = {}) => {
    const server = await startMockServer({ port: 0, ...options });
    started.push(server);
    return server;
  };
}

/**
 * A fresh `TokenManager` for each test, made from `options()` (read when the test starts, so
 * it may use `api.url` of a {@link useMockServer}), closed after the test. Returns a
 * stand-in that forwards to the manager of the test running.
 */
export function useTokenManager(options: () => TokenManagerOptions): TokenManager {
  return useServer(async () => createTokenManager(options()), { per: 'test' });
}

/**
 * {@link useTokenManager} on the mock server's demo service account: `baseUrl` is the URL of
 * `server` (a {@link useMockServer} stand-in) when the test starts, plus `options()`.
 */
export function useDemoTokenManager(
  server: { readonly url: string },
  options: () => Partial<TokenManagerOptions> = () => ({}),
): TokenManager {
  return useTokenManager(() => ({ credentials: DEMO_CLIENT, baseUrl: server.url, ...options() }));
}

/**
 * For tests that make several things to close (token managers, Nest applications): returns
 * a `track(thing)` that hands `thing` back and closes it after the test, all at once.
 */
export function closeAfterEach<T extends { close(): unknown }>(): <U extends T>(thing: U) => U {
  const open: T[] = [];
  afterEach(async () => {
    await Promise.all(open.splice(0).map((thing) => thing.close()));
  });
  return (thing) => {
    open.push(thing);
    return thing;
  };
}
