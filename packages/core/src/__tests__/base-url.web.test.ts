import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isLoopbackHost, LiveDataAuthError, TokenManager } from '../index.js';
import { CLIENT } from './web-fixtures.js';

function managerFor(baseUrl: string): TokenManager {
  return new TokenManager({ credentials: CLIENT, baseUrl });
}

function configError(baseUrl: string): LiveDataAuthError | undefined {
  try {
    managerFor(baseUrl);
  } catch (error) {
    expect(error).toBeInstanceOf(LiveDataAuthError);
    return error as LiveDataAuthError;
  }
  return undefined;
}

const octet = fc.integer({ min: 0, max: 255 });
const randomCase = (word: string) =>
  fc
    .array(fc.boolean(), { minLength: word.length, maxLength: word.length })
    .map((upper) => [...word].map((c, i) => (upper[i] ? c.toUpperCase() : c)).join(''));
const label = fc.stringMatching(/^[a-z0-9]([a-z0-9-]{0,10}[a-z0-9])?$/);
const port = fc.option(fc.integer({ min: 1, max: 65_535 }), { nil: undefined });

/** Spellings of loopback hosts that the URL parser (and so fetch) reads as loopback. */
const loopbackHosts = fc.oneof(
  randomCase('localhost'),
  fc.tuple(octet, octet, octet).map(([a, b, c]) => `127.${a}.${b}.${c}`),
  fc.tuple(octet, octet).map(([a, b]) => `127.${a}.${b}.1.`), // a trailing dot on an IPv4 address
  fc.integer({ min: 0, max: 0xffffff }).map((n) => `0x7f${n.toString(16).padStart(6, '0')}`),
  fc.integer({ min: 0, max: 0xffffff }).map((n) => String(0x7f000000 + n)), // one decimal number
  fc.integer({ min: 0, max: 255 }).map((n) => `0177.0.0.${n}`), // octal first part
  fc.constantFrom('127.1', '[::1]', '[0:0:0:0:0:0:0:1]', '[0::1]', '[::ffff:127.0.0.1]'),
  fc.tuple(octet, octet).map(([a, b]) => `[::ffff:127.0.${a}.${b}]`),
);

/** Hosts that are not loopback, however much they look like it. */
const foreignHosts = fc.oneof(
  fc.tuple(label, randomCase('localhost')).map(([l, lh]) => `${l}.${lh}`), // app.localhost
  fc.array(label, { minLength: 1, maxLength: 3 }).map((ls) => `${ls.join('.')}.localhost`), // a.b.localhost
  fc.constantFrom('localhost.', 'LOCALHOST.', 'localhost.localdomain', 'localhost.evil.test'),
  fc.tuple(octet, octet, octet).map(([a, b, c]) => `127.${a}.${b}.${c}.nip.io`),
  fc.tuple(octet, octet, octet).map(([a, b, c]) => `127.${a}.${b}.${c}.evil.test`),
  fc
    .tuple(
      fc.integer({ min: 0, max: 255 }).filter((n) => n !== 127),
      octet,
      octet,
      octet,
    )
    .map(([a, b, c, d]) => `${a}.${b}.${c}.${d}`),
  fc.constantFrom('[::2]', '[::]', '[::ffff:128.0.0.1]', '[::127.0.0.1]', '0.0.0.0', '[fe80::1]'),
  fc.tuple(label, label).map(([a, b]) => `${a}.${b}.test`),
  fc.constantFrom('localhost-evil.test', 'xlocalhost', 'localhos', 'gotlivedata.io'),
);

const path = fc.constantFrom('', '/', '/api', '/api/');

describe('plain http only to loopback hosts (class of host spellings)', () => {
  it('accepts every spelling of a loopback host over http, and over https', () => {
    fc.assert(
      fc.property(loopbackHosts, port, path, (host, p, tail) => {
        const authority = p === undefined ? host : `${host}:${p}`;
        expect(configError(`http://${authority}${tail}`)).toBeUndefined();
        expect(configError(`https://${authority}${tail}`)).toBeUndefined();
        expect(isLoopbackHost(new URL(`http://${authority}/`).hostname)).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it('refuses http to names under .localhost, look-alikes and other hosts, naming the setting', () => {
    fc.assert(
      fc.property(foreignHosts, port, path, (host, p, tail) => {
        const authority = p === undefined ? host : `${host}:${p}`;
        const error = configError(`http://${authority}${tail}`);
        expect(error, authority).toMatchObject({ code: 'config', setting: 'baseUrl' });
        expect(error?.message).toContain('https:');
        expect(isLoopbackHost(new URL(`http://${authority}/`).hostname)).toBe(false);
        // https is fine for any of them: only plain http is restricted.
        expect(configError(`https://${authority}${tail}`)).toBeUndefined();
      }),
      { numRuns: 300 },
    );
  });

  it('isLoopbackHost takes the host alone: anything with a port, path or user info is not one', () => {
    fc.assert(
      fc.property(
        loopbackHosts,
        fc.constantFrom(':8080', '/x', '@evil.test', ' ', '?q', '#f', '\\evil'),
        (host, extra) => {
          expect(isLoopbackHost(`${host}${extra}`)).toBe(false);
        },
      ),
    );
    expect(isLoopbackHost('::1')).toBe(true); // a bare IPv6 address is read as bracketed
    expect(isLoopbackHost('')).toBe(false);
  });
});
