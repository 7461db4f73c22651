/**
 * The multi-tenant recipe in docs/multi-tenant.md: its code is `recipes/tenant-token-managers.ts`
 * verbatim (checked here), and it behaves as the guide says over a shared in-memory store
 * (over real Redis in shared-owners.redis.test.ts).
 */
import { readFileSync } from 'node:fs';
import { MemoryTokenStore } from '@livedata/core';
import { describe, expect, it } from 'vitest';
import { tenantPoolCases } from './helpers/tenant-pool-cases.js';

const recipe = readFileSync(new URL('./recipes/tenant-token-managers.ts', import.meta.url), 'utf8');
const guide = readFileSync(new URL('../../../../docs/multi-tenant.md', import.meta.url), 'utf8');

describe('the multi-tenant recipe', () => {
  it('docs/multi-tenant.md shows the tested code verbatim', () => {
    const blocks = [...guide.matchAll(/```ts\n([\s\S]*?)```/g)].map((m) => m[1]);
    expect(blocks).toContain(recipe);
  });

  describe('over one in-memory store', () => {
    const store = new MemoryTokenStore();
    tenantPoolCases(() => store);
  });
});
