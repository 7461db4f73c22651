import { parseArgs } from 'node:util';
import {
  cliTokenTtlProblem,
  MIN_CLI_TOKEN_TTL_SECONDS,
  mockServerBanner,
  startMockServer,
} from '@livedata/mock-server';
import { type Command, UsageError } from '../command.js';
import { ExitCode, Printer } from '../output.js';

const help = `Usage: livedata mock [--port N] [--token-ttl SECONDS]

Starts the local Live Data mock API (@livedata/mock-server) on 127.0.0.1 and prints its
URL and the seeded demo credentials, ready to paste into a shell. It runs until you press
Ctrl-C (or it receives SIGTERM).

Options:
  --port N             port to listen on (default 4010; 0 picks a free port)
  --token-ttl SECONDS  lifetime of the session tokens it issues (default 900, at least ${MIN_CLI_TOKEN_TTL_SECONDS})
  -h, --help           show this help

Exit codes: 0 stopped normally, 1 could not start (e.g. port in use), 2 wrong usage.`;

function parseNonNegativeInt(name: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0)
    throw new UsageError(`${name} must be a whole number ≥ 0, got "${value}".`);
  return n;
}

/** The same default as `livedata-mock`, so URLs in docs and `.env` files stay valid. */
const DEFAULT_PORT = 4010;

/** `livedata mock`: run the mock API in the foreground. */
export const mockCommand: Command = {
  name: 'mock',
  summary: 'start the local mock Live Data API (no account needed)',
  help,
  async run(args, io) {
    const { values } = parseArgs({
      args,
      options: { port: { type: 'string' }, 'token-ttl': { type: 'string' } },
      strict: true,
      allowPositionals: false,
    });
    const port = parseNonNegativeInt('--port', values.port) ?? DEFAULT_PORT;
    const tokenTtlSeconds = parseNonNegativeInt('--token-ttl', values['token-ttl']);
    if (port > 65_535) throw new UsageError(`--port must be at most 65535, got ${port}.`);
    const ttlProblem =
      tokenTtlSeconds === undefined ? undefined : cliTokenTtlProblem(tokenTtlSeconds);
    if (ttlProblem) throw new UsageError(ttlProblem);
    const err = new Printer(io.stderr, io.env);

    let server: Awaited<ReturnType<typeof startMockServer>>;
    try {
      server = await startMockServer({
        port,
        ...(tokenTtlSeconds !== undefined ? { tokenTtlSeconds } : {}),
      });
    } catch (error) {
      err.fail(
        `Could not start the mock server: ${error instanceof Error ? error.message : String(error)}`,
      );
      if ((error as { code?: string }).code === 'EADDRINUSE')
        err.hint('Pick another --port, or omit it for a free one.');
      return ExitCode.failure;
    }

    // The same banner as `livedata-mock`: one place decides what the mock prints.
    io.stdout.write(
      `${mockServerBanner(server)}Session tokens live ${tokenTtlSeconds ?? 900} s. Press Ctrl-C to stop.\n`,
    );
    await new Promise<void>((resolve) => {
      if (!io.signal || io.signal.aborted) {
        if (io.signal?.aborted) resolve();
        return; // No signal: run until the process is killed.
      }
      io.signal.addEventListener('abort', () => resolve(), { once: true });
    });
    await server.close();
    err.line('Mock server stopped.');
    return ExitCode.ok;
  },
};
