#!/usr/bin/env node
import { parseArgs } from 'node:util';
import { mockServerBanner } from './banner.js';
import { cliTokenTtlProblem, MIN_CLI_TOKEN_TTL_SECONDS } from './cli-token-ttl.js';
import { startMockServer } from './server.js';

const usage = `Usage: livedata-mock [options]

Starts a local Live Data API with seeded demo credentials.

Options:
  --port <n>         port to listen on (default 4010; 0 picks a free port)
  --host <host>      host to bind (default 127.0.0.1)
  --token-ttl <s>    lifetime of issued session tokens in seconds (default 900, at least ${MIN_CLI_TOKEN_TTL_SECONDS})
  --seed <n>         seed of the generated people dataset (default 1)
  -h, --help         show this help
`;

function fail(message: string): never {
  process.stderr.write(`livedata-mock: ${message}\n\n${usage}`);
  process.exit(2);
}

function integer(name: string, value: string | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  const parsed = Number(value);
  if (value.trim() === '' || !Number.isFinite(parsed) || parsed < 0) {
    fail(`--${name} must be a non-negative number, got "${value}"`);
  }
  return parsed;
}

async function main(): Promise<void> {
  let values: Record<string, string | boolean | undefined>;
  try {
    values = parseArgs({
      options: {
        port: { type: 'string' },
        host: { type: 'string' },
        'token-ttl': { type: 'string' },
        seed: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
      strict: true,
      allowPositionals: false,
    }).values;
  } catch (error) {
    fail(error instanceof Error ? error.message : String(error));
  }
  if (values.help) {
    process.stdout.write(usage);
    return;
  }
  const str = (key: string) => (typeof values[key] === 'string' ? values[key] : undefined);
  const tokenTtlSeconds = integer('token-ttl', str('token-ttl'), 900);
  const ttlProblem = cliTokenTtlProblem(tokenTtlSeconds);
  if (ttlProblem) fail(ttlProblem);
  const server = await startMockServer({
    port: integer('port', str('port'), 4010),
    host: str('host') ?? '127.0.0.1',
    tokenTtlSeconds,
    seed: integer('seed', str('seed'), 1),
  });
  process.stdout.write(`${mockServerBanner(server)}Press Ctrl+C to stop.\n`);

  const stop = () => {
    server.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((error: unknown) => {
  const message = error instanceof Error ? error.message : String(error);
  process.stderr.write(`livedata-mock: could not start: ${message}\n`);
  process.exit(1);
});
