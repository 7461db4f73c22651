// Differential test: the redirects `tokens.fetch` follows itself must send every hop what a
// plain `fetch(url, { redirect: 'follow' })` sends it (same methods, bodies and headers,
// the same headers dropped when a hop changes origin). The one difference is ours and
// stricter: `Authorization` carries the token to URLs under baseUrl only.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import {
  createServer as createHttpServer,
  type IncomingMessage,
  type ServerResponse,
} from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isUnderBaseUrl, TokenManager } from '../index.js';

type ServerName = 'base' | 'otherPort' | 'otherHost' | 'tls';
type HopKind = 'inside' | 'outsidePrefix' | 'otherPort' | 'otherHost' | 'tls';

interface Seen {
  server: ServerName;
  path: string;
  method: string;
  body: string;
  headers: Record<string, string | undefined>;
}

/** The headers compared between plain fetch and tokens.fetch at every hop. */
const COMPARED = [
  'authorization',
  'cookie',
  'proxy-authorization',
  'x-custom',
  'content-type',
  'content-language',
  'content-length',
] as const;

interface Plan {
  hops: { status: 301 | 302 | 303 | 307 | 308; to: HopKind }[];
}

const plans = new Map<string, Plan>();
const seen = new Map<string, Seen[]>();
const origins = {} as Record<ServerName, string>;
const closers: (() => Promise<void>)[] = [];
let tlsAvailable = false;
const tokenOf: Record<'base' | 'tls', string> = { base: 'tok-base-0f3a', tls: 'tok-tls-7c1d' };

function hopUrl(kind: HopKind, run: string, index: number): string {
  const path = `/r/${run}/${index}`;
  switch (kind) {
    case 'inside':
      return `${origins.base}/api${path}`;
    case 'outsidePrefix':
      return `${origins.base}/other${path}`;
    case 'otherPort':
      return `${origins.otherPort}/api${path}`;
    case 'otherHost':
      return `${origins.otherHost}/api${path}`;
    case 'tls':
      return `${origins.tls}/api${path}`;
  }
}

function handler(server: ServerName) {
  return (req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const path = req.url ?? '';
      if (path === '/api/identity/v1/session' && (server === 'base' || server === 'tls')) {
        res.setHeader('content-type', 'application/json');
        res.end(JSON.stringify({ accessToken: tokenOf[server], expires_in: 900 }));
        return;
      }
      const match = /\/r\/([^/]+)\/(\d+)$/.exec(path);
      const run = match?.[1] ?? '';
      const index = Number(match?.[2] ?? 0);
      const headers: Record<string, string | undefined> = {};
      for (const name of COMPARED) {
        const value = req.headers[name];
        headers[name] = Array.isArray(value) ? value.join(', ') : value;
      }
      const list = seen.get(run) ?? [];
      list.push({
        server,
        path: path.replace(run, '<run>'),
        method: req.method ?? '',
        body: Buffer.concat(chunks).toString(),
        headers,
      });
      seen.set(run, list);
      const hop = plans.get(run)?.hops[index];
      if (hop) {
        res.writeHead(hop.status, { location: hopUrl(hop.to, run, index + 1) }).end();
      } else {
        res.end(`end ${index}`);
      }
    });
  };
}

