// An edge/worker TypeScript project: `lib: ["es2022", "dom"]`, `types: []`, no @types/node
// installed, library .d.ts files checked (no skipLibCheck). @livedata/core must type-check
// there; with `esnext.disposable` in the lib, `await using` works.
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { exec, npmInstall, scaffold } from '../lib.mjs';

const app = scaffold('ts-edge');
const tsc = (...args) =>
  exec(process.execPath, [join(app.dir, 'node_modules', 'typescript', 'bin', 'tsc'), ...args], {
    cwd: app.dir,
  });

before(() => npmInstall(app.dir));
after(() => app.remove());

test('no @types/node in the project', { timeout: 60_000 }, () => {
  assert.equal(existsSync(join(app.dir, 'node_modules', '@types', 'node')), false);
});

test('lib es2022 + dom, types: []: a worker importing @livedata/core type-checks', {
  timeout: 600_000,
}, async () => {
  await tsc('-p', 'tsconfig.json');
});

test('with esnext.disposable: await using a TokenManager type-checks', {
  timeout: 600_000,
}, async () => {
  await tsc('-p', 'tsconfig.disposable.json');
});

test('without esnext.disposable, await using is refused (the lib, not our types, decides)', {
  timeout: 600_000,
}, async () => {
  await assert.rejects(
    tsc(
      '--noEmit',
      '--strict',
      '--target',
      'es2022',
      '--lib',
      'es2022,dom',
      '--module',
      'esnext',
      '--moduleResolution',
      'bundler',
      'src/await-using.ts',
    ),
    /src\/await-using\.ts\(\d+,\d+\): error TS/,
  );
});
