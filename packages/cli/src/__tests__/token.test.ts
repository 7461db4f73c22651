import { DEMO_ORG_ID, demoCredentials } from '@livedata/mock-server';
import { apiKeyEnv, userEnv } from '@livedata/test-utils';
import { useMockServer } from '@livedata/test-utils/vitest';
import { describe, expect, it } from 'vitest';
import { expectExplained, runCli, runCliAsServiceAccount } from './run-built-cli.js';

const api = useMockServer();

async function previewStatus(token: string): Promise<number> {
  const res = await fetch(`${api.url}/people/v1/${DEMO_ORG_ID}/search/preview`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ filters: [], size: 1 }),
  });
  await res.body?.cancel();
  return res.status;
}

describe('livedata token', () => {
  it('prints only a token, which the API accepts as a Bearer credential', async () => {
    const result = await runCliAsServiceAccount(['token'], api);

    expect(result.code).toBe(0);
    expect(result.stderr).toBe('');
    expect(result.stdout).toMatch(/^\S+\n$/);
    expect(api.count('identity')).toBe(1);
    expect(await previewStatus(result.stdout.trim())).toBe(200);
  });

  it('works with a user session', async () => {
    const result = await runCli(['token'], userEnv(api));

    expect(result.code).toBe(0);
    expect(await previewStatus(result.stdout.trim())).toBe(200);
  });

  it('prints the API key itself for the API key kind, without an identity call', async () => {
    const result = await runCli(['token'], apiKeyEnv(api));

    expect(result.code).toBe(0);
    expect(result.stdout).toBe(`${demoCredentials.apiKey}\n`);
    expect(api.count('identity')).toBe(0);
  });

  it('prints nothing on stdout and explains on stderr when the secret is wrong', async () => {
    const result = await runCliAsServiceAccount(['token'], api, {
      LIVEDATA_CLIENT_SECRET: 'wrong-secret-d41d8cd9',
    });

    expect(result.stdout).toBe('');
    expectExplained(result, {
      code: 1,
      says: ['refused these credentials'],
      secret: 'wrong-secret-d41d8cd9',
    });
  });

  it('exits 2 and names the variables when no credential is configured', async () => {
    const result = await runCli(['token'], { LIVEDATA_BASE_URL: api.url });

    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain('LIVEDATA_CLIENT_ID');
    expect(result.stderr).toContain('LIVEDATA_API_KEY');
  });

  it('rejects unexpected arguments as a usage error', async () => {
    const result = await runCliAsServiceAccount(['token', '--bogus'], api);

    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain('--bogus');
  });
});
