import { createTokenManager, LiveDataApiError, type TokenManager } from '@livedata/core';
import {
  DEMO_PERSON_EMAIL,
  demoCredentials,
  FORBIDDEN_ORG_ID,
  type MockServer,
  QUOTA_SPENT_ORG_ID,
  startMockServer,
} from '@livedata/mock-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLiveDataAxios, toLiveDataApiError } from '../index.js';

const FIND_BODY = {
  matches: [{ fields: [{ field_name: 'email_address', search_term: DEMO_PERSON_EMAIL }] }],
};

describe('toLiveDataApiError', () => {
  let mock: MockServer;
  let tokens: TokenManager;

  beforeAll(async () => {
    mock = await startMockServer();
    tokens = createTokenManager({
      credentials: {
        clientId: demoCredentials.clientId,
        clientSecret: demoCredentials.clientSecret,
      },
      baseUrl: mock.url,
    });
  });
  afterAll(async () => {
    await tokens.close();
    await mock.close();
  });

  const failureOf = (promise: Promise<unknown>) =>
    promise.then(
      () => undefined,
      (e: unknown) => e,
    );

  it('maps 402 to quota_exceeded with the credit headers', async () => {
    const api = createLiveDataAxios(tokens);
    const error = toLiveDataApiError(
      await failureOf(api.post(`/people/v1/${QUOTA_SPENT_ORG_ID}/find`, FIND_BODY)),
    );
    expect(error).toBeInstanceOf(LiveDataApiError);
    expect(error).toMatchObject({ status: 402, code: 'quota_exceeded', credits: { remaining: 0 } });
  });

  it('maps 403 to forbidden', async () => {
    const api = createLiveDataAxios(tokens);
    const error = toLiveDataApiError(
      await failureOf(api.post(`/people/v1/${FORBIDDEN_ORG_ID}/find`, FIND_BODY)),
    );
    expect(error).toMatchObject({ status: 403, code: 'forbidden' });
    expect(error?.message).toMatch(/role/);
  });

  it('returns undefined for network errors and non-Axios errors', async () => {
    const api = createLiveDataAxios(tokens);
    mock.inject('people.find', { kind: 'reset' }, { times: 1 });
    const networkError = await failureOf(
      api.post(`/people/v1/${FORBIDDEN_ORG_ID}/find`, FIND_BODY),
    );
    expect(networkError).toBeDefined();
    expect(toLiveDataApiError(networkError)).toBeUndefined();
    expect(toLiveDataApiError(new Error('x'))).toBeUndefined();
    expect(toLiveDataApiError(undefined)).toBeUndefined();
  });
});
