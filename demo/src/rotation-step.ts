// (c) A token rotating under steady traffic without a failed or delayed request: the mock
// issues 6-second tokens, the demo sends 10 requests a second for 10 seconds.

import type { DemoContext, SkippedStep } from './demo-step.js';
import { lifetime, postJson, previewBody } from './describe.js';
import { newTokenManager } from './environment.js';
import { info, ms, ok } from './transcript.js';

export const letter = 'c';
export const title = 'A token rotating under steady traffic';

const TOKEN_TTL_SECONDS = 6;
const DURATION_MS = 10_000;
const INTERVAL_MS = 100;

export async function run({ core, target }: DemoContext): Promise<SkippedStep | undefined> {
  if (target.mode !== 'mock') {
    return {
      skipped:
        'needs the mock server to issue short-lived tokens (real tokens live 15 min or more)',
    };
  }
  const mock = target.mock;
  mock.setTokenTtl(TOKEN_TTL_SECONDS);
  const started = performance.now();
  const at = () => `t=${((performance.now() - started) / 1000).toFixed(1).padStart(4)} s`;
  const counts = { waitedAfterStart: 0, stale: 0, background: 0, foreground: 0 };
  let first = true;
  let previousExpiresAt: number | undefined;
  let firstTokenAt = Number.POSITIVE_INFINITY;
  const tokens = newTokenManager(core, target, {
    onEvent: (event) => {
      if (event.type === 'cache.miss' && !first) counts.waitedAfterStart += 1;
      if (event.type === 'cache.stale') counts.stale += 1;
      if (event.type === 'refresh.started' && event.background) {
        info(`${at()}  soft window: callers keep the cached token; one background refresh starts`);
      }
      if (event.type === 'refresh.succeeded') {
        if (event.background) counts.background += 1;
        else counts.foreground += 1;
        const oldLeft =
          previousExpiresAt === undefined ? undefined : previousExpiresAt - Date.now();
        info(
          oldLeft === undefined
            ? `${at()}  first token (lives ${lifetime(event.lifetimeMs)}); the caller waited for it`
            : `${at()}  new token in place, ${ms(Math.max(0, oldLeft))} before the old one would have expired`,
        );
        previousExpiresAt = event.expiresAt;
        if (first) firstTokenAt = performance.now();
        first = false;
      }
    },
  });
  const identityBefore = mock.count('identity');
  const requestsBefore = mock.requests.length;
  try {
    info(
      `mock tokens now live ${TOKEN_TTL_SECONDS} s; sending a request every ${INTERVAL_MS} ms for ${DURATION_MS / 1000} s`,
    );
    const path = `/people/v1/${target.orgId}/search/preview`;
    const results: {
      ok: boolean;
      status: number;
      error?: unknown;
      tokenWait: number;
      t0: number;
    }[] = [];
    const send = async () => {
      const t0 = performance.now();
      try {
        await tokens.getAccessToken();
        const tokenWait = performance.now() - t0;
        const res = await tokens.fetch(path, postJson(previewBody));
        await res.body?.cancel();
        results.push({ ok: res.status === 200, status: res.status, tokenWait, t0 });
      } catch (error) {
        results.push({ ok: false, status: 0, error, tokenWait: performance.now() - t0, t0 });
      }
    };
    const inFlight: Promise<void>[] = [];
    await new Promise<void>((resolve) => {
      const timer = setInterval(() => {
        if (performance.now() - started >= DURATION_MS) {
          clearInterval(timer);
          resolve();
          return;
        }
        inFlight.push(send());
      }, INTERVAL_MS);
    });
    await Promise.all(inFlight);

    const failed = results.filter((r) => !r.ok);
    const seen = mock.requests.slice(requestsBefore);
    const rejected = seen.filter((r) => r.status === 401 || r.auth === 'expired').length;
    const identityCalls = mock.count('identity') - identityBefore;
    const warm = results.filter((r) => r.t0 > firstTokenAt);
    const slowestAfterFirst = Math.max(0, ...warm.map((r) => r.tokenWait));
    ok(
      `${results.length} requests, ${failed.length} failed, ${rejected} sent with an expired or rejected token`,
    );
    ok(
      `${identityCalls} identity calls for ${DURATION_MS / 1000} s of ${TOKEN_TTL_SECONDS}-second tokens: ${counts.background} background refreshes, ${counts.waitedAfterStart} callers waited for one after the cold start`,
    );
    info(
      `once the first token was there, the slowest getAccessToken() took ${ms(slowestAfterFirst)} (served from the cache while refreshing)`,
    );
    if (failed.length > 0) {
      throw new Error(
        `${failed.length} requests failed (first: ${failed[0]?.status || (failed[0]?.error as Error | undefined)?.message})`,
      );
    }
    if (counts.waitedAfterStart > 0 || rejected > 0) {
      throw new Error('a request waited for a refresh or carried an expired token');
    }
    if (counts.background < 1) throw new Error('the token never rotated');
  } finally {
    await tokens.close();
    mock.setTokenTtl(900);
  }
}
