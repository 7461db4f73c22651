/**
 * `@livedata/cli`: the `livedata` command. Its programmatic entry runs the same commands
 * as the binary, with injectable output and environment (useful in tests and scripts).
 *
 * @packageDocumentation
 */
export type { CliIo, TextSink } from './output.js';
export { ExitCode } from './output.js';
export { runCli } from './run-cli.js';
