import { createLiveDataAxios } from '@livedata/axios';
import { createTokenManager, type TokenManager } from '@livedata/core';
import {
  DEMO_ORG_ID,
  DEMO_PERSON_EMAIL,
  demoCredentials,
  QUOTA_SPENT_ORG_ID,
} from '@livedata/mock-server';
import { useMockServer } from '@livedata/test-utils/vitest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeError, formatResult, runFind, runSearch } from '../index.js';

describe('the example commands as functions', () => {
  const mock = useMockServer();
  let tokens: TokenManager;
  beforeAll(() => {
    tokens = createTokenManager({
      credentials: { apiKey: demoCredentials.apiKey },
      baseUrl: mock.url,
    });
  });
  afterAll(async () => {
    await tokens.close();
    await mock.close();
  });

  it('runFind returns people and credits', async () => {
    const api = createLiveDataAxios(tokens);
    const result = await runFind(api, { orgId: DEMO_ORG_ID, email: DEMO_PERSON_EMAIL });
    expect(result.people.map((person) => person.name)).toEqual(['Dana Whitfield']);
    expect(result.credits.used).toBe(1);
    expect(formatResult(result)).toContain('Dana Whitfield');
  });

  it('runSearch honours size and reports the total count', async () => {
    const api = createLiveDataAxios(tokens);
    const result = await runSearch(api, { orgId: DEMO_ORG_ID, company: 'Cinder Labs', size: 2 });
    expect(result.people).toHaveLength(2);
    expect(result.count).toBeGreaterThanOrEqual(2);
  });

  it('describeError explains a 402', async () => {
    const api = createLiveDataAxios(tokens);
    const error = await runFind(api, { orgId: QUOTA_SPENT_ORG_ID, email: DEMO_PERSON_EMAIL }).catch(
      (e: unknown) => e,
    );
    expect(describeError(error, QUOTA_SPENT_ORG_ID)).toMatch(/^Out of credits \(402\)/);
  });
});
