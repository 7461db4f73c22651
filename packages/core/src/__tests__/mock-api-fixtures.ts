// Fixtures for the tests against the mock Live Data API over real HTTP (Node only: the
// mock server is a node:http server; not for the edge-runtime project). The other packages
// have these in @livedata/test-utils, which core cannot use: test-utils depends on core.
import {
  demoCredentials,
  type MockServer,
  type MockServerOptions,
  startMockServer,
} from '@livedata/mock-server';
import { afterEach } from 'vitest';
import { TokenManager, type TokenManagerOptions } from '../index.js';

const { clientId, clientSecret, username, password } = demoCredentials;

/** The mock server's demo service account. */
export const DEMO_CLIENT = { clientId, clientSecret } as const;

/** The mock server's demo user. */
export const DEMO_USER = { username, password } as const;

/** What {@link useMockApi} returns. */
export interface MockApi {
  /** Starts a mock server on a free port; closed after the test. */
  mock(options?: MockServerOptions): Promise<MockServer>;
  /**
   * A manager on `server` with the demo service account and the file's defaults, plus
   * `options`; closed after the test (before the servers).
   */
  manager(server: { readonly url: string }, options?: Partial<TokenManagerOptions>): TokenManager;
  /** Closes `tokens` after the test, with the managers made by `manager()`. */
  track<T extends TokenManager>(tokens: T): T;
}

/**
 * Registers the hook that, after each test, closes every manager the test made and then
 * every mock server it started. `defaults` apply to each `manager()` (a retry policy that
 * keeps failures fast, say).
 */
export function useMockApi(defaults: Partial<TokenManagerOptions> = {}): MockApi {
  const managers: TokenManager[] = [];
  const servers: MockServer[] = [];
  afterEach(async () => {
    await Promise.all(managers.splice(0).map((m) => m.close()));
    await Promise.all(servers.splice(0).map((s) => s.close()));
  });
  const track = <T extends TokenManager>(tokens: T): T => {
    managers.push(tokens);
    return tokens;
  };
  return {
    track,
    async mock(options = {}) {
      const server = await startMockServer(options);
      servers.push(server);
      return server;
    },
    manager: (server, options = {}) =>
      track(
        new TokenManager({
          credentials: DEMO_CLIENT,
          baseUrl: server.url,
          ...defaults,
          ...options,
        }),
      ),
  };
}
