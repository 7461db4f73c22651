/**
 * `@badgateway/oauth2-client`'s `OAuth2Fetch`, the wrapper its README recommends for
 * adding and refreshing tokens on `fetch`. The Live Data session endpoint is not a
 * standard OAuth2 token endpoint (JSON body, `accessToken`/`expiresAt` fields), so we use
 * the documented extension point: `getNewToken()` performs the Live Data sign-in and
 * returns an `OAuth2Token` with the correct expiry. Everything else (single-flight
 * refresh, expiry check, 401 retry) is the library's own.
 */
import { OAuth2Client, OAuth2Fetch } from '@badgateway/oauth2-client';
import { type ClientCredentials, loginWithFetch } from './live-data-login.js';

/** An `OAuth2Fetch` that signs in to Live Data with client credentials. */
export function createOAuth2Fetch(baseUrl: string, credentials: ClientCredentials): OAuth2Fetch {
  const client = new OAuth2Client({
    server: new URL(baseUrl).origin,
    clientId: credentials.clientId,
    clientSecret: credentials.clientSecret,
    tokenEndpoint: `${new URL(baseUrl).pathname.replace(/\/+$/, '')}/identity/v1/session`,
  });
  return new OAuth2Fetch({
    client,
    getNewToken: async () => {
      const session = await loginWithFetch(baseUrl, credentials);
      return { accessToken: session.accessToken, expiresAt: session.expiresAt, refreshToken: null };
    },
  });
}
