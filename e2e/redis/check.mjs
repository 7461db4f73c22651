// @livedata/redis with node-redis 5 and 6 and ioredis 5 and 6: one small app per client
// version (its own package.json, its own npm install, as a user has one client), against a
// real redis-server on a free loopback port and the mock server. The README's examples are
// read from the installed package's README (what is published), type-stripped with the
// app's TypeScript and run as they are.
import assert from 'node:assert/strict';
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import {
  exec,
  importFrom,
  npmInstall,
  readmeBlock,
  scaffold,
  startMock,
  startRedisServer,
  tarballs,
} from '../lib.mjs';
import { liveDataEnv } from '../node-core-checks.mjs';

const clients = [
  { folder: 'node-redis-5', client: 'redis' },
  { folder: 'node-redis-6', client: 'redis' },
  { folder: 'ioredis-5', client: 'ioredis' },
  { folder: 'ioredis-6', client: 'ioredis' },
];

const app = scaffold('redis');
const packed = tarballs();
let mock;
let redisServer;
let redisUrl;

before(async () => {
  for (const { folder } of clients) {
    const dir = join(app.dir, folder);
    const manifestPath = join(dir, 'package.json');
    const manifest = JSON.parse(readFileSync(manifestPath, 'utf8'));
    for (const field of ['dependencies', 'devDependencies'])
      for (const [name, range] of Object.entries(manifest[field] ?? {}))
        if (range === 'tarball') manifest[field][name] = `file:${packed[name].tarball}`;
    writeFileSync(manifestPath, `${JSON.stringify(manifest, null, 2)}\n`);
    cpSync(join(app.dir, 'fleet.js'), join(dir, 'fleet.js'));
  }
  redisServer = await startRedisServer();
  redisUrl = redisServer.url;
});
after(async () => {
  await mock?.close();
  await redisServer?.stop();
  app.remove();
});

for (const { folder, client } of clients) {
  describe(folder, () => {
    const dir = join(app.dir, folder);
    const env = () => ({ ...liveDataEnv(mock), REDIS_URL: redisUrl });
    const run = (...args) =>
      exec(process.execPath, args, { cwd: dir, env: env(), timeoutMs: 60_000 });
    const flush = () => exec('redis-cli', ['-u', redisUrl, 'FLUSHALL']);

    before(async () => {
      await npmInstall(dir);
      mock ??= await startMock(dir);
    });

    test(`installs ${client} ${JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')).dependencies[client]} with no peer warning`, {
      timeout: 600_000,
    }, async () => {
      const pinned = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')).dependencies[
        client
      ];
      const version = await exec(
        process.execPath,
        ['-p', `require('${client}/package.json').version`],
        { cwd: dir },
      );
      assert.equal(version.trim(), pinned);
    });

    test("the README's example works as written, and the token lands in Redis", {
      timeout: 120_000,
    }, async () => {
      await flush();
      mock.resetRequests();
      const ts = await importFrom(dir, 'typescript');
      const { outputText } = ts.default.transpileModule(
        readmeBlock(dir, '@livedata/redis', 'Smallest example', (body) =>
          body.includes(`from '${client}'`),
        ),
        {
          compilerOptions: {
            module: ts.default.ModuleKind.ESNext,
            target: ts.default.ScriptTarget.ES2022,
          },
        },
      );
      writeFileSync(join(dir, 'readme-example.js'), outputText);
      const output = await run('readme-example.js');
      assert.equal(output.trim(), '200');
      assert.equal(mock.count('identity'), 1);
      const keys = await exec('redis-cli', ['-u', redisUrl, 'KEYS', '*']);
      assert.match(keys.trim(), /^livedata:token:\{[0-9a-f]{64}\}$/);
      // A second run (a new process) adopts the stored token: no identity call.
      await run('readme-example.js');
      assert.equal(mock.count('identity'), 1);
    });

    test('two managers sharing the store, 100 callers: 1 identity call', {
      timeout: 120_000,
    }, async () => {
      await flush();
      mock.resetRequests();
      const output = await run('fleet.js', client);
      assert.deepEqual(JSON.parse(output.trim().split('\n').at(-1)), { distinctTokens: 1 });
      assert.equal(mock.count('identity'), 1);
    });
  });
}
