import { DEMO_PERSON_EMAIL, demoCredentials } from '@livedata/mock-server';
import { type RunningNode, serviceAccountEnv } from '@livedata/test-utils';
import { useMockServer } from '@livedata/test-utils/vitest';
import { afterEach, describe, expect, it } from 'vitest';
import { startBuilt } from './built-service.js';

// Runs the built service (build first), as a user would with LIVEDATA_OTEL_CONSOLE=1.
const api = useMockServer();
const children: RunningNode[] = [];

afterEach(async () => {
  await Promise.all(children.splice(0).map((child) => child.stop()));
});

function startService(extra: Record<string, string>) {
  return startBuilt(serviceAccountEnv(api, extra), children);
}

describe('LIVEDATA_OTEL_CONSOLE=1', () => {
  it('prints the livedata.identity.session span of a demo request, with no secret in the output', async () => {
    const { url, output } = await startService({ LIVEDATA_OTEL_CONSOLE: '1' });
    const res = await fetch(`${url}/people?email=${encodeURIComponent(DEMO_PERSON_EMAIL)}`);
    expect(res.status).toBe(200);
    await expect.poll(output, { timeout: 10_000 }).toContain("name: 'livedata.identity.session'");
    expect(output()).toContain("'livedata.credential.kind': 'clientCredentials'");
    expect(output()).toContain("'http.response.status_code': 200");
    expect(output()).toContain(`'server.port': ${api.port}`);
    expect(output()).not.toContain(demoCredentials.clientSecret);
  });

  it('without it, no span is printed and the service works the same', async () => {
    const { url, output } = await startService({});
    const res = await fetch(`${url}/people?email=${encodeURIComponent(DEMO_PERSON_EMAIL)}`);
    expect(res.status).toBe(200);
    const health = await fetch(`${url}/health`);
    expect(health.status).toBe(200);
    expect(output()).not.toContain('livedata.identity.session');
  });
});
