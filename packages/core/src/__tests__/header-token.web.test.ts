// Tokens that cannot go in an `Authorization` header, from a store or from the identity
// endpoint, never reach a header: a stored one is a miss (dropped and replaced), an issued
// one is `invalid_response`. Checked against the platform's own `Headers`.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isHeaderSafeToken } from '../header-safe-token.js';
import { LiveDataAuthError, MemoryTokenStore, type StoredToken, TokenManager } from '../index.js';
import { BASE, CLIENT, eventLog, fakeIdentity } from './web-fixtures.js';

/** What the platform does with `Authorization: Bearer <s>`: throws, or the value it would send. */
function platformHeader(s: string): { throws: true } | { throws: false; sent: string | null } {
  try {
    const headers = new Headers();
    headers.set('authorization', `Bearer ${s}`);
    return { throws: false, sent: headers.get('authorization') };
  } catch (error) {
    expect(error).toBeInstanceOf(TypeError);
    return { throws: true };
  }
}

/** Strings of every kind: ASCII, control characters, Latin-1, beyond Latin-1, surrogates. */
const anyString = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 24 }),
  fc.string({ unit: fc.integer({ min: 0, max: 0x17f }).map((c) => String.fromCharCode(c)) }),
  fc.string({
    unit: fc.constantFrom(
      'a',
      'Z',
      '9',
      '-',
      '.',
      '_',
      '~',
      '+',
      '/',
      '=',
      ' ',
      '\t',
      '\r',
      '\n',
      '\0',
      '\x7f',
      'é',
      'Ā',
      '\ud800',
    ),
  }),
);

/** Tokens a broken store or endpoint might hand back: a good token with one bad character. */
const unsendable = fc
  .tuple(
    fc.stringMatching(/^[A-Za-z0-9._~+/-]{1,12}$/),
    fc.oneof(
      fc.constantFrom('\r', '\n', '\r\n', '\0', '\t', ' ', '\x7f', '\x1b'),
      fc.integer({ min: 0, max: 0x1f }).map((c) => String.fromCharCode(c)),
      fc.integer({ min: 0x80, max: 0xffff }).map((c) => String.fromCharCode(c)),
    ),
    fc.stringMatching(/^[A-Za-z0-9._~+/-]{0,12}$/),
  )
  .map(([a, bad, b]) => `${a}${bad}${b}`);

describe('which tokens can go in a header', () => {
  it('whatever the platform refuses, we refuse; whatever we accept, the platform sends verbatim', () => {
    fc.assert(
      fc.property(anyString, (s) => {
        const platform = platformHeader(s);
        if (platform.throws) expect(isHeaderSafeToken(s)).toBe(false);
        if (isHeaderSafeToken(s)) {
          expect(platform).toEqual({ throws: false, sent: `Bearer ${s}` });
        }
      }),
      { numRuns: 2000 },
    );
  });

  it('refuses CR/LF, other control characters, whitespace, non-ASCII and the empty string', () => {
    fc.assert(
      fc.property(unsendable, (s) => {
        expect(isHeaderSafeToken(s)).toBe(false);
      }),
    );
    for (const s of ['', 'a\r\nx-injected: 1', 'tok\n', ' tok', 'tok ', 'tök', 'tok\u2028']) {
      expect(isHeaderSafeToken(s), JSON.stringify(s)).toBe(false);
    }
    // Where the platform would not throw, it would send another value than the token.
    for (const s of ['tok\n', 'tok\r\n', '']) {
      expect(platformHeader(s)).not.toEqual({ throws: false, sent: `Bearer ${s}` });
    }
  });
});

describe('a stored token that cannot go in a header', () => {
  it('is a miss: dropped from the store, replaced by a fresh one, and tokens.fetch never throws a TypeError', async () => {
    await fc.assert(
      fc.asyncProperty(unsendable, async (bad) => {
        const idp = fakeIdentity();
        const inner = new MemoryTokenStore();
        let stored: StoredToken | undefined;
        const deleted: string[] = [];
        const store = {
          get: (key: string) => inner.get(key),
          set: (key: string, token: StoredToken) => inner.set(key, token),
          delete: (key: string) => {
            deleted.push(key);
            inner.delete(key);
          },
        };
        const tokens = new TokenManager({
          credentials: CLIENT,
          baseUrl: BASE,
          fetch: idp.fetch,
          store: {
            ...store,
            get: async (key) => {
              // First read: what a corrupted (or foreign) entry looks like.
              if (stored === undefined) {
                const now = Date.now();
                stored = { accessToken: bad, obtainedAt: now, expiresAt: now + 600_000 };
                inner.set(key, stored);
              }
              return store.get(key);
            },
          },
        });
        const response = await tokens.fetch('/people/v1/o_1/person/p_1');
        expect(response.status).toBe(200);
        expect(idp.calls).toBe(1);
        const sent = idp.requests.at(-1)?.headers.get('authorization');
        expect(sent).toBe(`Bearer ${idp.tokens[0]}`);
        expect(deleted).toHaveLength(1);
        // The fresh token replaced the bad one in the store (written in the background).
        await new Promise((r) => setTimeout(r, 0));
        expect(inner.get(deleted[0] as string)?.accessToken).toBe(idp.tokens[0]);
        await tokens.close();
      }),
      { numRuns: 40 },
    );
  });

  it('getAccessToken and getAuthorizationHeader never hand one out either', async () => {
    const idp = fakeIdentity();
    const store = new MemoryTokenStore();
    const log = eventLog();
    const tokens = new TokenManager({
      credentials: CLIENT,
      baseUrl: BASE,
      fetch: idp.fetch,
      store: {
        get: () => {
          const now = Date.now();
          return { accessToken: 'abc\r\nx-evil: 1', obtainedAt: now, expiresAt: now + 600_000 };
        },
        set: (k, t) => store.set(k, t),
        delete: (k) => store.delete(k),
      },
      onEvent: log.onEvent,
    });
    const header = await tokens.getAuthorizationHeader();
    expect(header).toBe(`Bearer ${idp.tokens[0]}`);
    expect(() => new Headers({ authorization: header })).not.toThrow();
    expect(log.events).toContainEqual(
      expect.objectContaining({ type: 'refresh.succeeded', source: 'identity' }),
    );
    await tokens.close();
  });
});

describe('an issued token that cannot go in a header', () => {
  it('is invalid_response, and nothing is cached', async () => {
    await fc.assert(
      fc.asyncProperty(unsendable, async (bad) => {
        const idp = fakeIdentity({
          script: [
            {
              status: 200,
              body: JSON.stringify({ accessToken: bad, expires_in: 900 }),
              headers: { 'content-type': 'application/json' },
            },
          ],
        });
        const tokens = new TokenManager({
          credentials: CLIENT,
          baseUrl: BASE,
          fetch: idp.fetch,
          invalidCredentialsCooldownMs: 0,
        });
        const error = await tokens.getAccessToken().catch((e: unknown) => e);
        expect(error).toBeInstanceOf(LiveDataAuthError);
        expect(error).toMatchObject({ code: 'invalid_response', retryable: false });
        expect(JSON.stringify(error)).not.toContain(JSON.stringify(bad).slice(1, -1));
        const response = await tokens.fetch('/people/v1/o_1/person/p_1');
        expect(response.status).toBe(200);
        expect(idp.requests.at(-1)?.headers.get('authorization')).toBe(`Bearer ${idp.tokens[0]}`);
        await tokens.close();
      }),
      { numRuns: 40 },
    );
  });
});
