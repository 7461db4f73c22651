import { createServer as createHttpServer, type Server } from 'node:http';
import { type AddressInfo, createServer } from 'node:net';
import { DEMO_ORG_ID, demoCredentials, FORBIDDEN_ORG_ID } from '@livedata/mock-server';
import { apiKeyEnv, serviceAccountEnv, userEnv } from '@livedata/test-utils';
import { useMockServer } from '@livedata/test-utils/vitest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectExplained, runCli, runCliAsServiceAccount } from './run-built-cli.js';

const api = useMockServer({ tokenTtlSeconds: 900 });

/** A loopback port nothing listens on. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (address === null || typeof address === 'string') throw new Error('no port');
  return address.port;
}

describe('livedata check', () => {
  it('reports kind, base URL, lifetime and org access, and never prints a secret or token', async () => {
    const tokenResult = await runCliAsServiceAccount(['token'], api);
    const result = await runCliAsServiceAccount(['check'], api, { LIVEDATA_ORG_ID: DEMO_ORG_ID });

    expect(result.code).toBe(0);
    expect(result.stdout).toContain('service account');
    expect(result.stdout).toContain(demoCredentials.clientId);
    expect(result.stdout).toContain(api.url);
    expect(result.stdout).toContain('15 min');
    expect(result.stdout).toContain(`${DEMO_ORG_ID}: access OK`);
    expect(result.stdout).toContain('Credentials work.');
    const everything = result.stdout + result.stderr;
    expect(everything).not.toContain(demoCredentials.clientSecret);
    // The mock's tokens are long base64url strings: nothing of that shape is printed.
    expect(tokenResult.stdout.trim()).toMatch(/^[A-Za-z0-9_-]{40,}$/);
    expect(everything).not.toMatch(/[A-Za-z0-9_-]{40,}/);
  });

  it('answers to whoami too, and checks a user session', async () => {
    const result = await runCli(['whoami'], userEnv(api));

    expect(result.code).toBe(0);
    expect(result.stdout).toContain('user session');
    expect(result.stdout).toContain(demoCredentials.username);
    expect(result.stdout).not.toContain(demoCredentials.password);
    expect(result.stdout).toContain('not checked');
  });

  it('verifies an API key through the organization check', async () => {
    const result = await runCli(['check', '--org', DEMO_ORG_ID], apiKeyEnv(api));

    expect(result.code).toBe(0);
    expect(result.stdout).toContain('API key');
    expect(result.stdout).toContain('access OK');
    expect(result.stdout).not.toContain(demoCredentials.apiKey);
  });

  it.each([
    [
      'explains a refused API key and exits 1',
      { args: ['check', '--org', DEMO_ORG_ID], account: apiKeyEnv, variable: 'LIVEDATA_API_KEY' },
      { secret: 'ldtkey_revoked0000000000', refusal: 'refused the API key' },
    ],
    [
      'explains a wrong secret and exits 1',
      { args: ['check'], account: serviceAccountEnv, variable: 'LIVEDATA_CLIENT_SECRET' },
      { secret: 'not-the-secret-0badf00d', refusal: 'refused these credentials' },
    ],
  ])('%s', async (_name, { args, account, variable }, { secret, refusal }) => {
    const result = await runCli(args, account(api, { [variable]: secret }));

    expectExplained(result, { code: 1, says: [refusal, variable], secret });
  });

  it('refuses plain http to a host that is not loopback, before sending anything (exit 2)', async () => {
    const result = await runCliAsServiceAccount(['check'], api, {
      LIVEDATA_BASE_URL: 'http://api.example.invalid/api',
    });

    expectExplained(result, { code: 2, says: ['LIVEDATA_BASE_URL'] });
  });

  it('names the missing variables and exits 2 when the configuration is incomplete', async () => {
    const result = await runCli(['check'], {
      LIVEDATA_BASE_URL: api.url,
      LIVEDATA_CLIENT_ID: demoCredentials.clientId,
    });

    expect(result.code).toBe(2);
    expect(result.stderr).toContain('LIVEDATA_CLIENT_SECRET');
  });

  it('exits 2 when nothing at all is set, listing every credential kind', async () => {
    const result = await runCli(['check'], {});

    expect(result.code).toBe(2);
    for (const name of ['LIVEDATA_CLIENT_ID', 'LIVEDATA_USERNAME', 'LIVEDATA_API_KEY']) {
      expect(result.stderr).toContain(name);
    }
  });

  it('explains a missing role on the organization (403) and exits 1', async () => {
    const result = await runCliAsServiceAccount(['check'], api, {
      LIVEDATA_ORG_ID: FORBIDDEN_ORG_ID,
    });

    expect(result.code).toBe(1);
    expect(result.stdout).toContain('lifetime');
    expect(result.stderr).toContain(`no role on ${FORBIDDEN_ORG_ID}`);
    expect(result.stderr).toContain('403');
  });

  it('rejects a malformed organization id as a usage error', async () => {
    const result = await runCliAsServiceAccount(['check'], api, { LIVEDATA_ORG_ID: 'acme' });

    expect(result.code).toBe(2);
    expect(result.stderr).toContain('LIVEDATA_ORG_ID');
  });

  it('explains an unreachable API and exits 1', async () => {
    const port = await closedPort();
    const result = await runCli(
      ['check'],
      serviceAccountEnv(api, { LIVEDATA_BASE_URL: `http://127.0.0.1:${port}/api` }),
    );

    expect(result.code).toBe(1);
    expect(result.stderr).toContain('Could not reach');
    expect(result.stderr).toContain('LIVEDATA_BASE_URL');
  });
});

describe('livedata check with identity answers at the edges of a lifetime', () => {
  let answer: () => Record<string, unknown> = () => ({});
  let identity: Server;
  let identityUrl: string;
  beforeAll(async () => {
    identity = createHttpServer((req, res) => {
      req.resume();
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ accessToken: 'edge-token-5b7c1d', ...answer() }));
    });
    await new Promise<void>((resolve) => identity.listen(0, '127.0.0.1', resolve));
    identityUrl = `http://127.0.0.1:${(identity.address() as AddressInfo).port}/api`;
  });
  afterAll(async () => {
    await new Promise<void>((resolve) => identity.close(() => resolve()));
  });

  const env = () =>
    serviceAccountEnv(api, {
      LIVEDATA_BASE_URL: identityUrl,
      LIVEDATA_CLIENT_SECRET: 'edge-secret',
    });

  it.each([
    ['expires_in of 5 ms', () => ({ expires_in: 0.005 })],
    ['expires_in of 0.9 s', () => ({ expires_in: 0.9 })],
    ['expiresAt 5 ms ahead', () => ({ expiresAt: new Date(Date.now() + 5).toISOString() })],
  ])('a lifetime of milliseconds (%s) is explained as unusable, exit 1', async (_, body) => {
    answer = body;
    const result = await runCli(['check'], env());

    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/minimum|already past/);
    expect(result.stderr).not.toContain('Unexpected error');
    expect(result.stderr).not.toMatch(/\n\s+at /); // no stack trace
    expect(result.stdout + result.stderr).not.toContain('edge-token-5b7c1d');
    expect(result.stdout + result.stderr).not.toContain('edge-secret');
  });

  it.each([
    ['expiresAt in year 9999', () => ({ expiresAt: '9999-12-31T23:59:59.999999' })],
    ['expiresAt as epoch seconds in year 9999', () => ({ expiresAt: 253_402_300_799 })],
    ['expiresAt beyond what a Date can hold', () => ({ expiresAt: 1e17 })],
    ['expires_in of a billion years', () => ({ expires_in: 3.2e16 })],
  ])('%s: printed as a 24-hour lifetime, exit 0', async (_, body) => {
    answer = body;
    const result = await runCli(['check'], env());

    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/lifetime\s+24 h 0 min \(expires \d{4}-\d{2}-\d{2}T/);
    expect(result.stdout).toContain('Credentials work.');
  });
});

describe('livedata (dispatch)', () => {
  it('prints the command list for --help and exits 0', async () => {
    const result = await runCli(['--help'], {});

    expect(result.code).toBe(0);
    for (const name of ['token', 'check', 'whoami', 'mock']) expect(result.stdout).toContain(name);
  });

  it('prints a command help for `<command> --help`', async () => {
    const result = await runCli(['check', '--help'], {});

    expect(result.code).toBe(0);
    expect(result.stdout).toContain('Usage: livedata check');
    expect(result.stdout).toContain('Exit codes');
  });

  it('exits 2 on an unknown command', async () => {
    const result = await runCli(['tokne'], {});

    expect(result.code).toBe(2);
    expect(result.stderr).toContain('Unknown command "tokne"');
  });
});
