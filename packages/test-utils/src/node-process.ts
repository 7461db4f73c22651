import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { withoutLiveDataEnv } from './live-data-env.js';

/**
 * What a child starts from before `env` is added: `'clean'` (the default) is this process's
 * environment without any `LIVEDATA_*` variable, so nothing leaks in from a developer's
 * shell; `'minimal'` is `PATH` alone; `'inherit'` is this process's environment as is.
 */
export type BaseEnv = 'clean' | 'minimal' | 'inherit';

/** How to run a child Node process. */
export interface NodeProcessOptions {
  /** Variables added on top of `baseEnv`. */
  env?: Record<string, string>;
  /** Default `'clean'`. */
  baseEnv?: BaseEnv;
  cwd?: string;
  /** Kills the child (SIGKILL) after this long; default never. */
  timeoutMs?: number;
}

/** How a child Node process ended. */
export interface NodeRun {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  /** Wall time from spawn to close. */
  ms: number;
}

/** The environment a child gets from {@link NodeProcessOptions}. */
export function childEnv(
  env: Record<string, string> = {},
  baseEnv: BaseEnv = 'clean',
): Record<string, string> {
  if (baseEnv === 'minimal')
    return { ...(process.env.PATH ? { PATH: process.env.PATH } : {}), ...env };
  if (baseEnv === 'inherit') return { ...(process.env as Record<string, string>), ...env };
  return { ...withoutLiveDataEnv(), ...env };
}

function spawnNode(args: string[], options: NodeProcessOptions): ChildProcess {
  return spawn(process.execPath, args, {
    env: childEnv(options.env, options.baseEnv),
    stdio: ['ignore', 'pipe', 'pipe'],
    ...(options.cwd === undefined ? {} : { cwd: options.cwd }),
  });
}

/** Runs `node ...args` to completion (after its output is drained). */
export function runNode(args: string[], options: NodeProcessOptions = {}): Promise<NodeRun> {
  return new Promise((resolve, reject) => {
    const started = Date.now();
    const child = spawnNode(args, options);
    let stdout = '';
    let stderr = '';
    child.stdout?.setEncoding('utf8').on('data', (chunk: string) => {
      stdout += chunk;
    });
    child.stderr?.setEncoding('utf8').on('data', (chunk: string) => {
      stderr += chunk;
    });
    const killer =
      options.timeoutMs === undefined
        ? undefined
        : setTimeout(() => child.kill('SIGKILL'), options.timeoutMs);
    child.on('error', (error) => {
      clearTimeout(killer);
      reject(error);
    });
    child.on('close', (code, signal) => {
      clearTimeout(killer);
      resolve({ code, signal, stdout, stderr, ms: Date.now() - started });
    });
  });
}

/** A child Node process left running, with its output so far. */
export interface RunningNode {
  readonly child: ChildProcess;
  /** stdout and stderr interleaved, as received. */
  output(): string;
  /** Resolves with the first match of `pattern` in the output; rejects if the child exits first. */
  waitFor(pattern: RegExp, timeoutMs?: number): Promise<RegExpExecArray>;
  /** Resolves once the child has exited and its output is drained. */
  closed(): Promise<[number | null, NodeJS.Signals | null]>;
  /** Kills the child (default SIGKILL) unless it already exited, and waits for it. */
  stop(signal?: NodeJS.Signals): Promise<void>;
}

/** Starts `node ...args` and leaves it running; the caller stops it. */
export function startNode(args: string[], options: NodeProcessOptions = {}): RunningNode {
  const child = spawnNode(args, options);
  let output = '';
  const onData = (chunk: Buffer | string) => {
    output += chunk;
  };
  child.stdout?.on('data', onData);
  child.stderr?.on('data', onData);
  const closed = once(child, 'close') as Promise<[number | null, NodeJS.Signals | null]>;
  const exited = () => child.exitCode !== null || child.signalCode !== null;
  return {
    child,
    output: () => output,
    closed: () => closed,
    waitFor(pattern, timeoutMs = 15_000) {
      return new Promise((resolve, reject) => {
        const check = () => {
          const match = pattern.exec(output);
          if (match === null) return;
          done();
          resolve(match);
        };
        const onExit = (code: number | null) => {
          done();
          reject(new Error(`exited with ${code} before ${pattern}:\n${output}`));
        };
        const timer = setTimeout(() => {
          done();
          reject(new Error(`no ${pattern} within ${timeoutMs} ms:\n${output}`));
        }, timeoutMs);
        const done = () => {
          clearTimeout(timer);
          child.stdout?.off('data', check);
          child.stderr?.off('data', check);
          child.off('exit', onExit);
        };
        child.stdout?.on('data', check);
        child.stderr?.on('data', check);
        child.once('exit', onExit);
        check();
        if (exited()) onExit(child.exitCode);
      });
    },
    async stop(signal = 'SIGKILL') {
      if (exited()) return;
      child.kill(signal);
      await once(child, 'exit');
    },
  };
}
