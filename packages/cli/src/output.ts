/**
 * How the `livedata` command talks to people: results on stdout, diagnostics on stderr,
 * colour only on a terminal that wants it. Commands never write to `process.stdout`
 * directly, so tests and programmatic callers can capture everything.
 */

/** Somewhere text can be written, such as `process.stdout`. */
export interface TextSink {
  /** Writes `text` as is; lines already end in `\n`. The return value is ignored. */
  write(text: string): unknown;
  /** `true` on a terminal; colour is used only then. */
  isTTY?: boolean;
}

/** What a command needs from its surroundings. */
export interface CliIo {
  /** Results only: `livedata token` writes the token here and nothing else. */
  stdout: TextSink;
  /** Progress, explanations and errors. */
  stderr: TextSink;
  /** Where `LIVEDATA_*` variables are read from. */
  env: Record<string, string | undefined>;
  /** Aborted when the user asks the command to stop (Ctrl-C, SIGTERM). */
  signal?: AbortSignal;
}

/**
 * Exit codes of the `livedata` command.
 * - `ok` (0): the command did what was asked.
 * - `failure` (1): the credentials or the API said no, or the API could not be reached.
 * - `usage` (2): the command line or the `LIVEDATA_*` configuration is wrong.
 */
export const ExitCode = {
  /** `0`: the command did what was asked. */
  ok: 0,
  /** `1`: the credentials or the API said no, or the API could not be reached. */
  failure: 1,
  /** `2`: the command line or the `LIVEDATA_*` configuration is wrong. */
  usage: 2,
} as const;

/** One of the values of {@link ExitCode}. */
export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode];

/** Writes labelled, optionally coloured lines to one sink. */
export class Printer {
  readonly #sink: TextSink;
  readonly #colour: boolean;

  constructor(sink: TextSink, env: Record<string, string | undefined>) {
    this.#sink = sink;
    this.#colour = sink.isTTY === true && !env.NO_COLOR && env.TERM !== 'dumb';
  }

  /** Writes `text` followed by a newline. */
  line(text = ''): void {
    this.#sink.write(`${text}\n`);
  }

  /** A `label   value` row, labels padded to one column. */
  row(label: string, value: string): void {
    this.line(`  ${this.dim(label.padEnd(14))}${value}`);
  }

  /** A success line. */
  ok(text: string): void {
    this.line(`${this.#paint('32', '✓')} ${text}`);
  }

  /** A failure line. */
  fail(text: string): void {
    this.line(`${this.#paint('31', '✗')} ${text}`);
  }

  /** An indented hint saying what to do next. */
  hint(text: string): void {
    for (const part of text.split('\n')) this.line(`  ${part}`);
  }

  /** Dimmed text (on a colour terminal). */
  dim(text: string): string {
    return this.#paint('2', text);
  }

  /** Bold text (on a colour terminal). */
  bold(text: string): string {
    return this.#paint('1', text);
  }

  #paint(code: string, text: string): string {
    return this.#colour ? `\u001b[${code}m${text}\u001b[0m` : text;
  }
}

/** Formats a duration in ms the way people say it: `15 min`, `1 h 0 min`, `20 s`. */
export function formatDuration(ms: number): string {
  const seconds = Math.round(ms / 1000);
  if (seconds < 120) return `${seconds} s`;
  const minutes = Math.round(seconds / 60);
  if (minutes < 120) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  return `${hours} h ${minutes % 60} min`;
}
