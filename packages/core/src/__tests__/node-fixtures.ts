// Fixtures that need Node (child processes); not for the edge-runtime project. (The other
// packages use @livedata/test-utils' runNode, which core cannot depend on: it depends on core.)
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/** Runs node with `args`, returning its exit code and output; kills it after `timeoutMs`. */
export function runNode(
  args: string[],
  env: Record<string, string>,
  timeoutMs: number,
): Promise<{ code: number | null; stdout: string; stderr: string; ms: number }> {
  return new Promise((resolve) => {
    const started = Date.now();
    execFile(
      process.execPath,
      args,
      {
        cwd: fileURLToPath(new URL('../..', import.meta.url)),
        env: { ...process.env, ...env },
        timeout: timeoutMs,
        killSignal: 'SIGKILL',
        maxBuffer: 256 * 1024 * 1024,
      },
      (error, stdout, stderr) => {
        // A non-zero exit puts its code on the error; a kill leaves none (as 'close' would).
        const code = error === null ? 0 : typeof error.code === 'number' ? error.code : null;
        resolve({ code, stdout, stderr, ms: Date.now() - started });
      },
    );
  });
}
