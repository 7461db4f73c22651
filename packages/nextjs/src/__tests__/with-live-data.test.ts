import { LiveDataApiError, LiveDataAuthError } from '@livedata/core';
import {
  DEMO_ORG_ID,
  DEMO_PERSON_EMAIL,
  demoCredentials,
  QUOTA_SPENT_ORG_ID,
} from '@livedata/mock-server';
import { DynamicServerError } from 'next/dist/client/components/hooks-server-context.js';
import { forbidden, notFound, redirect, unauthorized } from 'next/navigation.js';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { withLiveData } from '../index.js';
import { useMockServerEnv, useServiceAccount } from './live-data-env.js';

const api = useMockServerEnv();
afterEach(() => {
  vi.restoreAllMocks();
  api.clearFaults();
});

const context = { params: Promise.resolve({}) };
const request = () => new Request('http://localhost/api/people');
const silent = { onError: () => {} };

/** A route handler that throws `error`, wrapped (errors logged nowhere). */
const throwing = (error: unknown) =>
  withLiveData(() => {
    throw error;
  }, silent);

function thrownBy(fn: () => never): unknown {
  try {
    fn();
  } catch (error) {
    return error;
  }
  throw new Error('expected a throw');
}

async function findDemoPerson(
  org: string,
  fetchFn: (path: string, init?: RequestInit) => Promise<Response>,
) {
  const res = await fetchFn(`/people/v1/${org}/find`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      matches: [{ fields: [{ field_name: 'email_address', search_term: DEMO_PERSON_EMAIL }] }],
    }),
  });
  if (!res.ok) throw LiveDataApiError.fromResponse(res);
  return res.json() as Promise<{ people: { name: string }[] }>;
}

/** A route handler that searches `orgId` for the demo person (errors logged nowhere). */
const searchingIn = (orgId: string) =>
  withLiveData(async (_r, { liveData }) => {
    await findDemoPerson(orgId, liveData.fetch);
    return new Response('unreachable');
  }, silent);

