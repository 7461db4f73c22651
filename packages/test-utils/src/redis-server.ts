/**
 * A throwaway `redis-server` on 127.0.0.1 for the Redis tests and the benchmarks: a free
 * port, no persistence, stopped by the caller. `stop()` + `start()` restart it on the same
 * port (an empty Redis, as after a crash without persistence).
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { Socket } from 'node:net';
import { freePort } from './free-port.js';

/** The error message when `redis-server` is not installed. */
export const REDIS_SERVER_MISSING =
  '`redis-server` was not found on PATH. The Redis tests need a real Redis: install it with `apt-get install -y redis-server` (Debian/Ubuntu) or `brew install redis` (macOS), then run `npm run test:redis` again.';

/** A running (or stopped) throwaway redis-server. */
export interface RedisServerHandle {
  readonly port: number;
  /** `redis://127.0.0.1:PORT` */
  readonly url: string;
  /** Whether the server process is running. */
  readonly running: boolean;
  /** Starts the server (again) on the same port and waits until it answers PING. */
  start(): Promise<void>;
  /** Stops the server (SIGTERM, then SIGKILL after 5 s) and waits for it to exit. Idempotent. */
  stop(): Promise<void>;
}

/** How to start a {@link startRedisServer}. */
export interface RedisServerOptions {
  /** Default a free one. */
  port?: number;
  /** More `redis-server` arguments (`--cluster-enabled yes`…). */
  args?: string[];
}

/** Starts a `redis-server` and resolves once it answers PING. */
export async function startRedisServer(
  options: RedisServerOptions = {},
): Promise<RedisServerHandle> {
  const port = options.port ?? (await freePort());
  const extraArgs = options.args ?? [];
  let child: ChildProcess | undefined;
  let output = '';

  const handle: RedisServerHandle = {
    port,
    url: `redis://127.0.0.1:${port}`,
    get running() {
      return child !== undefined && child.exitCode === null && child.signalCode === null;
    },
    async start() {
      if (handle.running) return;
      output = '';
      const proc = spawn(
        'redis-server',
        [
          '--port',
          String(port),
          '--bind',
          '127.0.0.1',
          '--save',
          '',
          '--appendonly',
          'no',
          ...extraArgs,
        ],
        { stdio: ['ignore', 'pipe', 'pipe'] },
      );
      child = proc;
      proc.stdout?.on('data', (chunk: Buffer) => {
        output = (output + chunk.toString()).slice(-4000);
      });
      proc.stderr?.on('data', (chunk: Buffer) => {
        output = (output + chunk.toString()).slice(-4000);
      });
      const spawned = await Promise.race([
        once(proc, 'spawn').then(() => undefined),
        once(proc, 'error').then(([error]) => error as NodeJS.ErrnoException),
      ]);
      if (spawned !== undefined) {
        child = undefined;
        throw spawned.code === 'ENOENT' ? new Error(REDIS_SERVER_MISSING) : spawned;
      }
      const deadline = Date.now() + 10_000;
      while (!(await ping(port))) {
        if (!handle.running) throw new Error(`redis-server exited at start:\n${output}`);
        if (Date.now() > deadline) {
          await handle.stop();
          throw new Error(`redis-server did not answer PING within 10 s:\n${output}`);
        }
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    },
    async stop() {
      const proc = child;
      child = undefined;
      if (proc === undefined || proc.exitCode !== null || proc.signalCode !== null) return;
      const exited = once(proc, 'exit');
      proc.kill('SIGTERM');
      const timer = setTimeout(() => proc.kill('SIGKILL'), 5_000);
      await exited;
      clearTimeout(timer);
    },
  };
  await handle.start();
  return handle;
}

/** One raw RESP PING; true when the server answers +PONG. */
function ping(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = new Socket();
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(1_000, () => done(false));
    socket.once('error', () => done(false));
    socket.once('data', (data) => done(data.toString().startsWith('+PONG')));
    socket.connect(port, '127.0.0.1', () => socket.write('PING\r\n'));
  });
}
