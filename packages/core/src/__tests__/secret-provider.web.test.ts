/**
 * Secret providers (`clientSecret | password | apiKey: string | () => string | Promise<string>`):
 * asked when the secret is needed, so a rotated secret takes effect at the next identity
 * call; anything unusable is a `config` error that never shows the value nor the provider's
 * own error. The identity endpoint is a fake fetch that records what it was sent.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LiveDataAuthError, type SecretProvider, TokenManager } from '../index.js';
import { BASE, CLIENT, fakeClock, fakeIdentity, rejection, USER } from './web-fixtures.js';

const LIFETIME_MS = 15 * 60_000;

/** A provider returning `current.value`, counting how often it was asked. */
function rotatingSecret(initial: string) {
  const state: { value: string; calls: number; provider: SecretProvider } = {
    value: initial,
    calls: 0,
    provider: (() => {
      state.calls++;
      return state.value;
    }) as SecretProvider,
  };
  return state;
}

function thrown(fn: () => unknown): LiveDataAuthError {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(LiveDataAuthError);
    return error as LiveDataAuthError;
  }
  throw new Error('expected a throw');
}

/** Every way a test can print an error here (no node:util in the edge runtime). */
function printed(error: LiveDataAuthError): string {
  return [error.message, error.stack, String(error), JSON.stringify(error)].join('\n');
}

/** The config error a provider failure must be: named, not retryable, no cause, no value. */
function expectProviderConfigError(error: LiveDataAuthError, field: string, hidden: string[]) {
  expect(error.code).toBe('config');
  expect(error.retryable).toBe(false);
  expect(error.setting).toBe(`credentials.${field}`);
  expect(error.cause).toBeUndefined();
  const text = printed(error);
  for (const h of hidden) expect(text).not.toContain(h);
}

