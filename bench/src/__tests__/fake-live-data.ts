/**
 * A Live Data API in a `fetch` function, on a fake clock, for the multi-day soak: it
 * mints tokens with the identity endpoint's exact response shape (naive-UTC `expiresAt`,
 * `Date` header), and checks every API call's token against its own expiry. No sockets,
 * so tens of thousands of simulated requests take a second.
 */

/** What the fake saw. */
export interface FakeLiveDataTally {
  identityCalls: number;
  apiCalls: number;
  /** API calls that carried a token past its expiry on the fake clock. */
  expiredTokensSent: number;
  /** API calls with a token the fake never minted (or none). */
  unknownTokensSent: number;
  /** Distinct tokens that were used for at least one API call. */
  tokensUsed: Set<string>;
}

/** A fake Live Data API bound to a clock. */
export interface FakeLiveData {
  readonly baseUrl: string;
  readonly fetch: typeof globalThis.fetch;
  readonly tally: FakeLiveDataTally;
  /**
   * Records a token a caller obtained without sending it (e.g. from `getAccessToken()`),
   * counting it exactly as an API call would: used, expired or unknown.
   */
  observe(token: string): void;
}

function naiveUtc(ms: number): string {
  return `${new Date(ms).toISOString().slice(0, -1)}000`;
}

/** Creates the fake. `now` is the shared fake clock; `ttlMs` the token lifetime. */
export function createFakeLiveData(now: () => number, ttlMs: number): FakeLiveData {
  const baseUrl = 'https://fake.livedata.test/api';
  const issued = new Map<string, number>();
  const tally: FakeLiveDataTally = {
    identityCalls: 0,
    apiCalls: 0,
    expiredTokensSent: 0,
    unknownTokensSent: 0,
    tokensUsed: new Set(),
  };
  let serial = 0;
  const fake: FakeLiveData = {
    baseUrl,
    tally,
    observe: (token) => {
      const expiresAt = issued.get(token);
      if (expiresAt === undefined) tally.unknownTokensSent += 1;
      else {
        tally.tokensUsed.add(token);
        if (now() >= expiresAt) tally.expiredTokensSent += 1;
      }
    },
    fetch: async (input, init) => {
      const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
      const date = new Date(now()).toUTCString();
      if (url === `${baseUrl}/identity/v1/session`) {
        tally.identityCalls += 1;
        serial += 1;
        const token = `tok_${serial.toString(36)}_${Math.random().toString(36).slice(2)}`;
        const expiresAt = now() + ttlMs;
        issued.set(token, expiresAt);
        return new Response(
          JSON.stringify({ accessToken: token, expiresAt: naiveUtc(expiresAt) }),
          {
            status: 200,
            headers: { 'content-type': 'application/json', date },
          },
        );
      }
      tally.apiCalls += 1;
      const auth = new Headers(init?.headers).get('authorization') ?? '';
      const token = auth.replace(/^Bearer /, '');
      const expiresAt = issued.get(token);
      if (expiresAt === undefined) {
        tally.unknownTokensSent += 1;
        return new Response('{"error":"unauthorized"}', { status: 401, headers: { date } });
      }
      tally.tokensUsed.add(token);
      if (now() >= expiresAt) {
        tally.expiredTokensSent += 1;
        return new Response('{"error":"token expired"}', { status: 401, headers: { date } });
      }
      return new Response('{"people":[],"count":0}', {
        status: 200,
        headers: { 'content-type': 'application/json', date },
      });
    },
  };
  return fake;
}
