// (f) apps/nestjs-example: a NestJS service using @livedata/nestjs, started as a child
// process on a free port and called over HTTP.
import { existsSync } from 'node:fs';
import { CONCURRENT, identityCallsAfterBurst } from './concurrent-requests.js';
import type { DemoContext, SkippedStep } from './demo-step.js';
import { childEnv } from './environment.js';
import { freePort, get } from './http.js';
import { repoPath } from './packages.js';
import { startProcess, stopProcess, waitForOutput } from './processes.js';
import { call, info, ok, summarize } from './transcript.js';

export const letter = 'f';
export const title = 'The NestJS example service, over HTTP (apps/nestjs-example)';

const appDir = repoPath('apps', 'nestjs-example');
const main = repoPath('apps', 'nestjs-example', 'dist', 'main.js');

export async function run({ target, email }: DemoContext): Promise<SkippedStep | undefined> {
  if (!existsSync(main))
    return { skipped: 'apps/nestjs-example is not built (dist/main.js missing)' };
  const port = await freePort();
  const identityBefore = target.mock?.count('identity');
  info(`$ node dist/main.js   (PORT=${port}, LIVEDATA_* → ${target.baseUrl})`);
  const service = startProcess(process.execPath, [main], {
    cwd: appDir,
    env: childEnv(target, { PORT: String(port), HOST: '127.0.0.1' }),
  });
  try {
    let match: RegExpExecArray;
    try {
      match = await waitForOutput(service, /Listening on (http:\/\/[^\s)]+)/, 30_000);
    } catch (error) {
      throw Object.assign(error as Error, { output: service.output });
    }
    const url = match[1] ?? '';
    ok(`the service is up at ${url}`);

    const health = await get(`${url}/health`);
    call('GET', '/health', health.status, health.text.trim());
    if (health.status !== 200) throw new Error(`/health answered ${health.status}`);

    if (!email) {
      info('GET /people makes a paid call: pass --email <address> to try it against the real API');
    } else {
      const path = `/people?email=${encodeURIComponent(email)}`;
      const person = await get(`${url}${path}`);
      call('GET', path, person.status, summarize(person));
      if (person.status !== 200) throw new Error(`${path} answered ${person.status}`);
      if (target.mode === 'mock') {
        const calls = await identityCallsAfterBurst(`${url}${path}`, target.mock, identityBefore);
        ok(
          `${CONCURRENT} more concurrent GET /people answered 200; the whole service made ${calls} identity call${calls === 1 ? '' : 's'}`,
        );
        if (calls !== 1)
          throw new Error(`expected 1 identity call for the service, the mock saw ${calls}`);
      }
    }
    ok('LiveDataModule gave the service one TokenManager and an authenticated HttpService');
  } finally {
    await stopProcess(service);
  }
  ok('stopped the service (SIGTERM: Nest closed the token manager on shutdown)');
}
