/**
 * An in-memory stand-in for a Redis server with client façades shaped like node-redis and
 * ioredis, for unit tests that need no `redis-server`. It records every call so tests can
 * assert the exact command shapes each adapter sends.
 */
export class FakeRedisServer {
  readonly entries = new Map<string, { value: string; expiresAt: number }>();
  readonly calls: { method: string; args: unknown[] }[] = [];
  now = 1_000_000;
  /** When set, every command rejects with this error. */
  failWith: Error | undefined;

  read(key: string): string | null {
    const entry = this.entries.get(key);
    if (!entry) return null;
    if (entry.expiresAt <= this.now) {
      this.entries.delete(key);
      return null;
    }
    return entry.value;
  }

  ttl(key: string): number | undefined {
    const entry = this.entries.get(key);
    return entry ? entry.expiresAt - this.now : undefined;
  }

  write(key: string, value: string, ttlMs: number, nx: boolean): boolean {
    if (nx && this.read(key) !== null) return false;
    this.entries.set(key, { value, expiresAt: this.now + ttlMs });
    return true;
  }

  compareAndDelete(key: string, owner: string): number {
    if (this.read(key) !== owner) return 0;
    this.entries.delete(key);
    return 1;
  }

  record(method: string, args: unknown[]): void {
    this.calls.push({ method, args });
    if (this.failWith) throw this.failWith;
  }
}

const RELEASE_SCRIPT_MARKER = "redis.call('DEL'";

/** A node-redis v5-shaped client (options objects, `eval(script, { keys, arguments })`). */
export function fakeNodeRedis(server: FakeRedisServer) {
  return {
    isOpen: true,
    isReady: true,
    withTypeMapping() {
      return this;
    },
    async get(key: string) {
      server.record('get', [key]);
      return server.read(key);
    },
    async set(
      key: string,
      value: string,
      options?: { expiration?: { type: string; value: number }; condition?: string },
    ) {
      server.record('set', [key, value, options]);
      if (options?.expiration?.type !== 'PX') throw new Error('fake: only PX is supported');
      const ok = server.write(key, value, options.expiration.value, options.condition === 'NX');
      return ok ? 'OK' : null;
    },
    async del(key: string) {
      server.record('del', [key]);
      return server.entries.delete(key) ? 1 : 0;
    },
    async eval(script: string, options: { keys: string[]; arguments: string[] }) {
      server.record('eval', [script, options]);
      if (!script.includes(RELEASE_SCRIPT_MARKER)) throw new Error('fake: unknown script');
      return server.compareAndDelete(options.keys[0] ?? '', options.arguments[0] ?? '');
    },
  };
}

/** An ioredis-shaped client (positional `'PX', ms, 'NX'`, `eval(script, numKeys, ...)`). */
export function fakeIoredis(server: FakeRedisServer) {
  return {
    isCluster: false,
    status: 'ready',
    async get(key: string) {
      server.record('get', [key]);
      return server.read(key);
    },
    async set(key: string, value: string, ...rest: unknown[]) {
      server.record('set', [key, value, ...rest]);
      if (rest[0] !== 'PX' || typeof rest[1] !== 'number') throw new Error('fake: only PX');
      return server.write(key, value, rest[1], rest[2] === 'NX') ? 'OK' : null;
    },
    async del(key: string) {
      server.record('del', [key]);
      return server.entries.delete(key) ? 1 : 0;
    },
    async eval(script: string, numKeys: number, key: string, arg: string) {
      server.record('eval', [script, numKeys, key, arg]);
      if (numKeys !== 1 || !script.includes(RELEASE_SCRIPT_MARKER))
        throw new Error('fake: bad eval');
      return server.compareAndDelete(key, arg);
    },
  };
}