describe('secret providers', () => {
  it('a client secret provider is asked at each identity call, so a rotated secret is sent at the next one', async () => {
    const clock = fakeClock();
    const idp = fakeIdentity({ clock, ttlMs: LIFETIME_MS });
    const secret = rotatingSecret('first-secret-aaaa');
    const tokens = new TokenManager({
      credentials: { clientId: CLIENT.clientId, clientSecret: secret.provider },
      baseUrl: BASE,
      fetch: idp.fetch,
      now: clock.now,
    });
    const first = await tokens.getAccessToken();
    for (let i = 0; i < 50; i++) expect(await tokens.getAccessToken()).toBe(first);
    expect(secret.calls).toBe(1);
    expect(JSON.parse(idp.requests[0]?.body ?? '{}').clientSecret).toBe('first-secret-aaaa');

    secret.value = 'rotated-secret-bbbb';
    clock.advance(LIFETIME_MS + 1);
    const second = await tokens.getAccessToken();
    expect(second).not.toBe(first);
    expect(idp.calls).toBe(2);
    expect(secret.calls).toBe(2);
    expect(JSON.parse(idp.requests[1]?.body ?? '{}').clientSecret).toBe('rotated-secret-bbbb');
    await tokens.close();
  });

  it('an async password provider works the same way (form body carries what it returned)', async () => {
    const idp = fakeIdentity();
    let calls = 0;
    const tokens = new TokenManager({
      credentials: {
        username: USER.username,
        password: async () => {
          calls++;
          await new Promise((r) => setTimeout(r, 5));
          return `pw-${calls}-from-vault`;
        },
      },
      baseUrl: BASE,
      fetch: idp.fetch,
    });
    await tokens.getAccessToken();
    await tokens.getAccessToken({ forceRefresh: true });
    expect(calls).toBe(2);
    expect(idp.requests.map((r) => new URLSearchParams(r.body).get('password'))).toEqual([
      'pw-1-from-vault',
      'pw-2-from-vault',
    ]);
    await tokens.close();
  });

  it('concurrent callers share one provider call and one identity call', async () => {
    const idp = fakeIdentity();
    const secret = rotatingSecret(CLIENT.clientSecret);
    const tokens = new TokenManager({
      credentials: { clientId: CLIENT.clientId, clientSecret: secret.provider },
      baseUrl: BASE,
      fetch: idp.fetch,
    });
    const got = await Promise.all(Array.from({ length: 200 }, () => tokens.getAccessToken()));
    expect(new Set(got).size).toBe(1);
    expect(idp.calls).toBe(1);
    expect(secret.calls).toBe(1);
    await tokens.close();
  });

  it('after invalid_credentials the cooldown holds, then the next attempt asks the provider again', async () => {
    const clock = fakeClock();
    const idp = fakeIdentity({ clock, script: [{ status: 401, body: '{}' }] });
    const secret = rotatingSecret('wrong-secret-cccc');
    const tokens = new TokenManager({
      credentials: { clientId: CLIENT.clientId, clientSecret: secret.provider },
      baseUrl: BASE,
      fetch: idp.fetch,
      now: clock.now,
      invalidCredentialsCooldownMs: 1_000,
    });
    expect((await rejection(tokens.getAccessToken())).code).toBe('invalid_credentials');
    // Inside the cooldown: neither identity nor the provider is asked again.
    expect((await rejection(tokens.getAccessToken())).code).toBe('invalid_credentials');
    expect(secret.calls).toBe(1);
    expect(idp.calls).toBe(1);

    secret.value = 'fixed-secret-dddd';
    clock.advance(1_001);
    await tokens.getAccessToken();
    expect(secret.calls).toBe(2);
    expect(idp.calls).toBe(2);
    expect(JSON.parse(idp.requests[1]?.body ?? '{}').clientSecret).toBe('fixed-secret-dddd');
    await tokens.close();
  });

  it('an API key provider is asked each time a token is asked for', async () => {
    const idp = fakeIdentity();
    const key = rotatingSecret('ldtkey_first0001');
    const tokens = new TokenManager({
      credentials: { apiKey: key.provider },
      baseUrl: BASE,
      fetch: idp.fetch,
    });
    expect(await tokens.getAccessToken()).toBe('ldtkey_first0001');
    expect(await tokens.getAuthorizationHeader()).toBe('Bearer ldtkey_first0001');
    key.value = 'ldtkey_second002';
    expect(await tokens.getAccessToken()).toBe('ldtkey_second002');
    await tokens.fetch('/people/v1/o_3daf8872/person/p1');
    expect(idp.requests.at(-1)?.headers.get('authorization')).toBe('Bearer ldtkey_second002');
    expect(key.calls).toBe(4);
    expect(idp.calls).toBe(0);
    await tokens.close();
  });

  it('a provider that throws or rejects: config error without its text, no identity call, no crash', async () => {
    const idp = fakeIdentity();
    const leaky = 'vault said: token hvs.LEAKED-SECRET-zz9 expired';
    const failures: SecretProvider[] = [
      () => {
        throw new Error(leaky);
      },
      () => Promise.reject(new Error(leaky)),
      () => {
        throw leaky;
      },
    ];
    for (const clientSecret of failures) {
      const tokens = new TokenManager({
        credentials: { clientId: CLIENT.clientId, clientSecret },
        baseUrl: BASE,
        fetch: idp.fetch,
      });
      const error = await rejection(tokens.getAccessToken());
      expectProviderConfigError(error, 'clientSecret', [leaky, 'LEAKED-SECRET']);
      expect(error.message).toContain('threw');
      await tokens.close();
    }
    const apiKeyTokens = new TokenManager({
      credentials: {
        apiKey: () => {
          throw new Error(leaky);
        },
      },
      baseUrl: BASE,
      fetch: idp.fetch,
    });
    expectProviderConfigError(await rejection(apiKeyTokens.getAccessToken()), 'apiKey', [leaky]);
    expectProviderConfigError(await rejection(apiKeyTokens.fetch('/people/v1/o_1/x')), 'apiKey', [
      leaky,
    ]);
    expect(idp.calls).toBe(0);
    expect(idp.requests).toHaveLength(0);
  });

  it('a provider that never settles fails with config after requestTimeoutMs', async () => {
    const tokens = new TokenManager({
      credentials: { clientId: CLIENT.clientId, clientSecret: () => new Promise<string>(() => {}) },
      baseUrl: BASE,
      fetch: fakeIdentity().fetch,
      requestTimeoutMs: 30,
    });
    const error = await rejection(tokens.getAccessToken());
    expectProviderConfigError(error, 'clientSecret', []);
    expect(error.message).toContain('30 ms');
    await tokens.close();
  });

  it('every unusable value a provider returns is a config error that never shows the value (property)', async () => {
    const idp = fakeIdentity();
    // A distinctive secret-looking core so a leak is recognisable, around a bad character.
    const core = fc.stringMatching(/^[A-Za-z0-9]{8,16}$/);
    const control = fc.constantFrom('\n', '\r', '\r\n', '\t', '\0', '\x1b', '\x7f', '\u0085');
    const badString = fc.oneof(
      fc.constant(''),
      fc.constantFrom(' ', '   ', '\u00a0'),
      fc.tuple(core, control, core).map(([a, c, b]) => `${a}${c}${b}`),
      fc.tuple(core, control).map(([a, c]) => `${a}${c}`),
      core.map((a) => `${a}\uD800`),
    );
    const notAString = fc.oneof(
      fc.constant(undefined),
      fc.constant(null),
      fc.integer(),
      fc.boolean(),
      core.map((a) => ({ secret: a })),
      core.map((a) => [a]),
    );
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom('clientSecret', 'password', 'apiKey' as const),
        fc.oneof(badString, notAString),
        fc.boolean(),
        async (field, value, async) => {
          const provider = (async ? async () => value : () => value) as SecretProvider;
          const credentials =
            field === 'clientSecret'
              ? { clientId: CLIENT.clientId, clientSecret: provider }
              : field === 'password'
                ? { username: USER.username, password: provider }
                : { apiKey: provider };
          const tokens = new TokenManager({ credentials, baseUrl: BASE, fetch: idp.fetch });
          const error = await rejection(tokens.getAccessToken());
          const shown = typeof value === 'string' ? value : JSON.stringify(value);
          const hidden = [shown, ...(shown?.match(/[A-Za-z0-9]{8,}/g) ?? [])].filter(
            (h): h is string => typeof h === 'string' && h.trim().length >= 8,
          );
          expectProviderConfigError(error, field, hidden);
          expect(error.message).toContain('returned');
          await tokens.close();
        },
      ),
      { numRuns: 150 },
    );
    expect(idp.calls).toBe(0);
  });

  it('API keys from a provider: whitespace or a non-ASCII character is refused too', async () => {
    for (const bad of ['ldtkey_abc def', ' ldtkey_abcdef', 'ldtkey_abcdéf', 'ldtkey_\u2003x']) {
      const tokens = new TokenManager({ credentials: { apiKey: () => bad }, baseUrl: BASE });
      expectProviderConfigError(await rejection(tokens.getAccessToken()), 'apiKey', [bad.trim()]);
      await tokens.close();
    }
  });

  it('a manager recovers once its provider returns a usable value again', async () => {
    const idp = fakeIdentity();
    const secret = rotatingSecret('');
    const tokens = new TokenManager({
      credentials: { clientId: CLIENT.clientId, clientSecret: secret.provider },
      baseUrl: BASE,
      fetch: idp.fetch,
    });
    expect((await rejection(tokens.getAccessToken())).code).toBe('config');
    secret.value = CLIENT.clientSecret;
    expect(await tokens.getAccessToken()).toMatch(/^tok-/);
    expect(idp.calls).toBe(1);
    await tokens.close();
  });

  it('a manager holding a provider prints no secret', async () => {
    const tokens = new TokenManager({
      credentials: { clientId: CLIENT.clientId, clientSecret: () => CLIENT.clientSecret },
      baseUrl: BASE,
      fetch: fakeIdentity().fetch,
    });
    await tokens.getAccessToken();
    expect(JSON.stringify(tokens)).not.toContain(CLIENT.clientSecret);
    expect(String(tokens)).not.toContain(CLIENT.clientSecret);
    await tokens.close();
  });
});

