import 'reflect-metadata';
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { inspect } from 'node:util';
import { TokenManager } from '@livedata/core';
import { DEMO_ORG_ID } from '@livedata/mock-server';
import { gatedFetch, leaksIn, printForms } from '@livedata/test-utils';
import { useMockServer, useServer } from '@livedata/test-utils/vitest';
import type { TestingModule } from '@nestjs/testing';
import { Test } from '@nestjs/testing';
import axios from 'axios';
import { firstValueFrom, type Observable } from 'rxjs';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { LiveDataHttpService, LiveDataModule } from '../index.js';
import { findBody, mockOptions } from './helpers.js';

// LiveDataHttpService is an @nestjs/axios HttpService over @livedata/axios: the token never
// shows in what its interceptors, responses or errors print, it goes only where the
// request is finally sent, and cancelling a request that waits for a token is Axios's
// own cancellation.
const FIND_PATH = `/people/v1/${DEMO_ORG_ID}/find`;

interface Foreign {
  origin: string;
  seen: IncomingHttpHeaders[];
  resetRequests(): void;
  close(): Promise<void>;
}

async function startForeign(): Promise<Foreign> {
  const seen: IncomingHttpHeaders[] = [];
  const server = createServer((req, res) => {
    seen.push(req.headers);
    req.resume();
    res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    seen,
    resetRequests: () => {
      seen.length = 0;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

const api = useMockServer();
const foreign = useServer(startForeign);
let moduleRef: TestingModule;
let http: LiveDataHttpService;
let issued: string[];
let seen: Array<{ where: string; rendered: string[] }>;

beforeEach(async () => {
  moduleRef = await Test.createTestingModule({
    imports: [LiveDataModule.forRoot(mockOptions(api))],
  }).compile();
  http = moduleRef.get(LiveDataHttpService);
  const tokens = moduleRef.get(TokenManager);
  const getAccessToken = tokens.getAccessToken.bind(tokens);
  issued = [];
  vi.spyOn(tokens, 'getAccessToken').mockImplementation(async (options) => {
    const token = await getAccessToken(options);
    issued.push(token);
    return token;
  });
  // What an application's own interceptors see, rendered when they run.
  seen = [];
  const look =
    (where: string) =>
    <T>(value: T): T => {
      seen.push({ where, rendered: Object.values(printForms(value)) });
      return value;
    };
  http.axiosRef.interceptors.request.use(look('request'));
  http.axiosRef.interceptors.response.use(look('response'), (error: unknown) => {
    look('error')(error);
    return Promise.reject(error);
  });
});
afterEach(async () => {
  await moduleRef.close();
});

async function outcomeOf(observable: Observable<unknown>): Promise<unknown> {
  return firstValueFrom(observable).then(
    (response) => response,
    (error: unknown) => error,
  );
}

/**
 * Sends a search with an AbortSignal and aborts it once the request to `route` (made to
 * hang) reached the mock server; returns what the search settled with.
 */
async function abortedWhileWaitingFor(route: 'identity' | 'people.find'): Promise<unknown> {
  api.inject(route, { kind: 'hang' });
  const controller = new AbortController();
  const pending = outcomeOf(http.post(FIND_PATH, findBody(), { signal: controller.signal }));
  await vi.waitFor(() => expect(api.count(route)).toBe(1), { timeout: 15_000 });
  controller.abort();
  return pending;
}

function leaks(outcome: unknown): string[] {
  expect(issued.length).toBeGreaterThan(0);
  const found = seen
    .filter(({ rendered }) => rendered.some((text) => issued.some((t) => text.includes(t))))
    .map(({ where }) => where);
  found.push(...leaksIn('outcome', outcome, issued));
  found.push(...leaksIn('outcome.config', (outcome as { config?: unknown }).config, issued));
  found.push(...leaksIn('outcome.response', (outcome as { response?: unknown }).response, issued));
  const request = (outcome as { request?: unknown }).request;
  if (request) {
    const text = inspect(request, { showHidden: true, depth: 3 });
    if (issued.some((t) => text.includes(t))) found.push('outcome.request');
  }
  return found;
}

describe('LiveDataHttpService never shows the token', () => {
  it('in a successful response', async () => {
    const outcome = await outcomeOf(http.post(FIND_PATH, findBody()));
    expect(outcome).toMatchObject({ status: 200 });
    expect(api.requests.at(-1)).toMatchObject({ route: 'people.find', auth: 'valid' });
    expect(seen.map((s) => s.where)).toEqual(['request', 'response']);
    expect(leaks(outcome)).toEqual([]);
  });

  it.each([400, 402, 403, 500, 503])('in the AxiosError of a %i answer', async (status) => {
    api.inject('people.find', { kind: 'status', status });
    const outcome = await outcomeOf(http.post(FIND_PATH, findBody()));
    expect(outcome).toMatchObject({ isAxiosError: true, response: { status } });
    expect(seen.map((s) => s.where)).toEqual(['request', 'error']);
    expect(leaks(outcome)).toEqual([]);
  });

  it('in the AxiosError of a 401 refused again after the retry', async () => {
    api.inject('people.find', { kind: 'status', status: 401 });
    const outcome = await outcomeOf(http.post(FIND_PATH, findBody()));
    expect(outcome).toMatchObject({ isAxiosError: true, response: { status: 401 } });
    expect(new Set(issued).size).toBe(2);
    expect(leaks(outcome)).toEqual([]);
  });

  it('in the AxiosError of a closed connection, and of a timeout', async () => {
    api.inject('people.find', { kind: 'reset' }, { times: 1 });
    const reset = await outcomeOf(http.post(FIND_PATH, findBody()));
    expect(reset).toMatchObject({ isAxiosError: true });
    expect(leaks(reset)).toEqual([]);

    api.inject('people.find', { kind: 'hang' });
    const timeout = await outcomeOf(http.post(FIND_PATH, findBody(), { timeout: 300 }));
    expect((timeout as { code?: string }).code).toMatch(/ECONNABORTED|ETIMEDOUT/);
    expect(leaks(timeout)).toEqual([]);
  });

  it('in the CanceledError of a request aborted after it was sent', async () => {
    const outcome = await abortedWhileWaitingFor('people.find');
    expect(axios.isCancel(outcome)).toBe(true);
    expect(leaks(outcome)).toEqual([]);
  });
});

describe('LiveDataHttpService sends the token only where the request goes', () => {
  it('an interceptor that rewrites the URL to another origin sends no token there', async () => {
    http.axiosRef.interceptors.request.use((config) => {
      config.url = `${foreign.origin}/api/people`;
      return config;
    });
    await outcomeOf(http.post(FIND_PATH, findBody()));
    expect(foreign.seen).toHaveLength(1);
    expect(foreign.seen[0]?.authorization).toBeUndefined();
  });
});

describe('cancelling a LiveDataHttpService request that waits for a token', () => {
  it('with an AbortSignal, errors with Axios’s CanceledError and sends nothing', async () => {
    const outcome = await abortedWhileWaitingFor('identity');
    expect(axios.isCancel(outcome)).toBe(true);
    expect(outcome).toBeInstanceOf(axios.CanceledError);
    expect(api.count('people.find')).toBe(0);
  });

  it('by unsubscribing, sends nothing', async () => {
    // Identity answers only when the test lets it.
    const gate = gatedFetch();
    const gated = await Test.createTestingModule({
      imports: [LiveDataModule.forRoot({ ...mockOptions(api), fetch: gate.fetch })],
    }).compile();
    try {
      const service = gated.get(LiveDataHttpService);
      const subscription = service.post(FIND_PATH, findBody()).subscribe({ error: () => {} });
      await gate.reached;
      subscription.unsubscribe();
      gate.release();
      // The refresh it waited for still completes and serves the next request; the
      // unsubscribed one never reaches the API.
      const outcome = await outcomeOf(service.post(FIND_PATH, findBody()));
      expect(outcome).toMatchObject({ status: 200 });
      expect(api.count('identity')).toBe(1);
      expect(api.count('people.find')).toBe(1);
    } finally {
      await gated.close();
    }
  });
});
