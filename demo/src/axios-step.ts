// (e) apps/axios-example: a Node CLI built on @livedata/axios, run as a child process with
// LIVEDATA_* pointing at the demo's target.
import { existsSync } from 'node:fs';
import type { DemoContext, SkippedStep } from './demo-step.js';
import { childEnv, type Target } from './environment.js';
import { repoPath } from './packages.js';
import { type ProcessExit, runProcess } from './processes.js';
import { dim, info, ok } from './transcript.js';

export const letter = 'e';
export const title = 'The Axios example CLI (apps/axios-example)';

const appDir = repoPath('apps', 'axios-example');
const cli = repoPath('apps', 'axios-example', 'dist', 'cli.js');

async function example(args: string[], target: Target): Promise<ProcessExit & { output: string }> {
  info(`$ livedata-axios-example ${args.join(' ')}`);
  const result = await runProcess(process.execPath, [cli, ...args], {
    cwd: appDir,
    env: childEnv(target),
  });
  for (const line of result.output.trimEnd().split('\n')) info(`  ${dim(line)}`);
  return result;
}

export async function run({ target, email }: DemoContext): Promise<SkippedStep | undefined> {
  if (!existsSync(cli)) return { skipped: 'apps/axios-example is not built (dist/cli.js missing)' };
  if (!email) {
    return {
      skipped:
        'its commands make paid calls: pass --email <address> to look one person up (1 credit)',
    };
  }
  const identityBefore = target.mock?.count('identity');

  const found = await example(['find', '--email', email], target);
  if (found.code !== 0)
    throw Object.assign(new Error(`find exited with ${found.code}`), { output: found.output });
  ok('find: createLiveDataAxios(tokens) authenticated the request; the CLI printed the person');

  if (target.mode === 'mock') {
    const spent = await example(
      ['find', '--email', email, '--org', target.fixtures.QUOTA_SPENT_ORG_ID],
      target,
    );
    if (spent.code !== 1) {
      throw Object.assign(new Error(`expected exit 1 on a spent quota, got ${spent.code}`), {
        output: spent.output,
      });
    }
    ok('a spent quota (402) became a clear message and exit code 1');
    const calls = target.mock.count('identity') - (identityBefore ?? 0);
    info(`each run is its own process, so each made its own identity call (${calls} in total)`);
  }
}
