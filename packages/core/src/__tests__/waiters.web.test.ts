import { describe, expect, it } from 'vitest';
import { LiveDataAuthError } from '../errors.js';
import { Waiters } from '../waiters.js';

function deferred<T>() {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

describe('Waiters', () => {
  it('each waiter gets the shared outcome, and is forgotten once it has it', async () => {
    const waiters = new Waiters();
    const refresh = deferred<string>();
    const all = [
      waiters.wait(refresh.promise, undefined),
      waiters.wait(refresh.promise, undefined),
    ];
    expect(waiters.size).toBe(2);
    refresh.resolve('token');
    expect(await Promise.all(all)).toEqual(['token', 'token']);
    expect(waiters.size).toBe(0);

    const failing = deferred<string>();
    const waiting = waiters.wait(failing.promise, undefined);
    const error = new LiveDataAuthError('unavailable', 'down', { retryable: true });
    failing.reject(error);
    await expect(waiting).rejects.toBe(error);
    expect(waiters.size).toBe(0);
  });

  it('closeAll rejects every waiter with closed, and a later outcome changes nothing', async () => {
    const waiters = new Waiters();
    const refresh = deferred<string>();
    const all = Array.from({ length: 1_000 }, () => waiters.wait(refresh.promise, undefined));
    waiters.closeAll();
    const outcomes = await Promise.allSettled(all);
    for (const outcome of outcomes) {
      expect(outcome.status).toBe('rejected');
      const reason = (outcome as PromiseRejectedResult).reason;
      expect(reason).toBeInstanceOf(LiveDataAuthError);
      expect(reason).toMatchObject({ code: 'closed', retryable: false });
    }
    expect(waiters.size).toBe(0);
    refresh.resolve('late'); // must not throw or resolve anything
  });

  it('an aborted signal rejects only its own waiter, with aborted and the reason as cause', async () => {
    const waiters = new Waiters();
    const refresh = deferred<string>();
    const controller = new AbortController();
    const mine = waiters.wait(refresh.promise, controller.signal);
    const other = waiters.wait(refresh.promise, undefined);
    const reason = new Error('request ended');
    controller.abort(reason);
    await expect(mine).rejects.toMatchObject({ code: 'aborted', retryable: false, cause: reason });
    expect(waiters.size).toBe(1);
    refresh.resolve('token');
    expect(await other).toBe('token');
  });

  it('a signal that is not an Error leaves no cause', async () => {
    const waiters = new Waiters();
    const controller = new AbortController();
    const mine = waiters.wait(new Promise<string>(() => {}), controller.signal);
    controller.abort('a string reason');
    const error = await mine.catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'aborted' });
    expect((error as LiveDataAuthError).cause).toBeUndefined();
  });
});