describe('withLiveData', () => {
  it('gives the handler the route context plus liveData.fetch and getAccessToken', async () => {
    useServiceAccount(api.url, demoCredentials);
    const handler = withLiveData<Request, { params: Promise<{ id: string }> }>(
      async (_request, { params, liveData }) => {
        const { id } = await params;
        const token = await liveData.getAccessToken();
        const { people } = await findDemoPerson(DEMO_ORG_ID, liveData.fetch);
        return Response.json({ id, name: people[0]?.name, tokenLength: token.length });
      },
    );
    const res = await handler(request(), { params: Promise.resolve({ id: '7' }) });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { id: string; name: string; tokenLength: number };
    expect(body.id).toBe('7');
    expect(body.name).toEqual(expect.any(String));
    expect(body.tokenLength).toBeGreaterThan(0);
    expect(api.count('identity')).toBe(1);
  });

  it('rethrows redirect() untouched', async () => {
    const error = thrownBy(() => redirect('/login'));
    const handler = throwing(error);
    await expect(handler(request(), context)).rejects.toBe(error);
    expect((error as { digest: string }).digest).toMatch(/^NEXT_REDIRECT/);
  });

  it('rethrows notFound() untouched', async () => {
    const handler = withLiveData(async () => notFound(), silent);
    const rejection = await handler(request(), context).then(
      () => undefined,
      (error: unknown) => error,
    );
    expect((rejection as { digest?: string }).digest).toMatch(/^NEXT_HTTP_ERROR_FALLBACK;404/);
  });

  it('rethrows forbidden() and unauthorized() untouched', async () => {
    // Next enables these with `experimental.authInterrupts`, which sets this variable.
    vi.stubEnv('__NEXT_EXPERIMENTAL_AUTH_INTERRUPTS', 'true');
    for (const interrupt of [forbidden, unauthorized]) {
      const error = thrownBy(interrupt);
      const handler = throwing(error);
      await expect(handler(request(), context)).rejects.toBe(error);
    }
    vi.unstubAllEnvs();
  });

  it('rethrows the dynamic-rendering bailout Next throws while prerendering', async () => {
    const bailout = new DynamicServerError('connection');
    const handler = throwing(bailout);
    await expect(handler(request(), context)).rejects.toBe(bailout);
  });

  it('rethrows the Next control-flow error that caused a Live Data error', async () => {
    const control = thrownBy(() => redirect('/elsewhere'));
    const wrapped = new LiveDataAuthError('unavailable', 'wrapped', { cause: control });
    const handler = throwing(wrapped);
    await expect(handler(request(), context)).rejects.toBe(control);
  });

  it('rethrows errors that are not Live Data errors', async () => {
    const bug = new TypeError('a bug in the handler');
    const handler = throwing(bug);
    await expect(handler(request(), context)).rejects.toBe(bug);
  });

  it('answers 500 when the environment is incomplete; the variables are named in the log, not to the client', async () => {
    process.env.LIVEDATA_CLIENT_ID = demoCredentials.clientId;
    const logged: string[] = [];
    const handler = withLiveData(
      async (_r, { liveData }) => {
        await liveData.getAccessToken();
        return new Response('unreachable');
      },
      { onError: (error) => logged.push(error.message) },
    );
    const res = await handler(request(), context);
    expect(res.status).toBe(500);
    expect(res.headers.get('cache-control')).toBe('no-store');
    const body = (await res.json()) as { error: { code: string; message: string } };
    expect(body.error.code).toBe('config');
    expect(body.error.message).not.toMatch(/LIVEDATA_/);
    expect(logged.join('\n')).toContain('LIVEDATA_CLIENT_SECRET');
  });

  it('never sends the upstream path or the organization id to the client', async () => {
    useServiceAccount(api.url, demoCredentials);
    const handler = withLiveData(async (_r, { liveData }) => {
      const res = await liveData.fetch(`/people/v1/${QUOTA_SPENT_ORG_ID}/find`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: '{"matches":[]}',
      });
      throw LiveDataApiError.fromResponse(res);
    }, silent);
    const res = await handler(request(), context);
    expect(res.status).toBe(503);
    const text = await res.text();
    expect(JSON.parse(text).error.code).toBe('quota_exceeded');
    expect(text).not.toContain(QUOTA_SPENT_ORG_ID);
    expect(text).not.toContain('/people/');
  });

  it('answers 502 without the secret when the credentials are refused, and logs safely', async () => {
    const wrongSecret = 'wrong-secret-that-must-not-leak-4821';
    useServiceAccount(api.url, { clientId: demoCredentials.clientId, clientSecret: wrongSecret });
    const logged = vi.spyOn(console, 'error').mockImplementation(() => {});
    const handler = withLiveData(async (_r, { liveData }) => {
      await findDemoPerson(DEMO_ORG_ID, liveData.fetch);
      return new Response('unreachable');
    });
    const res = await handler(request(), context);
    expect(res.status).toBe(502);
    const text = await res.text();
    expect(JSON.parse(text).error.code).toBe('invalid_credentials');
    expect(text).not.toContain(wrongSecret);
    expect(logged).toHaveBeenCalledTimes(1);
    expect(String(logged.mock.calls[0])).toContain('invalid_credentials');
    expect(String(logged.mock.calls[0])).not.toContain(wrongSecret);
  });

  it('answers 503 for a spent quota (the API answered 402)', async () => {
    useServiceAccount(api.url, demoCredentials);
    const handler = searchingIn(QUOTA_SPENT_ORG_ID);
    const res = await handler(request(), context);
    expect(res.status).toBe(503);
    const body = (await res.json()) as { error: { code: string } };
    expect(body.error.code).toBe('quota_exceeded');
  });

  it('answers 503 with Retry-After when the API rate-limits', async () => {
    useServiceAccount(api.url, demoCredentials);
    api.inject('people.find', { kind: 'status', status: 429, retryAfter: 7 }, { times: 1 });
    const handler = searchingIn(DEMO_ORG_ID);
    const res = await handler(request(), context);
    expect(res.status).toBe(503);
    expect(res.headers.get('retry-after')).toBe('7');
    const body = (await res.json()) as { error: { code: string } };
    expect(body.error.code).toBe('rate_limited');
  });

  it('answers 404 when the API has no such resource', async () => {
    useServiceAccount(api.url, demoCredentials);
    const handler = withLiveData(async (_r, { liveData }) => {
      const res = await liveData.fetch(`/people/v1/${DEMO_ORG_ID}/person/no-such-id`);
      if (!res.ok) throw LiveDataApiError.fromResponse(res);
      return new Response('unreachable');
    }, silent);
    const res = await handler(request(), context);
    expect(res.status).toBe(404);
    const body = (await res.json()) as { error: { code: string; message: string } };
    expect(body.error.code).toBe('not_found');
  });
});
