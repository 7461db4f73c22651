// The checks shared by the NestJS tarball apps (e2e/nest-10, nest-11, nest-12): each app is
// the `nest new` layout of its major with `@livedata/nestjs` registered as its README says.
// Installed from the tarballs with plain npm, built with the scaffold's `npm run build`,
// started the way its `start:prod` starts it, and tested with the scaffold's own e2e test.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { after, before, test } from 'node:test';
import { stripVTControlCharacters } from 'node:util';
import {
  exec,
  freePort,
  importFrom,
  npmInstall,
  readmeBlock,
  scaffold,
  startMock,
} from './lib.mjs';

const minutes = (n) => n * 60_000;

function withoutLiveDataEnv() {
  return Object.fromEntries(
    Object.entries(process.env).filter(([key]) => !key.startsWith('LIVEDATA_')),
  );
}

/**
 * The starter files `nest new` writes from its application templates, by template folder
 * (`ts`: CommonJS with Jest; `ts-esm`: Nest 12's ES module starter with Vitest). Paths are the
 * templates' own, `__specFileSuffix__` included.
 */
const starterFiles = {
  ts: [
    'src/app.controller.ts',
    'src/app.service.ts',
    'src/app.controller.__specFileSuffix__.ts',
    'test/app.e2e-__specFileSuffix__.ts',
    'test/jest-e2e.json',
  ],
  'ts-esm': [
    'src/app.controller.ts',
    'src/app.service.ts',
    'src/app.controller.__specFileSuffix__.ts',
    'test/app.e2e-__specFileSuffix__.ts',
    'vitest.config.ts',
    'vitest.config.e2e.ts',
  ],
};

/**
 * Writes the starter files into the installed app from the `@nestjs/schematics` its
 * `@nestjs/cli` resolves, rendered as `nest new` renders them with its defaults (the one
 * placeholder these files use, `specFileSuffix`, is `spec`). Fails naming the file when the
 * schematic does not have it, or has another placeholder, and when the app already has it
 * (a committed copy would hide what the schematic writes). Returns the schematic's version.
 */
function writeStarterFiles(dir, moduleKind) {
  const fromCli = createRequire(join(dir, 'node_modules', '@nestjs', 'cli', 'package.json'));
  const schematicsManifest = fromCli.resolve('@nestjs/schematics/package.json');
  const { version } = JSON.parse(readFileSync(schematicsManifest, 'utf8'));
  const templateDir = moduleKind === 'esm' ? 'ts-esm' : 'ts';
  const templates = join(dirname(schematicsManifest), 'dist', 'lib', 'application', 'files');
  for (const template of starterFiles[templateDir]) {
    const from = join(templates, templateDir, template);
    assert.ok(
      existsSync(from),
      `@nestjs/schematics ${version} has no ${templateDir}/${template}: the starter file cannot be taken from it`,
    );
    const target = join(dir, template.replaceAll('__specFileSuffix__', 'spec'));
    assert.ok(
      !existsSync(target),
      `${target} is committed in the app: it comes from the schematic`,
    );
    const text = readFileSync(from, 'utf8').replaceAll('<%= specFileSuffix %>', 'spec');
    assert.doesNotMatch(
      text,
      /<%/,
      `${templateDir}/${template} has a placeholder this check does not fill`,
    );
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, text);
  }
  return version;
}

/**
 * Registers the node:test tests of one Nest app.
 * - `app`: folder under e2e/;
 * - `moduleKind`: 'cjs' or 'esm' (what the scaffold's build emits);
 * - `e2eSummary`: how the scaffold's test runner reports one passing test.
 */
