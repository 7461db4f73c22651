import { demoCredentials } from '@livedata/mock-server';

/** The mock server's demo service account, as `credentials` for a token manager. */
export const DEMO_CLIENT = {
  clientId: demoCredentials.clientId,
  clientSecret: demoCredentials.clientSecret,
} as const;

/** The mock server's demo user, as `credentials` for a token manager. */
export const DEMO_USER = {
  username: demoCredentials.username,
  password: demoCredentials.password,
} as const;

/**
 * Asks the identity endpoint at `baseUrl` for a session with the demo service account, the
 * way a client with no library would (a JSON POST), and returns the raw response.
 */
export function requestDemoSession(baseUrl: string): Promise<Response> {
  return fetch(`${baseUrl}/identity/v1/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ grantType: 'clientCredentials', ...DEMO_CLIENT }),
  });
}
