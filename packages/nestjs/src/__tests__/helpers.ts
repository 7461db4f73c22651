import type { LiveDataCredentials } from '@livedata/core';
import { DEMO_PERSON_EMAIL, demoCredentials, type MockServer } from '@livedata/mock-server';

/** Service-account credentials the mock server knows. */
export const serviceAccount: LiveDataCredentials = {
  clientId: demoCredentials.clientId,
  clientSecret: demoCredentials.clientSecret,
};

/** Module options pointing at a running mock server (few identity retries, to keep failures fast). */
export function mockOptions(api: MockServer, credentials: LiveDataCredentials = serviceAccount) {
  return {
    baseUrl: api.url,
    credentials,
    retry: { maxAttempts: 2, baseDelayMs: 1, maxDelayMs: 5 },
  };
}

/** A people find body for the mock's seeded person. */
export function findBody(email: string = DEMO_PERSON_EMAIL) {
  return { matches: [{ fields: [{ field_name: 'email_address', search_term: email }] }] };
}

/** Secrets of the seeded credentials: none may ever appear in an answer or a log. */
export const seededSecrets = [
  demoCredentials.clientSecret,
  demoCredentials.password,
  demoCredentials.apiKey,
];