describe('static secrets are checked up front', () => {
  const visibleAscii = fc.stringMatching(/^[\x21-\x7e]{1,40}$/);
  // Long enough that finding it in a message means a leak, not a coincidence.
  const longAscii = fc.stringMatching(/^ldtkey_[\x21-\x7e]{8,40}$/);

  it('an API key with whitespace or a control character anywhere is refused at construction (property)', () => {
    const bad = fc.constantFrom(' ', '\t', '\n', '\r', '\r\n', '\0', '\x7f', '\u00a0', '\u2028');
    fc.assert(
      fc.property(longAscii, bad, longAscii, fc.nat(2), (before, c, after, where) => {
        const apiKey =
          where === 0 ? `${c}${before}` : where === 1 ? `${before}${c}` : before + c + after;
        const error = thrown(() => new TokenManager({ credentials: { apiKey }, baseUrl: BASE }));
        expect(error.code).toBe('config');
        expect(error.setting).toBe('credentials.apiKey');
        for (const part of [before, after]) expect(printed(error)).not.toContain(part);
      }),
      { numRuns: 300 },
    );
  });

  it('an API key of visible ASCII is accepted (property)', async () => {
    await fc.assert(
      fc.asyncProperty(visibleAscii, async (apiKey) => {
        const tokens = new TokenManager({ credentials: { apiKey }, baseUrl: BASE });
        expect(await tokens.getAccessToken()).toBe(apiKey);
        await tokens.close();
      }),
    );
  });

  it('a client secret or password with a line break or control character is refused at construction', () => {
    for (const bad of ['secret\n', 'sec\r\nret', '\tsecret', 'secr\0et', '   ']) {
      for (const credentials of [
        { clientId: CLIENT.clientId, clientSecret: bad },
        { username: USER.username, password: bad },
      ]) {
        const error = thrown(() => new TokenManager({ credentials, baseUrl: BASE }));
        expect(error.code).toBe('config');
        expect(error.setting).toMatch(/^credentials\.(clientSecret|password)$/);
      }
    }
    // Spaces inside a password are fine.
    expect(
      new TokenManager({ credentials: { username: 'u', password: 'correct horse battery' } }).kind,
    ).toBe('password');
  });

  it('a secret that is neither a string nor a function is refused, naming the field', () => {
    const error = thrown(
      () =>
        new TokenManager({
          credentials: { clientId: 'id', clientSecret: 42 as unknown as string },
          baseUrl: BASE,
        }),
    );
    expect(error.code).toBe('config');
    expect(error.setting).toBe('credentials.clientSecret');
    expect(error.message).toContain('function');
  });
});
