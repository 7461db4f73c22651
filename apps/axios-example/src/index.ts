/**
 * The Axios example as a library: the same commands the CLI runs, for the demo and for
 * anyone who wants to call them from code.
 *
 * @packageDocumentation
 */
export { type FindOptions, runFind } from './commands/find.js';
export { runSearch, type SearchOptions } from './commands/search.js';
export {
  createExampleContext,
  type ExampleContext,
  hasCredentialsInEnv,
  UsageError,
} from './config.js';
export { describeError, formatCredits, formatPeople, formatResult } from './format.js';
export type { Company, Credits, Job, PeopleResult, Person } from './people.js';
export { type CliIo, EXIT, runCli, USAGE } from './run-cli.js';
