import {
  DEMO_ORG_ID,
  demoCredentials,
  type MockServer,
  startMockServer,
} from '@livedata/mock-server';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { resetLiveDataEnv, useServiceAccount } from './live-data-env.js';

// Stand-ins for Next's request APIs: `connection()` resolves as during a request; `after()`
// records what it is handed, or throws as Next does outside a request scope.
const connection = vi.hoisted(() => vi.fn<() => Promise<void>>());
const after = vi.hoisted(() => vi.fn<(task: Promise<unknown>) => void>());
vi.mock('next/server.js', () => ({ connection, after }));

const { configureTokenManager, getLiveDataToken, liveDataFetch } = await import('../index.js');

const TTL_SECONDS = 60;
let api: MockServer;

beforeAll(async () => {
  api = await startMockServer({ port: 0, tokenTtlSeconds: TTL_SECONDS });
});
afterAll(async () => {
  await api.close();
});
afterEach(async () => {
  connection.mockReset();
  after.mockReset();
  await resetLiveDataEnv();
  api.resetRequests();
});

/**
 * The process-wide manager (environment set by the caller) on a clock the test moves, with
 * a first token already obtained.
 */
async function managerWithToken() {
  const clock = { t: Date.now(), now: () => clock.t };
  configureTokenManager({ now: clock.now });
  connection.mockResolvedValue(undefined);
  const first = await getLiveDataToken();
  return {
    first,
    /** Into the soft window: 40 s of a 60 s token gone (it begins 30 s ± 10 % before expiry). */
    intoSoftWindow: () => {
      clock.t += 40_000;
    },
  };
}

describe("background refreshes handed to Next's after()", () => {
  it('liveDataFetch hands the refresh it starts to after(); the request still gets its answer', async () => {
    useServiceAccount(api.url, demoCredentials);
    const { intoSoftWindow } = await managerWithToken();
    await liveDataFetch(`/people/v1/${DEMO_ORG_ID}/find`, { method: 'POST', body: '{}' });
    expect(after).not.toHaveBeenCalled(); // fresh token: nothing runs in the background
    intoSoftWindow();
    const res = await liveDataFetch(`/people/v1/${DEMO_ORG_ID}/search`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ size: 1 }),
    });
    expect(res.status).toBe(200);
    expect(after).toHaveBeenCalledTimes(1);
    await expect(after.mock.calls[0]?.[0]).resolves.toBeUndefined();
    expect(api.count('identity')).toBe(2);
  });

  it('getLiveDataToken does the same, and returns the cached token at once', async () => {
    useServiceAccount(api.url, demoCredentials);
    const { first, intoSoftWindow } = await managerWithToken();
    intoSoftWindow();
    expect(await getLiveDataToken()).toBe(first);
    expect(after).toHaveBeenCalledTimes(1);
    await after.mock.calls[0]?.[0];
    expect(await getLiveDataToken()).not.toBe(first);
    expect(api.count('identity')).toBe(2);
  });

  it('outside a request scope after() throws: nothing breaks, the refresh still runs', async () => {
    useServiceAccount(api.url, demoCredentials);
    const { first, intoSoftWindow } = await managerWithToken();
    after.mockImplementation(() => {
      throw new Error('`after` was called outside a request scope. Read more: …');
    });
    intoSoftWindow();
    expect(await getLiveDataToken()).toBe(first);
    await vi.waitFor(() => expect(api.count('identity')).toBe(2), { timeout: 10_000 });
  });
});
