// The @livedata/core checks shared by the Node script apps (node-esm, node-cjs): the installed
// README's smallest example and a cold-start script (shared/node, loaded through the app's
// own entry file), run as child processes against the mock server, the way a user runs
// `node index.js`.
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { exec, readmeBlock } from './lib.mjs';

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

/**
 * An ES module example as a CommonJS user writes it: each `import { … } from '…'` line a
 * `require()`, the rest in an async function (CommonJS has no top-level await). Fails on any
 * other import form.
 */
export function asCommonJs(example) {
  const imports = /^import \{ ([^}]+) \} from '([^']+)';\n/gm;
  const body = example.replace(imports, '');
  assert.doesNotMatch(body, /^\s*import\b/m, `an import this check cannot rewrite:\n${example}`);
  const requires = [...example.matchAll(imports)].map(
    ([, names, from]) => `const { ${names} } = require('${from}');\n`,
  );
  assert.ok(requires.length > 0, `no import to rewrite:\n${example}`);
  return `${requires.join('')}\n(async () => {\n${body}})();\n`;
}

/**
 * What a script of the app prints about each package of `exports` (`{ name: [export, …] }`),
 * loaded the app's way (`moduleKind` 'cjs': require(); 'esm': import): the file it resolves
 * to and the `typeof` of each named export.
 */
async function loaded(dir, moduleKind, exports) {
  const steps = `const seen = {};
for (const [name, keys] of Object.entries(${JSON.stringify(exports)})) {
  const loaded = await load(name);
  seen[name] = { file: resolve(name), types: keys.map((key) => typeof loaded[key]) };
}
console.log(JSON.stringify(seen));`;
  const args =
    moduleKind === 'cjs'
      ? [
          '-e',
          `const load = async (name) => require(name); const resolve = require.resolve;\n(async () => {\n${steps}\n})();`,
        ]
      : [
          '--input-type=module',
          '-e',
          `import { fileURLToPath } from 'node:url';\nconst load = (name) => import(name); const resolve = (name) => fileURLToPath(import.meta.resolve(name));\n${steps}`,
        ];
  const output = await exec(process.execPath, args, { cwd: dir });
  return JSON.parse(output.trim().split('\n').at(-1));
}

/**
 * The checks of a Node script app; `context()` gives `{ dir, mock }` once installed. The app's
 * `concurrency.js` runs shared/node/cold-start.cjs on @livedata/core as the app loads it.
 * - `moduleKind`: 'cjs' (no "type"; require()) or 'esm' ("type": "module");
 * - `exports`: packages the app loads, with named exports each must have.
 */
export function assertCoreApp(context, { moduleKind, exports }) {
  test(`${moduleKind === 'cjs' ? 'require()' : 'import'} loads the ${moduleKind === 'cjs' ? 'CommonJS' : 'ES module'} builds`, {
    timeout: 60_000,
  }, async () => {
    const build =
      moduleKind === 'cjs' ? /[/\\]dist[/\\]cjs[/\\]index\.js$/ : /[/\\]dist[/\\]index\.js$/;
    const seen = await loaded(context().dir, moduleKind, exports);
    assert.deepEqual(Object.keys(seen), Object.keys(exports));
    for (const [name, keys] of Object.entries(exports)) {
      assert.match(seen[name].file, build, name);
      assert.deepEqual(
        seen[name].types,
        keys.map(() => 'function'),
        name,
      );
    }
  });

  test("the README's smallest example works as written and exits without close()", {
    timeout: 120_000,
  }, async () => {
    const { dir, mock } = context();
    const example = readmeBlock(dir, '@livedata/core', 'Smallest example', (body) =>
      body.includes('tokenManagerFromEnv'),
    );
    writeFileSync(
      join(dir, 'readme-example.js'),
      moduleKind === 'cjs' ? asCommonJs(example) : example,
    );
    mock.resetRequests();
    const output = await runScript(dir, mock, 'readme-example.js');
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
    const output = await runScript(dir, mock, 'concurrency.js');
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
    const output = await runScript(dir, mock, 'concurrency.js');
    const seen = JSON.parse(output.trim().split('\n').at(-1));
    assert.equal(seen.status, 401);
    assert.deepEqual(
      mock.requests.map(({ route, status }) => `${route} ${status}`),
      ['identity 200', 'people.find 401', 'identity 200', 'people.find 401'],
    );
    mock.clearFaults();
  });
}
