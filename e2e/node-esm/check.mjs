// A plain Node ESM script app ("type": "module") using @livedata/core from its tarball.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { exec, npmInstall, scaffold, startMock } from '../lib.mjs';
import { assertCoreApp } from '../node-core-checks.mjs';

const app = scaffold('node-esm');
let mock;
before(async () => {
  await npmInstall(app.dir);
  mock = await startMock(app.dir);
});
after(async () => {
  await mock?.close();
  app.remove();
});

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

assertCoreApp(() => ({ dir: app.dir, mock }), {
  readme: 'readme-example.js',
  concurrency: 'concurrency.js',
});
