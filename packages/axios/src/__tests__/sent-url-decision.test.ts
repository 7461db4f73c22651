import { createUrlScope } from '@livedata/core';
import type { InternalAxiosRequestConfig } from 'axios';
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { createSentUrlDecider, sentUrlReadings } from '../request-url.js';

// The adapter decides where a config may carry the token once per distinct (baseURL, url)
// pair and then answers from a cache. The remembered decision must be the decision: the
// same as applying the scope to every reading of that config, fresh, every time.

const bases = [
  'https://api.example.com/api',
  'https://api.example.com/api/',
  'https://api.example.com/api//',
  'https://api.example.com',
  'HTTPS://API.EXAMPLE.COM:443/api',
  'https://api.example.com:8443/api',
  'https://user:pw@api.example.com/api',
  'http://[::1]:8080/api',
  'https://evil.example.com/api',
  'api',
  '',
];
const urlPieces = [
  '',
  '/',
  '//',
  'people',
  'API',
  'apix',
  '..',
  '.',
  '%2e%2e',
  '%2E.',
  '\\..',
  '.\t.',
  '@evil.example.com',
  ':443',
  '[::1]',
  '?q=1',
  '#/../..',
  'https://api.example.com/api/x',
  'https://evil.example.com/api/x',
  'HTTPS://API.EXAMPLE.COM/api/x',
  '//evil.example.com/x',
  'http:evil.example.com',
  ' https://evil.example.com/x',
];
const url = fc.oneof(
  fc.array(fc.constantFrom(...urlPieces), { maxLength: 5 }).map((parts) => parts.join('/')),
  fc.array(fc.constantFrom(...urlPieces), { maxLength: 4 }).map((parts) => parts.join('')),
  fc.webUrl(),
  fc.webPath(),
);
const config = fc.record({
  baseURL: fc.option(fc.constantFrom(...bases), { nil: undefined }),
  url: fc.option(url, { nil: undefined }),
});

function uncached(scope: (url: string) => boolean, c: InternalAxiosRequestConfig) {
  const readings = sentUrlReadings(c);
  return { allowed: readings.every((r) => scope(r)), reading: readings[0] ?? '' };
}

const page = globalThis as { location?: { href: string } };
afterEach(() => {
  delete page.location;
});

describe('the adapter’s remembered URL decisions', () => {
  it('equal the scope applied to every reading, fresh, for any sequence of configs', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('https://api.example.com/api', 'http://[::1]:8080/api'),
        fc.array(config, { minLength: 1, maxLength: 40 }),
        (base, configs) => {
          const scope = createUrlScope(base, ['https://files.example.com/v1']);
          const decide = createSentUrlDecider(scope);
          // Each config twice in a row too: the pair decided last is answered first.
          const sequence = [...configs.flatMap((c) => [c, c]), ...configs.slice().reverse()];
          for (const c of sequence) {
            const cfg = c as InternalAxiosRequestConfig;
            expect(decide(cfg)).toEqual(uncached(scope, cfg));
          }
        },
      ),
      { numRuns: 300 },
    );
  });

  it('follow the page for relative URLs in a browser, even when the page changes', () => {
    const scope = createUrlScope('https://api.example.com/api');
    const decide = createSentUrlDecider(scope);
    const relative = { url: 'api/x' } as InternalAxiosRequestConfig;
    page.location = { href: 'https://api.example.com/' };
    expect(decide(relative).allowed).toBe(true);
    page.location = { href: 'https://evil.example.com/' };
    expect(decide(relative).allowed).toBe(false);
    expect(decide(relative)).toEqual(uncached(scope, relative));
  });

  it('decide a non-string url as the adapter would send it', () => {
    const scope = createUrlScope('https://api.example.com/api');
    const decide = createSentUrlDecider(scope);
    for (const u of [
      new URL('https://api.example.com/api/x'),
      new URL('https://evil.example.com/api/x'),
    ]) {
      const cfg = { url: u } as unknown as InternalAxiosRequestConfig;
      expect(decide(cfg)).toEqual(uncached(scope, cfg));
      expect(decide(cfg)).toEqual(uncached(scope, cfg));
    }
  });

  it('stay right past the cache’s size, for endlessly many distinct URLs', () => {
    const scope = createUrlScope('https://api.example.com/api');
    const decide = createSentUrlDecider(scope);
    for (let i = 0; i < 2_000; i += 1) {
      const inside = { baseURL: 'https://api.example.com/api', url: `/p/${i}` };
      const outside = {
        baseURL: 'https://api.example.com/api',
        url: `https://evil.example.com/${i}`,
      };
      expect(decide(inside as InternalAxiosRequestConfig).allowed).toBe(true);
      expect(decide(outside as InternalAxiosRequestConfig).allowed).toBe(false);
    }
  });
});
