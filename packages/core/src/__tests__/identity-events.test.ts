import { describe, expect, it } from 'vitest';
import { type TokenEvent, TokenManager, type TokenManagerOptions } from '../index.js';
import { DEMO_CLIENT, DEMO_USER, useMockApi } from './mock-api-fixtures.js';

const { mock, manager, track } = useMockApi({ retry: { baseDelayMs: 1, maxDelayMs: 5 } });

async function setup(options: Partial<TokenManagerOptions> = {}) {
  const api = await mock();
  const events: TokenEvent[] = [];
  const tokens = manager(api, { onEvent: (e) => events.push(e), ...options });
  return { api, events, tokens };
}

const identityEvents = (events: TokenEvent[]) =>
  events.filter((e) => e.type.startsWith('identity.') || e.type === 'refresh.retry');

describe('identity call events (mock server)', () => {
  it('a cold start: identity.started with where and how, identity.succeeded with status and attempts', async () => {
    const { api, events, tokens } = await setup();
    await tokens.getAccessToken();
    const [started, succeeded, ...rest] = identityEvents(events);
    expect(rest).toEqual([]);
    expect(started).toEqual({
      type: 'identity.started',
      callId: expect.any(Number),
      method: 'POST',
      url: `${api.url}/identity/v1/session`,
      credentialKind: 'clientCredentials',
    });
    expect(succeeded).toEqual({
      type: 'identity.succeeded',
      callId: (started as { callId: number }).callId,
      status: 200,
      attempts: 1,
      durationMs: expect.any(Number),
    });
    // Between refresh.started and refresh.succeeded, in that order.
    expect(events.map((e) => e.type)).toEqual([
      'cache.miss',
      'refresh.started',
      'identity.started',
      'identity.succeeded',
      'refresh.succeeded',
    ]);
  });

  it('a retried 503: refresh.retry carries the status and the call, the call succeeds on attempt 2', async () => {
    const { api, events, tokens } = await setup();
    api.inject('identity', { kind: 'status', status: 503 }, { times: 1 });
    await tokens.getAccessToken();
    const [started, retry, succeeded] = identityEvents(events);
    const callId = (started as { callId: number }).callId;
    expect(retry).toMatchObject({
      type: 'refresh.retry',
      attempt: 1,
      code: 'unavailable',
      status: 503,
      callId,
    });
    expect(succeeded).toMatchObject({
      type: 'identity.succeeded',
      callId,
      status: 200,
      attempts: 2,
    });
  });

  it('a 401: identity.failed with the status, one attempt and the invalid_credentials error', async () => {
    const { events, tokens } = await setup({
      credentials: { username: DEMO_USER.username, password: 'wrong-password-1f0e' },
    });
    await expect(tokens.getAccessToken()).rejects.toMatchObject({ code: 'invalid_credentials' });
    const [started, failed, ...rest] = identityEvents(events);
    expect(rest).toEqual([]);
    expect(started).toMatchObject({ credentialKind: 'password' });
    expect(failed).toMatchObject({
      type: 'identity.failed',
      callId: (started as { callId: number }).callId,
      status: 401,
      attempts: 1,
      error: { code: 'invalid_credentials' },
    });
  });

  it('no answer on every attempt: identity.failed and its retries carry no status', async () => {
    const { api, events, tokens } = await setup({ retry: { maxAttempts: 3, baseDelayMs: 1 } });
    api.inject('identity', { kind: 'reset' });
    await expect(tokens.getAccessToken()).rejects.toMatchObject({ code: 'unavailable' });
    const seen = identityEvents(events);
    expect(seen.map((e) => e.type)).toEqual([
      'identity.started',
      'refresh.retry',
      'refresh.retry',
      'identity.failed',
    ]);
    for (const e of seen) expect(e).not.toHaveProperty('status');
    expect(seen[3]).toMatchObject({ attempts: 3, error: { code: 'unavailable' } });
  });

  it('closing the manager mid-call still ends the call, with code closed', async () => {
    const { api, events, tokens } = await setup();
    api.inject('identity', { kind: 'hang' });
    const pending = tokens.getAccessToken().catch((e: unknown) => e);
    await expect.poll(() => api.count('identity')).toBe(1);
    await tokens.close();
    expect(await pending).toMatchObject({ code: 'closed' });
    // The waiter is released at once; the aborted request ends its call a moment later.
    await expect
      .poll(() => identityEvents(events).map((e) => e.type))
      .toEqual(['identity.started', 'identity.failed']);
    expect(identityEvents(events)[1]).toMatchObject({ error: { code: 'closed' } });
  });

  it('every identity call has its own callId, across managers too', async () => {
    const { api, events, tokens } = await setup();
    const other = track(
      new TokenManager({
        credentials: DEMO_CLIENT,
        baseUrl: api.url,
        onEvent: (e) => events.push(e),
      }),
    );
    await Promise.all([tokens.getAccessToken(), other.getAccessToken()]);
    await tokens.getAccessToken({ forceRefresh: true });
    const ids = events.flatMap((e) => (e.type === 'identity.started' ? [e.callId] : []));
    expect(ids).toHaveLength(3);
    expect(new Set(ids).size).toBe(3);
  });
});