export function nestAppChecks({ app, moduleKind, e2eSummary }) {
  let scaffolded;
  let mock;
  let env;
  let server;
  let port;
  let output = '';

  before(async () => {
    // The app code, alike in every major but for ES module import suffixes, lives once, in
    // shared/nest; the starter's own files come from the schematic once installed.
    scaffolded = scaffold(app, {
      shared: ['nest'],
      importSuffix: moduleKind === 'esm' ? '.js' : undefined,
    });
  });

  after(async () => {
    if (server && server.exitCode === null && server.signalCode === null) server.kill('SIGKILL');
    await mock?.close();
    scaffolded?.remove();
  });

  test('npm installs the tarballs with no peer-dependency warning', {
    timeout: minutes(20),
  }, async () => {
    const started = Date.now();
    await npmInstall(scaffolded.dir);
    console.log(`# ${app}: npm install ${Math.round((Date.now() - started) / 1000)} s`);
    const schematics = writeStarterFiles(scaffolded.dir, moduleKind);
    // The README's PeopleService, as the installed package publishes it.
    const service = join(scaffolded.dir, 'src', 'people.service.ts');
    assert.ok(!existsSync(service), `${service} is committed: it comes from the README`);
    writeFileSync(
      service,
      readmeBlock(scaffolded.dir, '@livedata/nestjs', 'Inject it', (body) =>
        body.includes('export class PeopleService'),
      ),
    );
    console.log(`# ${app}: starter files from @nestjs/schematics ${schematics}`);
    const { demoCredentials, DEMO_ORG_ID } = await importFrom(
      scaffolded.dir,
      '@livedata/mock-server',
    );
    mock = await startMock(scaffolded.dir);
    env = {
      LIVEDATA_BASE_URL: mock.url,
      LIVEDATA_CLIENT_ID: demoCredentials.clientId,
      LIVEDATA_CLIENT_SECRET: demoCredentials.clientSecret,
      LIVEDATA_ORG_ID: DEMO_ORG_ID,
    };
  });

  test("the scaffold's build (npm run build) passes", { timeout: minutes(10) }, async () => {
    const started = Date.now();
    await exec('npm', ['run', 'build'], { cwd: scaffolded.dir });
    console.log(`# ${app}: npm run build ${Math.round((Date.now() - started) / 1000)} s`);
  });

  test('the built app starts (node dist/main) and answers GET /', {
    timeout: minutes(3),
  }, async () => {
    port = await freePort();
    server = spawn(process.execPath, ['dist/main'], {
      cwd: scaffolded.dir,
      env: { ...withoutLiveDataEnv(), ...env, PORT: String(port) },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    server.stdout.on('data', (chunk) => {
      output += chunk;
    });
    server.stderr.on('data', (chunk) => {
      output += chunk;
    });
    for (;;) {
      assert.equal(server.exitCode, null, `the app exited early:\n${output}`);
      const res = await fetch(`http://127.0.0.1:${port}/`).catch(() => undefined);
      if (res) {
        assert.equal(res.status, 200);
        assert.equal(await res.text(), 'Hello World!');
        break;
      }
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    assert.equal(mock.count('identity'), 0, 'no identity call at startup');
  });

  test('20 concurrent searches through LiveDataHttpService: all 200 with people, one identity call', {
    timeout: minutes(2),
  }, async () => {
    const answers = await Promise.all(
      Array.from({ length: 20 }, () => fetch(`http://127.0.0.1:${port}/people?company=northwind`)),
    );
    for (const res of answers) {
      assert.equal(res.status, 200);
      const { people } = await res.json();
      assert.equal(people.length, 10);
      for (const person of people)
        assert.ok(
          person.jobs.some((job) => job.company.name.toLowerCase().includes('northwind')),
          JSON.stringify(person),
        );
    }
    assert.equal(mock.count('identity'), 1);
    assert.equal(mock.count('people.search'), 20);
    assert.ok(
      mock.requests.filter((r) => r.route === 'people.search').every((r) => r.status === 200),
    );
  });

  test("the README's findByEmail (HttpService) and findWithFetch (tokens.fetch) find the same person", {
    timeout: minutes(2),
  }, async () => {
    const { DEMO_PERSON_EMAIL } = await importFrom(scaffolded.dir, '@livedata/mock-server');
    const byEmail = await fetch(
      `http://127.0.0.1:${port}/people/by-email?email=${encodeURIComponent(DEMO_PERSON_EMAIL)}`,
    );
    assert.equal(byEmail.status, 200);
    const { person } = await byEmail.json();
    assert.equal(person.name, 'Dana Whitfield');
    const found = await fetch(`http://127.0.0.1:${port}/people/find`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        matches: [{ fields: [{ field_name: 'email_address', search_term: DEMO_PERSON_EMAIL }] }],
      }),
    });
    assert.equal(found.status, 201);
    assert.equal((await found.json()).people[0].id, person.id);
    assert.equal(mock.count('identity'), 1);
  });

  test('LiveDataExceptionFilter answers upstream failures as its README says', {
    timeout: minutes(2),
  }, async () => {
    // An AxiosError from LiveDataHttpService: 429 with Retry-After.
    mock.inject('people.search', { kind: 'status', status: 429, retryAfter: 7 }, { times: 1 });
    const limited = await fetch(`http://127.0.0.1:${port}/people?company=northwind`);
    assert.equal(limited.status, 503);
    assert.equal(limited.headers.get('retry-after'), '7');
    const limitedBody = await limited.json();
    assert.equal(limitedBody.statusCode, 503);
    assert.equal(limitedBody.code, 'upstream_rate_limited');
    assert.equal(typeof limitedBody.message, 'string');

    mock.inject('people.search', { kind: 'status', status: 500 }, { times: 1 });
    const failed = await fetch(`http://127.0.0.1:${port}/people?company=northwind`);
    assert.equal(failed.status, 502);
    assert.equal(failed.headers.get('retry-after'), null);
    const failedText = await failed.text();
    assert.equal(JSON.parse(failedText).code, 'upstream_error');
    for (const secret of [env.LIVEDATA_CLIENT_SECRET, env.LIVEDATA_ORG_ID, 'Bearer '])
      assert.ok(!failedText.includes(secret), `the answer leaks ${secret}: ${failedText}`);

    // A LiveDataApiError thrown by the README's findWithFetch: credits spent.
    mock.inject('people.find', { kind: 'status', status: 402 }, { times: 1 });
    const spent = await fetch(`http://127.0.0.1:${port}/people/find`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ matches: [{ fields: [{ field_name: 'id', search_term: 'p_1' }] }] }),
    });
    assert.equal(spent.status, 503);
    assert.equal((await spent.json()).code, 'upstream_quota_exceeded');

    // Other errors keep Nest's default answer.
    const missing = await fetch(`http://127.0.0.1:${port}/nothing-here`);
    assert.equal(missing.status, 404);
    assert.equal((await missing.json()).message, 'Cannot GET /nothing-here');
    assert.equal(mock.count('identity'), 1);
  });

  test("an upstream error is an AxiosError of the app's own axios; app.close() closes the manager", {
    timeout: minutes(2),
  }, async () => {
    // A script beside the app, in the app's own module kind, using the built AppModule.
    // The same steps in both; CommonJS has no top-level await, so they run in an async main.
    const steps = `const app = await NestFactory.createApplicationContext(AppModule, { logger: false });
const http = app.get(LiveDataHttpService);
const error = await firstValueFrom(http.get('/people/v1/' + process.env.LIVEDATA_ORG_ID + '/person/p_nobody')).catch((e) => e);
const tokens = app.get(TokenManager);
await app.close();
const afterClose = await tokens.getAccessToken().then(() => 'a token', (e) => e.code);
console.log(JSON.stringify({ instanceOfAxiosError: error instanceof AxiosError, status: error.response && error.response.status, afterClose }));
`;
    const script =
      moduleKind === 'cjs'
        ? `const { NestFactory } = require('@nestjs/core');
const { AxiosError } = require('axios');
const { firstValueFrom } = require('rxjs');
const { TokenManager } = require('@livedata/core');
const { LiveDataHttpService } = require('@livedata/nestjs');
const { AppModule } = require('./dist/app.module');
(async () => {
${steps}})();
`
        : `import { NestFactory } from '@nestjs/core';
import { AxiosError } from 'axios';
import { firstValueFrom } from 'rxjs';
import { TokenManager } from '@livedata/core';
import { LiveDataHttpService } from '@livedata/nestjs';
import { AppModule } from './dist/app.module.js';
${steps}`;
    const file = join(scaffolded.dir, moduleKind === 'cjs' ? 'axios-error.cjs' : 'axios-error.mjs');
    writeFileSync(file, script);
    const printed = await exec(process.execPath, [file], { cwd: scaffolded.dir, env });
    assert.deepEqual(JSON.parse(printed.trim().split('\n').at(-1)), {
      instanceOfAxiosError: true,
      status: 404,
      afterClose: 'closed',
    });
  });

  test('SIGTERM shuts the app down cleanly (enableShutdownHooks)', {
    timeout: minutes(2),
  }, async () => {
    const exited = new Promise((resolve) =>
      server.once('exit', (code, signal) => resolve({ code, signal })),
    );
    const before = output.length;
    server.kill('SIGTERM');
    const { code, signal } = await exited;
    // Nest's shutdown hook closes the app, then re-raises the signal it caught.
    assert.ok(code === 0 || signal === 'SIGTERM', `exit code ${code}, signal ${signal}`);
    assert.doesNotMatch(output.slice(before), /error|unhandled/i, output.slice(before));
  });

  test("the scaffold's own e2e test passes unmodified (AppModule with LiveDataModule)", {
    timeout: minutes(10),
  }, async () => {
    const started = Date.now();
    const printed = await exec('npm', ['run', 'test:e2e'], { cwd: scaffolded.dir, env });
    console.log(`# ${app}: npm run test:e2e ${Math.round((Date.now() - started) / 1000)} s`);
    // Vitest colours its summary even into a pipe.
    assert.match(stripVTControlCharacters(printed), e2eSummary, printed);
  });
}
