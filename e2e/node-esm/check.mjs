// A plain Node ESM script app ("type": "module") using @livedata/core from its tarball.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { exec, useInstalledApp } from '../lib.mjs';
import { assertCoreApp } from '../node-core-checks.mjs';

const app = useInstalledApp('node-esm');

test('the core package is an ES module for this app', { timeout: 60_000 }, async () => {
  const output = await exec(
    process.execPath,
    [
      '--input-type=module',
      '-e',
      "import * as core from '@livedata/core'; console.log(typeof core.TokenManager, typeof core.tokenManagerFromEnv)",
    ],
    { cwd: app.dir },
  );
  assert.equal(output.trim(), 'function function');
});

assertCoreApp(() => app, {
  readme: 'readme-example.js',
  concurrency: 'concurrency.js',
});
