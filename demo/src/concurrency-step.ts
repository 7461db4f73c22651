// (b) Many concurrent callers at a cold start share one identity call.

import type { DemoContext, SkippedStep } from './demo-step.js';
import { postJson, previewBody } from './describe.js';
import { newTokenManager } from './environment.js';
import { info, ms, ok } from './transcript.js';

export const letter = 'b';
export const title = 'Many calls, one identity call';

const CALLERS = 200;

export async function run({ core, target }: DemoContext): Promise<SkippedStep | undefined> {
  let identityCalls = 0;
  const tokens = newTokenManager(core, target, {
    onEvent: (event) => {
      if (event.type === 'refresh.succeeded' && event.source === 'identity') identityCalls += 1;
    },
  });
  try {
    if (tokens.kind === 'apiKey') {
      info('an API key needs no identity call at all: nothing to share');
      return;
    }
    const before = target.mock?.count('identity') ?? 0;
    const started = performance.now();
    if (target.mode === 'mock') {
      // 200 API calls at once from a cold start: the free preview endpoint, so no credits.
      const path = `/people/v1/${target.orgId}/search/preview`;
      info(`${CALLERS} concurrent tokens.fetch('${path}') from a cold start`);
      const statuses = await Promise.all(
        Array.from({ length: CALLERS }, async () => {
          const res = await tokens.fetch(path, postJson(previewBody));
          await res.body?.cancel();
          return res.status;
        }),
      );
      const failed = statuses.filter((status) => status !== 200).length;
      if (failed > 0) throw new Error(`${failed} of ${CALLERS} concurrent calls failed`);
      const seen = target.mock.count('identity') - before;
      ok(
        `${CALLERS} API calls answered 200 in ${ms(performance.now() - started)}; the mock saw ${seen} identity call${seen === 1 ? '' : 's'}`,
      );
      if (seen !== 1) throw new Error(`expected exactly 1 identity call, the mock saw ${seen}`);
    } else {
      // Against the real API: 200 concurrent token requests (no API traffic).
      info(`${CALLERS} concurrent tokens.getAccessToken() from a cold start`);
      const received = await Promise.all(
        Array.from({ length: CALLERS }, () => tokens.getAccessToken()),
      );
      const distinct = new Set(received).size;
      ok(`${CALLERS} callers got ${distinct} token from ${identityCalls} identity call`);
      if (identityCalls !== 1) throw new Error(`expected 1 identity call, made ${identityCalls}`);
    }
    ok('many calls, one identity call: concurrent callers share one in-flight request');
  } finally {
    await tokens.close();
  }
}
