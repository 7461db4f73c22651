import { afterAll, afterEach, beforeAll, beforeEach } from 'vitest';

/** How long a server started by {@link useServer} lives. */
export interface UseServerOptions {
  /** `'file'` (default): one server for every test of the file; `'test'`: a fresh one per test. */
  per?: 'file' | 'test';
}

/** A server the hooks can stop, and optionally wipe between tests. */
export interface ClosableServer {
  close(): Promise<void>;
  resetRequests?(): void;
  clearFaults?(): void;
}

/**
 * Registers the vitest hooks that start a server (`start`) and close it, and returns a
 * stand-in that forwards every property to the server currently running, so a test file
 * writes `const api = useServer(...)` once and reads `api.url` in its tests. With one server
 * per file, its recorded requests and injected faults are wiped before each test, so no test
 * sees another's.
 */
export function useServer<T extends ClosableServer>(
  start: () => Promise<T>,
  options: UseServerOptions = {},
): T {
  let current: T | undefined;
  const open = async () => {
    current = await start();
  };
  const close = async () => {
    const server = current;
    current = undefined;
    await server?.close();
  };
  if (options.per === 'test') {
    beforeEach(open);
    afterEach(close);
  } else {
    beforeAll(open);
    afterAll(close);
    beforeEach(() => {
      current?.resetRequests?.();
      current?.clearFaults?.();
    });
  }
  return new Proxy({} as T, {
    get(_target, property) {
      if (current === undefined) {
        throw new Error(
          `nothing is running yet: read its ${String(property)} inside a test or hook`,
        );
      }
      const value = Reflect.get(current, property, current);
      return typeof value === 'function' ? value.bind(current) : value;
    },
    has(_target, property) {
      return current !== undefined && property in current;
    },
  });
}
