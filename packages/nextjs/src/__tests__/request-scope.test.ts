import { DEMO_ORG_ID, demoCredentials } from '@livedata/mock-server';
import { DynamicServerError } from 'next/dist/client/components/hooks-server-context.js';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { useMockServerEnv, useServiceAccount } from './live-data-env.js';

// Stands in for Next's `connection()` so each test can make it behave as it does during
// a prerender, a request, or outside Next.
const connection = vi.hoisted(() => vi.fn<() => Promise<void>>());
vi.mock('next/server.js', () => ({ connection }));

const { getLiveDataToken, liveDataFetch } = await import('../index.js');

const api = useMockServerEnv();
afterEach(() => {
  connection.mockReset();
});

describe("the helpers' connection() call", () => {
  it('stops at the bailout Next throws while prerendering: no token at build time', async () => {
    useServiceAccount(api.url, demoCredentials);
    const bailout = new DynamicServerError('connection');
    connection.mockRejectedValue(bailout);
    await expect(liveDataFetch(`/people/v1/${DEMO_ORG_ID}/find`)).rejects.toBe(bailout);
    await expect(getLiveDataToken()).rejects.toBe(bailout);
    expect(api.requests).toHaveLength(0);
  });

  it("passes Next's refusal inside a cache scope through", async () => {
    useServiceAccount(api.url, demoCredentials);
    const refusal = new Error('Route / used `connection()` inside "use cache".');
    connection.mockRejectedValue(refusal);
    await expect(getLiveDataToken()).rejects.toBe(refusal);
    expect(api.count('identity')).toBe(0);
  });

  it('proceeds outside any Next request (Next 16 throws "outside a request scope")', async () => {
    useServiceAccount(api.url, demoCredentials);
    connection.mockRejectedValue(
      new Error('`connection` was called outside a request scope. Read more: …'),
    );
    await expect(getLiveDataToken()).resolves.toEqual(expect.any(String));
    expect(api.count('identity')).toBe(1);
  });

  it('proceeds during a request', async () => {
    useServiceAccount(api.url, demoCredentials);
    connection.mockResolvedValue(undefined);
    await expect(getLiveDataToken()).resolves.toEqual(expect.any(String));
    expect(connection).toHaveBeenCalledTimes(1);
  });
});
