import type { TokenManager } from '@livedata/core';
import { DEMO_ORG_ID, type MockServer } from '@livedata/mock-server';
import { expect } from 'vitest';

/**
 * Revokes every token `api` issued, then searches the demo organization through
 * `tokens.fetch`: one 401, one retry with a fresh token, and the test expects the 200.
 */
export async function searchAfterRevocation(api: MockServer, tokens: TokenManager): Promise<void> {
  api.revokeAllTokens();
  const res = await tokens.fetch(`/people/v1/${DEMO_ORG_ID}/search`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ size: 1 }),
  });
  expect(res.status).toBe(200);
}
