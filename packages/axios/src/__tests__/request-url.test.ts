import { createUrlScope, isUnderBaseUrl } from '@livedata/core';
import type { CreateAxiosDefaults, InternalAxiosRequestConfig } from 'axios';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { sentUrlReadings } from '../request-url.js';
import { axiosVersions } from './support/axios-cases.js';

// The adapter decides where the token may go from the URL the request is sent to, read
// from the final config: these cases pin that its readings cover what every adapter of
// both ends of the supported Axios range builds.
const BASE = 'https://api.example.com/api';
const defaultsCases: CreateAxiosDefaults[] = [
  { baseURL: BASE },
  { baseURL: `${BASE}/` },
  { baseURL: `${BASE}//` },
  { baseURL: `${BASE}///` },
  { baseURL: 'https://api.example.com' },
  { baseURL: BASE, allowAbsoluteUrls: false },
  { baseURL: '' },
  {},
  { allowAbsoluteUrls: false },
];
const urls: Array<string | undefined> = [
  undefined,
  '',
  '/people/v1/org/find',
  'people/v1/org/find',
  '//evil.example.com/x',
  'https://evil.example.com/api/x',
  'https://api.example.com/api/x',
  'https://api.example.com/apix',
  'HTTPS://API.EXAMPLE.COM:443/api/x',
  '/../admin',
  '../admin',
  '/x/%2e%2e/%2e%2e/admin',
  '/x\\..\\..\\admin',
  '/.\n./admin',
  ' https://evil.example.com/x',
  'http:evil.example.com',
  '/find?q=1#frag',
  '#/../../x',
];
/** Where a URL points, as origin + path, or `throws`/`unparsable`. */
function where(resolve: () => string | undefined): string {
  let uri: string | undefined;
  try {
    uri = resolve();
  } catch {
    return 'throws';
  }
  try {
    const url = new URL(String(uri));
    return `${url.origin}${url.pathname}`;
  } catch {
    return 'unparsable';
  }
}

const baseUrls = [
  undefined,
  '',
  ...new Set(defaultsCases.map((d) => d.baseURL).filter((b) => b !== undefined)),
  'https://other.example.com/v2',
  'http:///',
];

describe.each(axiosVersions)('sentUrlReadings with %s', (_name, axios) => {
  // The adapter is handed the final config. Whatever it does with `baseURL`, `url` and
  // `allowAbsoluteUrls` (honour the flag, like getUri and the http adapter, or ignore it,
  // like 1.8's fetch and XHR adapters), the place it sends to is one of the readings.
  it('every place an adapter may send a config to is one of its readings', () => {
    const instance = axios.create();
    fc.assert(
      fc.property(
        fc.constantFrom(...baseUrls),
        fc.oneof(fc.constantFrom(...urls), fc.webUrl(), fc.webPath()),
        fc.constantFrom(undefined, true, false),
        (baseURL, url, allowAbsoluteUrls) => {
          const config = { baseURL, url, allowAbsoluteUrls, headers: {} };
          const readings = sentUrlReadings(config as unknown as InternalAxiosRequestConfig).map(
            (reading) => where(() => reading),
          );
          const explicit = { ...config, baseURL: baseURL ?? '' };
          for (const flag of [allowAbsoluteUrls, true]) {
            const sent = where(() => instance.getUri({ ...explicit, allowAbsoluteUrls: flag }));
            if (sent === 'throws') continue;
            expect(readings).toContain(sent);
          }
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('without baseURL, an absolute url has one reading unless allowAbsoluteUrls is false', () => {
    const url = 'https://api.example.com/api/x';
    for (const allowAbsoluteUrls of [undefined, true]) {
      const config = { url, allowAbsoluteUrls, headers: {} };
      expect(sentUrlReadings(config as unknown as InternalAxiosRequestConfig)).toEqual([url]);
    }
    const config = { url, allowAbsoluteUrls: false, headers: {} };
    expect(sentUrlReadings(config as unknown as InternalAxiosRequestConfig)).toEqual([
      url,
      `/${url}`,
    ]);
  });

  it('an absolute url has both readings: as is, and appended to baseURL', () => {
    const config = { baseURL: BASE, url: 'https://evil.example.com/x', headers: {} };
    expect(sentUrlReadings(config as unknown as InternalAxiosRequestConfig)).toEqual([
      `${BASE}/https://evil.example.com/x`,
      'https://evil.example.com/x',
    ]);
  });
});

describe('createUrlScope', () => {
  const bases = [
    'https://api.example.com/api',
    'https://api.example.com',
    'http://127.0.0.1:4000/a/b',
    'custom://host/a',
  ];
  const candidates = [
    '',
    '/',
    'https://api.example.com',
    'https://api.example.com/',
    'https://api.example.com/api',
    'https://api.example.com/api/',
    'https://api.example.com/api/people/v1/find?q=../../x#../y',
    'https://api.example.com/apix',
    'https://api.example.com/api/../admin',
    'https://api.example.com/api/./x',
    'https://api.example.com/api/%2e%2e/admin',
    'https://api.example.com/api/%2E%2E/admin',
    'https://api.example.com/api/.%2e/admin',
    'https://api.example.com/api\\..\\admin',
    'https://api.example.com/api/x\\..\\..\\admin',
    'https://api.example.com/api/.\t./admin',
    'https://api.example.com/api/\n../admin',
    'https://api.example.com/api/..\r/admin',
    'https://api.example.com/api/x/.. ',
    'https://api.example.com/api/..',
    'https://api.example.com/api/x?y=/../..',
    'https://api.example.com/api/x#/../..',
    'https://api.example.com:443/api/x',
    'https://api.example.com.evil.example/api/x',
    'https://api.example.com@evil.example/api/x',
    'https://evil.example/https://api.example.com/api/x',
    'HTTPS://API.example.com/api/x',
    'http://api.example.com/api/x',
    'http://127.0.0.1:4000/a/b/c',
    'http://127.0.0.1:4000/a/bc',
    'http://127.0.0.1:4000/a/b/../../c',
    'http://127.0.0.1:4000/a/b/%2e./c',
    '//api.example.com/api/x',
    '/api/x',
    'null/a/x',
    'custom://host/a/x',
    'custom://host/a/../b',
    'data:text/plain,a',
  ];

  it('decides every URL as isUnderBaseUrl of @livedata/core does', () => {
    for (const base of bases) {
      const scope = createUrlScope(base);
      for (const url of candidates) {
        expect({ base, url, allowed: scope(url) }).toEqual({
          base,
          url,
          allowed: isUnderBaseUrl(url, base),
        });
      }
    }
  });

  it('refuses a dot segment that leaves the base path, however it is spelled', () => {
    const scope = createUrlScope('https://api.example.com/api');
    expect(scope('https://api.example.com/api/people')).toBe(true);
    for (const dots of ['/..', '/%2e%2e', '\\..', '/.\n.', '/.%2E']) {
      expect(scope(`https://api.example.com/api${dots}/admin`)).toBe(false);
    }
  });
});
