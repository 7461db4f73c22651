import { parseArgs } from 'node:util';
import { runFind } from './commands/find.js';
import { runSearch } from './commands/search.js';
import { createExampleContext, type ExampleContext, UsageError } from './config.js';
import { describeError, formatResult } from './format.js';
import type { PeopleResult } from './people.js';

/** Where {@link runCli} writes; defaults to the process's streams. */
export interface CliIo {
  env?: Record<string, string | undefined>;
  stdout?: (text: string) => void;
  stderr?: (text: string) => void;
}

/** Exit codes of the CLI. */
export const EXIT = { ok: 0, failed: 1, usage: 2 } as const;

/** The help text `--help` prints. */
export const USAGE = `Usage: livedata-axios-example <command> [options]

Commands:
  find --email <address> [--size n]     look up people by work email
  search --company <name> [--size n]    people who work at a company (default 10)

Options:
  --org <o_xxxxxxxx>   organization to query (default LIVEDATA_ORG_ID, or the mock's demo org)
  --help               show this help

With LIVEDATA_CLIENT_ID + LIVEDATA_CLIENT_SECRET, LIVEDATA_USERNAME + LIVEDATA_PASSWORD or
LIVEDATA_API_KEY set (plus LIVEDATA_ORG_ID, optional LIVEDATA_BASE_URL) it calls that API;
otherwise it starts the bundled mock server and uses its demo credentials.`;

function parseSize(raw: string | undefined): number | undefined {
  if (raw === undefined) return undefined;
  const size = Number(raw);
  if (!Number.isInteger(size) || size < 1 || size > 100) {
    throw new UsageError(
      `--size must be a whole number from 1 to 100 (got ${JSON.stringify(raw)}).`,
    );
  }
  return size;
}

type Command = (context: ExampleContext) => Promise<PeopleResult>;

function commandFrom(argv: readonly string[]): {
  command: Command | 'help';
  org: string | undefined;
} {
  const { values, positionals } = parseArgs({
    args: [...argv],
    allowPositionals: true,
    options: {
      email: { type: 'string' },
      company: { type: 'string' },
      size: { type: 'string' },
      org: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  const [name, ...extra] = positionals;
  if (values.help || name === 'help' || name === undefined)
    return { command: 'help', org: values.org };
  if (extra.length > 0) throw new UsageError(`Unexpected argument ${JSON.stringify(extra[0])}.`);
  const size = parseSize(values.size);
  if (name === 'find') {
    const email = values.email;
    if (!email) throw new UsageError('find needs --email <address>.');
    return {
      command: (ctx) => runFind(ctx.api, { orgId: ctx.orgId, email, size }),
      org: values.org,
    };
  }
  if (name === 'search') {
    const company = values.company;
    if (!company) throw new UsageError('search needs --company <name>.');
    return {
      command: (ctx) => runSearch(ctx.api, { orgId: ctx.orgId, company, size }),
      org: values.org,
    };
  }
  throw new UsageError(`Unknown command ${JSON.stringify(name)}: use find or search.`);
}

/**
 * Runs the CLI with `argv` (without `node` and the script) and resolves to its exit code:
 * 0 success, 1 the API or sign-in failed, 2 wrong usage or configuration. Starts (and
 * stops) the mock server when no `LIVEDATA_*` credentials are set.
 */
export async function runCli(argv: readonly string[], io: CliIo = {}): Promise<number> {
  const env = io.env ?? process.env;
  const out = io.stdout ?? ((text: string) => process.stdout.write(`${text}\n`));
  const err = io.stderr ?? ((text: string) => process.stderr.write(`${text}\n`));

  let parsed: ReturnType<typeof commandFrom>;
  try {
    parsed = commandFrom(argv);
  } catch (error) {
    err(`Error: ${error instanceof Error ? error.message : String(error)}\n\n${USAGE}`);
    return EXIT.usage;
  }
  if (parsed.command === 'help') {
    out(USAGE);
    return EXIT.ok;
  }

  const { command, org } = parsed;
  return runCommand(command, org, env, out, err);
}

async function runCommand(
  command: Command,
  org: string | undefined,
  env: Record<string, string | undefined>,
  out: (text: string) => void,
  err: (text: string) => void,
): Promise<number> {
  let context: ExampleContext;
  try {
    context = await createExampleContext(env, { orgId: org });
  } catch (error) {
    err(`Error: ${describeError(error, org ?? '')}`);
    return EXIT.usage;
  }
  try {
    if (context.source === 'mock') {
      err(
        `No LIVEDATA_* credentials set: using the bundled mock server at ${context.baseUrl} with its demo credentials.`,
      );
    }
    const result = await command(context);
    out(formatResult(result));
    return EXIT.ok;
  } catch (error) {
    err(`Error: ${describeError(error, context.orgId)}`);
    return EXIT.failed;
  } finally {
    await context.close();
  }
}
