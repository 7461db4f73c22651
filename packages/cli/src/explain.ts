import { classifyLiveDataFailure, LiveDataApiError, LiveDataAuthError } from '@livedata/core';
import { ExitCode, type Printer } from './output.js';

/** Variables that make up each credential kind, in the order people usually set them. */
export const credentialVariables = [
  'service account: LIVEDATA_CLIENT_ID + LIVEDATA_CLIENT_SECRET',
  'user session:    LIVEDATA_USERNAME + LIVEDATA_PASSWORD',
  'API key:         LIVEDATA_API_KEY',
  'optional:        LIVEDATA_BASE_URL (default https://gotlivedata.io/api), LIVEDATA_ORG_ID',
] as const;

/** The words people use for each credential kind. */
export function describeKind(kind: string): string {
  switch (kind) {
    case 'clientCredentials':
      return 'service account (OAuth2 client credentials)';
    case 'password':
      return 'user session (username and password)';
    case 'apiKey':
      return 'API key';
    default:
      return kind;
  }
}

function variablesOf(kind: string | undefined): string {
  switch (kind) {
    case 'clientCredentials':
      return 'LIVEDATA_CLIENT_ID and LIVEDATA_CLIENT_SECRET';
    case 'password':
      return 'LIVEDATA_USERNAME and LIVEDATA_PASSWORD';
    case 'apiKey':
      return 'LIVEDATA_API_KEY';
    default:
      return 'the LIVEDATA_* credential variables';
  }
}

/** Core's advice for a failure (one table for every tool), as a sentence. */
function adviceFor(error: LiveDataAuthError | LiveDataApiError): string {
  const advice = classifyLiveDataFailure(error)?.advice ?? 'retry later';
  return `${advice.charAt(0).toUpperCase()}${advice.slice(1)}.`;
}

/** What the explanation of a failure needs to know about the attempt. */
export interface FailureContext {
  baseUrl?: string;
  kind?: string;
  orgId?: string;
}

/**
 * Prints what went wrong and what to do about it, and returns the exit code:
 * configuration problems are {@link ExitCode.usage}, everything else {@link ExitCode.failure}.
 * Error messages from `@livedata/core` never contain a secret or a token, so they are
 * safe to print as they are.
 */
export function explainFailure(error: unknown, out: Printer, context: FailureContext): ExitCode {
  const where = context.baseUrl ?? 'the Live Data API';
  if (error instanceof LiveDataAuthError) {
    switch (error.code) {
      case 'config':
        out.fail(`Configuration: ${error.message}`);
        out.hint(
          `Set exactly one credential kind:\n${credentialVariables.map((v) => `  ${v}`).join('\n')}`,
        );
        return ExitCode.usage;
      case 'invalid_credentials':
        out.fail(
          `The identity endpoint at ${where} refused these credentials${error.status ? ` (HTTP ${error.status})` : ''}.`,
        );
        out.hint(
          `Check ${variablesOf(context.kind)}: copy them again, without quotes or spaces.\n` +
            'Credentials belong to one environment: staging ones do not work on production.\n' +
            'Check LIVEDATA_BASE_URL too.',
        );
        return ExitCode.failure;
      case 'rate_limited':
        out.fail(`The identity endpoint at ${where} is rate limiting this client (HTTP 429).`);
        out.hint(
          'Wait a minute and try again. If many processes start at once, let them share one\n' +
            'token (see docs/fleets-with-redis.md).',
        );
        return ExitCode.failure;
      case 'unavailable':
      case 'timeout':
        out.fail(
          `Could not reach the identity endpoint at ${where}${error.code === 'timeout' ? ': it did not answer in time' : ''}.`,
        );
        out.hint(
          `${error.message}\n` +
            'Check LIVEDATA_BASE_URL (default https://gotlivedata.io/api), your network and proxy.\n' +
            'Using the local mock? Start it with `livedata mock` and use the URL it prints.',
        );
        return ExitCode.failure;
      case 'invalid_response':
        out.fail(
          `${where} answered, but not like the Live Data identity endpoint: ${error.message}`,
        );
        out.hint('Check LIVEDATA_BASE_URL: it is the API root and usually ends in /api.');
        return ExitCode.failure;
      case 'aborted':
        out.fail('Stopped before the identity endpoint answered.');
        return ExitCode.failure;
      default:
        out.fail(`Could not obtain a token (${error.code}): ${error.message}`);
        out.hint(adviceFor(error));
        return ExitCode.failure;
    }
  }
  if (error instanceof LiveDataApiError) {
    const org = context.orgId ?? 'the organization';
    switch (error.code) {
      case 'forbidden':
        out.fail(`This ${describeKind(context.kind ?? '')} has no role on ${org} (HTTP 403).`);
        out.hint(
          `Ask an admin of ${org} to grant it a role (viewer is enough to read people data),\n` +
            'or check LIVEDATA_ORG_ID. Customer-specific endpoints (ledgers) also refuse API keys.',
        );
        return ExitCode.failure;
      case 'unauthorized':
        if (context.kind === 'apiKey') {
          out.fail('The API refused the API key (HTTP 401).');
          out.hint(
            'Check LIVEDATA_API_KEY: copy it again from the web app; it may have been revoked.\n' +
              'API keys only work on people and company endpoints, and on the environment\n' +
              '(LIVEDATA_BASE_URL) they were created for.',
          );
          return ExitCode.failure;
        }
        out.fail(`The API refused the token it had just been given (HTTP 401) for ${org}.`);
        out.hint(
          'The identity endpoint and the API disagree: check LIVEDATA_BASE_URL points at one\n' +
            'environment, and that the credential is not disabled.',
        );
        return ExitCode.failure;
      case 'not_found':
        out.fail(`The API does not know this path (HTTP 404) for ${org}.`);
        out.hint('Check LIVEDATA_ORG_ID (o_ followed by 8 hex digits) and LIVEDATA_BASE_URL.');
        return ExitCode.failure;
      case 'quota_exceeded':
        out.fail(`${org} has spent its credit quota (HTTP 402).`);
        out.hint(
          'Ask an admin of the organization to add credits; free /preview calls still work.',
        );
        return ExitCode.failure;
      case 'rate_limited':
        out.fail(`The API is rate limiting this client (HTTP 429).`);
        out.hint('Wait a minute and try again.');
        return ExitCode.failure;
      default:
        out.fail(`The API answered HTTP ${error.status} (${error.code}).`);
        out.hint(adviceFor(error));
        return ExitCode.failure;
    }
  }
  out.fail(`Unexpected error: ${error instanceof Error ? error.message : String(error)}`);
  return ExitCode.failure;
}
