/**
 * Client and server on cores of their own. On two cores, a client and a loopback server
 * that the scheduler moves around share each other's core half the time, and the paired
 * rounds of the overhead scenario then measure the scheduler as much as the client: the
 * same code measured 0.86× to 1.07× of itself from one contender to the next. With
 * `taskset` (Linux, two cores or more) the client runs on CPU 0 and the server on CPU 1;
 * elsewhere nothing is pinned, and the report says so.
 */
import { spawnSync } from 'node:child_process';
import { availableParallelism } from 'node:os';

/** Which CPU each side runs on, or `undefined` for each when nothing is pinned. */
export interface CpuPinning {
  client: number | undefined;
  server: number | undefined;
  /** For the report: how the processes were placed. */
  description: string;
}

/** The pinning this machine allows. */
export function detectCpuPinning(): CpuPinning {
  const cores = availableParallelism();
  const tasksetWorks =
    process.platform === 'linux' &&
    cores >= 2 &&
    spawnSync('taskset', ['-c', '0', process.execPath, '-e', ''], { stdio: 'ignore' }).status === 0;
  return tasksetWorks
    ? { client: 0, server: 1, description: 'client pinned to CPU 0, server to CPU 1 (taskset)' }
    : {
        client: undefined,
        server: undefined,
        description: `not pinned (${process.platform === 'linux' ? (cores < 2 ? 'one core' : 'no taskset') : process.platform})`,
      };
}

/** `command args` run on `cpu` (through `taskset -c`), or as it is when `cpu` is undefined. */
export function onCpu(
  cpu: number | undefined,
  command: string,
  args: readonly string[],
): { command: string; args: string[] } {
  return cpu === undefined
    ? { command, args: [...args] }
    : { command: 'taskset', args: ['-c', String(cpu), command, ...args] };
}
