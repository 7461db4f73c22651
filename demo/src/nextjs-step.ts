// (g) apps/nextjs-example: a Next.js App Router app using @livedata/nextjs. Built with
// `next build` (unless an up-to-date build is already there), started with `next start` on
// a free port, and called over HTTP: its route handler and its page.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { CONCURRENT, identityCallsAfterBurst } from './concurrent-requests.js';
import type { DemoContext, SkippedStep } from './demo-step.js';
import { childEnv } from './environment.js';
import { freePort, get, waitForHttp } from './http.js';
import { repoPath } from './packages.js';
import { runProcess, startProcess, stopProcess } from './processes.js';
import { call, info, ok, summarize, withProgress } from './transcript.js';

export const letter = 'g';
export const title = 'The Next.js example app: build, start, call over HTTP (apps/nextjs-example)';

const appDir = repoPath('apps', 'nextjs-example');

/** Newest modification time of any file under `path` (skipping node_modules and .next). */
function newest(path: string): number {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let latest = 0;
  for (const entry of readdirSync(path)) {
    if (entry === 'node_modules' || entry === '.next' || entry === 'artifacts') continue;
    latest = Math.max(latest, newest(join(path, entry)));
  }
  return latest;
}

/** `true` when .next holds a production build newer than the app and the packages it uses. */
function buildIsFresh(): boolean {
  const buildId = join(appDir, '.next', 'BUILD_ID');
  if (!existsSync(buildId)) return false;
  const sources = Math.max(
    ...['app', 'lib', 'next.config.ts', 'package.json'].map((p) => newest(join(appDir, p))),
    newest(repoPath('packages', 'nextjs', 'dist')),
    newest(repoPath('packages', 'core', 'dist')),
  );
  return statSync(buildId).mtimeMs > sources;
}

function nextBin(): string | undefined {
  try {
    return createRequire(join(appDir, 'package.json')).resolve('next/dist/bin/next');
  } catch {
    return undefined;
  }
}

export async function run({
  target,
  email,
  forceNextBuild,
}: DemoContext): Promise<SkippedStep | undefined> {
  const next = nextBin();
  if (!existsSync(join(appDir, 'app')) || !next) {
    return { skipped: 'apps/nextjs-example or its `next` dependency is not installed' };
  }
  const env = childEnv(target, { NEXT_TELEMETRY_DISABLED: '1', NODE_ENV: 'production' });
  const identityAtStart = target.mock?.count('identity');

  if (forceNextBuild || !buildIsFresh()) {
    info(
      '$ next build   (LIVEDATA_* point at the demo target; no token may be fetched while building)',
    );
    const result = await withProgress('Building the Next.js app (takes a minute or two)', () =>
      runProcess(process.execPath, [next, 'build'], { cwd: appDir, env }),
    );
    if (result.code !== 0) {
      throw Object.assign(new Error(`next build exited with ${result.code ?? result.signal}`), {
        output: result.output,
      });
    }
    if (target.mock) {
      const during = target.mock.count('identity') - (identityAtStart ?? 0);
      ok(`built; the mock saw ${during} identity calls during the build`);
      if (during !== 0) throw new Error('a token was fetched during next build');
    } else {
      ok('built');
    }
  } else {
    info('reusing the production build in apps/nextjs-example/.next (newer than its sources);');
    info('run `npm run demo -- --next-build` to build it again as part of the demo');
  }

  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const identityBefore = target.mock?.count('identity');
  info(`$ next start -p ${port}`);
  const server = startProcess(
    process.execPath,
    [next, 'start', '-p', String(port), '-H', '127.0.0.1'],
    {
      cwd: appDir,
      env,
    },
  );
  try {
    try {
      await waitForHttp(`${url}/`, 60_000, () => !server.exited);
    } catch (error) {
      throw Object.assign(error as Error, { output: server.output });
    }
    ok(`the app is up at ${url}`);

    const page = await get(`${url}/`);
    call('GET', '/', page.status, `${page.text.length} bytes of HTML`);
    if (page.status !== 200) throw new Error(`the page answered ${page.status}`);
    const secret =
      target.env.LIVEDATA_CLIENT_SECRET ??
      target.env.LIVEDATA_PASSWORD ??
      target.env.LIVEDATA_API_KEY;
    if (secret && page.text.includes(secret)) throw new Error('the page HTML contains the secret');
    ok('the page rendered on the server; its HTML holds no secret');

    if (!email) {
      info(
        'GET /api/people makes a paid call: pass --email <address> to try it against the real API',
      );
      return;
    }
    const path = `/api/people?email=${encodeURIComponent(email)}`;
    const person = await get(`${url}${path}`);
    call('GET', path, person.status, summarize(person));
    if (person.status !== 200) throw new Error(`${path} answered ${person.status}`);
    ok('the route handler (withLiveData) found the person with an authenticated fetch');

    if (target.mode === 'mock') {
      const calls = await identityCallsAfterBurst(`${url}${path}`, target.mock, identityBefore);
      ok(
        `${CONCURRENT} more concurrent requests answered 200; since it started, the app made ${calls} identity call${calls === 1 ? '' : 's'}`,
      );
      if (calls !== 1)
        throw new Error(`expected 1 identity call for the app, the mock saw ${calls}`);
    }
  } finally {
    await stopProcess(server);
  }
  ok('stopped next start');
}
