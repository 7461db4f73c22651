import { demoCredentials } from '@livedata/mock-server';
import { describe, expect, it } from 'vitest';
import { apiKeyEnv, serviceAccountEnv, userEnv } from '../index.js';

describe('the demo accounts as LIVEDATA_* variables', () => {
  const api = { url: 'http://127.0.0.1:1/api' };

  it('service account, user and API key, each with the base URL', () => {
    expect(serviceAccountEnv(api)).toEqual({
      LIVEDATA_BASE_URL: api.url,
      LIVEDATA_CLIENT_ID: demoCredentials.clientId,
      LIVEDATA_CLIENT_SECRET: demoCredentials.clientSecret,
    });
    expect(userEnv(api.url)).toEqual({
      LIVEDATA_BASE_URL: api.url,
      LIVEDATA_USERNAME: demoCredentials.username,
      LIVEDATA_PASSWORD: demoCredentials.password,
    });
    expect(apiKeyEnv(api)).toEqual({
      LIVEDATA_BASE_URL: api.url,
      LIVEDATA_API_KEY: demoCredentials.apiKey,
    });
  });

  it('overrides win over the account', () => {
    expect(userEnv(api, { LIVEDATA_PASSWORD: 'wrong' }).LIVEDATA_PASSWORD).toBe('wrong');
    expect(apiKeyEnv(api, { LIVEDATA_BASE_URL: 'x' }).LIVEDATA_BASE_URL).toBe('x');
  });
});
