import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { authenticate } from './auth.js';
import { ServerClock } from './clock.js';
import { CredentialDirectory } from './credentials.js';
import { CreditLedger } from './credits.js';
import { PeopleDataset } from './dataset.js';
import { applyFault } from './fault-responses.js';
import { FaultBook } from './faults.js';
import { type Exchange, readBody, sendError } from './http-helpers.js';
import { handleIdentity, parseGrant } from './identity-route.js';
import { handleLedgerContacts } from './ledger-routes.js';
import { checkTtl, resolveOptions } from './options.js';
import { handlePeople } from './people-routes.js';
import { RequestLog } from './request-log.js';
import { BASE_PATH, matchRoute } from './router.js';
import { TokenRegistry } from './tokens.js';
import type { MockServer, MockServerOptions } from './types.js';

/**
 * Starts a local Live Data API on `127.0.0.1` (port `0` = a free one) and resolves once it
 * listens. Use `server.url` as the client's `baseUrl`; call `server.close()` when done.
 *
 * @throws RangeError for impossible options; the listen error when the port is taken.
 */
export async function startMockServer(options: MockServerOptions = {}): Promise<MockServer> {
  const settings = resolveOptions(options);
  let tokenTtlSeconds = settings.tokenTtlSeconds;
  const clock = new ServerClock(settings.clockOffsetMs);
  const tokens = new TokenRegistry();
  const directory = new CredentialDirectory(
    settings.serviceAccounts,
    settings.users,
    settings.apiKeys,
  );
  const credits = new CreditLedger(settings.organizations);
  const dataset = new PeopleDataset(settings.seed, settings.peopleCount);
  const faults = new FaultBook();
  const log = new RequestLog();
  const sockets = new Set<Socket>();
  const timers = new Set<NodeJS.Timeout>();

  const wait = (ms: number) =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(() => {
        timers.delete(timer);
        resolve();
      }, ms);
      timers.add(timer);
    });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const at = clock.now();
    const url = new URL(req.url ?? '/', 'http://mock.invalid');
    const match = matchRoute(url.pathname);
    const auth = authenticate(req, directory, tokens, at);
    const record = log.add({
      route: match.route,
      method: req.method ?? 'GET',
      path: `${url.pathname}${url.search}`,
      status: 0,
      auth: auth.state,
      at,
    });
    const body = await readBody(req);
    const ex: Exchange = { req, res, url, body: body ?? '', clock, record };
    if (match.route === 'identity' && body !== undefined) {
      const grant = parseGrant(req.headers['content-type'], body)?.grant;
      if (grant) record.grant = grant;
    }

    const fault = faults.take(match.route);
    if (fault && (await applyFault(ex, fault, wait))) return;

    if (body === undefined) {
      sendError(ex, 413, 'payload_too_large', 'The request body is too large.');
      return;
    }
    if (match.route === 'unknown') {
      sendError(ex, 404, 'not_found', `No route ${req.method} ${url.pathname}.`);
      return;
    }
    if (req.method !== match.method) {
      sendError(ex, 405, 'method_not_allowed', `Use ${match.method}.`, { allow: match.method });
      return;
    }
    if (match.route === 'identity') {
      handleIdentity(ex, {
        directory,
        tokens,
        tokenTtlSeconds: () => tokenTtlSeconds,
        passwordExpiryField: settings.passwordExpiryField,
      });
    } else if (match.route === 'ledger.contacts') {
      handleLedgerContacts(ex, match, auth, dataset);
    } else {
      handlePeople(ex, match, auth, { dataset, credits });
    }
  }

  const server = createServer((req, res) => {
    handle(req, res).catch(() => {
      if (!res.headersSent && !res.destroyed) {
        res.writeHead(500, { date: clock.httpDate(), 'content-type': 'application/json' });
        res.end('{"error":"server_error"}');
      }
    });
  });
  server.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(settings.port, settings.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : settings.port;
  const host = settings.host.includes(':') ? `[${settings.host}]` : settings.host;
  const origin = `http://${host}:${port}`;

  let closing: Promise<void> | undefined;
  const close = (): Promise<void> => {
    closing ??= new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
      for (const socket of sockets) socket.destroy();
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
    });
    return closing;
  };

  return {
    url: `${origin}${BASE_PATH}`,
    origin,
    port,
    get requests() {
      return log.list();
    },
    count: (route) => log.count(route),
    resetRequests: () => log.reset(),
    inject: (route, fault, injectOptions) => faults.inject(route, fault, injectOptions?.times),
    script: (route, steps) => faults.script(route, steps),
    clearFaults: () => faults.clear(),
    advanceTime: (ms) => clock.advance(ms),
    setTokenTtl: (seconds) => {
      checkTtl(seconds);
      tokenTtlSeconds = seconds;
    },
    setCredits: (orgId, amount) => credits.set(orgId, amount),
    revokeAllTokens: () => tokens.revokeAll(),
    close,
  };
}