async function listen(
  server: ReturnType<typeof createHttpServer>,
  host: string,
  scheme: 'http' | 'https',
): Promise<string> {
  await new Promise<void>((r) => server.listen(0, host, r));
  closers.push(
    () =>
      new Promise<void>((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  );
  return `${scheme}://${host}:${(server.address() as AddressInfo).port}`;
}

let tlsDir = '';
const previousTlsSetting = process.env.NODE_TLS_REJECT_UNAUTHORIZED;
let managers: { base: TokenManager; tls: TokenManager | undefined };

beforeAll(async () => {
  origins.base = await listen(createHttpServer(handler('base')), '127.0.0.1', 'http');
  origins.otherPort = await listen(createHttpServer(handler('otherPort')), '127.0.0.1', 'http');
  origins.otherHost = await listen(createHttpServer(handler('otherHost')), '127.0.0.2', 'http');
  // https → http needs a TLS server; a throwaway self-signed certificate, trusted by this
  // worker process only (both plain fetch and tokens.fetch use the same global fetch).
  tlsDir = mkdtempSync(join(tmpdir(), 'livedata-redirect-tls-'));
  try {
    execFileSync(
      'openssl',
      [
        'req',
        '-x509',
        '-newkey',
        'ec',
        '-pkeyopt',
        'ec_paramgen_curve:prime256v1',
        '-nodes',
        '-days',
        '1',
        '-subj',
        '/CN=127.0.0.1',
        '-addext',
        'subjectAltName=IP:127.0.0.1',
        '-keyout',
        join(tlsDir, 'key.pem'),
        '-out',
        join(tlsDir, 'cert.pem'),
      ],
      { stdio: 'ignore' },
    );
    const tls = createHttpsServer(
      { key: readFileSync(join(tlsDir, 'key.pem')), cert: readFileSync(join(tlsDir, 'cert.pem')) },
      handler('tls'),
    );
    origins.tls = await listen(
      tls as unknown as ReturnType<typeof createHttpServer>,
      '127.0.0.1',
      'https',
    );
    process.env.NODE_TLS_REJECT_UNAUTHORIZED = '0';
    tlsAvailable = true;
  } catch {
    tlsAvailable = false; // no openssl: the https → http chains are skipped below
  }
  const options = { credentials: { clientId: 'parity', clientSecret: 'parity-secret-91d2' } };
  managers = {
    base: new TokenManager({ ...options, baseUrl: `${origins.base}/api` }),
    tls: tlsAvailable ? new TokenManager({ ...options, baseUrl: `${origins.tls}/api` }) : undefined,
  };
});

afterAll(async () => {
  await managers.base.close();
  await managers.tls?.close();
  for (const close of closers.splice(0)) await close();
  rmSync(tlsDir, { recursive: true, force: true });
  if (previousTlsSetting === undefined) delete process.env.NODE_TLS_REJECT_UNAUTHORIZED;
  else process.env.NODE_TLS_REJECT_UNAUTHORIZED = previousTlsSetting;
});

let runs = 0;

async function runChain(
  via: 'plain' | 'tokens',
  start: 'base' | 'tls',
  plan: Plan,
  method: string,
): Promise<{ hops: Seen[]; status: number; text: string }> {
  const run = `${via}-${++runs}`;
  plans.set(run, plan);
  const manager = start === 'base' ? managers.base : (managers.tls as TokenManager);
  const init: RequestInit = {
    method,
    headers: {
      authorization: `Bearer ${tokenOf[start]}`,
      cookie: 'session=c00k1e',
      'proxy-authorization': 'Basic cHJveHk6cGFzcw==',
      'x-custom': 'kept',
      'content-type': 'text/plain',
      'content-language': 'en',
    },
    ...(method === 'GET' || method === 'HEAD' ? {} : { body: `body of ${method}` }),
    redirect: 'follow',
  };
  const url = hopUrl(start === 'base' ? 'inside' : 'tls', run, 0);
  const response = via === 'plain' ? await fetch(url, init) : await manager.fetch(url, init);
  const text = await response.text();
  return { hops: seen.get(run) ?? [], status: response.status, text };
}

const hopKinds = (): fc.Arbitrary<HopKind> =>
  fc.constantFrom<HopKind>('inside', 'outsidePrefix', 'otherPort', 'otherHost');

const redirectStatus = () =>
  fc.constantFrom(301 as const, 302 as const, 303 as const, 307 as const, 308 as const);

const planArb = (extraKinds: HopKind[] = []) =>
  fc.record({
    hops: fc.array(
      fc.record({
        status: redirectStatus(),
        to: extraKinds.length ? fc.oneof(hopKinds(), fc.constantFrom(...extraKinds)) : hopKinds(),
      }),
      { minLength: 1, maxLength: 4 },
    ),
  });

function expectParity(
  start: 'base' | 'tls',
  plain: Awaited<ReturnType<typeof runChain>>,
  ours: Awaited<ReturnType<typeof runChain>>,
): void {
  const baseUrl = start === 'base' ? managers.base.baseUrl : (managers.tls as TokenManager).baseUrl;
  expect(ours.status).toBe(plain.status);
  expect(ours.text).toBe(plain.text);
  expect(ours.hops.length).toBe(plain.hops.length);
  plain.hops.forEach((expected, i) => {
    const actual = ours.hops[i] as Seen;
    const { authorization: _plainAuth, ...plainRest } = expected.headers;
    const { authorization: ourAuth, ...ourRest } = actual.headers;
    expect({ ...actual, headers: ourRest }).toEqual({ ...expected, headers: plainRest });
    const hopOrigin = origins[actual.server];
    const under = isUnderBaseUrl(`${hopOrigin}${actual.path}`, baseUrl);
    expect(ourAuth).toBe(under ? `Bearer ${tokenOf[start]}` : undefined);
  });
}

/** Runs `plan` with plain fetch and with tokens.fetch, expects parity, returns ours. */
async function expectSameAsPlain(start: 'base' | 'tls', plan: Plan, method: string) {
  const plain = await runChain('plain', start, plan, method);
  const ours = await runChain('tokens', start, plan, method);
  expectParity(start, plain, ours);
  return ours;
}

// Dozens of real redirect chains over loopback per property: minutes on a machine whose
// cores are busy. The timeout only guards against a hang; every run is bounded by numRuns.
const PROPERTY_TIMEOUT_MS = 300_000;

describe('tokens.fetch redirects match plain fetch', () => {
  it(
    'every chain (same origin, other port, other host, outside the prefix): same hops, methods, bodies, headers',
    async () => {
      await fc.assert(
        fc.asyncProperty(
          planArb(),
          fc.constantFrom('GET', 'HEAD', 'POST', 'PUT', 'DELETE'),
          async (plan, method) => {
            await expectSameAsPlain('base', plan, method);
          },
        ),
        { numRuns: 60 },
      );
    },
    PROPERTY_TIMEOUT_MS,
  );

  it('Cookie and Proxy-Authorization do not cross to another origin, even when the chain comes back', async () => {
    const plan: Plan = {
      hops: [
        { status: 307, to: 'otherHost' },
        { status: 302, to: 'inside' },
      ],
    };
    const ours = await expectSameAsPlain('base', plan, 'GET');
    expect(
      ours.hops.map((h) => [h.server, h.headers.cookie, h.headers['proxy-authorization']]),
    ).toEqual([
      ['base', 'session=c00k1e', 'Basic cHJveHk6cGFzcw=='],
      ['otherHost', undefined, undefined],
      ['base', undefined, undefined],
    ]);
    // Our one deliberate difference: back under baseUrl, the token is sent again.
    expect(ours.hops.map((h) => h.headers.authorization)).toEqual([
      `Bearer ${tokenOf.base}`,
      undefined,
      `Bearer ${tokenOf.base}`,
    ]);
  });

  it(
    'https → http and back (chains starting on an https baseUrl)',
    async (ctx) => {
      if (!tlsAvailable) ctx.skip();
      const plainHttp = fc.constantFrom<HopKind>('inside', 'otherPort', 'otherHost');
      await fc.assert(
        fc.asyncProperty(
          fc.record({
            hops: fc.array(
              fc.record({
                status: redirectStatus(),
                to: fc.oneof(plainHttp, fc.constant<HopKind>('tls')),
              }),
              { minLength: 1, maxLength: 3 },
            ),
          }),
          fc.constantFrom('GET', 'POST'),
          async (plan, method) => {
            await expectSameAsPlain('tls', plan, method);
          },
        ),
        { numRuns: 25 },
      );
    },
    PROPERTY_TIMEOUT_MS,
  );
});
