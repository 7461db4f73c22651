// The demo's check that an app shares one token: a burst of concurrent requests to one of
// its routes, counted against the mock server's identity calls.
import type { MockServer } from '@livedata/mock-server';
import { get } from './http.js';

/** How many requests one burst sends at once. */
export const CONCURRENT = 50;

/**
 * GETs `url` {@link CONCURRENT} times at once and throws unless every answer is 200;
 * returns how many identity calls `mock` saw since it had seen `identityBefore`.
 */
export async function identityCallsAfterBurst(
  url: string,
  mock: Pick<MockServer, 'count'>,
  identityBefore = 0,
): Promise<number> {
  const answers = await Promise.all(Array.from({ length: CONCURRENT }, () => get(url)));
  const bad = answers.filter((a) => a.status !== 200).length;
  if (bad > 0) throw new Error(`${bad} of ${CONCURRENT} concurrent requests failed`);
  return mock.count('identity') - identityBefore;
}
