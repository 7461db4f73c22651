import { DEMO_USER } from '@livedata/test-utils';
import { useMockServer, useServer, useTokenManager } from '@livedata/test-utils/vitest';
import { describe, expect, it } from 'vitest';
import { createLiveDataAxios } from '../index.js';
import { startRecordingServer } from './recording-server.js';
import { FIND_BODY, FIND_PATH } from './support/axios-cases.js';

describe('createLiveDataAxios', () => {
  const mock = useMockServer();
  const foreign = useServer(startRecordingServer);
  const tokens = useTokenManager(() => ({ credentials: DEMO_USER, baseUrl: mock.url }));

  it('uses tokens.baseUrl as baseURL and authenticates relative paths', async () => {
    const api = createLiveDataAxios(tokens, { timeout: 5_000 });
    expect(api.defaults.baseURL).toBe(mock.url);
    expect(api.defaults.timeout).toBe(5_000);
    const response = await api.post(FIND_PATH, FIND_BODY);
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
    await api.post(FIND_PATH, FIND_BODY).catch(() => undefined);
    await api.post(FIND_PATH, FIND_BODY, { liveDataAuth: true });
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
