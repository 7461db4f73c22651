import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { TokenManager } from '../index.js';
import { BASE, CLIENT, fakeIdentity } from './web-fixtures.js';

// tokens.fetch sends a non-redirect request without copying the caller's headers into
// `Headers` twice: a plain record becomes a plain record with our Authorization. Whatever
// form the caller used, the request must carry exactly the caller's headers, with one
// Authorization: ours.

const forms: Array<[string, (h: Record<string, string>) => HeadersInit]> = [
  ['a plain record', (h) => ({ ...h })],
  ['a Headers object', (h) => new Headers(h)],
  ['a list of pairs', (h) => Object.entries(h)],
];

const headerName = fc.constantFrom(
  'content-type',
  'Content-Type',
  'x-request-id',
  'X-Trace',
  'accept',
  'authorization',
  'Authorization',
  'AUTHORIZATION',
  'authorizatioN',
  'authorization2',
  'x-authorization',
);
// Non-empty: `Headers` spells combined empty values differently depending on how often it
// was copied, which is no property of ours.
const headerValue = fc.stringMatching(/^[a-zA-Z0-9;=/._-][a-zA-Z0-9 ;=/._-]{0,14}[a-zA-Z0-9]$/);

describe.each(forms)('tokens.fetch with headers given as %s', (_name, form) => {
  it('sends the caller’s headers and exactly one Authorization, ours', async () => {
    const idp = fakeIdentity();
    const tokens = new TokenManager({ baseUrl: BASE, credentials: CLIENT, fetch: idp.fetch });
    const token = await tokens.getAccessToken();
    await fc.assert(
      fc.asyncProperty(fc.dictionary(headerName, headerValue, { maxKeys: 6 }), async (given) => {
        // What a plain fetch would send for these headers (case-insensitive, combined).
        const expected = new Headers(given);
        expected.set('authorization', `Bearer ${token}`);
        await tokens.fetch('/people/v1/o_1/find', { method: 'POST', headers: form(given) });
        const sent = idp.requests.at(-1)?.headers as Headers;
        expect([...sent]).toEqual([...expected]);
        expect(sent.get('authorization')).toBe(`Bearer ${token}`);
      }),
      { numRuns: 100 },
    );
    await tokens.close();
  });
});

it('does not change the caller’s headers object', async () => {
  const idp = fakeIdentity();
  const tokens = new TokenManager({ baseUrl: BASE, credentials: CLIENT, fetch: idp.fetch });
  const record = { Authorization: 'Bearer mine', 'x-a': '1' };
  const headers = new Headers(record);
  await tokens.fetch('/x', { headers: record });
  await tokens.fetch('/x', { headers });
  expect(record).toEqual({ Authorization: 'Bearer mine', 'x-a': '1' });
  expect([...headers]).toEqual([
    ['authorization', 'Bearer mine'],
    ['x-a', '1'],
  ]);
  await tokens.close();
});

// tokens.fetch is not an async function (its common case answers one promise reaction after
// fetch's), so every way it can fail must still be a rejection, never a synchronous throw:
// a caller's `.catch()` or `try { await … }` has to see all of them.
describe('tokens.fetch fails only by rejecting', () => {
  const cases: Array<[string, (tokens: TokenManager) => Promise<Response>, string]> = [
    ['a URL outside baseUrl', (t) => t.fetch('https://elsewhere.example/x'), 'config'],
    ['a Request instead of a URL', (t) => t.fetch(new Request(`${BASE}/x`) as never), 'config'],
    [
      'headers that Headers refuses',
      (t) => t.fetch('/x', { headers: [['bad header', 'v']] as never }),
      'TypeError',
    ],
  ];
  it.each(cases)('%s', async (_name, call, expected) => {
    const idp = fakeIdentity();
    const tokens = new TokenManager({ baseUrl: BASE, credentials: CLIENT, fetch: idp.fetch });
    await tokens.getAccessToken();
    let promise: Promise<Response> | undefined;
    expect(() => {
      promise = call(tokens);
    }).not.toThrow();
    const error = await promise?.catch((e: unknown) => e);
    expect((error as { code?: string }).code ?? (error as Error).constructor.name).toBe(expected);
  });

  it('a fetch implementation that throws synchronously', async () => {
    const idp = fakeIdentity();
    const thrown = new Error('sync failure');
    const fetchImpl = ((input: RequestInfo | URL, init?: RequestInit) => {
      if (String(input).endsWith('/identity/v1/session')) return idp.fetch(input, init);
      throw thrown;
    }) as typeof fetch;
    const tokens = new TokenManager({ baseUrl: BASE, credentials: CLIENT, fetch: fetchImpl });
    await tokens.getAccessToken();
    let promise: Promise<Response> | undefined;
    expect(() => {
      promise = tokens.fetch('/x');
    }).not.toThrow();
    await expect(promise).rejects.toBe(thrown);
  });

  it('no fetch in the runtime', async () => {
    const original = globalThis.fetch;
    try {
      (globalThis as { fetch?: unknown }).fetch = undefined;
      const bare = new TokenManager({ baseUrl: BASE, credentials: CLIENT });
      let promise: Promise<Response> | undefined;
      expect(() => {
        promise = bare.fetch('/x');
      }).not.toThrow();
      await expect(promise).rejects.toMatchObject({ code: 'config', setting: 'fetch' });
      await bare.close();
    } finally {
      globalThis.fetch = original;
    }
  });
});
