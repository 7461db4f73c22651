import { parseArgs } from 'node:util';
import { LiveDataApiError, type TokenEvent, tokenManagerFromEnv } from '@livedata/core';
import { type Command, UsageError } from '../command.js';
import { describeKind, explainFailure } from '../explain.js';
import { ExitCode, formatDuration, Printer } from '../output.js';

const help = `Usage: livedata check [--org o_xxxxxxxx]
       livedata whoami

Verifies the Live Data credentials in the LIVEDATA_* environment variables: which kind
they are, which API they point at, that a token can be obtained (it is never printed) and
how long it lives. With LIVEDATA_ORG_ID (or --org) it also makes one free call
(people search preview) to check that the credential has a role on that organization.

Set exactly one credential kind:
  service account   LIVEDATA_CLIENT_ID + LIVEDATA_CLIENT_SECRET
  user session      LIVEDATA_USERNAME + LIVEDATA_PASSWORD
  API key           LIVEDATA_API_KEY
Optional:
  LIVEDATA_BASE_URL  API root, default https://gotlivedata.io/api
  LIVEDATA_ORG_ID    organization to check access to (o_ + 8 hex digits)

Options:
  --org ID     check access to this organization instead of LIVEDATA_ORG_ID
  -h, --help   show this help

Exit codes: 0 the credentials work, 1 they were refused or the API could not be
reached (the reason and what to do are printed), 2 wrong usage or configuration.`;

const orgIdPattern = /^o_[0-9a-f]{8}$/;

/** A free request that needs a role on the organization and spends no credits. */
const previewBody = {
  filters: [
    {
      operator: 'and',
      filters: [{ field: 'jobs.company.name', type: 'must', match_type: 'exists' }],
    },
  ],
  size: 1,
};

/** `livedata check` (alias `whoami`): verify the credentials and explain what is wrong. */
export const checkCommand: Command = {
  name: 'check',
  aliases: ['whoami'],
  summary: 'verify the LIVEDATA_* credentials and explain what is wrong',
  help,
  async run(args, io) {
    const { values } = parseArgs({
      args,
      options: { org: { type: 'string' } },
      strict: true,
      allowPositionals: false,
    });
    const out = new Printer(io.stdout, io.env);
    const err = new Printer(io.stderr, io.env);
    const orgId = values.org ?? (io.env.LIVEDATA_ORG_ID?.trim() || undefined);
    if (orgId !== undefined && !orgIdPattern.test(orgId)) {
      throw new UsageError(
        `${values.org ? '--org' : 'LIVEDATA_ORG_ID'} is "${orgId}"; an organization id is o_ followed by 8 hex digits (e.g. o_3daf8872).`,
      );
    }

    let granted = undefined as { expiresAt: number; lifetimeMs: number } | undefined;
    const onEvent = (event: TokenEvent): void => {
      if (event.type === 'refresh.succeeded') granted = event;
    };
    let tokens: ReturnType<typeof tokenManagerFromEnv>;
    try {
      // Few retries: a person is waiting, and the explanation is more useful than a long wait.
      tokens = tokenManagerFromEnv(io.env, {
        onEvent,
        retry: { maxAttempts: 2, baseDelayMs: 200, maxDelayMs: 1_000 },
      });
    } catch (error) {
      return explainFailure(error, err, {});
    }

    const context = { baseUrl: tokens.baseUrl, kind: tokens.kind, orgId };
    try {
      out.line(out.bold('Live Data credentials'));
      out.row('kind', `${describeKind(tokens.kind)}${describeIdentity(tokens.kind, io.env)}`);
      out.row('base URL', tokens.baseUrl);

      const started = performance.now();
      await tokens.getAccessToken(io.signal ? { signal: io.signal } : {});
      const tookMs = Math.round(performance.now() - started);
      if (tokens.kind === 'apiKey') {
        out.row('token', 'the API key is sent as is (no identity call)');
        out.row('lifetime', 'long-lived, until revoked in the web app');
      } else {
        out.row('token', `obtained in ${tookMs} ms (not shown; \`livedata token\` prints one)`);
        if (granted) {
          out.row(
            'lifetime',
            `${formatDuration(granted.lifetimeMs)} (expires ${new Date(granted.expiresAt).toISOString()})`,
          );
        }
      }

      if (orgId) {
        const res = await tokens.fetch(`/people/v1/${orgId}/search/preview`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', accept: 'application/json' },
          body: JSON.stringify(previewBody),
          ...(io.signal ? { signal: io.signal } : {}),
        });
        await res.body?.cancel();
        if (!res.ok) throw LiveDataApiError.fromResponse(res);
        out.row('organization', `${orgId}: access OK (free search preview answered ${res.status})`);
      } else {
        out.row('organization', out.dim('not checked (set LIVEDATA_ORG_ID or pass --org)'));
      }
      out.ok(
        tokens.kind === 'apiKey' && !orgId
          ? 'API key is set. API keys are only verified by an API call: set LIVEDATA_ORG_ID to check it.'
          : 'Credentials work.',
      );
      return ExitCode.ok;
    } catch (error) {
      return explainFailure(error, err, context);
    } finally {
      await tokens.close();
    }
  },
};

/** Names who the credential is, with identifiers that are not secret (never a key or password). */
function describeIdentity(kind: string, env: Record<string, string | undefined>): string {
  if (kind === 'clientCredentials' && env.LIVEDATA_CLIENT_ID)
    return `, client id ${env.LIVEDATA_CLIENT_ID.trim()}`;
  if (kind === 'password' && env.LIVEDATA_USERNAME) return `, user ${env.LIVEDATA_USERNAME.trim()}`;
  return '';
}
