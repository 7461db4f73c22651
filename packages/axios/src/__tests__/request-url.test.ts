import { isUnderBaseUrl } from '@livedata/core';
import axiosNewest, {
  type AxiosStatic,
  type CreateAxiosDefaults,
  type InternalAxiosRequestConfig,
} from 'axios';
import axiosOldest from 'axios-oldest';
import { describe, expect, it } from 'vitest';
import { resolveFullPath, resolveRequestUrl } from '../request-url.js';
import { createUrlScope } from '../url-scope.js';

// The adapter decides where the token may go from the request's resolved URL. It no longer
// calls `instance.getUri(config)` on every request (that re-merges the instance defaults);
// these cases pin that its own resolution lands on the same origin and path on both ends
// of the supported Axios range.
const versions: Array<[string, AxiosStatic]> = [
  [`axios ${axiosNewest.VERSION}`, axiosNewest],
  [
    `axios ${(axiosOldest as unknown as AxiosStatic).VERSION}`,
    axiosOldest as unknown as AxiosStatic,
  ],
];

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
const requestCases: Array<Record<string, unknown>> = [
  {},
  { baseURL: 'https://other.example.com/v2' },
  { allowAbsoluteUrls: false },
  { allowAbsoluteUrls: true },
  { params: { q: 'a b', n: 1 } },
];

/** Where `getUri` points, as origin + path, or `throws`/`unparsable`. */
function viaGetUri(getUri: () => string | undefined): string {
  let uri: string | undefined;
  try {
    uri = getUri();
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

function viaAdapter(resolve: () => URL | undefined): string {
  let url: URL | undefined;
  try {
    url = resolve();
  } catch {
    return 'throws';
  }
  return url ? `${url.origin}${url.pathname}` : 'unparsable';
}

describe.each(versions)('request URL resolution with %s', (_name, axios) => {
  it('matches instance.getUri(config) in origin and path for every shape', async () => {
    let compared = 0;
    for (const defaults of defaultsCases) {
      const instance = axios.create({
        ...defaults,
        adapter: async (config) => ({
          data: null,
          status: 200,
          statusText: 'OK',
          headers: {},
          config,
        }),
      });
      const seen: InternalAxiosRequestConfig[] = [];
      instance.interceptors.request.use((config) => {
        seen.push(config);
        return config;
      });
      for (const url of urls) {
        for (const extra of requestCases) {
          seen.length = 0;
          await instance.request({ url, ...extra }).catch(() => undefined);
          for (const config of seen) {
            const expected = viaGetUri(() => instance.getUri(config));
            const actual = viaAdapter(() => resolveRequestUrl(instance, config));
            expect({ defaults, url, extra, actual }).toEqual({
              defaults,
              url,
              extra,
              actual: expected,
            });
            compared += 1;
          }
        }
      }
    }
    expect(compared).toBeGreaterThan(500);
  });

  it('sends the token on the unusual shapes exactly when getUri is under the base URL', async () => {
    const scope = createUrlScope(BASE);
    const instance = axios.create({ baseURL: `${BASE}///`, adapter: async () => ({}) as never });
    for (const url of urls) {
      const config = { url, headers: {} } as unknown as InternalAxiosRequestConfig;
      let expected: boolean | 'throws';
      try {
        expected = isUnderBaseUrl(String(instance.getUri(config)), BASE);
      } catch {
        expected = 'throws';
      }
      let actual: boolean | 'throws';
      try {
        actual = scope(resolveFullPath(instance, config));
      } catch {
        actual = 'throws';
      }
      expect({ url, actual }).toEqual({ url, actual: expected });
    }
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
