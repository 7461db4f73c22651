import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import {
  DEMO_PERSON_EMAIL,
  demoCredentials,
  type MockServer,
  startMockServer,
} from '@livedata/mock-server';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';

// Runs the built service (build first), as a user would with LIVEDATA_OTEL_CONSOLE=1.
const mainJs = fileURLToPath(new URL('../../dist/main.js', import.meta.url));

let api: MockServer;
const children: ChildProcess[] = [];

beforeAll(async () => {
  api = await startMockServer();
});
afterAll(async () => {
  await api.close();
});
afterEach(async () => {
  for (const child of children.splice(0)) {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGKILL');
      await once(child, 'exit');
    }
  }
});

async function startBuilt(extra: Record<string, string>) {
  const cleanEnv = Object.fromEntries(
    Object.entries(process.env).filter(([k]) => !k.startsWith('LIVEDATA_')),
  );
  const child = spawn(process.execPath, [mainJs], {
    env: {
      ...cleanEnv,
      PORT: '0',
      NO_COLOR: '1',
      LIVEDATA_BASE_URL: api.url,
      LIVEDATA_CLIENT_ID: demoCredentials.clientId,
      LIVEDATA_CLIENT_SECRET: demoCredentials.clientSecret,
      ...extra,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  const out = { text: '' };
  child.stdout?.on('data', (chunk) => {
    out.text += chunk;
  });
  child.stderr?.on('data', (chunk) => {
    out.text += chunk;
  });
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`no "Listening on" line:\n${out.text}`)),
      15_000,
    );
    const onData = () => {
      const match = /Listening on (http:\/\/[\d.]+:\d+)/.exec(out.text);
      if (match?.[1]) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    };
    child.stdout?.on('data', onData);
    child.once('exit', () => reject(new Error(`exited early:\n${out.text}`)));
  });
  return { url, out };
}

describe('LIVEDATA_OTEL_CONSOLE=1', () => {
  it('prints the livedata.identity.session span of a demo request, with no secret in the output', async () => {
    const { url, out } = await startBuilt({ LIVEDATA_OTEL_CONSOLE: '1' });
    const res = await fetch(`${url}/people?email=${encodeURIComponent(DEMO_PERSON_EMAIL)}`);
    expect(res.status).toBe(200);
    await expect
      .poll(() => out.text, { timeout: 10_000 })
      .toContain("name: 'livedata.identity.session'");
    expect(out.text).toContain("'livedata.credential.kind': 'clientCredentials'");
    expect(out.text).toContain("'http.response.status_code': 200");
    expect(out.text).toContain(`'server.port': ${api.port}`);
    expect(out.text).not.toContain(demoCredentials.clientSecret);
  });

  it('without it, no span is printed and the service works the same', async () => {
    const { url, out } = await startBuilt({});
    const res = await fetch(`${url}/people?email=${encodeURIComponent(DEMO_PERSON_EMAIL)}`);
    expect(res.status).toBe(200);
    const health = await fetch(`${url}/health`);
    expect(health.status).toBe(200);
    expect(out.text).not.toContain('livedata.identity.session');
  });
});
