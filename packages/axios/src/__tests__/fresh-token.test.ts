import { createTokenManager, type TokenManager } from '@livedata/core';
import { demoCredentials, type MockServer, startMockServer } from '@livedata/mock-server';
import axios, { type AxiosAdapter } from 'axios';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { attachLiveDataAuth } from '../index.js';

// With a fresh cached token the adapter reads it from the core synchronously (no promise
// turn before the request goes out), and only otherwise asks getAccessToken(), which may
// wait or refresh. Either way the request carries the manager's current token.

let mock: MockServer;
beforeAll(async () => {
  mock = await startMockServer();
});
afterAll(async () => {
  await mock.close();
});

function manager(now?: () => number): TokenManager {
  return createTokenManager({
    baseUrl: mock.url,
    credentials: { clientId: demoCredentials.clientId, clientSecret: demoCredentials.clientSecret },
    ...(now ? { now } : {}),
  });
}

/** An adapter that records the Authorization it was handed and answers 200. */
function recordingAdapter() {
  const sent: unknown[] = [];
  const adapter: AxiosAdapter = async (config) => {
    sent.push(config.headers.get('Authorization'));
    return { data: {}, status: 200, statusText: 'OK', headers: {}, config, request: {} };
  };
  return { sent, adapter };
}

describe('@livedata/axios with a fresh cached token', () => {
  it('sends the cached token without asking getAccessToken() again', async () => {
    const tokens = manager();
    const token = await tokens.getAccessToken();
    const spy = vi.spyOn(tokens, 'getAccessToken');
    const { sent, adapter } = recordingAdapter();
    const instance = axios.create({ baseURL: tokens.baseUrl, adapter });
    attachLiveDataAuth(instance, tokens);
    await instance.get('/people/v1/o_1/person/p1');
    await instance.get('/people/v1/o_1/person/p2');
    expect(sent).toEqual([`Bearer ${token}`, `Bearer ${token}`]);
    expect(spy).not.toHaveBeenCalled();
    await tokens.close();
  });

  it('asks getAccessToken() at a cold start and in the soft window, and sends what it answers', async () => {
    let t = Date.now();
    const tokens = manager(() => t);
    const spy = vi.spyOn(tokens, 'getAccessToken');
    const { sent, adapter } = recordingAdapter();
    const instance = axios.create({ baseURL: tokens.baseUrl, adapter });
    attachLiveDataAuth(instance, tokens);
    await instance.get('/x');
    expect(spy).toHaveBeenCalledTimes(1);
    const first = await spy.mock.results[0]?.value;
    expect(sent).toEqual([`Bearer ${first}`]);
    // Halfway between the hard window and the soft window's earliest start (the jitter
    // shortens it by up to 10 %): the cached token is served and refreshed in the background.
    const { expiresAt, obtainedAt } = await tokens.getToken();
    const lifetime = expiresAt - obtainedAt;
    const soft = Math.min(5 * 60_000, lifetime / 2) * 0.9;
    const hard = Math.min(30_000, lifetime / 10);
    t = expiresAt - (soft + hard) / 2;
    await instance.get('/x');
    expect(spy).toHaveBeenCalledTimes(2);
    expect(sent[1]).toBe(`Bearer ${first}`);
    await vi.waitFor(async () => expect(await tokens.getAccessToken()).not.toBe(first));
    await tokens.close();
  });

  it('a token source without the core’s fast read works as before', async () => {
    const tokens = manager();
    const token = await tokens.getAccessToken();
    const source = {
      baseUrl: tokens.baseUrl,
      getAccessToken: () => tokens.getAccessToken(),
      invalidate: (t: string) => tokens.invalidate(t),
    };
    const { sent, adapter } = recordingAdapter();
    const instance = axios.create({ baseURL: tokens.baseUrl, adapter });
    attachLiveDataAuth(instance, source);
    await instance.get('/x');
    expect(sent).toEqual([`Bearer ${token}`]);
    await tokens.close();
  });
});
