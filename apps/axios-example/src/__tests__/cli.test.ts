import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import {
  DEMO_ORG_ID,
  DEMO_PERSON_EMAIL,
  demoCredentials,
  FORBIDDEN_ORG_ID,
  QUOTA_SPENT_ORG_ID,
} from '@livedata/mock-server';
import { type NodeRun, runNode } from '@livedata/test-utils';
import { useMockServer } from '@livedata/test-utils/vitest';
import { beforeAll, describe, expect, it } from 'vitest';

const CLI = fileURLToPath(new URL('../../dist/cli.js', import.meta.url));

/** Runs the built CLI with a clean environment (no LIVEDATA_* from the caller) plus `env`. */
function runCli(args: string[], env: Record<string, string> = {}): Promise<NodeRun> {
  return runNode([CLI, ...args], { env, timeoutMs: 30_000 });
}

const secrets = Object.values(demoCredentials).filter(
  (value) => value !== demoCredentials.username,
);

function expectNoSecrets(run: NodeRun): void {
  for (const secret of secrets) {
    expect(run.stdout).not.toContain(secret);
    expect(run.stderr).not.toContain(secret);
  }
  expect(`${run.stdout}${run.stderr}`).not.toMatch(/Bearer /);
}

beforeAll(() => {
  if (!existsSync(CLI)) throw new Error(`Build the example first: ${CLI} is missing.`);
});

describe('axios-example CLI against the bundled mock server (no LIVEDATA_* credentials)', () => {
  it('finds a person by email and prints a table', async () => {
    const run = await runCli(['find', '--email', DEMO_PERSON_EMAIL]);
    expect(run.code).toBe(0);
    expect(run.stderr).toMatch(/using the bundled mock server at http:\/\/127\.0\.0\.1:\d+\/api/);
    expect(run.stdout).toMatch(/^1 person:/);
    expect(run.stdout).toMatch(/Name\s+Title\s+Company\s+Location/);
    expect(run.stdout).toContain('Dana Whitfield');
    expect(run.stdout).toMatch(/Credits: 1 used, \d+ remaining\./);
    expectNoSecrets(run);
  });

  it('searches people by company, limited by --size', async () => {
    const run = await runCli(['search', '--company', 'Cinder Labs', '--size', '2']);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^2 people \(of \d+\):/);
    expect(
      run.stdout.split('\n').filter((line) => line.includes('Cinder Labs')).length,
    ).toBeGreaterThan(0);
  });

  it('explains a spent quota (402) and exits 1', async () => {
    const run = await runCli(['find', '--email', DEMO_PERSON_EMAIL], {
      LIVEDATA_ORG_ID: QUOTA_SPENT_ORG_ID,
    });
    expect(run.code).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain(`Out of credits (402): organization ${QUOTA_SPENT_ORG_ID}`);
  });

  it('explains a missing role (403) and exits 1', async () => {
    const run = await runCli(['search', '--company', 'Cinder Labs', '--org', FORBIDDEN_ORG_ID]);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(`Not allowed (403)`);
    expect(run.stderr).toContain(FORBIDDEN_ORG_ID);
  });

  it('prints usage and exits 2 on wrong usage; --help exits 0', async () => {
    const missing = await runCli(['find']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('find needs --email');
    expect(missing.stderr).toContain('Usage:');
    const badSize = await runCli(['search', '--company', 'x', '--size', 'lots']);
    expect(badSize.code).toBe(2);
    const help = await runCli(['--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('Usage:');
  });
});

describe('axios-example CLI with LIVEDATA_* credentials', () => {
  const mock = useMockServer();

  const credentialsEnv = () => ({
    LIVEDATA_CLIENT_ID: demoCredentials.clientId,
    LIVEDATA_CLIENT_SECRET: demoCredentials.clientSecret,
    LIVEDATA_BASE_URL: mock.url,
    LIVEDATA_ORG_ID: DEMO_ORG_ID,
  });

  it('uses the configured API and signs in once', async () => {
    mock.resetRequests();
    const run = await runCli(['find', '--email', DEMO_PERSON_EMAIL], credentialsEnv());
    expect(run.code).toBe(0);
    expect(run.stderr).not.toContain('mock server');
    expect(run.stdout).toContain('Dana Whitfield');
    expect(mock.count('identity')).toBe(1);
    expect(mock.requests.find((r) => r.route === 'people.find')?.auth).toBe('valid');
    expectNoSecrets(run);
  });

  it('explains rejected credentials and exits 1', async () => {
    const run = await runCli(['find', '--email', DEMO_PERSON_EMAIL], {
      ...credentialsEnv(),
      LIVEDATA_CLIENT_SECRET: 'not-the-secret',
    });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('Sign-in failed');
    expect(run.stderr).not.toContain('not-the-secret');
  });

  it('explains a 401 from the API that survives the retry', async () => {
    mock.inject('people.find', { kind: 'status', status: 401 });
    try {
      const run = await runCli(['find', '--email', DEMO_PERSON_EMAIL], credentialsEnv());
      expect(run.code).toBe(1);
      expect(run.stderr).toContain('Unauthorized (401)');
      expectNoSecrets(run);
    } finally {
      mock.clearFaults();
    }
  });

  it('asks for LIVEDATA_ORG_ID and names half-set credential variables (exit 2)', async () => {
    const { LIVEDATA_ORG_ID: _omit, ...withoutOrg } = credentialsEnv();
    const noOrg = await runCli(['find', '--email', DEMO_PERSON_EMAIL], withoutOrg);
    expect(noOrg.code).toBe(2);
    expect(noOrg.stderr).toContain('LIVEDATA_ORG_ID');
    const half = await runCli(['find', '--email', DEMO_PERSON_EMAIL], {
      LIVEDATA_CLIENT_ID: demoCredentials.clientId,
    });
    expect(half.code).toBe(2);
    expect(half.stderr).toContain('LIVEDATA_CLIENT_SECRET');
  });
});
