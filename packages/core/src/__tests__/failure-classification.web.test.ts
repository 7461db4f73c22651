import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  classifyLiveDataFailure,
  LiveDataApiError,
  type LiveDataApiErrorCode,
  LiveDataAuthError,
  type LiveDataAuthErrorCode,
} from '../index.js';

const AUTH_CODES: LiveDataAuthErrorCode[] = [
  'invalid_credentials',
  'rate_limited',
  'unavailable',
  'timeout',
  'invalid_response',
  'aborted',
  'closed',
  'config',
];

function apiError(status: number, headers: Record<string, string> = {}): LiveDataApiError {
  const res = new Response(null, { status, headers });
  Object.defineProperty(res, 'url', {
    value: 'https://gotlivedata.io/api/people/v1/o_3daf8872/find',
  });
  return LiveDataApiError.fromResponse(res);
}

describe('classifyLiveDataFailure: one decision per failure', () => {
  it.each([
    ['config', 500, 'service_misconfigured'],
    ['invalid_credentials', 502, 'upstream_unauthorized'],
    ['invalid_response', 502, 'upstream_error'],
    ['rate_limited', 503, 'upstream_rate_limited'],
    ['unavailable', 503, 'upstream_unavailable'],
    ['timeout', 503, 'upstream_unavailable'],
    ['aborted', 503, 'service_unavailable'],
    ['closed', 503, 'service_unavailable'],
  ] as const)('identity %s → %i %s', (code, status, failureCode) => {
    const failure = classifyLiveDataFailure(new LiveDataAuthError(code, `failed: ${code}`));
    expect(failure).toMatchObject({ status, code: failureCode, source: { kind: 'auth', code } });
  });

  it.each([
    [400, 502, 'upstream_error'],
    [401, 502, 'upstream_unauthorized'],
    [402, 503, 'upstream_quota_exceeded'],
    [403, 502, 'upstream_forbidden'],
    [404, 404, 'not_found'],
    [429, 503, 'upstream_rate_limited'],
    [500, 502, 'upstream_error'],
    [503, 502, 'upstream_error'],
  ] as const)('API %i → %i %s', (upstream, status, failureCode) => {
    expect(classifyLiveDataFailure(apiError(upstream))).toMatchObject({
      status,
      code: failureCode,
      source: { kind: 'api' },
    });
  });

  it('an API that did not answer at all is 503 upstream_unavailable', () => {
    expect(classifyLiveDataFailure('unreachable')).toMatchObject({
      status: 503,
      code: 'upstream_unavailable',
      retryable: true,
      source: { kind: 'network', code: 'unreachable' },
    });
  });

  it('anything else is not classified', () => {
    for (const other of [new Error('x'), new TypeError('fetch failed'), 'x', undefined, null, {}]) {
      expect(classifyLiveDataFailure(other)).toBeUndefined();
    }
  });

  it('recognises errors from another copy of the core by name', () => {
    const copy = Object.assign(new Error('other copy'), {
      name: 'LiveDataApiError',
      code: 'quota_exceeded',
      status: 402,
    });
    expect(classifyLiveDataFailure(copy)?.code).toBe('upstream_quota_exceeded');
  });

  it('sends Retry-After only when Live Data said how long, rounded up to seconds', () => {
    expect(classifyLiveDataFailure(apiError(429))?.retryAfterSeconds).toBeUndefined();
    expect(classifyLiveDataFailure(apiError(429, { 'retry-after': '3' }))?.retryAfterSeconds).toBe(
      3,
    );
    const identity = new LiveDataAuthError('rate_limited', 'slow down', { retryAfterMs: 1_200 });
    expect(classifyLiveDataFailure(identity)?.retryAfterSeconds).toBe(2);
    expect(
      classifyLiveDataFailure(new LiveDataAuthError('rate_limited', 'slow down'))
        ?.retryAfterSeconds,
    ).toBeUndefined();
  });

  it('never passes on what the error says: the message for clients names no path, org, variable or secret', () => {
    const apiStatuses = [400, 401, 402, 403, 404, 429, 500, 502, 503];
    fc.assert(
      fc.property(
        fc.oneof(fc.constantFrom(...AUTH_CODES), fc.constantFrom(...apiStatuses)),
        fc.string({ minLength: 8 }),
        (which, secret) => {
          const error =
            typeof which === 'number'
              ? apiError(which)
              : new LiveDataAuthError(which, `Set LIVEDATA_CLIENT_SECRET (${secret})`);
          const failure = classifyLiveDataFailure(error);
          if (!failure) return false;
          const shown = failure.message;
          return (
            !shown.includes(secret) &&
            !shown.includes('o_3daf8872') &&
            !shown.includes('/people/') &&
            !/LIVEDATA_/.test(shown) &&
            failure.advice.length > 0
          );
        },
      ),
    );
  });

  it('classifies every API status 400–599 without throwing', () => {
    fc.assert(
      fc.property(fc.integer({ min: 400, max: 599 }), (status) => {
        const failure = classifyLiveDataFailure(apiError(status));
        return failure !== undefined && [404, 502, 503].includes(failure.status);
      }),
    );
    const codes = new Set<LiveDataApiErrorCode>();
    for (let status = 400; status < 600; status++) codes.add(apiError(status).code);
    expect(codes.size).toBe(7);
  });
});
