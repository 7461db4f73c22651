import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_ORG_ID, demoCredentials } from '../seed.js';

// The CLI is tested as users run it: the built file (turbo builds before testing).
const cli = fileURLToPath(new URL('../../dist/cli.js', import.meta.url));
const children: ChildProcess[] = [];

afterEach(() => {
  for (const child of children.splice(0)) if (child.exitCode === null) child.kill('SIGKILL');
});

function run(args: string[]) {
  const child = spawn(process.execPath, [cli, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  children.push(child);
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    stdout += chunk.toString();
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, exited, output: () => ({ stdout, stderr }) };
}

describe('livedata-mock CLI', () => {
  beforeAll(() => {
    if (!existsSync(cli)) throw new Error(`${cli} is missing: run the package build first`);
  });

  it('prints its URL and the demo credentials, serves, and stops on SIGTERM', async () => {
    const { child, exited, output } = run(['--port', '0', '--token-ttl', '120']);
    await expect.poll(() => output().stdout, { timeout: 10_000 }).toContain('Press Ctrl+C');
    const { stdout } = output();
    const url = /listening on (http:\/\/127\.0\.0\.1:\d+\/api)/.exec(stdout)?.[1];
    expect(url).toBeDefined();
    expect(stdout).toContain(`LIVEDATA_BASE_URL=${url}`);
    expect(stdout).toContain(`LIVEDATA_CLIENT_ID=${demoCredentials.clientId}`);
    expect(stdout).toContain(`LIVEDATA_CLIENT_SECRET=${demoCredentials.clientSecret}`);
    expect(stdout).toContain(`LIVEDATA_ORG_ID=${DEMO_ORG_ID}`);
    expect(stdout).toContain(demoCredentials.apiKey);
    // The lines it says to paste into a shell really set the variables there.
    const pasted = stdout
      .split('\n')
      .filter((line) => /^\s*(# )?export /.test(line))
      .join('\n');
    const shell = spawnSync('sh', ['-c', `${pasted}\nenv`], { encoding: 'utf8', env: {} });
    expect(shell.stdout).toContain(`LIVEDATA_BASE_URL=${url}\n`);
    expect(shell.stdout).toContain(`LIVEDATA_CLIENT_SECRET=${demoCredentials.clientSecret}\n`);
    expect(shell.stdout).not.toContain('LIVEDATA_API_KEY='); // commented out: one kind at a time

    const res = await fetch(`${url}/identity/v1/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        grantType: 'clientCredentials',
        clientId: demoCredentials.clientId,
        clientSecret: demoCredentials.clientSecret,
      }),
    });
    expect(res.status).toBe(200);
    const { expiresAt } = (await res.json()) as { expiresAt: string };
    const lifetime = Date.parse(`${expiresAt}Z`) - Date.parse(res.headers.get('date') ?? '');
    expect(Math.abs(lifetime - 120_000)).toBeLessThan(1_500);

    child.kill('SIGTERM');
    expect(await exited).toBe(0);
  });

  it('prints usage for --help and exits 0', async () => {
    const { exited, output } = run(['--help']);
    expect(await exited).toBe(0);
    expect(output().stdout).toContain('--token-ttl');
  });

  it('exits 2 with a message on a bad option', async () => {
    const { exited, output } = run(['--port', 'many']);
    expect(await exited).toBe(2);
    expect(output().stderr).toContain('--port');
    const unknown = run(['--frobnicate']);
    expect(await unknown.exited).toBe(2);
    // Tokens so short that clients refuse them (see cli-token-ttl.ts) are a usage error.
    const short = run(['--port', '0', '--token-ttl', '1']);
    expect(await short.exited).toBe(2);
    expect(short.output().stderr).toContain('--token-ttl must be at least 3 seconds, got 1');
  });
});
