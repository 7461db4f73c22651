// The `livedata` command installed from its tarball with plain npm (it brings
// @livedata/core and @livedata/mock-server from their tarballs), used the way its README
// says: `livedata mock` in one shell, the lines it prints pasted into another shell, then
// `livedata check` and `$(livedata token)` there.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { exec, npmInstall, scaffold } from '../lib.mjs';

const app = scaffold('cli');
const bin = join(app.dir, 'node_modules', '.bin', 'livedata');
let mock;
let banner = '';

before(async () => {
  await npmInstall(app.dir);
});
after(() => {
  if (mock && mock.exitCode === null) mock.kill('SIGTERM');
  app.remove();
});

test('livedata mock --port 0 prints lines that work pasted into a shell', {
  timeout: 120_000,
}, async () => {
  mock = spawn(bin, ['mock', '--port', '0'], { cwd: app.dir, stdio: ['ignore', 'pipe', 'pipe'] });
  await new Promise((resolve, reject) => {
    mock.once('exit', (code) => reject(new Error(`livedata mock exited (${code}):\n${banner}`)));
    mock.stdout.on('data', (chunk) => {
      banner += chunk;
      if (banner.includes('Press Ctrl-C')) resolve();
    });
  });
  const pasted = banner
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line.startsWith('export LIVEDATA_') || line.startsWith('# export'))
    .join('\n');
  assert.match(pasted, /^export LIVEDATA_BASE_URL=http:\/\/127\.0\.0\.1:\d+\/api$/m);

  // The README's smallest example, in a shell that has the pasted lines (and nothing else).
  const script = `${pasted}
set -e
livedata check
token=$(livedata token)
test -n "$token"
node -e 'fetch(process.env.LIVEDATA_BASE_URL + "/people/v1/" + process.env.LIVEDATA_ORG_ID + "/search", { method: "POST", headers: { authorization: "Bearer " + process.argv[1], "content-type": "application/json" }, body: JSON.stringify({ size: 1 }) }).then((r) => { console.log("search", r.status); process.exit(r.ok ? 0 : 1); })' "$token"
`;
  const env = {
    PATH: `${join(app.dir, 'node_modules', '.bin')}:${process.env.PATH}`,
    HOME: process.env.HOME,
  };
  const output = await exec('sh', ['-c', script], { cwd: app.dir, env });
  assert.match(output, /search 200/, output);
  assert.doesNotMatch(output, /demo-client-secret/, 'check never prints the secret');
});

test('livedata mock stops on SIGTERM with exit code 0', { timeout: 60_000 }, async () => {
  const exited = new Promise((resolve) =>
    mock.once('exit', (code, signal) => resolve({ code, signal })),
  );
  mock.kill('SIGTERM');
  assert.deepEqual(await exited, { code: 0, signal: null });
});
