// Every child process the demo starts goes through here, so that the demo never leaves one
// behind: on success, on failure, on Ctrl-C or SIGTERM. Children run in their own process
// group (detached) and the whole group is signalled, because `next start` and friends start
// processes of their own.
import { spawn } from 'node:child_process';

const running = new Set();

/**
 * Starts a child process and tracks it. Output is collected (never printed unless asked),
 * so a failure can show the tail of it.
 */
export function startProcess(command, args, options = {}) {
  const child = spawn(command, args, {
    cwd: options.cwd,
    env: options.env ?? process.env,
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: process.platform !== 'win32',
  });
  const tracked = { child, output: '', exited: false };
  const keep = (chunk) => {
    tracked.output = (tracked.output + chunk).slice(-20_000);
  };
  child.stdout.setEncoding('utf8').on('data', keep);
  child.stderr.setEncoding('utf8').on('data', keep);
  tracked.exit = new Promise((resolve) => {
    child.on('error', (error) => {
      keep(`\n${error.message}\n`);
      tracked.exited = true;
      running.delete(tracked);
      resolve({ code: null, signal: null, error });
    });
    child.on('exit', (code, signal) => {
      tracked.exited = true;
      running.delete(tracked);
      resolve({ code, signal });
    });
  });
  running.add(tracked);
  return tracked;
}

/** Runs a command to completion; resolves with its exit code and output. */
export async function runProcess(command, args, options = {}) {
  const tracked = startProcess(command, args, options);
  const result = await tracked.exit;
  return { ...result, output: tracked.output };
}

/** Waits until the process prints something matching `pattern`; rejects if it exits first. */
export function waitForOutput(tracked, pattern, timeoutMs) {
  return new Promise((resolve, reject) => {
    const check = () => {
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
    const onExit = () => {
      done();
      reject(new Error(`exited before printing ${pattern}`));
    };
    const done = () => {
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

function signalGroup(tracked, signal) {
  if (tracked.exited) return;
  try {
    if (process.platform !== 'win32') process.kill(-tracked.child.pid, signal);
    else tracked.child.kill(signal);
  } catch {
    // Already gone.
  }
}

/** Stops one process group: SIGTERM, then SIGKILL after `graceMs`. */
export async function stopProcess(tracked, graceMs = 5_000) {
  if (tracked.exited) return;
  signalGroup(tracked, 'SIGTERM');
  const timer = setTimeout(() => signalGroup(tracked, 'SIGKILL'), graceMs);
  await tracked.exit;
  clearTimeout(timer);
  // The leader may exit before its own children: make sure the group is gone.
  signalGroup(tracked, 'SIGKILL');
}

/** Stops every process still running. */
export async function stopAll() {
  await Promise.all([...running].map((tracked) => stopProcess(tracked)));
}

/** Kills whatever is left synchronously: the last resort in an `exit` handler. */
export function killAllNow() {
  for (const tracked of running) signalGroup(tracked, 'SIGKILL');
}
