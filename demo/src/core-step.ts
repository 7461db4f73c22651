// (a) The core on its own: obtain a token and make one API call with it.

import type { DemoContext, SkippedStep } from './demo-step.js';
import {
  describeCredits,
  describeKind,
  findByEmail,
  lifetime,
  postJson,
  previewBody,
} from './describe.js';
import { newTokenManager } from './environment.js';
import { call, info, ms, ok } from './transcript.js';

export const letter = 'a';
export const title = '@livedata/core: obtain a token, make one API call';

export async function run({ core, target }: DemoContext): Promise<SkippedStep | undefined> {
  let granted: { lifetimeMs: number } | undefined;
  const tokens = newTokenManager(core, target, {
    onEvent: (event) => {
      if (event.type === 'refresh.succeeded') granted = event;
    },
  });
  try {
    info(`tokenManagerFromEnv() → ${describeKind(tokens.kind)} for ${tokens.baseUrl}`);
    const started = performance.now();
    await tokens.getAccessToken();
    const took = performance.now() - started;
    if (tokens.kind === 'apiKey') {
      ok('an API key is used as is: no identity call, nothing expires');
    } else {
      ok(
        `obtained a token in ${ms(took)}; it lives ${granted ? lifetime(granted.lifetimeMs) : 'as long as the identity endpoint said'} (the token itself is never printed)`,
      );
    }

    if (!target.orgId) {
      info('no API call: set LIVEDATA_ORG_ID to make one');
      return;
    }
    // Against the mock, a paid find shows the credit headers; against the real API the
    // demo sticks to a free preview so it never spends your credits.
    const path =
      target.mode === 'mock'
        ? `/people/v1/${target.orgId}/find`
        : `/people/v1/${target.orgId}/search/preview`;
    const body =
      target.mode === 'mock' ? findByEmail(target.fixtures.DEMO_PERSON_EMAIL) : previewBody;
    const res = await tokens.fetch(path, postJson(body));
    call('POST', path, res.status, describeCredits(res));
    if (!res.ok) throw core.LiveDataApiError.fromResponse(res);
    const data = (await res.json()) as { people?: { name: string; position?: string }[] };
    const person = data.people?.[0];
    if (person) info(`found ${person.name}${person.position ? `, ${person.position}` : ''}`);
    ok('tokens.fetch joined the path onto the base URL and attached the Bearer token');
  } finally {
    await tokens.close();
  }
}
