import { demoCredentials } from '../seed.js';
import type { MockServer } from '../types.js';

/** Naive UTC with microseconds, as the identity endpoint writes `expiresAt`. */
export const NAIVE_UTC = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}$/;

/** POSTs a JSON body (a string is sent as is). */
export function postJson(
  url: string,
  body: unknown,
  headers: Record<string, string> = {},
): Promise<Response> {
  return fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}

/** Calls the client-credentials grant with the seeded service account. */
export function clientCredentialsLogin(
  server: MockServer,
  overrides: { clientId?: string; clientSecret?: string } = {},
): Promise<Response> {
  return postJson(`${server.url}/identity/v1/session`, {
    grantType: 'clientCredentials',
    clientId: overrides.clientId ?? demoCredentials.clientId,
    clientSecret: overrides.clientSecret ?? demoCredentials.clientSecret,
  });
}

/** Calls the password grant (form body) with the seeded user. */
export function passwordLogin(
  server: MockServer,
  overrides: { username?: string; password?: string } = {},
): Promise<Response> {
  return fetch(`${server.url}/identity/v1/session`, {
    method: 'POST',
    body: new URLSearchParams({
      username: overrides.username ?? demoCredentials.username,
      password: overrides.password ?? demoCredentials.password,
    }),
  });
}

/** A fresh service-account token. */
export async function serviceToken(server: MockServer): Promise<string> {
  const res = await clientCredentialsLogin(server);
  const body = (await res.json()) as { accessToken: string };
  return body.accessToken;
}

/** A fresh user-session token. */
export async function userToken(server: MockServer): Promise<string> {
  const res = await passwordLogin(server);
  const body = (await res.json()) as { access_token: string };
  return body.access_token;
}

/** `{ authorization: 'Bearer …' }`. */
export function bearer(credential: string): Record<string, string> {
  return { authorization: `Bearer ${credential}` };
}

/** A find body for one email address. */
export function findByEmail(email: string): unknown {
  return { matches: [{ fields: [{ field_name: 'email_address', search_term: email }] }] };
}
