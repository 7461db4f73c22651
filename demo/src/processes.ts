// Every child process the demo starts goes through here, so that the demo never leaves one
// behind: on success, on failure, on Ctrl-C or SIGTERM. Children run in their own process
// group (detached) and the whole group is signalled, because `next start` and friends start
// processes of their own.
import { type ChildProcessByStdio, spawn } from 'node:child_process';
import type { Readable } from 'node:stream';

/** How a child process ended. */
export interface ProcessExit {
  code: number | null;
  signal: NodeJS.Signals | null;
  /** Set when the process could not be started at all. */
  error?: Error;
}

/** A child process the demo started and tracks until it exits. */
export interface TrackedProcess {
  readonly child: ChildProcessByStdio<null, Readable, Readable>;
  /** The last 20,000 characters of its stdout and stderr, interleaved. */
  output: string;
  exited: boolean;
  /** Resolves when it has exited (never rejects). */
  readonly exit: Promise<ProcessExit>;
}

/** Where and with what environment a child process runs. */
export interface ProcessOptions {
  cwd?: string;
  env?: NodeJS.ProcessEnv;
}

const running = new Set<TrackedProcess>();

/**
 * Starts a child process and tracks it. Output is collected (never printed unless asked),
 * so a failure can show the tail of it.
 */
export function startProcess(
  command: string,
  args: string[],
  options: ProcessOptions = {},
): TrackedProcess {
  const child = spawn(command, args, {
    cwd: options.cwd,
    env: options.env ?? process.env,
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: process.platform !== 'win32',
  });
  const ended = (): void => {
    tracked.exited = true;
    running.delete(tracked);
  };
  const keep = (chunk: string): void => {
    tracked.output = (tracked.output + chunk).slice(-20_000);
  };
  // The listeners only run after `tracked` is assigned: a child reports nothing synchronously.
  const tracked: TrackedProcess = {
    child,
    output: '',
    exited: false,
    exit: new Promise((resolve) => {
      child.on('error', (error) => {
        keep(`\n${error.message}\n`);
        ended();
        resolve({ code: null, signal: null, error });
      });
      child.on('exit', (code, signal) => {
        ended();
        resolve({ code, signal });
      });
    }),
  };
  child.stdout.setEncoding('utf8').on('data', keep);
  child.stderr.setEncoding('utf8').on('data', keep);
  running.add(tracked);
  return tracked;
}

/** Runs a command to completion; resolves with its exit code and output. */
export async function runProcess(
  command: string,
  args: string[],
  options: ProcessOptions = {},
): Promise<ProcessExit & { output: string }> {
  const tracked = startProcess(command, args, options);
  const result = await tracked.exit;
  return { ...result, output: tracked.output };
}

/** Waits until the process prints something matching `pattern`; rejects if it exits first. */
export function waitForOutput(
  tracked: TrackedProcess,
  pattern: RegExp,
  timeoutMs: number,
): Promise<RegExpExecArray> {
  return new Promise((resolve, reject) => {
    const check = (): void => {
      const match = pattern.exec(tracked.output);
      if (match) {
        done();
        resolve(match);
      }
    };
    const timer = setTimeout(() => {
      done();
      reject(new Error(`timed out after ${timeoutMs / 1000} s waiting for ${pattern}`));
    }, timeoutMs);
    const onExit = (): void => {
      done();
      reject(new Error(`exited before printing ${pattern}`));
    };
    const done = (): void => {
      clearTimeout(timer);
      tracked.child.stdout.off('data', check);
      tracked.child.stderr.off('data', check);
      tracked.child.off('exit', onExit);
    };
    tracked.child.stdout.on('data', check);
    tracked.child.stderr.on('data', check);
    tracked.child.once('exit', onExit);
    check();
  });
}

function signalGroup(tracked: TrackedProcess, signal: NodeJS.Signals): void {
  if (tracked.exited) return;
  try {
    if (process.platform !== 'win32' && tracked.child.pid !== undefined) {
      process.kill(-tracked.child.pid, signal);
    } else tracked.child.kill(signal);
  } catch {
    // Already gone.
  }
}

/** Stops one process group: SIGTERM, then SIGKILL after `graceMs`. */
export async function stopProcess(tracked: TrackedProcess, graceMs = 5_000): Promise<void> {
  if (tracked.exited) return;
  signalGroup(tracked, 'SIGTERM');
  const timer = setTimeout(() => signalGroup(tracked, 'SIGKILL'), graceMs);
  await tracked.exit;
  clearTimeout(timer);
  // The leader may exit before its own children: make sure the group is gone.
  signalGroup(tracked, 'SIGKILL');
}

/** Stops every process still running. */
export async function stopAll(): Promise<void> {
  await Promise.all([...running].map((tracked) => stopProcess(tracked)));
}

/** Kills whatever is left synchronously: the last resort in an `exit` handler. */
export function killAllNow(): void {
  for (const tracked of running) signalGroup(tracked, 'SIGKILL');
}
