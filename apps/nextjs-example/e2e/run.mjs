#!/usr/bin/env node
// End-to-end test of the example app in a real browser (`pnpm --filter
// @livedata/nextjs-example run test:e2e`, also run by `npm run test:e2e` and .ci/run):
//
//   1. starts the mock Live Data API (behind a proxy that records the tokens it issues)
//      with a service account whose secret is unique to this run;
//   2. `next build` with LIVEDATA_* pointing at it: the mock must see no request at all;
//   3. `next start`, then 50 concurrent requests (page renders and route handler calls) on
//      the cold server: one identity call;
//   4. Debian Chromium (playwright-core) submits the form and sees the person, calls the
//      route handler, and every response the browser loaded (HTML, JS chunks, server
//      action payloads) plus .next/static must hold neither the secret nor a token;
//   5. keeps a screenshot in artifacts/, and stops every process it started.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createWriteStream, mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DEMO_ORG_ID, DEMO_PERSON_EMAIL, startMockServer } from '@livedata/mock-server';
import { freePort } from '@livedata/test-utils';
import { assertChromium, launchChromium, recordingPage } from './chromium.mjs';
import { filesUnder, leaksIn } from './leak-scan.mjs';
import { startRecordingProxy } from './recording-proxy.mjs';

const appDir = join(dirname(fileURLToPath(import.meta.url)), '..');
const artifacts = join(appDir, 'artifacts');
const nextBin = createRequire(join(appDir, 'package.json')).resolve('next/dist/bin/next');
const CONCURRENT_REQUESTS = 50;
const OVERALL_TIMEOUT_MS = 20 * 60_000;

const cleanups = [];
let failed = false;
/** Process groups still running: killed synchronously if this script dies abruptly. */
const runningGroups = new Set();
process.on('exit', () => {
  for (const pgid of runningGroups) {
    try {
      process.kill(-pgid, 'SIGKILL');
    } catch {
      // Already gone.
    }
  }
});
// A closed pipe (`… | head`) must not kill the script before it stops its servers.
process.stdout.on('error', () => {});
process.stderr.on('error', () => {});

function pass(message) {
  console.log(`  ✓ ${message}`);
}

function check(condition, message, detail) {
  if (!condition) {
    throw new Error(detail === undefined ? message : `${message}\n    ${detail}`);
  }
  pass(message);
}

/** Runs `next <args>` in its own process group, logging to artifacts/<logName>. */
function startNext(args, env, logName) {
  const log = createWriteStream(join(artifacts, logName));
  const child = spawn(process.execPath, [nextBin, ...args], {
    cwd: appDir,
    env,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout.pipe(log);
  child.stderr.pipe(log);
  const exited = new Promise((resolve) =>
    child.on('exit', (code, signal) => resolve({ code, signal })),
  );
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      try {
        process.kill(-child.pid, 'SIGTERM');
      } catch {
        // Already gone.
      }
      const timer = setTimeout(() => {
        try {
          process.kill(-child.pid, 'SIGKILL');
        } catch {
          // Already gone.
        }
      }, 5_000);
      await exited;
      clearTimeout(timer);
    }
    runningGroups.delete(child.pid);
    log.end();
  };
  cleanups.push(stop);
  return { child, exited, stop, logPath: join(artifacts, logName) };
}

function tail(path, lines = 40) {
  try {
    return readFileSync(path, 'utf8').trim().split('\n').slice(-lines).join('\n');
  } catch {
    return '(no log)';
  }
}

/** Waits until `url` answers with `status` (the server is up), or the server exits. */
async function waitForHttp(url, status, timeoutMs, exited) {
  const deadline = Date.now() + timeoutMs;
  let gone = false;
  exited.then(() => {
    gone = true;
  });
  while (Date.now() < deadline && !gone) {
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(5_000) });
      if (res.status === status) return;
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(gone ? `the server exited before answering ${url}` : `no answer from ${url}`);
}

