/**
 * A Redis command issued by `RedisTokenStore` failed (connection lost, timeout, ACL
 * denial…). The core's `TokenManager` treats it as a cache miss and logs one warning;
 * the API keeps working on the manager's own identity call.
 *
 * The message keeps the client's reason but never the command's arguments: the
 * original error is not attached as `cause`, because some clients (ioredis) put the
 * command and its arguments, i.e. the stored value, on their errors.
 */
export class RedisTokenStoreError extends Error {
  /** Always `'RedisTokenStoreError'`. */
  override readonly name = 'RedisTokenStoreError';
  /** The store operation that failed. */
  readonly operation: 'get' | 'set' | 'delete' | 'lock' | 'unlock';

  /**
   * Built by `RedisTokenStore` when a Redis command fails.
   *
   * @param operation - the store operation that failed.
   * @param reason - the client's reason, without the command's arguments.
   */
  constructor(operation: RedisTokenStoreError['operation'], reason: string) {
    super(
      `RedisTokenStore: Redis ${operation} failed (${reason}). Check that Redis is reachable and that its user may run GET, SET, DEL and EVAL on the store's keys.`,
    );
    this.operation = operation;
  }
}

/** The client's message, with any of `secrets` cut out and the length bounded. */
export function redactedReason(error: unknown, secrets: readonly string[]): string {
  let reason = error instanceof Error ? `${error.name}: ${error.message}` : 'unknown error';
  for (const secret of secrets) {
    if (secret.length > 0) reason = reason.split(secret).join('[redacted]');
  }
  return reason.length > 300 ? `${reason.slice(0, 300)}…` : reason;
}
