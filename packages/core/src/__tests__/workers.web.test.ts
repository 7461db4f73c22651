// How the manager behaves where requests own their I/O and may be frozen or ended once they
// answer (Cloudflare Workers, serverless functions). Web-standard APIs only: also runs in
// the edge-runtime project.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { eventLog, fakeClock, fakeIdentity, rejection, unitManager } from './web-fixtures.js';

const CROSS_REQUEST = 'Cannot perform I/O on behalf of a different request.';

/**
 * AbortControllers bound to the "request" that made them, as in workerd: touching one's
 * signal (listen, unlisten, read `aborted`) or aborting it from another request throws.
 */
function requestBoundAbortControllers() {
  const state = { request: 0, made: 0 };
  const Original = globalThis.AbortController;
  const check = (owner: number) => {
    if (state.request !== owner) throw new Error(CROSS_REQUEST);
  };
  class RequestBoundAbortController extends Original {
    readonly #owner = state.request;
    constructor() {
      super();
      state.made++;
      const owner = this.#owner;
      const signal = this.signal;
      const add = signal.addEventListener.bind(signal);
      const remove = signal.removeEventListener.bind(signal);
      Object.defineProperties(signal, {
        addEventListener: {
          value: (...args: Parameters<typeof add>) => {
            check(owner);
            add(...args);
          },
        },
        removeEventListener: {
          value: (...args: Parameters<typeof remove>) => {
            check(owner);
            remove(...args);
          },
        },
        aborted: {
          get: () => {
            check(owner);
            return Reflect.get(AbortSignal.prototype, 'aborted', signal) as boolean;
          },
        },
      });
    }
    override abort(reason?: unknown): void {
      check(this.#owner);
      super.abort(reason);
    }
  }
  vi.stubGlobal('AbortController', RequestBoundAbortController);
  return state;
}

afterEach(() => {
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
  vi.useRealTimers();
});

describe('a manager created at module scope (Workers)', () => {
  it('draws no random value, makes no controller and sets no timer when constructed', async () => {
    const controllers = requestBoundAbortControllers();
    const random = vi.spyOn(Math, 'random').mockImplementation(() => {
      throw new Error('Disallowed operation called within global scope: generating random values');
    });
    const timeout = vi.spyOn(globalThis, 'setTimeout');
    const idp = fakeIdentity();
    const tokens = unitManager({ fetch: idp.fetch });
    expect(random).not.toHaveBeenCalled();
    expect(controllers.made).toBe(0);
    expect(timeout).not.toHaveBeenCalled();
    random.mockRestore();
    controllers.request = 1;
    const token = await tokens.getAccessToken();
    expect(token).toBe(idp.tokens[0]);
    await tokens.close();
  });

  it('serves later requests, refreshes included, without touching a signal of an earlier one', async () => {
    const controllers = requestBoundAbortControllers();
    const clock = fakeClock();
    const idp = fakeIdentity({ clock, ttlMs: 60_000 });
    const tokens = unitManager({ fetch: idp.fetch, now: clock.now });
    controllers.request = 1;
    const first = await tokens.getAccessToken();
    controllers.request = 2;
    clock.advance(60_000); // expired: this request waits for a refresh
    const second = await tokens.getAccessToken();
    expect(second).not.toBe(first);
    controllers.request = 3;
    clock.advance(55_000); // hard window
    const third = await tokens.fetch('/people/v1/o_3daf8872/find');
    expect(third.status).toBe(200);
    expect(idp.calls).toBe(3);
    controllers.request = 4;
    await tokens.close();
    expect((await rejection(tokens.getAccessToken())).code).toBe('closed');
  });

  it('close() from another request still cancels an identity attempt in flight', async () => {
    const controllers = requestBoundAbortControllers();
    const idp = fakeIdentity({ script: ['hang'] });
    const tokens = unitManager({ fetch: idp.fetch });
    controllers.request = 1;
    const waiting = tokens.getAccessToken();
    await vi.waitFor(() => expect(idp.calls).toBe(1));
    controllers.request = 2;
    // The attempt's controller belongs to request 1: aborting it from request 2 throws in
    // Workers; close() must carry on and still release every waiter.
    await tokens.close();
    expect((await rejection(waiting)).code).toBe('closed');
  });
});

describe('waitUntil', () => {
  it('receives the background refresh a soft-window call starts, as a promise that resolves', async () => {
    const clock = fakeClock();
    const idp = fakeIdentity({ clock, ttlMs: 60_000 });
    const tokens = unitManager({ fetch: idp.fetch, now: clock.now });
    const handed: Promise<unknown>[] = [];
    const waitUntil = (promise: Promise<unknown>) => {
      handed.push(promise);
    };
    const first = await tokens.getAccessToken({ waitUntil }); // cold: awaited, nothing handed
    expect(await tokens.getAccessToken({ waitUntil })).toBe(first); // fresh
    expect(handed).toHaveLength(0);
    clock.advance(40_000); // soft window (30 s ± jitter .. 6 s before expiry)
    expect(await tokens.getAccessToken({ waitUntil })).toBe(first);
    expect(handed).toHaveLength(1);
    await expect(handed[0]).resolves.toBeUndefined();
    expect(idp.calls).toBe(2);
    expect(await tokens.getAccessToken()).toBe(idp.tokens[1]);
    await tokens.close();
  });

  it('tokens.fetch takes it as its third argument', async () => {
    const clock = fakeClock();
    const idp = fakeIdentity({ clock, ttlMs: 60_000 });
    const tokens = unitManager({ fetch: idp.fetch, now: clock.now });
    await tokens.getAccessToken();
    clock.advance(40_000);
    const waitUntil = vi.fn<(promise: Promise<unknown>) => void>();
    const res = await tokens.fetch('/people/v1/o_3daf8872/find', { method: 'POST' }, { waitUntil });
    expect(res.status).toBe(200);
    expect(waitUntil).toHaveBeenCalledTimes(1);
    await waitUntil.mock.calls[0]?.[0];
    expect(idp.calls).toBe(2);
    await tokens.close();
  });

  it('a failing background refresh hands over a promise that still resolves', async () => {
    const clock = fakeClock();
    const idp = fakeIdentity({ clock, ttlMs: 60_000 });
    const log = eventLog();
    const tokens = unitManager({ fetch: idp.fetch, now: clock.now, onEvent: log.onEvent });
    await tokens.getAccessToken();
    clock.advance(40_000);
    idp.push({ status: 503 }, { status: 503 }, { status: 503 }, { status: 503 });
    const waitUntil = vi.fn<(promise: Promise<unknown>) => void>();
    await tokens.getAccessToken({ waitUntil });
    await expect(waitUntil.mock.calls[0]?.[0]).resolves.toBeUndefined();
    expect(log.count('refresh.failed')).toBe(1);
    await tokens.close();
  });

  it('a throwing waitUntil is reported, and the caller still gets its token', async () => {
    const clock = fakeClock();
    const idp = fakeIdentity({ clock, ttlMs: 60_000 });
    const warn = vi.fn();
    const tokens = unitManager({ fetch: idp.fetch, now: clock.now, logger: { warn } });
    const first = await tokens.getAccessToken();
    clock.advance(40_000);
    const waitUntil = () => {
      throw new TypeError('Illegal invocation');
    };
    expect(await tokens.getAccessToken({ waitUntil })).toBe(first);
    expect(warn).toHaveBeenCalledWith(expect.stringMatching(/waitUntil threw \(TypeError\)/));
    await vi.waitFor(() => expect(idp.calls).toBe(2));
    await tokens.close();
  });

  it('anything but a function is a config error naming waitUntil', async () => {
    const tokens = unitManager({ fetch: fakeIdentity().fetch });
    const error = await rejection(
      tokens.getAccessToken({ waitUntil: 'ctx' as unknown as () => void }),
    );
    expect(error.code).toBe('config');
    expect(error.setting).toBe('waitUntil');
    await tokens.close();
  });
});

describe('an unexpected refresh failure', () => {
  it('keeps a safe copy of its cause: its name, never its message or what the thrown object carried', async () => {
    const thrown = Object.assign(new TypeError(CROSS_REQUEST), {
      request: { headers: { authorization: 'Bearer tok-secret-123' } },
    });
    vi.spyOn(globalThis.crypto.subtle, 'digest').mockRejectedValue(thrown);
    const tokens = unitManager({ fetch: fakeIdentity().fetch });
    const error = await rejection(tokens.getAccessToken());
    expect(error.code).toBe('unavailable');
    expect(error.message).toBe('Refreshing the token failed unexpectedly.');
    const cause = error.cause as Error;
    expect(cause).not.toBe(thrown);
    expect(cause.name).toBe('TypeError');
    // The one redaction rule for causes (see cause-redaction.test.ts): a message may quote
    // anything, so only the error's name (and a network code) is kept.
    expect(cause.message).not.toContain(CROSS_REQUEST);
    expect(Object.keys(cause)).not.toContain('request');
    expect(JSON.stringify(error)).not.toContain('tok-secret-123');
    await tokens.close();
  });
});
