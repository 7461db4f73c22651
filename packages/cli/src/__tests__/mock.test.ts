import type { ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { createServer } from 'node:net';
import { demoCredentials } from '@livedata/mock-server';
import { requestDemoSession } from '@livedata/test-utils';
import { afterEach, describe, expect, it } from 'vitest';
import { runCli, startCli } from './run-built-cli.js';

let child: ChildProcess | undefined;
afterEach(() => {
  if (child && child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  child = undefined;
});

/** Resolves with the URL the mock prints, once it has printed it. */
function waitForUrl(process: ChildProcess): Promise<string> {
  return new Promise((resolve, reject) => {
    let output = '';
    process.stdout?.setEncoding('utf8').on('data', (chunk: string) => {
      output += chunk;
      const match = /listening on (http:\/\/127\.0\.0\.1:\d+\/api)/.exec(output);
      if (match?.[1]) resolve(match[1]);
    });
    process.on('exit', (code) =>
      reject(new Error(`exited with ${code} before printing a URL:\n${output}`)),
    );
  });
}

describe('livedata mock', () => {
  it('starts the mock API, prints its URL and credentials, and stops on SIGTERM', async () => {
    child = startCli(['mock', '--port', '0', '--token-ttl', '30'], {});
    let stdout = '';
    child.stdout?.setEncoding('utf8').on('data', (chunk: string) => {
      stdout += chunk;
    });
    const url = await waitForUrl(child);

    const res = await requestDemoSession(url);
    expect(res.status).toBe(200);
    const body = (await res.json()) as { accessToken?: string };
    expect(typeof body.accessToken).toBe('string');
    expect(stdout).toContain(`LIVEDATA_BASE_URL=${url}`);
    expect(stdout).toContain(`LIVEDATA_CLIENT_ID=${demoCredentials.clientId}`);

    const exited = once(child, 'exit');
    child.kill('SIGTERM');
    const [code] = await exited;
    expect(code).toBe(0);
    await expect(fetch(`${url}/identity/v1/session`, { method: 'POST' })).rejects.toThrow();
  });

  it('exits 1 with a hint when the port is taken', async () => {
    const taken = createServer();
    await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', resolve));
    try {
      const address = taken.address();
      if (address === null || typeof address === 'string') throw new Error('no port');
      const result = await runCli(['mock', '--port', String(address.port)], {});

      expect(result.code).toBe(1);
      expect(result.stderr).toContain('Could not start the mock server');
      expect(result.stderr).toContain('--port');
    } finally {
      await new Promise<void>((resolve) => taken.close(() => resolve()));
    }
  });

  it('rejects a port that is not a number as a usage error', async () => {
    const result = await runCli(['mock', '--port', 'eighty'], {});

    expect(result.code).toBe(2);
    expect(result.stderr).toContain('--port');
  });
});
