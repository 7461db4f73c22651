import { readFileSync } from 'node:fs';
import { type Command, UsageError } from './command.js';
import { checkCommand } from './commands/check.js';
import { mockCommand } from './commands/mock.js';
import { tokenCommand } from './commands/token.js';
import { type CliIo, ExitCode, Printer } from './output.js';

const commands: readonly Command[] = [tokenCommand, checkCommand, mockCommand];

function findCommand(word: string): Command | undefined {
  return commands.find((c) => c.name === word || c.aliases?.includes(word));
}

function overview(): string {
  const rows = commands.map((c) => {
    const names = [c.name, ...(c.aliases ?? [])].join(', ');
    return `  ${names.padEnd(16)}${c.summary}`;
  });
  return `Usage: livedata <command> [options]

Commands:
${rows.join('\n')}

Run \`livedata <command> --help\` for a command's options.
Credentials come from LIVEDATA_CLIENT_ID + LIVEDATA_CLIENT_SECRET, LIVEDATA_USERNAME +
LIVEDATA_PASSWORD, or LIVEDATA_API_KEY; LIVEDATA_BASE_URL picks the API (default
https://gotlivedata.io/api).

Exit codes: 0 ok, 1 refused by or could not reach the API, 2 wrong usage or configuration.`;
}

function version(): string {
  // The CommonJS build (dist/cjs/) is compiled with `module: commonjs`, where tsc rejects
  // this meta-property; scripts/finish-cjs-build.mjs rewrites it there to the file's URL.
  // biome-ignore lint/suspicious/noTsIgnore: an expect-error would fail the ESM build.
  // @ts-ignore TS1343 in the CommonJS build only
  const here: string = import.meta.url;
  // dist/run-cli.js and dist/cjs/run-cli.js are at different depths below the package root.
  const root = here.includes('/dist/cjs/') ? '../../' : '../';
  const pkg = JSON.parse(readFileSync(new URL(`${root}package.json`, here), 'utf8')) as {
    version: string;
  };
  return pkg.version;
}

/**
 * Runs the `livedata` command line: `argv` is what follows `livedata` (e.g.
 * `['check', '--org', 'o_3daf8872']`). Never throws and never calls `process.exit`;
 * resolves to the {@link ExitCode} to exit with.
 *
 * @param argv - the arguments after the program name
 * @param io - where to write and which environment to read; defaults to the process's own
 */
export async function runCli(argv: readonly string[], io: Partial<CliIo> = {}): Promise<ExitCode> {
  const resolved: CliIo = {
    stdout: io.stdout ?? process.stdout,
    stderr: io.stderr ?? process.stderr,
    env: io.env ?? process.env,
    ...(io.signal ? { signal: io.signal } : {}),
  };
  const err = new Printer(resolved.stderr, resolved.env);
  const [word, ...rest] = argv;

  if (word === undefined || word === '--help' || word === '-h' || word === 'help') {
    const topic = word === 'help' && rest[0] ? findCommand(rest[0]) : undefined;
    resolved.stdout.write(`${topic ? topic.help : overview()}\n`);
    return word === undefined ? ExitCode.usage : ExitCode.ok;
  }
  if (word === '--version' || word === '-v') {
    resolved.stdout.write(`${version()}\n`);
    return ExitCode.ok;
  }

  const command = findCommand(word);
  if (!command) {
    err.fail(`Unknown command "${word}".`);
    err.line(overview());
    return ExitCode.usage;
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    resolved.stdout.write(`${command.help}\n`);
    return ExitCode.ok;
  }
  try {
    return await command.run([...rest], resolved);
  } catch (error) {
    if (error instanceof UsageError || isParseArgsError(error)) {
      err.fail((error as Error).message);
      err.line(command.help);
      return ExitCode.usage;
    }
    err.fail(`Unexpected error: ${error instanceof Error ? error.message : String(error)}`);
    return ExitCode.failure;
  }
}

function isParseArgsError(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && code.startsWith('ERR_PARSE_ARGS_');
}
