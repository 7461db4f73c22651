import { parseArgs } from 'node:util';
import { tokenManagerFromEnv } from '@livedata/core';
import type { Command } from '../command.js';
import { explainFailure } from '../explain.js';
import { ExitCode, Printer } from '../output.js';

const help = `Usage: livedata token

Prints a valid Live Data access token, and nothing else, to stdout:

  curl -H "Authorization: Bearer $(livedata token)" "$LIVEDATA_BASE_URL/people/v1/$LIVEDATA_ORG_ID/person/ID"

Credentials come from the LIVEDATA_* environment variables (see \`livedata check --help\`).
With LIVEDATA_API_KEY the key itself is printed: it is what goes in the header.
Anything that is not the token (errors, explanations) goes to stderr.

Exit codes: 0 token printed, 1 the identity endpoint refused or could not be reached,
2 wrong usage or incomplete LIVEDATA_* configuration.`;

/** `livedata token`: print an access token for use in shell scripts. */
export const tokenCommand: Command = {
  name: 'token',
  summary: 'print an access token from the LIVEDATA_* variables (for curl and scripts)',
  help,
  async run(args, io) {
    parseArgs({ args, options: {}, strict: true, allowPositionals: false });
    const err = new Printer(io.stderr, io.env);
    let tokens: ReturnType<typeof tokenManagerFromEnv> | undefined;
    try {
      tokens = tokenManagerFromEnv(io.env);
      const token = await tokens.getAccessToken(io.signal ? { signal: io.signal } : {});
      io.stdout.write(`${token}\n`);
      return ExitCode.ok;
    } catch (error) {
      return explainFailure(error, err, { baseUrl: tokens?.baseUrl, kind: tokens?.kind });
    } finally {
      await tokens?.close();
    }
  },
};
