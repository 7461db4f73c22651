import { createTokenManager } from '@livedata/core';
import { describe, expect, it } from 'vitest';
import { DEMO_CLIENT } from '../index.js';
import {
  closeAfterEach,
  rejection,
  useDemoTokenManager,
  useMockServer,
  useTokenManager,
} from '../vitest.js';

const api = useMockServer();
const tokens = useTokenManager(() => ({ credentials: DEMO_CLIENT, baseUrl: api.url }));
const seen: string[] = [];

describe('useTokenManager', () => {
  it('gives each test a manager on the options read at its start', async () => {
    expect(tokens.baseUrl).toBe(api.url);
    seen.push(await tokens.getAccessToken());
    expect(api.count('identity')).toBe(1);
  });

  it('a fresh one for the next test (the last one was closed)', async () => {
    seen.push(await tokens.getAccessToken());
    expect(api.count('identity')).toBe(1);
    expect(seen[1]).not.toBe(seen[0]);
  });
});

describe('useDemoTokenManager', () => {
  const demo = useDemoTokenManager(api, () => ({ requestTimeoutMs: 5_000 }));

  it('uses the demo service account at the server, with the extra options', async () => {
    expect(demo.baseUrl).toBe(api.url);
    await demo.getAccessToken();
    expect(api.requests.map((r) => r.grant)).toEqual(['clientCredentials']);
  });
});

describe('closeAfterEach', () => {
  const track = closeAfterEach<{ close(): Promise<void>; closed: boolean }>();
  const made: Array<{ closed: boolean }> = [];

  it('hands back what it tracks', () => {
    const thing = { closed: false, close: async () => {} };
    thing.close = async () => {
      thing.closed = true;
    };
    expect(track(thing)).toBe(thing);
    made.push(thing);
    expect(thing.closed).toBe(false);
  });

  it('closed it after the previous test', () => {
    expect(made[0]?.closed).toBe(true);
  });
});

describe('rejection', () => {
  it('is the LiveDataAuthError a promise rejects with', async () => {
    const wrong = useless();
    const error = await rejection(wrong.getAccessToken());
    expect(error.code).toBe('invalid_credentials');
    await wrong.close();
  });

  it('fails the test when the promise resolves or rejects with something else', async () => {
    await expect(rejection(Promise.resolve('token'))).rejects.toThrow('expected a rejection');
    await expect(rejection(Promise.reject(new Error('other')))).rejects.toThrow();
  });
});

function useless() {
  return createTokenManager({
    credentials: { clientId: DEMO_CLIENT.clientId, clientSecret: 'not-the-secret' },
    baseUrl: api.url,
    retry: { maxAttempts: 1 },
  });
}
