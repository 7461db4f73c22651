// (d) Typed errors, explained in plain words: what the API said, and what to do (the
// advice comes from core's classifyLiveDataFailure, the same table the adapters answer from).

import type { DemoContext, SkippedStep } from './demo-step.js';
import { findByEmail, postJson, previewBody } from './describe.js';
import { newTokenManager } from './environment.js';
import { call, info, ok } from './transcript.js';

export const letter = 'd';
export const title = 'Typed errors, in plain words';

export async function run({ core, target }: DemoContext): Promise<SkippedStep | undefined> {
  if (target.mode !== 'mock') {
    return {
      skipped:
        'uses the mock server’s fixtures (an organization without credits, one without a role)',
    };
  }
  const tokens = newTokenManager(core, target);
  try {
    const { fixtures } = target;
    for (const orgId of [fixtures.QUOTA_SPENT_ORG_ID, fixtures.FORBIDDEN_ORG_ID]) {
      const path = `/people/v1/${orgId}/find`;
      const res = await tokens.fetch(path, postJson(findByEmail(fixtures.DEMO_PERSON_EMAIL)));
      await res.body?.cancel();
      call('POST', path, res.status);
      const error = core.LiveDataApiError.fromResponse(res);
      if (!(error instanceof core.LiveDataApiError))
        throw new Error('fromResponse did not give a LiveDataApiError');
      info(`LiveDataApiError  status ${error.status}, code '${error.code}'`);
      info(`  message: ${error.message}`);
      info(`  in plain words: ${core.classifyLiveDataFailure(error)?.advice}`);
    }

    // The API rate-limits: the mock answers the next preview with 429 and Retry-After.
    target.mock.inject(
      'people.searchPreview',
      { kind: 'status', status: 429, retryAfter: 3 },
      { times: 1 },
    );
    const path = `/people/v1/${target.orgId}/search/preview`;
    const res = await tokens.fetch(path, postJson(previewBody));
    await res.body?.cancel();
    call('POST', path, res.status, `Retry-After: ${res.headers.get('retry-after')}`);
    const limited = core.LiveDataApiError.fromResponse(res);
    info(
      `LiveDataApiError  status ${limited.status}, code '${limited.code}', retryAfterMs ${limited.retryAfterMs}`,
    );
    info(`  in plain words: ${core.classifyLiveDataFailure(limited)?.advice}`);
  } finally {
    target.mock.clearFaults();
    await tokens.close();
  }

  const wrong = core.createTokenManager({
    baseUrl: target.baseUrl,
    credentials: { clientId: target.env.LIVEDATA_CLIENT_ID ?? '', clientSecret: 'not-the-secret' },
    retry: { maxAttempts: 1 },
  });
  try {
    await wrong.getAccessToken();
    throw new Error('a wrong secret was accepted');
  } catch (error) {
    if (!(error instanceof core.LiveDataAuthError)) throw error;
    call('POST', '/identity/v1/session', error.status ?? 0);
    info(`LiveDataAuthError  code '${error.code}', retryable ${error.retryable}`);
    info(`  message: ${error.message}`);
    info(`  in plain words: ${core.classifyLiveDataFailure(error)?.advice}`);
  } finally {
    await wrong.close();
  }
  ok('every failure is a typed error with a stable code and a message that says what to do');
}
