import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createApiUrlResolver } from '../api-url.js';
import { boundedCache } from '../bounded-cache.js';
import { createUrlScope, isUnderBaseUrl, LiveDataAuthError, resolveApiUrl } from '../index.js';

// `tokens.fetch` resolves and checks each request URL once per distinct form and then
// answers from a cache. These properties pin that the remembered decision is the decision:
// for any URL form, however tricky, the cached resolver accepts exactly what resolveApiUrl
// accepts, resolves it to the same URL, and refuses the rest with the same error, whether
// the answer comes from the cache, after an eviction, or fresh.

const bases = [
  'https://gotlivedata.io/api',
  'https://gotlivedata.io',
  'http://127.0.0.1:4010/api/v2',
  'http://[::1]:8080/api',
  'http://localhost/api',
];

// Pieces of URLs that move a path or an origin when parsed, or look as if they did.
const prefixes = [
  '',
  '/',
  '//',
  '///',
  'https://',
  'HTTPS://',
  'http://',
  'https:',
  'http:',
  'https:\\\\',
  '\\\\',
  ' ',
  '\t',
  'https://gotlivedata.io',
  'https://GOTLIVEDATA.IO',
  'https://gotlivedata.io:443',
  'https://gotlivedata.io:8443',
  'https://user:pw@gotlivedata.io',
  'https://gotlivedata.io@evil.example',
  'https://evil.example',
  'http://127.0.0.1:4010',
  'http://127.0.0.1:4011',
  'http://[::1]:8080',
  'http://[0:0::1]:8080',
  'http://[::1]',
  'http://LOCALHOST',
  'http://localhost:80',
  'javascript:',
  'data:text/plain,',
];
const segments = [
  'api',
  'API',
  'apix',
  'v2',
  'people',
  'v1',
  'o_3daf8872',
  'find',
  '.',
  '..',
  '%2e',
  '%2E%2e',
  '.%2e',
  '%2e.',
  '\\..',
  '..\\',
  '.\t.',
  '.\n.',
  '@',
  ':',
  ':443',
  '?q=1',
  '?/../..',
  '#x',
  '#/../..',
  '%00',
  '%zz',
  ' ',
  'é',
  '[::1]',
  'evil.example',
];

const urlForm = fc
  .tuple(
    fc.constantFrom(...prefixes),
    fc.array(fc.constantFrom(...segments), { maxLength: 6 }),
    fc.constantFrom('/', '\\', '//', ''),
    fc.boolean(),
  )
  .map(([prefix, parts, separator, trailing]) => {
    const path = parts.join(separator);
    return `${prefix}${prefix.endsWith('/') || path === '' ? '' : separator}${path}${trailing ? '/' : ''}`;
  });

/** What resolving gives: the URL, or the refusal as a user would see it. */
function outcome(resolve: () => URL): unknown {
  try {
    return { href: resolve().href };
  } catch (error) {
    if (error instanceof LiveDataAuthError) {
      return { code: error.code, setting: error.setting, message: error.message };
    }
    return { thrown: (error as Error).name };
  }
}

describe('the cached request-URL resolver of tokens.fetch', () => {
  it('decides every URL form as resolveApiUrl does, from the cache or not', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...bases),
        fc.array(fc.oneof(urlForm, fc.webUrl(), fc.webPath()), { minLength: 1, maxLength: 40 }),
        fc.integer({ min: 1, max: 8 }),
        (base, forms, maxEntries) => {
          // A tiny cache, so the sequence exercises hits, misses and evictions.
          const resolve = createApiUrlResolver(base, maxEntries);
          for (const form of [...forms, ...forms.slice().reverse()]) {
            const expected = outcome(() => resolveApiUrl(form, base));
            expect(outcome(() => resolve(form))).toEqual(expected);
            expect(outcome(() => resolve(form))).toEqual(expected);
            let asUrl: URL | undefined;
            try {
              asUrl = new URL(form);
            } catch {
              asUrl = undefined;
            }
            if (asUrl)
              expect(outcome(() => resolve(asUrl))).toEqual(
                outcome(() => resolveApiUrl(asUrl, base)),
              );
          }
        },
      ),
      { numRuns: 300 },
    );
  });

  it('only ever hands out URLs under the base URL', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...bases),
        fc.array(urlForm, { maxLength: 30 }),
        (base, forms) => {
          const resolve = createApiUrlResolver(base, 4);
          const scope = createUrlScope(base);
          for (const form of [...forms, ...forms]) {
            let url: URL | undefined;
            try {
              url = resolve(form);
            } catch (error) {
              // Refused (config), or not a URL at all (the URL parser's TypeError, as before).
              expect(error instanceof LiveDataAuthError || error instanceof TypeError).toBe(true);
              continue;
            }
            expect(scope(url.href)).toBe(true);
          }
        },
      ),
      { numRuns: 200 },
    );
  });

  it('keeps refusing what is not a path or a URL', () => {
    const resolve = createApiUrlResolver(bases[0] as string);
    for (const bad of [new Request('https://gotlivedata.io/api/x'), 42, null, undefined]) {
      for (let i = 0; i < 2; i += 1) {
        expect(() => resolve(bad as unknown as string)).toThrow(LiveDataAuthError);
      }
    }
  });
});

describe('isUnderBaseUrl, which remembers the last base it parsed', () => {
  it('decides as a scope built fresh for each check, across changing bases', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.constantFrom(...bases), fc.oneof(urlForm, fc.webUrl())), {
          maxLength: 40,
        }),
        (checks) => {
          for (const [base, url] of checks) {
            expect(isUnderBaseUrl(url, base)).toBe(createUrlScope(base)(url));
          }
        },
      ),
      { numRuns: 200 },
    );
  });
});

describe('boundedCache', () => {
  it('never holds more than its limit, and forgets the oldest entry first', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 5 }),
        fc.array(fc.integer({ min: 0, max: 9 }), { maxLength: 50 }),
        (limit, keys) => {
          const cache = boundedCache<number, number>(limit);
          const model: number[] = [];
          for (const key of keys) {
            cache.set(key, key * 10);
            if (limit === 0) continue;
            if (!model.includes(key)) {
              if (model.length >= limit) model.shift();
              model.push(key);
            }
          }
          expect(cache.size).toBe(model.length);
          for (const key of model) expect(cache.get(key)).toBe(key * 10);
        },
      ),
    );
  });
});
