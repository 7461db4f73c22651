/**
 * Spawns fleet workers (`fixtures/fleet-worker.mjs`, plain `node` processes running the
 * built packages) and collects what they report. Every worker is killed by `stopAll()`.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';

const WORKER = fileURLToPath(new URL('../fixtures/fleet-worker.mjs', import.meta.url));

export interface WorkerReport {
  event: 'ready' | 'token' | 'failed' | 'done';
  token?: string;
  error?: string;
  calls?: number;
  failures?: string[];
  tokens?: string[];
  /** When the worker first got each of `tokens` (ms epoch, same order). */
  firstSeenAt?: number[];
  warnings?: string[];
  infos?: string[];
  refreshes?: { at: number; source: 'identity' | 'store' }[];
}

export interface FleetWorker {
  readonly process: ChildProcess;
  /** Resolves when the worker is connected and waits for `go()`. */
  readonly ready: Promise<void>;
  /** Lets the worker start calling. */
  go(): void;
  /** Resolves with the worker's final report (`token`, `failed` or `done`) and exit. */
  readonly finished: Promise<WorkerReport>;
  /** Everything it wrote to stdout and stderr (for assertions that nothing leaks). */
  output(): string;
}

export class Fleet {
  readonly #workers: FleetWorker[] = [];
  readonly #cwd = fileURLToPath(new URL('../../..', import.meta.url));

  spawn(env: Record<string, string>): FleetWorker {
    const child = spawn(process.execPath, [WORKER], {
      cwd: this.#cwd,
      env: { ...process.env, ...env },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let out = '';
    let pending = '';
    const reports: WorkerReport[] = [];
    let readyResolve: () => void = () => {};
    const ready = new Promise<void>((resolve) => {
      readyResolve = resolve;
    });
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      pending += chunk.toString();
      let newline = pending.indexOf('\n');
      while (newline >= 0) {
        const line = pending.slice(0, newline);
        pending = pending.slice(newline + 1);
        newline = pending.indexOf('\n');
        if (!line.startsWith('{')) continue;
        const report = JSON.parse(line) as WorkerReport;
        reports.push(report);
        if (report.event === 'ready') readyResolve();
      }
    });
    child.stderr.on('data', (chunk: Buffer) => {
      out += chunk.toString();
    });
    const exited = once(child, 'exit');
    const finished = exited.then(([code, signal]) => {
      const last = reports.findLast((r) => r.event !== 'ready');
      if (!last) {
        throw new Error(`worker ${child.pid} exited (${code ?? signal}) without a report:\n${out}`);
      }
      return last;
    });
    finished.catch(() => {});
    const worker: FleetWorker = {
      process: child,
      ready: Promise.race([
        ready,
        exited.then(() => {
          throw new Error(`worker exited before it was ready:\n${out}`);
        }),
      ]),
      go: () => child.stdin.write('go\n'),
      finished,
      output: () => out,
    };
    this.#workers.push(worker);
    return worker;
  }

  /** Kills every worker still running and waits for them to exit. */
  async stopAll(): Promise<void> {
    await Promise.all(
      this.#workers.map(async (w) => {
        const p = w.process;
        if (p.exitCode !== null || p.signalCode !== null) return;
        const exited = once(p, 'exit');
        p.kill('SIGKILL');
        await exited;
      }),
    );
    this.#workers.length = 0;
  }
}
