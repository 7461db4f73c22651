// A body that can be read only once (a stream, an async iterable) must never be sent a
// second time, on a 401 retry or a 307/308 redirect: the server would get an empty body.
// Bodies of the fixed kinds are sent again, whole.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LiveDataAuthError, TokenManager } from '../index.js';

const PAYLOAD = 'payload-Ω-0123456789'.repeat(40);

interface Hit {
  path: string;
  method: string;
  body: string;
  authorization: string | undefined;
}

let server: Server;
let origin = '';
let identityCalls = 0;
const hits: Hit[] = [];
const unauthorizedOnce = new Set<string>();

beforeAll(async () => {
  server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const path = req.url ?? '';
      if (path === '/api/identity/v1/session') {
        identityCalls++;
        res.setHeader('content-type', 'application/json');
        res.end(JSON.stringify({ accessToken: `replay-token-${identityCalls}`, expires_in: 900 }));
        return;
      }
      hits.push({
        path,
        method: req.method ?? '',
        body: Buffer.concat(chunks).toString(),
        authorization: req.headers.authorization,
      });
      const [, kind, run] = path.split('/').slice(1); // api/<kind>/<run>
      if (kind === 'unauthorized-once' && !unauthorizedOnce.has(run ?? '')) {
        unauthorizedOnce.add(run ?? '');
        res.writeHead(401).end('token rejected');
      } else if (kind === '307' || kind === '308' || kind === '303') {
        res.writeHead(Number(kind), { location: `/api/target/${run}` }).end();
      } else {
        res.end(`ok ${kind}`);
      }
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise<void>((r) => server.close(() => r()));
});

const encoder = new TextEncoder();

/** Every kind of body, as a fresh value per call, and whether it can be sent twice. */
const BODIES: [string, () => { body: unknown; duplex?: 'half' }, boolean][] = [
  ['string', () => ({ body: PAYLOAD }), true],
  ['ArrayBuffer', () => ({ body: encoder.encode(PAYLOAD).buffer }), true],
  ['Uint8Array', () => ({ body: encoder.encode(PAYLOAD) }), true],
  ['DataView', () => ({ body: new DataView(encoder.encode(PAYLOAD).buffer) }), true],
  ['Blob', () => ({ body: new Blob([PAYLOAD]) }), true],
  ['URLSearchParams', () => ({ body: new URLSearchParams({ p: PAYLOAD }) }), true],
  [
    'FormData',
    () => {
      const form = new FormData();
      form.set('p', PAYLOAD);
      return { body: form };
    },
    true,
  ],
  [
    'ReadableStream',
    () => ({
      body: new ReadableStream({
        start(controller) {
          controller.enqueue(encoder.encode(PAYLOAD.slice(0, 100)));
          controller.enqueue(encoder.encode(PAYLOAD.slice(100)));
          controller.close();
        },
      }),
      duplex: 'half',
    }),
    false,
  ],
  [
    'async generator',
    () => ({
      body: (async function* () {
        yield encoder.encode(PAYLOAD.slice(0, 100));
        yield encoder.encode(PAYLOAD.slice(100));
      })(),
      duplex: 'half',
    }),
    false,
  ],
  ['Node Readable', () => ({ body: Readable.from([PAYLOAD]), duplex: 'half' }), false],
];

/** What the server must have received for a body sent whole. */
function expectWhole(hit: Hit | undefined, kind: string): void {
  expect(hit, kind).toBeDefined();
  if (kind === 'URLSearchParams') expect(new URLSearchParams(hit?.body).get('p')).toBe(PAYLOAD);
  else if (kind === 'FormData') expect(hit?.body).toContain(PAYLOAD);
  else expect(hit?.body).toBe(PAYLOAD);
}

let runs = 0;
function newManager(): TokenManager {
  return new TokenManager({
    credentials: { clientId: 'replay', clientSecret: 'replay-secret-4e8a' },
    baseUrl: `${origin}/api`,
  });
}

describe('request bodies on a 401', () => {
  it.each(BODIES)('%s', async (kind, make, replayable) => {
    const tokens = newManager();
    const run = `r${++runs}`;
    const path = `/unauthorized-once/${run}`;
    const response = await tokens.fetch(path, { method: 'POST', ...make() } as RequestInit);
    const seen = hits.filter((h) => h.path === `/api${path}`);
    expectWhole(seen[0], kind);
    if (replayable) {
      expect(response.status).toBe(200);
      expect(seen).toHaveLength(2);
      expectWhole(seen[1], kind);
      expect(seen[1]?.authorization).not.toBe(seen[0]?.authorization);
    } else {
      // The caller gets the 401 itself; the server never saw an empty replay.
      expect(response.status).toBe(401);
      expect(await response.text()).toBe('token rejected');
      expect(seen).toHaveLength(1);
      // The rejected token was still dropped: the next call carries a new one.
      await tokens.fetch(`/plain/${run}`);
      expect(hits.at(-1)?.authorization).not.toBe(seen[0]?.authorization);
    }
    await tokens.close();
  });
});

describe.each(['307', '308'])('request bodies on a %s redirect', (status) => {
  it.each(BODIES)('%s', async (kind, make, replayable) => {
    const tokens = newManager();
    const run = `r${++runs}`;
    const outcome = await tokens
      .fetch(`/${status}/${run}`, { method: 'PUT', ...make() } as RequestInit)
      .catch((error: unknown) => error);
    expectWhole(
      hits.find((h) => h.path === `/api/${status}/${run}`),
      kind,
    );
    const target = hits.filter((h) => h.path === `/api/target/${run}`);
    if (replayable) {
      expect((outcome as Response).status).toBe(200);
      expect(target).toHaveLength(1);
      expect(target[0]?.method).toBe('PUT');
      expectWhole(target[0], kind);
    } else {
      expect(outcome).toBeInstanceOf(LiveDataAuthError);
      expect(outcome).toMatchObject({ code: 'config', setting: 'body', retryable: false });
      expect((outcome as Error).message).toContain(`HTTP ${status}`);
      expect(target).toEqual([]);
    }
    await tokens.close();
  });
});

describe('a 303 turns any body into a GET without one', () => {
  it.each(BODIES)('%s', async (kind, make) => {
    const tokens = newManager();
    const run = `r${++runs}`;
    const response = await tokens.fetch(`/303/${run}`, {
      method: 'POST',
      ...make(),
    } as RequestInit);
    expect(response.status, kind).toBe(200);
    expect(hits.filter((h) => h.path === `/api/target/${run}`)).toMatchObject([
      { method: 'GET', body: '' },
    ]);
    await tokens.close();
  });
});
