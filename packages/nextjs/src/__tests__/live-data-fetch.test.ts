import { DEMO_ORG_ID, DEMO_PERSON_EMAIL, demoCredentials } from '@livedata/mock-server';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { getLiveDataToken, liveDataFetch } from '../index.js';
import { useMockServerEnv, useServiceAccount } from './live-data-env.js';

const api = useMockServerEnv();
afterEach(() => {
  vi.restoreAllMocks();
});

const findBody = JSON.stringify({
  matches: [{ fields: [{ field_name: 'email_address', search_term: DEMO_PERSON_EMAIL }] }],
});

/** Records what each outgoing fetch asked for, then lets it through. */
function recordFetches(): { url: string; cache: string | undefined; next: unknown }[] {
  const seen: { url: string; cache: string | undefined; next: unknown }[] = [];
  const realFetch = globalThis.fetch;
  vi.spyOn(globalThis, 'fetch').mockImplementation((input, init) => {
    const request = input instanceof Request ? input : undefined;
    seen.push({
      url: request ? request.url : String(input),
      cache: init?.cache ?? request?.cache,
      next: (init as { next?: unknown } | undefined)?.next,
    });
    return realFetch(input, init);
  });
  return seen;
}

describe('liveDataFetch', () => {
  it('calls the API with a token and returns its answer', async () => {
    useServiceAccount(api.url, demoCredentials);
    const res = await liveDataFetch(`/people/v1/${DEMO_ORG_ID}/find`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: findBody,
    });
    expect(res.status).toBe(200);
    const { people } = (await res.json()) as { people: { name: string }[] };
    expect(people).toHaveLength(1);
    const call = api.requests.find((r) => r.route === 'people.find');
    expect(call?.auth).toBe('valid');
  });

  it("forces cache: 'no-store' and drops Next's caching options", async () => {
    useServiceAccount(api.url, demoCredentials);
    const seen = recordFetches();
    const res = await liveDataFetch(`/people/v1/${DEMO_ORG_ID}/find`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: findBody,
      cache: 'force-cache',
      next: { revalidate: 3600, tags: ['people'] },
    } as RequestInit);
    expect(res.status).toBe(200);
    const apiCall = seen.find((call) => call.url.includes('/people/v1/'));
    expect(apiCall).toBeDefined();
    expect(apiCall?.cache).toBe('no-store');
    expect(apiCall?.next).toBeUndefined();
  });

  it('shares one identity call between many concurrent callers', async () => {
    useServiceAccount(api.url, demoCredentials);
    const answers = await Promise.all(
      Array.from({ length: 20 }, () =>
        liveDataFetch(`/people/v1/${DEMO_ORG_ID}/find`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: findBody,
        }),
      ),
    );
    expect(answers.every((res) => res.status === 200)).toBe(true);
    expect(api.count('identity')).toBe(1);
  });
});

describe('getLiveDataToken', () => {
  it('returns a token the API accepts', async () => {
    useServiceAccount(api.url, demoCredentials);
    const token = await getLiveDataToken();
    expect(typeof token).toBe('string');
    const res = await fetch(`${api.url}/people/v1/${DEMO_ORG_ID}/find`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: findBody,
    });
    expect(res.status).toBe(200);
  });
});
