import { format, inspect } from 'node:util';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { concealProperty, REDACTED, redactSecrets } from '../index.js';

// The characters access tokens and API keys are made of (JWT, base64url, hex, `ldtkey_…`).
const tokenChar = fc.constantFrom(
  ...'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.~+/='.split(''),
);
const token = fc.string({ unit: tokenChar, minLength: 9, maxLength: 64 });

describe('redactSecrets', () => {
  it('leaves no occurrence of any secret, wherever and however often it appears', () => {
    fc.assert(
      fc.property(
        fc.array(token, { minLength: 1, maxLength: 3 }),
        fc.array(fc.oneof(fc.string(), fc.nat({ max: 2 })), { maxLength: 12 }),
        (secrets, parts) => {
          // Text around and between secrets: header blocks, messages, anything.
          const text = parts
            .map((part) => (typeof part === 'number' ? (secrets[part] ?? '') : part))
            .join('');
          const redacted = redactSecrets(text, secrets);
          for (const secret of secrets) expect(redacted).not.toContain(secret);
          if (secrets.some((secret) => text.includes(secret))) {
            expect(redacted).toContain(REDACTED);
          }
        },
      ),
    );
  });

  it('returns text without any secret unchanged, and ignores empty secrets', () => {
    fc.assert(
      fc.property(fc.string(), token, (text, secret) => {
        fc.pre(!text.includes(secret));
        expect(redactSecrets(text, [secret, ''])).toBe(text);
      }),
    );
  });

  it('turns a header that carries the token into the redacted header', () => {
    expect(redactSecrets('Bearer abc.def.ghi', ['abc.def.ghi'])).toBe('Bearer [redacted]');
    expect(
      redactSecrets('GET / HTTP/1.1\r\nAuthorization: Bearer abc.def.ghi\r\n\r\n', ['abc.def.ghi']),
    ).toBe('GET / HTTP/1.1\r\nAuthorization: Bearer [redacted]\r\n\r\n');
  });
});

describe('concealProperty', () => {
  it('keeps the value readable and writable, and out of every print form', () => {
    fc.assert(
      fc.property(token, (secret) => {
        const inner = { header: `Authorization: Bearer ${secret}`, self: undefined as unknown };
        inner.self = inner;
        const holder: Record<string, unknown> = { status: 200, request: inner };
        concealProperty(holder, 'request');
        expect(holder.request).toBe(inner);
        for (const text of [
          inspect(holder, { showHidden: true, depth: Number.POSITIVE_INFINITY }),
          format('%o', holder),
          JSON.stringify(holder),
          String(holder),
          Object.keys(holder).join(),
        ]) {
          expect(text).not.toContain(secret);
        }
        holder.request = 'replaced';
        expect(holder.request).toBe('replaced');
      }),
      { numRuns: 50 },
    );
  });

  it('runs beforeFirstRead once, on the first read through the getter, and never for a value assigned later', () => {
    const seen: unknown[] = [];
    const inner = { header: 'Authorization: Bearer s3cret' };
    const holder: Record<string, unknown> = { request: inner };
    concealProperty(holder, 'request', (value) => {
      seen.push(value);
      (value as { header: string }).header = 'Authorization: Bearer [redacted]';
    });
    // Printing does not read the getter, so it does not run the hook either.
    inspect(holder, { showHidden: true, depth: Number.POSITIVE_INFINITY });
    JSON.stringify(holder);
    expect(seen).toEqual([]);
    expect((holder.request as { header: string }).header).toBe('Authorization: Bearer [redacted]');
    expect(holder.request).toBe(inner);
    expect(seen).toEqual([inner]);

    const assigned: unknown[] = [];
    const other: Record<string, unknown> = { request: 'first' };
    concealProperty(other, 'request', (value) => assigned.push(value));
    other.request = 'second';
    expect(other.request).toBe('second');
    expect(assigned).toEqual([]);
  });

  it('does nothing without such an own property, or when it cannot be redefined', () => {
    const frozen = Object.freeze({ request: 'x' });
    concealProperty(frozen, 'request');
    expect(Object.keys(frozen)).toEqual(['request']);
    const empty = {};
    concealProperty(empty, 'request');
    expect(Object.getOwnPropertyNames(empty)).toEqual([]);
    concealProperty(undefined, 'request');
  });
});
