// The check shared by the Next.js tarball apps (e2e/next-15, e2e/next-16): each app's
// check.mjs calls checkNextApp(app). Installed from the tarballs with plain npm, built with
// the starter's own `npm run build`, served by `next start` against the mock server, and
// driven in Debian's Chromium through the repository's own playwright-core (never a
// downloaded browser; the apps do not depend on it).
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { stripVTControlCharacters } from 'node:util';
import { launchChromium, recordingPage } from '../apps/nextjs-example/e2e/chromium.mjs';
import { filesUnder, leaksIn } from '../apps/nextjs-example/e2e/leak-scan.mjs';
import { startRecordingProxy } from '../apps/nextjs-example/e2e/recording-proxy.mjs';
import { exec, freePort, importFrom, npmInstall, scaffold, startMock } from './lib.mjs';

const TIMEOUT = 20 * 60_000; // hang guard only

/** Starts `next start` in its own process group; resolves once `/` answers. */
async function startNext(dir, env, port) {
  const nextBin = createRequire(join(dir, 'package.json')).resolve('next/dist/bin/next');
  const child = spawn(process.execPath, [nextBin, 'start', '-p', String(port), '-H', '127.0.0.1'], {
    cwd: dir,
    env,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let log = '';
  child.stdout.on('data', (chunk) => {
    log += chunk;
  });
  child.stderr.on('data', (chunk) => {
    log += chunk;
  });
  const exited = new Promise((resolve) => child.on('exit', resolve));
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    process.kill(-child.pid, 'SIGTERM');
    const timer = setTimeout(() => process.kill(-child.pid, 'SIGKILL'), 5_000);
    await exited;
    clearTimeout(timer);
  };
  const origin = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 120_000;
  while (child.exitCode === null && Date.now() < deadline) {
    try {
      const res = await fetch(`${origin}/`, { signal: AbortSignal.timeout(5_000) });
      if (res.status === 200) return { origin, stop, log: () => log };
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  await stop();
  throw new Error(`next start did not answer on ${origin}:\n${log}`);
}

/** Logs in to the mock with the app's credentials and reads what the pages should show. */
async function expectedData(mock, credentials, orgId, email) {
  const session = await fetch(`${mock.url}/identity/v1/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ grantType: 'clientCredentials', ...credentials }),
  });
  const { accessToken } = await session.json();
  const post = async (path, body) => {
    const res = await fetch(`${mock.url}/people/v1/${orgId}/${path}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${accessToken}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    assert.equal(res.status, 200);
    return res.json();
  };
  const found = await post('find', {
    matches: [{ fields: [{ field_name: 'email_address', search_term: email }] }],
  });
  const team = await post('search', { size: 3 });
  return { person: found.people[0], team: team.people.map((person) => person.name) };
}

/**
 * Installs, builds and checks e2e/<app>. `bundler` is what the starter's build uses
 * (asserted from `next build`'s banner). `clientImport` lists the `next build` variants
 * (`{ bundler, args, namesFile }`) that must fail on a client component importing the
 * package, and whether their error names the user's file.
 */
export function checkNextApp(app, { nextVersion, bundler, clientImport }) {
  const timings = {};
  const state = {};
  const cleanups = [];
  after(async () => {
    for (const cleanup of cleanups.reverse()) await cleanup().catch(() => {});
    state.scaffold?.remove();
    console.log(
      `${app} times: install ${timings.install ?? '-'} s, build ${timings.build ?? '-'} s, check ${timings.check ?? '-'} s, client-import build ${timings.clientImportBuild ?? '-'} s`,
    );
  });

  const clientId = `${app}-e2e`;
  const clientSecret = `e2e-secret-${randomBytes(12).toString('hex')}`;

  test('npm install from the tarballs prints no peer-dependency warning', {
    timeout: TIMEOUT,
  }, async () => {
    state.scaffold = scaffold(app, { shared: ['next'] }); // the app code, alike in 15 and 16
    const started = Date.now();
    await npmInstall(state.scaffold.dir);
    timings.install = Math.round((Date.now() - started) / 1000);
    const installed = JSON.parse(
      readFileSync(join(state.scaffold.dir, 'node_modules', 'next', 'package.json'), 'utf8'),
    );
    assert.equal(installed.version, nextVersion);
  });

  test(`next build (${bundler}) requests nothing from Live Data`, {
    timeout: TIMEOUT,
  }, async () => {
    const { dir } = state.scaffold;
    const { DEMO_ORG_ID, DEMO_PERSON_EMAIL } = await importFrom(dir, '@livedata/mock-server');
    const mock = await startMock(dir, {
      serviceAccounts: [{ clientId, clientSecret, roles: { [DEMO_ORG_ID]: 'admin' } }],
    });
    cleanups.push(() => mock.close());
    const proxy = await startRecordingProxy(mock.origin);
    cleanups.push(() => proxy.close());
    state.mock = mock;
    state.proxy = proxy;
    state.orgId = DEMO_ORG_ID;
    state.email = DEMO_PERSON_EMAIL;
    state.expected = await expectedData(
      mock,
      { clientId, clientSecret },
      DEMO_ORG_ID,
      DEMO_PERSON_EMAIL,
    );
    mock.resetRequests();
    state.env = {
      LIVEDATA_BASE_URL: proxy.url('/api'),
      LIVEDATA_CLIENT_ID: clientId,
      LIVEDATA_CLIENT_SECRET: clientSecret,
      LIVEDATA_ORG_ID: DEMO_ORG_ID,
      NEXT_TELEMETRY_DISABLED: '1',
    };

    const started = Date.now();
    const output = await exec('npm', ['run', 'build'], { cwd: dir, env: state.env });
    timings.build = Math.round((Date.now() - started) / 1000);
    assert.match(
      output,
      new RegExp(`Next\\.js ${nextVersion.replaceAll('.', '\\.')} \\(${bundler}\\)`),
    );
    assert.deepEqual(
      mock.requests.map((request) => request.path),
      [],
      'next build must not request a token or call the API',
    );
  });

  test('next start: the route handler, the server component, the server action in Chromium', {
    timeout: TIMEOUT,
  }, async () => {
    const { dir } = state.scaffold;
    const { mock, proxy, orgId, expected } = state;
    const started = Date.now();
    const port = await freePort();
    const env = {
      ...Object.fromEntries(
        Object.entries(process.env).filter(([key]) => !key.startsWith('LIVEDATA_')),
      ),
      ...state.env,
    };
    const server = await startNext(dir, env, port);
    cleanups.push(server.stop);
    const { origin } = server;
    assert.equal(mock.count('identity'), 0, 'starting the server requests no token');

    // 20 concurrent calls of the route handler on a cold server: one identity call.
    const personUrl = `${origin}/api/people/${expected.person.id}`;
    const answers = await Promise.all(
      Array.from({ length: 20 }, async () => {
        const res = await fetch(personUrl);
        return { status: res.status, text: await res.text() };
      }),
    );
    assert.deepEqual(
      answers.map((answer) => answer.status),
      Array(20).fill(200),
      answers[0].text.slice(0, 300),
    );
    for (const answer of answers) assert.equal(JSON.parse(answer.text).name, expected.person.name);
    assert.equal(mock.count('identity'), 1, '20 concurrent requests share one identity call');

    // The server component (inside <Suspense>) renders the API's data.
    const teamRes = await fetch(`${origin}/team`);
    const teamHtml = await teamRes.text();
    assert.equal(teamRes.status, 200);
    for (const name of expected.team) assert.ok(teamHtml.includes(name), `/team shows ${name}`);
    const homeHtml = await (await fetch(`${origin}/`)).text();

    // The server action, from a client component, in Chromium.
    const browser = await launchChromium();
    cleanups.push(() => browser.close());
    const { page, loaded } = await recordingPage(browser, origin);
    await page.goto(`${origin}/`);
    await page.fill('#email', state.email);
    await page.click('button[type="submit"]');
    const result = page.getByTestId('result');
    await result.filter({ hasText: expected.person.name }).waitFor({ timeout: 60_000 });
    assert.equal(
      await result.textContent(),
      `${expected.person.name} (${expected.person.position ?? 'no position'})`,
    );
    assert.equal(mock.count('identity'), 1, 'the server action used the same token');

    // Upstream failures, as the browser gets them: no upstream path, no organization id.
    const revealing = (text) =>
      [orgId, '/people/v1', '/identity/v1', 'LIVEDATA_'].filter((needle) => text.includes(needle));
    const failures = [];
    const unknown = await fetch(`${origin}/api/people/p_000000000000`);
    const unknownText = await unknown.text();
    assert.equal(unknown.status, 404);
    assert.equal(JSON.parse(unknownText).error.code, 'not_found');
    failures.push({ what: 'route handler, unknown person (404)', text: unknownText });

    mock.inject('people.person', { kind: 'status', status: 503 });
    const unavailable = await fetch(personUrl);
    const unavailableText = await unavailable.text();
    mock.clearFaults();
    // An upstream 5xx is a bad upstream answer for the browser: 502 (core's table).
    assert.equal(unavailable.status, 502);
    assert.equal(JSON.parse(unavailableText).error.code, 'server_error');
    failures.push({ what: 'route handler, upstream 503', text: unavailableText });

    mock.inject('people.find', { kind: 'status', status: 500 });
    const actionAnswers = loaded.length;
    await page.click('button[type="submit"]');
    await result.filter({ hasText: 'failed:' }).waitFor({ timeout: 60_000 });
    const shown = (await result.textContent()) ?? '';
    mock.clearFaults();
    failures.push({ what: 'server action error shown in the page', text: shown });
    console.log(`the failing server action shows: ${shown}`);
    const actionResponses = (await Promise.all(loaded.slice(actionAnswers))).filter(
      (response) => response.method === 'POST',
    );
    assert.ok(actionResponses.length > 0, 'the failing server action answered the browser');
    for (const response of actionResponses)
      failures.push({ what: 'server action error answer', text: response.text });

    mock.inject('people.search', { kind: 'status', status: 500 });
    const brokenTeam = await fetch(`${origin}/team`);
    const brokenTeamText = await brokenTeam.text();
    mock.clearFaults();
    failures.push({ what: 'server component error page', text: brokenTeamText });
    for (const { what, text } of failures)
      assert.deepEqual(revealing(text), [], `${what} reveals nothing: ${text.slice(0, 400)}`);

    // No secret or token in what the browser loaded, the HTML, or any file of .next/static.
    const secrets = [
      { name: 'the client secret', value: clientSecret },
      ...[...proxy.tokens].map((value) => ({ name: 'an issued access token', value })),
    ];
    assert.ok(proxy.tokens.size >= 1, 'the proxy saw the token the server got');
    const leaks = [];
    const texts = [
      ...(await Promise.all(loaded)).map((response) => ({
        where: response.url,
        text: response.text,
      })),
      { where: 'GET /', text: homeHtml },
      { where: 'GET /team', text: teamHtml },
      ...answers.map((answer) => ({ where: 'route handler', text: answer.text })),
      ...failures.map(({ what, text }) => ({ where: what, text })),
    ];
    const staticFiles = filesUnder(join(dir, '.next', 'static'));
    assert.ok(
      staticFiles.some((file) => file.endsWith('.js')),
      '.next/static holds the client JS',
    );
    for (const file of staticFiles) texts.push({ where: file, text: readFileSync(file, 'latin1') });
    for (const { where, text } of texts)
      for (const leak of leaksIn(text, secrets)) leaks.push(`${leak} in ${where}`);
    assert.deepEqual(leaks, [], `${texts.length} texts scanned`);
    timings.check = Math.round((Date.now() - started) / 1000);
    await server.stop();
  });

  for (const { bundler: importBundler, args, namesFile } of clientImport) {
    const what = namesFile ? 'naming the file' : 'naming only the package (Next 15 Turbopack)';
    test(`${importBundler}: importing @livedata/nextjs from a 'use client' module fails next build, ${what}`, {
      timeout: TIMEOUT,
    }, async () => {
      const { dir } = state.scaffold;
      mkdirSync(join(dir, 'app', 'leak'), { recursive: true });
      writeFileSync(
        join(dir, 'app', 'leak', 'token-button.tsx'),
        `'use client';
import { getLiveDataToken } from '@livedata/nextjs';

export function TokenButton() {
  return <button type="button" onClick={() => getLiveDataToken()}>token</button>;
}
`,
      );
      writeFileSync(
        join(dir, 'app', 'leak', 'page.tsx'),
        `import { TokenButton } from './token-button';

export default function LeakPage() {
  return <TokenButton />;
}
`,
      );
      const nextBin = createRequire(join(dir, 'package.json')).resolve('next/dist/bin/next');
      const started = Date.now();
      const error = await exec(process.execPath, [nextBin, 'build', ...args], {
        cwd: dir,
        env: state.env,
      }).then(
        () => undefined,
        (failure) => failure,
      );
      timings.clientImportBuild =
        (timings.clientImportBuild ?? 0) + Math.round((Date.now() - started) / 1000);
      assert.ok(error, 'the build must fail');
      // What the user reads, without colours, for the log.
      const output = stripVTControlCharacters(error.message);
      console.log(
        output
          .split('\n')
          .filter((line) => /server-only|token-button|@livedata|caused by/.test(line))
          .join('\n'),
      );
      assert.match(output, /'server-only' cannot be imported from a Client Component module/);
      assert.match(output, /@livedata\/nextjs\/dist/);
      if (namesFile) assert.match(output, /app\/leak\/token-button\.tsx/);
      else assert.doesNotMatch(output, /token-button/);
    });
  }
}
