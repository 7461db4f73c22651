// The @livedata/core checks shared by the Node script apps (node-esm, node-cjs): each app
// has a copy of the README's smallest example and a cold-start script, run as a child
// process against the mock server, the way a user runs `node index.js`.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { exec } from './lib.mjs';

/** The environment a user sets: the mock's seeded service account and its URL. */
export function liveDataEnv(mock) {
  return {
    LIVEDATA_CLIENT_ID: 'ldt-demo-service',
    LIVEDATA_CLIENT_SECRET: 'demo-client-secret-7f3a9c',
    LIVEDATA_BASE_URL: mock.url,
  };
}

/** Runs `node <file>` in the app; resolves when the process has exited by itself. */
export function runScript(dir, mock, file) {
  // The timeout is a hang guard: a manager that kept the process alive would hit it.
  return exec(process.execPath, [file], { cwd: dir, env: liveDataEnv(mock), timeoutMs: 60_000 });
}

export function assertCoreApp(context, { readme, concurrency }) {
  test("the README's smallest example works as written and exits without close()", {
    timeout: 120_000,
  }, async () => {
    const { dir, mock } = context();
    mock.resetRequests();
    const output = await runScript(dir, mock, readme);
    assert.match(output, /^200 \{/, output);
    assert.match(output, /count: 1/, output);
    assert.deepEqual(
      mock.requests.map(({ route, status }) => `${route} ${status}`),
      ['identity 200', 'people.find 200'],
    );
  });

  test('100 concurrent callers make 1 identity call; a 401 is retried once with a new token', {
    timeout: 120_000,
  }, async () => {
    const { dir, mock } = context();
    mock.resetRequests();
    mock.script('people.find', [{ kind: 'status', status: 401 }]);
    const output = await runScript(dir, mock, concurrency);
    const seen = JSON.parse(output.trim().split('\n').at(-1));
    assert.deepEqual(seen, { distinctTokens: 1, status: 200, people: 1 });
    assert.deepEqual(
      mock.requests.map(({ route, status }) => `${route} ${status}`),
      ['identity 200', 'people.find 401', 'identity 200', 'people.find 200'],
    );
  });

  test('a 401 on the retry too is returned, not retried again', { timeout: 120_000 }, async () => {
    const { dir, mock } = context();
    mock.resetRequests();
    mock.script('people.find', [
      { kind: 'status', status: 401 },
      { kind: 'status', status: 401 },
      { kind: 'status', status: 401 },
    ]);
    const output = await runScript(dir, mock, concurrency);
    const seen = JSON.parse(output.trim().split('\n').at(-1));
    assert.equal(seen.status, 401);
    assert.deepEqual(
      mock.requests.map(({ route, status }) => `${route} ${status}`),
      ['identity 200', 'people.find 401', 'identity 200', 'people.find 401'],
    );
    mock.clearFaults();
  });
}
