import { DEMO_ORG_ID, demoCredentials } from './seed.js';
import type { MockServer } from './types.js';

/**
 * The text `livedata-mock` prints at start: the URL, the seeded demo credentials (they
 * only work against the mock, so printing them is the point) and `LIVEDATA_*` lines to
 * copy into a shell or `.env`.
 */
export function mockServerBanner(server: Pick<MockServer, 'url'>): string {
  const c = demoCredentials;
  return [
    `Live Data mock server listening on ${server.url}`,
    '',
    'Demo credentials (they only work against this mock server):',
    `  service account  clientId=${c.clientId}  clientSecret=${c.clientSecret}`,
    `  user             username=${c.username}  password=${c.password}`,
    `  API key          ${c.apiKey}`,
    `  organization     ${DEMO_ORG_ID}`,
    '',
    'Paste these into your shell (or drop `export ` for a .env file):',
    `  export LIVEDATA_BASE_URL=${server.url}`,
    `  export LIVEDATA_CLIENT_ID=${c.clientId}`,
    `  export LIVEDATA_CLIENT_SECRET=${c.clientSecret}`,
    `  export LIVEDATA_ORG_ID=${DEMO_ORG_ID}`,
    '  # or, instead of the client id and secret (set exactly one kind of credential):',
    `  # export LIVEDATA_USERNAME=${c.username}`,
    `  # export LIVEDATA_PASSWORD=${c.password}`,
    `  # export LIVEDATA_API_KEY=${c.apiKey}`,
    '',
  ].join('\n');
}
