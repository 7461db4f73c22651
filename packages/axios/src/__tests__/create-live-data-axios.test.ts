import { createTokenManager, type TokenManager } from '@livedata/core';
import {
  DEMO_ORG_ID,
  DEMO_PERSON_EMAIL,
  demoCredentials,
  type MockServer,
  startMockServer,
} from '@livedata/mock-server';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createLiveDataAxios } from '../index.js';
import { type RecordingServer, startRecordingServer } from './recording-server.js';

const FIND_BODY = {
  matches: [{ fields: [{ field_name: 'email_address', search_term: DEMO_PERSON_EMAIL }] }],
};

describe('createLiveDataAxios', () => {
  let mock: MockServer;
  let foreign: RecordingServer;
  let tokens: TokenManager;

  beforeAll(async () => {
    mock = await startMockServer();
    foreign = await startRecordingServer();
  });
  afterAll(async () => {
    await Promise.all([mock.close(), foreign.close()]);
  });
  beforeEach(() => {
    tokens = createTokenManager({
      credentials: { username: demoCredentials.username, password: demoCredentials.password },
      baseUrl: mock.url,
    });
    mock.resetRequests();
    foreign.requests.length = 0;
  });
  afterEach(async () => {
    await tokens.close();
  });

  it('uses tokens.baseUrl as baseURL and authenticates relative paths', async () => {
    const api = createLiveDataAxios(tokens, { timeout: 5_000 });
    expect(api.defaults.baseURL).toBe(mock.url);
    expect(api.defaults.timeout).toBe(5_000);
    const response = await api.post(`/people/v1/${DEMO_ORG_ID}/find`, FIND_BODY);
    expect(response.status).toBe(200);
    expect(mock.requests.map((r) => [r.route, r.auth])).toEqual([
      ['identity', 'none'],
      ['people.find', 'valid'],
    ]);
  });

  it('keeps absolute URLs working, without the token off the API', async () => {
    const api = createLiveDataAxios(tokens);
    const response = await api.get(`${foreign.origin}/status`);
    expect(response.data).toEqual({ ok: true });
    expect(foreign.requests.map((r) => r.headers.authorization)).toEqual([undefined]);
    expect(mock.count('identity')).toBe(0);
  });

  it('with liveDataAuth: false as instance default, authenticates only opted-in requests', async () => {
    const api = createLiveDataAxios(tokens, { liveDataAuth: false });
    await api.post(`/people/v1/${DEMO_ORG_ID}/find`, FIND_BODY).catch(() => undefined);
    await api.post(`/people/v1/${DEMO_ORG_ID}/find`, FIND_BODY, { liveDataAuth: true });
    expect(mock.requests.filter((r) => r.route === 'people.find').map((r) => r.auth)).toEqual([
      'none',
      'valid',
    ]);
  });

  it('passes allowedOrigins through', async () => {
    const api = createLiveDataAxios(tokens, {}, { allowedOrigins: [foreign.origin] });
    await api.get(`${foreign.origin}/status`);
    expect(foreign.requests[0]?.headers.authorization).toMatch(/^Bearer \S+/);
  });
});
