/**
 * Starting the mock Live Data API for a scenario and reading what it saw. Every scenario
 * gets its own server per contender, so identity calls and 401s are attributed exactly.
 */
import {
  DEMO_ORG_ID,
  demoCredentials,
  type MockServer,
  type MockServerOptions,
  startMockServer,
} from '@livedata/mock-server';
import type { ClientContext } from './contenders.js';
import { loginWithFetch } from './peers/live-data-login.js';

/** The service account every contender signs in with. */
export const credentials = {
  clientId: demoCredentials.clientId,
  clientSecret: demoCredentials.clientSecret,
};

/** Starts a mock server on loopback with unlimited credits and a small dataset. */
export async function startBenchServer(options: MockServerOptions = {}): Promise<MockServer> {
  const server = await startMockServer({ port: 0, peopleCount: 50, ...options });
  server.setCredits(DEMO_ORG_ID, undefined);
  return server;
}

/**
 * Mints a long-lived token for the static-header baselines, then restores the server's
 * token lifetime and forgets the request so it does not count as anyone's identity call.
 */
export async function clientContext(
  server: MockServer,
  tokenTtlSeconds: number,
): Promise<ClientContext> {
  server.setTokenTtl(24 * 3600);
  const session = await loginWithFetch(server.url, credentials);
  server.setTokenTtl(tokenTtlSeconds);
  server.resetRequests();
  return { baseUrl: server.url, credentials, staticToken: session.accessToken };
}

/** What the server saw, in the terms the benchmark reports. */
export interface ServerTally {
  identityCalls: number;
  /** API requests that carried an expired token (each one a 401 the API had to send). */
  expiredTokenRequests: number;
  /** API requests answered 401 for any reason (expired, missing or unknown token). */
  unauthorized: number;
  apiRequests: number;
}

/** Counts the server's recorded requests. */
export function tally(server: MockServer): ServerTally {
  let expired = 0;
  let unauthorized = 0;
  let api = 0;
  for (const r of server.requests) {
    if (r.route === 'identity') continue;
    api += 1;
    if (r.auth === 'expired') expired += 1;
    if (r.status === 401) unauthorized += 1;
  }
  return {
    identityCalls: server.count('identity'),
    expiredTokenRequests: expired,
    unauthorized,
    apiRequests: api,
  };
}
