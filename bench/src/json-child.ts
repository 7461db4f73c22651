/**
 * Runs a bench script in a fresh Node process (with `--expose-gc`, on `cpu` when given) and
 * returns the JSON it prints on its last stdout line. Scenarios whose figures depend on the
 * process's state (JIT, heap, open sockets) run this way, so that what ran before them
 * cannot move their numbers.
 */
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { onCpu } from './cpu-pinning.js';

/** Runs `dist/<script>` with `args` and parses its last stdout line. */
export function runJsonChild<T>(
  script: string,
  args: readonly string[],
  options: { cpu?: number; nodeFlags?: readonly string[] } = {},
): Promise<T> {
  const { command, args: argv } = onCpu(options.cpu, process.execPath, [
    '--expose-gc',
    ...(options.nodeFlags ?? []),
    join(import.meta.dirname, script),
    ...args,
  ]);
  return new Promise((resolve, reject) => {
    execFile(command, argv, { maxBuffer: 16 * 1024 * 1024 }, (error, stdout, stderr) => {
      if (error) {
        reject(new Error(`${script} failed: ${stderr || error.message}`));
        return;
      }
      try {
        resolve(JSON.parse(stdout.trim().split('\n').pop() ?? 'null') as T);
      } catch {
        reject(new Error(`${script} printed no JSON result: ${stdout.slice(-500)}`));
      }
    });
  });
}
