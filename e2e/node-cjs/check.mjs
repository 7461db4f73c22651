// A CommonJS Node app (no "type" in package.json) using @livedata/core and @livedata/axios
// with require(), and its own copy of axios.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { useInstalledApp } from '../lib.mjs';
import { assertCoreApp, runScript } from '../node-core-checks.mjs';

const app = useInstalledApp('node-cjs', { shared: ['node'] });

assertCoreApp(() => app, {
  moduleKind: 'cjs',
  exports: {
    '@livedata/core': ['TokenManager', 'tokenManagerFromEnv'],
    '@livedata/axios': ['attachLiveDataAuth', 'createLiveDataAxios'],
  },
});

test("axios from require(): 20 requests → 1 identity call; an upstream error is an instance of the app's AxiosError", {
  timeout: 120_000,
}, async () => {
  app.mock.resetRequests();
  const output = await runScript(app.dir, app.mock, 'axios-app.js');
  const seen = JSON.parse(output.trim().split('\n').at(-1));
  const upstream = { instanceofAxiosError: true, isAxiosError: true, status: 402 };
  assert.deepEqual(seen, { statuses: [200], attached: upstream, created: upstream });
  assert.equal(app.mock.count('identity'), 1);
  assert.equal(app.mock.count('people.search'), 22);
});
