import type { CliIo, ExitCode } from './output.js';

/** One `livedata` sub-command. */
export interface Command {
  /** The word typed after `livedata`. */
  readonly name: string;
  /** Other words that run the same command (e.g. `whoami` for `check`). */
  readonly aliases?: readonly string[];
  /** One line for the command list. */
  readonly summary: string;
  /** The full `--help` text. */
  readonly help: string;
  /** Runs the command with the arguments after its name; resolves to the exit code. */
  run(args: string[], io: CliIo): Promise<ExitCode>;
}

/** A command-line mistake: printed with the command's usage, exit code 2. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}
