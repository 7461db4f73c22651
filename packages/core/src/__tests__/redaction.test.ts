import { inspect } from 'node:util';
import { DEMO_ORG_ID, demoCredentials, startMockServer } from '@livedata/mock-server';
import { describe, expect, it } from 'vitest';
import {
  LiveDataApiError,
  LiveDataAuthError,
  type LiveDataLogger,
  type StoredToken,
  TokenManager,
  type TokenStore,
  tokenManagerFromEnv,
} from '../index.js';
import { fakeClock } from './web-fixtures.js';

describe('nothing leaks', () => {
  it('inspect, JSON, errors, events and every logger call hold no secret and no token', async () => {
    const api = await startMockServer();
    const lines: string[] = [];
    const capture = (level: string) => (message: string, context?: unknown) => {
      lines.push(`${level} ${message} ${inspect(context, { depth: 10 })}`);
    };
    const logger: LiveDataLogger = {
      debug: capture('debug'),
      info: capture('info'),
      warn: capture('warn'),
      error: capture('error'),
    };
    const events: unknown[] = [];
    const errors: unknown[] = [];
    const clock = fakeClock(Date.now());
    // A store that fails half the time, so store warnings are exercised too.
    let flaky = 0;
    const store: TokenStore = {
      get: () => {
        if (flaky++ % 2) throw new Error(`store down ${demoCredentials.clientSecret}`);
        return undefined;
      },
      set: (_k: string, t: StoredToken) => {
        throw new Error(`cannot store ${t.accessToken}`);
      },
      delete: () => undefined,
    };
    const common = {
      baseUrl: api.url,
      logger,
      onEvent: (e: unknown) => events.push(e),
      now: clock.now,
      store,
    };
    const good = new TokenManager({
      ...common,
      credentials: {
        clientId: demoCredentials.clientId,
        clientSecret: demoCredentials.clientSecret,
      },
      retry: { maxAttempts: 2, baseDelayMs: 1 },
    });
    const user = new TokenManager({
      ...common,
      credentials: { username: demoCredentials.username, password: demoCredentials.password },
    });
    const badSecret = 'wrong-secret-5d9e1c';
    const bad = new TokenManager({
      ...common,
      credentials: { clientId: 'nobody', clientSecret: badSecret },
    });
    const keyed = new TokenManager({ ...common, credentials: { apiKey: demoCredentials.apiKey } });

    const issued = new Set<string>();
    issued.add(await good.getAccessToken());
    issued.add(await user.getAccessToken());
    await bad.getAccessToken().catch((e: unknown) => errors.push(e));
    // Refresh paths: soft, hard, failures, 401 retry, rejected fresh token.
    clock.advance(880_000);
    api.inject('identity', { kind: 'status', status: 503, body: 'oops' }, { times: 2 });
    issued.add(await good.getAccessToken());
    api.clearFaults();
    api.revokeAllTokens();
    const res = await good.fetch(`/people/v1/${DEMO_ORG_ID}/person/x`);
    expect(res.status).not.toBe(401);
    issued.add(await good.getAccessToken());
    api.inject(
      'identity',
      { kind: 'malformed', body: '{"accessToken":"leaky token"}' },
      { times: 1 },
    );
    await good.getAccessToken({ forceRefresh: true }).catch((e: unknown) => errors.push(e));
    await good.fetch('https://elsewhere.test/x').catch((e: unknown) => errors.push(e));
    await good.close();
    await good.getAccessToken().catch((e: unknown) => errors.push(e));
    errors.push(LiveDataApiError.fromResponse(res));
    try {
      tokenManagerFromEnv({ LIVEDATA_CLIENT_SECRET: 'env-secret-31415' });
    } catch (e) {
      errors.push(e);
    }
    expect(errors.length).toBeGreaterThanOrEqual(5);
    expect(lines.some((l) => l.startsWith('warn'))).toBe(true);

    const secrets = [
      demoCredentials.clientSecret,
      demoCredentials.password,
      demoCredentials.apiKey,
      badSecret,
      'env-secret-31415',
      'leaky token',
      ...issued,
    ];
    const dumps = [
      ...lines,
      ...events.map((e) => inspect(e, { depth: 10 })),
      ...events.map((e) => JSON.stringify(e)),
      ...errors.map((e) => inspect(e, { depth: 10 })),
      ...errors.map((e) => JSON.stringify(e)),
      ...errors.map((e) => String((e as Error).stack)),
      ...errors.map((e) => inspect((e as Error).cause, { depth: 10 })),
      ...[good, user, bad, keyed].flatMap((m) => [
        inspect(m, { depth: 10, showHidden: true }),
        JSON.stringify(m),
        String(m),
      ]),
    ];
    for (const dump of dumps) {
      for (const secret of secrets) expect(dump).not.toContain(secret);
    }
    for (const e of errors) {
      expect(e instanceof LiveDataAuthError || e instanceof LiveDataApiError).toBe(true);
    }
    await Promise.all([user.close(), bad.close(), keyed.close()]);
    await api.close();
  });
});
