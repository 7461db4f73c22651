import { createTokenManager, LiveDataAuthError } from '@livedata/core';
import {
  cliTokenTtlProblem,
  demoCredentials,
  MIN_CLI_TOKEN_TTL_SECONDS,
  startMockServer,
} from '@livedata/mock-server';
import { describe, expect, it } from 'vitest';
import { runCli } from './run-built-cli.js';

/**
 * Signs in to a mock issuing `ttlSeconds` tokens, with the server's clock set so the token
 * is issued about `phaseMs` into a second (the `Date` header, in whole seconds, loses up
 * to that much of the lifetime). Resolves with the token, or the error the manager gave.
 */
async function signIn(ttlSeconds: number, phaseMs: number): Promise<string | LiveDataAuthError> {
  const clockOffsetMs = (phaseMs - (Date.now() % 1000) + 1000) % 1000;
  const server = await startMockServer({ port: 0, tokenTtlSeconds: ttlSeconds, clockOffsetMs });
  const tokens = createTokenManager({
    baseUrl: server.url,
    credentials: { clientId: demoCredentials.clientId, clientSecret: demoCredentials.clientSecret },
    retry: { maxAttempts: 1 },
  });
  try {
    return await tokens.getAccessToken();
  } catch (error) {
    if (error instanceof LiveDataAuthError) return error;
    throw error;
  } finally {
    await tokens.close();
    await server.close();
  }
}

const phases = [0, 100, 250, 500, 750, 900, 990];

describe('the shortest --token-ttl the mock commands accept', () => {
  it(`is one whose tokens @livedata/core accepts at every phase of the second (${MIN_CLI_TOKEN_TTL_SECONDS} s)`, async () => {
    for (const phase of phases) {
      expect(typeof (await signIn(MIN_CLI_TOKEN_TTL_SECONDS, phase)), `phase ${phase} ms`).toBe(
        'string',
      );
    }
  });

  it('is needed: a 1 s token is refused by @livedata/core at every phase', async () => {
    for (const phase of phases) {
      const outcome = await signIn(1, phase);
      expect(outcome, `phase ${phase} ms`).toBeInstanceOf(LiveDataAuthError);
    }
  });

  it('is what both commands check, and says the fix', async () => {
    expect(cliTokenTtlProblem(MIN_CLI_TOKEN_TTL_SECONDS)).toBeUndefined();
    expect(cliTokenTtlProblem(900)).toBeUndefined();
    for (const ttl of ['0', '1', '2']) {
      const result = await runCli(['mock', '--port', '0', '--token-ttl', ttl], {});
      expect(result.code, `--token-ttl ${ttl}`).toBe(2);
      expect(result.stderr).toContain(
        `--token-ttl must be at least ${MIN_CLI_TOKEN_TTL_SECONDS} seconds, got ${ttl}`,
      );
    }
  });
});
