/**
 * A minimal `node:http` server on loopback, in a child process: against it the client is
 * the bottleneck (the mock server serves a few thousand requests a second and hides a
 * client cost of microseconds), and `process.cpuUsage()` in the benchmark is the client's.
 */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { onCpu } from './cpu-pinning.js';

const processPath = fileURLToPath(new URL('./light-server-process.js', import.meta.url));

/** A running light server: `url` is a drop-in `baseUrl` (`http://127.0.0.1:PORT/api`). */
export interface LightServer {
  url: string;
  close(): Promise<void>;
}

/**
 * Starts the light server (on `cpu` when given, see `cpu-pinning.ts`) and waits for its
 * port. It keeps an IPC channel to this process, and exits when this process does.
 */
export async function startLightServer(options: { cpu?: number } = {}): Promise<LightServer> {
  const { command, args } = onCpu(options.cpu, process.execPath, [processPath]);
  const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'inherit', 'ipc'] });
  let output = '';
  const port = await new Promise<number>((resolve, reject) => {
    child.once('exit', (code) =>
      reject(new Error(`light server exited (${code}) before listening`)),
    );
    child.stdout?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const line = output.split('\n')[0] ?? '';
      if (output.includes('\n')) resolve(Number(line));
    });
  });
  return {
    url: `http://127.0.0.1:${port}/api`,
    async close() {
      if (child.exitCode !== null) return;
      const exited = once(child, 'exit');
      child.kill();
      await exited;
    },
  };
}