async function main() {
  assertChromium(); // before anything is built
  mkdirSync(artifacts, { recursive: true });

  const clientId = 'nextjs-example-e2e';
  const clientSecret = `e2e-secret-${randomBytes(12).toString('hex')}`;
  const mock = await startMockServer({
    port: 0,
    serviceAccounts: [{ clientId, clientSecret, roles: { [DEMO_ORG_ID]: 'admin' } }],
  });
  cleanups.push(() => mock.close());
  const proxy = await startRecordingProxy(mock.origin);
  cleanups.push(() => proxy.close());

  const env = Object.fromEntries(
    Object.entries(process.env).filter(([name]) => !name.startsWith('LIVEDATA_')),
  );
  Object.assign(env, {
    LIVEDATA_BASE_URL: proxy.url('/api'),
    LIVEDATA_CLIENT_ID: clientId,
    LIVEDATA_CLIENT_SECRET: clientSecret,
    LIVEDATA_ORG_ID: DEMO_ORG_ID,
    NEXT_TELEMETRY_DISABLED: '1',
  });

  console.log('next build (against the mock server)…');
  const build = startNext(['build'], env, 'next-build.log');
  const built = await build.exited;
  await build.stop();
  check(built.code === 0, '`next build` succeeded', tail(build.logPath));
  check(
    mock.count('identity') === 0 && mock.requests.length === 0,
    'the mock server saw no request during the build (no identity call)',
    `saw ${mock.requests.length} request(s): ${mock.requests.map((r) => r.path).join(', ')}`,
  );
  // The home page calls the API while rendering and exports no `dynamic`: only
  // liveDataFetch's connection() call keeps it from being prerendered.
  check(
    /ƒ \/\s*$/m.test(readFileSync(build.logPath, 'utf8')),
    'the home page was left dynamic (ƒ), not prerendered',
    tail(build.logPath, 20),
  );

  const port = await freePort();
  const app = `http://127.0.0.1:${port}`;
  console.log(`next start on ${app}…`);
  const server = startNext(['start', '-p', String(port), '-H', '127.0.0.1'], env, 'next-start.log');
  // Up when the route answers 400 for a missing ?email=, which needs no token.
  await waitForHttp(`${app}/api/people`, 400, 180_000, server.exited).catch((error) => {
    throw new Error(`${error.message}\n${tail(server.logPath)}`);
  });
  check(mock.count('identity') === 0, 'the server started without requesting a token');

  // Half page renders (server component), half route handler calls, all at once on a
  // cold server: the whole process must share one identity call.
  const peopleUrl = `${app}/api/people?email=${encodeURIComponent(DEMO_PERSON_EMAIL)}`;
  const answers = await Promise.all(
    Array.from({ length: CONCURRENT_REQUESTS }, async (_, i) => {
      const url = i % 2 === 0 ? peopleUrl : `${app}/`;
      const res = await fetch(url);
      return { url, status: res.status, text: await res.text() };
    }),
  );
  const statuses = [...new Set(answers.map((a) => a.status))];
  check(
    statuses.length === 1 && statuses[0] === 200,
    `${CONCURRENT_REQUESTS} concurrent requests (page renders and route handler calls) all answered 200`,
    `statuses: ${statuses.join(', ')}; first body: ${answers[0]?.text.slice(0, 300)}`,
  );
  check(
    mock.count('identity') === 1,
    `${CONCURRENT_REQUESTS} concurrent requests caused exactly one identity call`,
    `identity calls: ${mock.count('identity')}`,
  );
  const pageHtml = answers.find((a) => a.url === `${app}/`)?.text ?? '';
  check(
    pageHtml.includes('credits remaining'),
    'the page rendered the organization status from the API (server component)',
  );
  const person = JSON.parse(answers.find((a) => a.url === peopleUrl)?.text ?? '{}').person;
  check(
    typeof person?.name === 'string' && person.name.length > 0,
    `the route handler found ${person?.name} (${person?.position ?? 'no position'}, ${person?.company ?? 'no company'})`,
  );
  const missing = await fetch(`${app}/api/people?email=nobody%40nowhere.example`);
  check(missing.status === 404, 'an unknown email answers 404');

  console.log('Chromium…');
  const browser = await launchChromium();
  cleanups.push(() => browser.close());
  const { page, loaded } = await recordingPage(browser, app);

  await page.goto(`${app}/`);
  await page.fill('#email', DEMO_PERSON_EMAIL);
  await page.click('button[type="submit"]');
  const shownName = await page.getByTestId('person-name').textContent({ timeout: 120_000 });
  check(shownName === person.name, `the form's server action showed ${shownName}`);
  await page.screenshot({ path: join(artifacts, 'nextjs-example.png'), fullPage: true });
  pass('screenshot saved to artifacts/nextjs-example.png');

  const routeResponse = await page.goto(peopleUrl);
  const routeJson = await routeResponse?.json();
  check(
    routeJson?.person?.name === person.name,
    'the browser got the person from the route handler',
  );

  const responses = await Promise.all(loaded);
  const scripts = responses.filter((r) => r.type === 'script');
  check(
    scripts.length > 0,
    `the browser loaded ${scripts.length} JS chunk(s) and ${responses.length} response(s) in all`,
  );
  check(proxy.tokens.size === 1, 'the mock issued one token to the Node.js server');

  const secrets = [
    { name: 'the client secret', value: clientSecret },
    ...[...proxy.tokens].map((value) => ({ name: 'an issued access token', value })),
  ];
  const leaks = [];
  for (const response of responses) {
    for (const leak of leaksIn(response.text, secrets)) leaks.push(`${leak} in ${response.url}`);
  }
  for (const answer of answers) {
    for (const leak of leaksIn(answer.text, secrets)) leaks.push(`${leak} in ${answer.url}`);
  }
  const staticFiles = filesUnder(join(appDir, '.next', 'static'));
  for (const file of staticFiles) {
    for (const leak of leaksIn(readFileSync(file, 'utf8'), secrets))
      leaks.push(`${leak} in ${file}`);
  }
  check(
    leaks.length === 0,
    `no secret or token in the page HTML, ${scripts.length} loaded JS chunk(s), server action and route answers, or ${staticFiles.length} file(s) of .next/static`,
    leaks.join('\n    '),
  );
  check(mock.count('identity') === 1, 'still one identity call after the browser session');

  // The Edge runtime: same helpers, its own isolate (so its own manager and token).
  const edgeUrl = `${app}/api/people/edge?email=${encodeURIComponent(DEMO_PERSON_EMAIL)}`;
  const edgeAnswers = await Promise.all(
    Array.from({ length: 10 }, async () => {
      const res = await fetch(edgeUrl);
      return { status: res.status, text: await res.text() };
    }),
  );
  check(
    edgeAnswers.every((a) => a.status === 200 && JSON.parse(a.text).person?.name === person.name),
    'the same route on the Edge runtime found the person (10 concurrent requests)',
    `statuses: ${edgeAnswers.map((a) => a.status).join(', ')}; first body: ${edgeAnswers[0]?.text.slice(0, 300)}`,
  );
  check(
    mock.count('identity') === 2,
    'the Edge isolate made its one identity call (two in the whole run)',
    `identity calls: ${mock.count('identity')}`,
  );
  const edgeLeaks = edgeAnswers.flatMap((a) =>
    leaksIn(a.text, [
      { name: 'the client secret', value: clientSecret },
      ...[...proxy.tokens].map((value) => ({ name: 'an issued access token', value })),
    ]),
  );
  check(edgeLeaks.length === 0, 'no secret or token in the Edge answers', edgeLeaks.join(', '));
}

async function cleanup() {
  while (cleanups.length > 0) {
    const stop = cleanups.pop();
    try {
      await stop();
    } catch (error) {
      console.error(`cleanup: ${error instanceof Error ? error.message : error}`);
    }
  }
}

const watchdog = setTimeout(() => {
  console.error(`✗ timed out after ${OVERALL_TIMEOUT_MS / 60_000} minutes`);
  failed = true;
  cleanup().finally(() => process.exit(1));
}, OVERALL_TIMEOUT_MS);
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.once(signal, () => {
    cleanup().finally(() => process.exit(1));
  });
}

try {
  console.log('Next.js example end-to-end test');
  await main();
} catch (error) {
  failed = true;
  console.error(`  ✗ ${error instanceof Error ? error.message : error}`);
} finally {
  await cleanup();
  clearTimeout(watchdog);
}
console.log(failed ? 'FAILED' : 'PASSED');
process.exit(failed ? 1 : 0);
