// The checks of the axios apps (axios-1.8.2, axios-1.21.1): the same app files
// (e2e/shared/axios) installed with each pinned axios, run as child processes against the
// mock server.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { exec, readmeBlock, useInstalledApp } from './lib.mjs';
import { liveDataEnv } from './node-core-checks.mjs';

export function axiosChecks(appName) {
  const app = useInstalledApp(appName, { shared: ['axios'] });
  const pinned = JSON.parse(readFileSync(join(app.dir, 'package.json'), 'utf8')).dependencies.axios;
  const env = () => ({ ...liveDataEnv(app.mock), LIVEDATA_ORG_ID: 'o_3daf8872' });
  const run = (file, extra = {}) =>
    exec(process.execPath, [file], {
      cwd: app.dir,
      env: { ...env(), ...extra },
      timeoutMs: 60_000,
    });

  test(`the app resolves axios ${pinned} once`, { timeout: 60_000 }, async () => {
    const output = await exec('npm', ['ls', 'axios', '--all', '--parseable'], { cwd: app.dir });
    assert.deepEqual(output.trim().split('\n'), [join(app.dir, 'node_modules', 'axios')]);
    const version = await exec(process.execPath, ['-p', "require('axios/package.json').version"], {
      cwd: app.dir,
    });
    assert.equal(version.trim(), pinned);
  });

  test("the README's smallest example works as written (and the process exits by itself)", {
    timeout: 120_000,
  }, async () => {
    // The example as the installed README has it, not a copy that could drift from it.
    const example = readmeBlock(app.dir, '@livedata/axios', 'Smallest example', (body) =>
      body.includes('createLiveDataAxios(tokens)'),
    );
    writeFileSync(join(app.dir, 'readme-example.js'), example);
    app.mock.resetRequests();
    await run('readme-example.js');
    assert.deepEqual(
      app.mock.requests.map(({ route, status, auth }) => `${route} ${status} ${auth}`),
      ['identity 200 none', 'people.find 200 valid'],
    );
  });

  test('40 concurrent requests make 1 identity call; a 401 is retried once with a new token', {
    timeout: 120_000,
  }, async () => {
    app.mock.resetRequests();
    const child = spawn(process.execPath, ['concurrency.js'], {
      cwd: app.dir,
      env: { ...process.env, ...env() },
      stdio: ['pipe', 'pipe', 'inherit'],
    });
    let output = '';
    const exited = new Promise((resolve) => child.on('exit', resolve));
    await new Promise((resolve, reject) => {
      child.stdout.on('data', (chunk) => {
        output += chunk;
        if (output.includes('cold start done')) resolve();
      });
      child.on('exit', () => reject(new Error(`exited early:\n${output}`)));
    });
    assert.equal(app.mock.count('identity'), 1);
    assert.equal(app.mock.count('people.search'), 40);
    app.mock.resetRequests();
    app.mock.script('people.search', [{ kind: 'status', status: 401 }]);
    child.stdin.end('go\n');
    assert.equal(await exited, 0, output);
    const seen = JSON.parse(output.trim().split('\n').at(-1));
    assert.deepEqual(seen, { cold: [200], after401: 200, axios: pinned });
    assert.deepEqual(
      app.mock.requests.map(({ route, status }) => `${route} ${status}`),
      ['people.search 401', 'identity 200', 'people.search 200'],
    );
  });

  test('the token never shows in a printed upstream error', { timeout: 120_000 }, async () => {
    app.mock.resetRequests();
    app.mock.inject('ledger.contacts', { kind: 'status', status: 500 });
    const tokenFile = join(app.dir, 'token.txt');
    try {
      const output = await run('errors.js', { TOKEN_FILE: tokenFile });
      const token = readFileSync(tokenFile, 'utf8');
      assert.ok(token.length > 10);
      const statuses = [...output.matchAll(/instanceof AxiosError: (\w+), status: (\d+)/g)].map(
        ([, instance, status]) => `${instance} ${status}`,
      );
      assert.deepEqual(statuses, ['true 402', 'true 402', 'true 403', 'true 500']);
      assert.match(output, /Bearer \[redacted\]/);
      assert.ok(!output.includes(token), 'the token is in the printed output');
      // Every request that failed was sent with the token.
      assert.deepEqual(
        app.mock.requests.filter(({ route }) => route !== 'identity').map(({ auth }) => auth),
        ['valid', 'valid', 'valid', 'valid'],
      );
    } finally {
      app.mock.clearFaults();
    }
  });
}
