import { describe, expect, it } from 'vitest';
import { FRESH_ACCESS_TOKEN } from '../fresh-token.js';
import { TokenManager } from '../index.js';
import { BASE, CLIENT, eventLog, fakeClock, fakeIdentity } from './web-fixtures.js';

// The synchronous read of a fresh cached token (what lets @livedata/axios send without
// waiting a promise turn) must serve exactly when getAccessToken() would answer at once
// with the cached token, and never when a caller would have to wait or a refresh is due.

const HOUR = 3_600_000;

function setup(events = eventLog()) {
  const clock = fakeClock();
  const idp = fakeIdentity({ clock, ttlMs: HOUR });
  const tokens = new TokenManager({
    baseUrl: BASE,
    credentials: CLIENT,
    fetch: idp.fetch,
    now: clock.now,
    onEvent: events.onEvent,
  });
  return { clock, idp, tokens, events, read: () => tokens[FRESH_ACCESS_TOKEN]() };
}

describe('the synchronous read of a fresh cached token', () => {
  it('is the registered symbol @livedata/axios looks up', () => {
    expect(FRESH_ACCESS_TOKEN).toBe(Symbol.for('@livedata/core.freshAccessToken'));
  });

  it('has nothing before the first token, then the token getAccessToken() serves', async () => {
    const { tokens, read, idp } = setup();
    expect(read()).toBeUndefined();
    const token = await tokens.getAccessToken();
    expect(read()).toBe(token);
    expect(read()).toBe(idp.tokens[0]);
    await tokens.close();
  });

  it('emits the same cache.hit a fresh getAccessToken() does', async () => {
    const { tokens, read, events } = setup();
    await tokens.getAccessToken();
    const before = events.count('cache.hit');
    read();
    read();
    expect(events.count('cache.hit')).toBe(before + 2);
    await tokens.getAccessToken();
    expect(events.count('cache.hit')).toBe(before + 3);
    await tokens.close();
  });

  it('has nothing once the soft window starts, so the caller takes the path that refreshes', async () => {
    const { tokens, read, clock, idp } = setup();
    const first = await tokens.getAccessToken();
    // Soft window of a one-hour token: at most 5 minutes (less the jitter) before expiry.
    clock.advance(HOUR - 4 * 60_000);
    expect(read()).toBeUndefined();
    expect(await tokens.getAccessToken()).toBe(first);
    await expect.poll(() => idp.calls).toBe(2);
    await expect.poll(() => read()).toBe(idp.tokens[1]);
    await tokens.close();
  });

  it('has nothing after invalidate() or close()', async () => {
    const { tokens, read } = setup();
    const token = await tokens.getAccessToken();
    tokens.invalidate(token);
    expect(read()).toBeUndefined();
    await tokens.getAccessToken();
    expect(read()).toBeDefined();
    await tokens.close();
    expect(read()).toBeUndefined();
  });

  it('has nothing for an API key (getAccessToken() answers those)', async () => {
    const tokens = new TokenManager({ baseUrl: BASE, credentials: { apiKey: 'ldtkey_fresh01' } });
    expect(tokens[FRESH_ACCESS_TOKEN]()).toBeUndefined();
    expect(await tokens.getAccessToken()).toBe('ldtkey_fresh01');
    expect(tokens[FRESH_ACCESS_TOKEN]()).toBeUndefined();
    await tokens.close();
  });
});

describe('cached getters after a rotation', () => {
  it('getAccessToken() and getAuthorizationHeader() serve the new token, not a remembered one', async () => {
    const { tokens, clock, idp } = setup();
    expect(await tokens.getAuthorizationHeader()).toBe(`Bearer ${idp.tokens[0]}`);
    expect(await tokens.getAuthorizationHeader()).toBe(`Bearer ${idp.tokens[0]}`);
    clock.advance(HOUR - 4 * 60_000);
    await tokens.getAccessToken();
    await expect.poll(() => idp.calls).toBe(2);
    expect(await tokens.getAccessToken()).toBe(idp.tokens[1]);
    expect(await tokens.getAuthorizationHeader()).toBe(`Bearer ${idp.tokens[1]}`);
    await tokens.close();
  });

  it('a closed manager rejects instead of serving what it remembered', async () => {
    const { tokens } = setup();
    await tokens.getAuthorizationHeader();
    await tokens.close();
    await expect(tokens.getAccessToken()).rejects.toMatchObject({ code: 'closed' });
    await expect(tokens.getAuthorizationHeader()).rejects.toMatchObject({ code: 'closed' });
  });
});
