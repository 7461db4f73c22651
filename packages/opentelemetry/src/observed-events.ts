/**
 * The `@livedata/core` events this package reads, and only the fields it reads. Declared
 * here rather than imported so that `@opentelemetry/api` stays the only dependency; a type
 * test checks them against core's `TokenEvent`.
 */

/** What every token manager event has: its `type`. */
export interface LiveDataEvent {
  /** The event type, e.g. `'cache.hit'` or `'identity.started'`. */
  readonly type: string;
}

/** @internal */
export interface IdentityStarted {
  readonly type: 'identity.started';
  readonly callId: number;
  readonly method: string;
  readonly url: string;
  readonly credentialKind: string;
}

/** @internal */
export interface IdentitySucceeded {
  readonly type: 'identity.succeeded';
  readonly callId: number;
  readonly status: number;
  readonly attempts: number;
  readonly durationMs: number;
}

/** @internal */
export interface IdentityFailed {
  readonly type: 'identity.failed';
  readonly callId: number;
  readonly status?: number | undefined;
  readonly attempts: number;
  readonly durationMs: number;
  readonly error: { readonly code: string; readonly message: string };
}

/** @internal */
export interface RefreshRetry {
  readonly type: 'refresh.retry';
  readonly attempt: number;
  readonly delayMs: number;
  readonly code: string;
  readonly status?: number | undefined;
  readonly callId?: number | undefined;
}

/** @internal */
export interface RefreshSucceeded {
  readonly type: 'refresh.succeeded';
  readonly source: 'identity' | 'store';
}

/** @internal */
export interface RefreshFailed {
  readonly type: 'refresh.failed';
  readonly error: { readonly code: string };
}

/** @internal */
export interface CacheMiss {
  readonly type: 'cache.miss';
  readonly reason: string;
}

/** @internal */
export type ObservedEvent =
  | IdentityStarted
  | IdentitySucceeded
  | IdentityFailed
  | RefreshRetry
  | RefreshSucceeded
  | RefreshFailed
  | CacheMiss
  | { readonly type: 'cache.hit' | 'cache.stale' | 'unauthorized.retry' };
