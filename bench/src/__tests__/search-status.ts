import type { TokenManager } from '@livedata/core';
import { DEMO_ORG_ID } from '@livedata/mock-server';

/** The free people-search preview every reliability scenario calls. */
export const SEARCH_PATH = `/people/v1/${DEMO_ORG_ID}/search/preview`;
/** Its JSON body. */
export const SEARCH_BODY = '{"filters":[],"size":1}';

/** One search through `tokens.fetch`: its HTTP status, once the body is read. */
export async function searchStatus(
  tokens: Pick<TokenManager, 'fetch'>,
  body: string = SEARCH_BODY,
): Promise<number> {
  const res = await tokens.fetch(SEARCH_PATH, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body,
  });
  await res.arrayBuffer();
  return res.status;
}
