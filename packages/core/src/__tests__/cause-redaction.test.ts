import { createServer } from 'node:net';
import { format, inspect } from 'node:util';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LiveDataAuthError, TokenManager } from '../index.js';
import { sanitizeCause } from '../redaction.js';
import { singleAttemptFailure } from './web-fixtures.js';

/** Every way an error reaches a log: each representation, and each link of its cause chain. */
function printings(error: unknown): string[] {
  const out: string[] = [];
  const seen = new Set<unknown>();
  for (let e: unknown = error; e !== undefined && e !== null && !seen.has(e); ) {
    seen.add(e);
    out.push(
      inspect(e, { showHidden: true, depth: Infinity }),
      inspect(e, { showHidden: true, depth: Infinity, customInspect: false }),
      format('%o', e),
      format('%O', e),
      format('%s', e),
      format('%j', e),
      JSON.stringify(e) ?? '',
      String(e),
      String((e as Error).stack),
      String((e as Error).message),
      JSON.stringify(Object.getOwnPropertyNames(e).map((k) => [k, String((e as never)[k])])),
    );
    e = (e as { cause?: unknown }).cause;
  }
  return out;
}

/** Secrets as people have them: mixed case, digits, punctuation, at least 12 characters. */
const secret = fc
  .tuple(
    fc.stringMatching(/^[A-Za-z0-9!#$%&*+\-./:;=?@^_~]{10,40}$/),
    fc.constantFrom('a', 'q', 'z'),
    fc.constantFrom('1', '7', '9'),
  )
  .map(([s, lower, digit]) => `${lower}${s}${digit}`);

type Thrower = (body: string, secretValue: string) => unknown;

/** What a custom `fetch` (or a wrapper around one) might throw after seeing the request. */
const throwers = fc.constantFrom<{ label: string; make: Thrower }>(
  {
    label: 'TypeError quoting the body',
    make: (body) => new TypeError(`failed: ${body}`),
  },
  {
    label: 'nested causes quoting the body',
    make: (body, s) =>
      new TypeError('fetch failed', {
        cause: new Error(`socket closed while sending ${body}`, {
          cause: Object.assign(new Error(`deeper ${s}`), { code: 'ECONNRESET', body }),
        }),
      }),
  },
  {
    label: 'an error carrying the request',
    make: (body, s) =>
      Object.assign(new Error('request failed'), {
        code: 'ERR_CUSTOM',
        request: { body, headers: { authorization: `Basic ${s}` } },
        config: { data: body },
      }),
  },
  {
    label: 'a name and a code made of the secret',
    make: (_body, s) => Object.assign(new Error('x'), { name: s, code: s }),
  },
  { label: 'a thrown string', make: (body) => `failed: ${body}` },
  { label: 'a thrown plain object', make: (body, s) => ({ message: body, secret: s }) },
  {
    label: 'a DOMException quoting the body',
    make: (body) => new DOMException(`aborted while sending ${body}`, 'NetworkError'),
  },
  {
    label: 'an AggregateError',
    make: (body) => new AggregateError([new Error(body)], `all failed: ${body}`),
  },
);

const credentialKind = fc.constantFrom('clientCredentials', 'password') as fc.Arbitrary<
  'clientCredentials' | 'password'
>;

describe('secrets never reach error.cause', () => {
  it('whatever a custom fetch throws, however the error is printed', async () => {
    await fc.assert(
      fc.asyncProperty(secret, throwers, credentialKind, async (value, thrower, kind) => {
        const fetch = (async (_url: RequestInfo | URL, init?: RequestInit) => {
          throw thrower.make(String(init?.body), value);
        }) as typeof globalThis.fetch;
        const error = await singleAttemptFailure({
          credentials:
            kind === 'clientCredentials'
              ? { clientId: 'client-1', clientSecret: value }
              : { username: 'someone@example.test', password: value },
          fetch,
        });
        expect(error).toMatchObject({ code: 'unavailable' });
        expect((error as Error).cause).toBeInstanceOf(Error);
        // The password travels form-encoded: its encoded spelling must not leak either.
        const spellings = [value, encodeURIComponent(value), JSON.stringify(value).slice(1, -1)];
        for (const printed of printings(error)) {
          for (const spelling of spellings) expect(printed, thrower.label).not.toContain(spelling);
        }
      }),
      { numRuns: 150 },
    );
  });

  it('keeps what helps: the error name and the network code', async () => {
    // A real connection refused (undici nests the code in its own cause).
    const probe = createServer();
    await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
    const { port } = probe.address() as { port: number };
    await new Promise<void>((resolve) => probe.close(() => resolve()));
    const tokens = new TokenManager({
      credentials: { clientId: 'client-1', clientSecret: 'refused-secret-8c2d' },
      baseUrl: `http://127.0.0.1:${port}/api`,
      retry: { maxAttempts: 1 },
    });
    const error = (await tokens.getAccessToken().catch((e: unknown) => e)) as LiveDataAuthError;
    await tokens.close();
    expect(error.code).toBe('unavailable');
    expect(error.cause).toMatchObject({ name: 'TypeError', code: 'ECONNREFUSED' });
    expect(String((error.cause as Error).message)).toContain('withheld');

    expect(sanitizeCause(new DOMException('x', 'TimeoutError'))).toMatchObject({
      name: 'TimeoutError',
    });
    expect(sanitizeCause(Object.assign(new Error('x'), { code: 'UND_ERR_SOCKET' }))).toMatchObject({
      code: 'UND_ERR_SOCKET',
    });
    // A hostile object with throwing getters is still turned into a plain Error.
    const hostile = new Proxy(new Error('x'), {
      get() {
        throw new Error('boom');
      },
    });
    expect(sanitizeCause(hostile)).toBeInstanceOf(Error);
  });
});
