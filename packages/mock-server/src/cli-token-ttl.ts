/**
 * The shortest `--token-ttl` the command-line mocks (`livedata-mock`, `livedata mock`)
 * accept. A client measures a token's lifetime from the response's `Date` header, which has
 * whole seconds, so it counts up to a second less than the token really has; and
 * `@livedata/core` refuses a token that lives under one second. A 1 s token is therefore
 * refused every time, a 2 s token when the second turns between issuing it and answering;
 * from 3 s on, never.
 */
export const MIN_CLI_TOKEN_TTL_SECONDS = 3;

/**
 * What is wrong with `seconds` as a `--token-ttl` (a sentence naming the fix), or
 * `undefined` when it is fine.
 */
export function cliTokenTtlProblem(seconds: number): string | undefined {
  if (Number.isFinite(seconds) && seconds >= MIN_CLI_TOKEN_TTL_SECONDS) return undefined;
  return `--token-ttl must be at least ${MIN_CLI_TOKEN_TTL_SECONDS} seconds, got ${seconds}: clients measure a token's lifetime from the whole-second Date header and refuse one that lives under 1 s.`;
}
