import { describe, expect, it } from 'vitest';
import { gatedFetch, requestDemoSession } from '../index.js';
import { useMockServer } from '../vitest.js';

const api = useMockServer();

describe('gatedFetch', () => {
  it('holds requests until released, then passes them on', async () => {
    const gated = gatedFetch();
    let settled = false;
    const pending = gated.fetch(`${api.url}/identity/v1/session`, { method: 'POST' }).then((r) => {
      settled = true;
      return r;
    });
    await gated.reached;
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(settled).toBe(false);
    expect(api.count('identity')).toBe(0);
    gated.release();
    expect((await pending).status).toBe(400);
    expect(api.count('identity')).toBe(1);
  });
});

describe('requestDemoSession', () => {
  it('gets a session for the demo service account', async () => {
    const res = await requestDemoSession(api.url);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ accessToken: expect.any(String) });
    expect(api.requests.at(-1)?.grant).toBe('clientCredentials');
  });
});
