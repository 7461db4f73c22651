import type { UrlScope } from '@livedata/core';
import type { AxiosRequestConfig } from 'axios';

type BeforeRedirect = NonNullable<AxiosRequestConfig['beforeRedirect']>;

const guards = new WeakSet<BeforeRedirect>();

/** The request options `follow-redirects` hands to `beforeRedirect`, as far as we read them. */
interface RedirectOptions {
  href?: string;
  protocol?: string;
  host?: string;
  path?: string;
  headers?: Record<string, unknown>;
}

function redirectTarget(options: RedirectOptions): string {
  return options.href ?? `${options.protocol}//${options.host}${options.path ?? ''}`;
}

/**
 * {@link guardRedirects} for many requests against one scope: the guard for a given
 * `beforeRedirect` (or for none) is built once and reused, instead of a closure per request.
 */
export function createRedirectGuards(
  scope: UrlScope,
): (existing: BeforeRedirect | undefined) => BeforeRedirect {
  const bare = guardRedirects(undefined, scope);
  const wrapped = new WeakMap<BeforeRedirect, BeforeRedirect>();
  return (existing) => {
    if (existing === undefined) return bare;
    if (typeof existing !== 'function' || guards.has(existing)) {
      return guardRedirects(existing, scope);
    }
    let guard = wrapped.get(existing);
    if (!guard) {
      guard = guardRedirects(existing, scope);
      wrapped.set(existing, guard);
    }
    return guard;
  };
}

/**
 * Wraps a request's `beforeRedirect` (Node's http adapter, via `follow-redirects`) so that a
 * redirect leaving `scope` drops `Authorization`. `follow-redirects` only drops it when the
 * host changes (and keeps it for subdomains and other paths on the same host); this guard
 * applies the same rule as the first request. The caller's own `beforeRedirect` runs first.
 * Idempotent: wrapping a guard returns it unchanged.
 */
export function guardRedirects(
  existing: BeforeRedirect | undefined,
  scope: UrlScope,
): BeforeRedirect {
  if (existing && guards.has(existing)) return existing;
  const guard: BeforeRedirect = (options, responseDetails, ...rest) => {
    (existing as ((...args: unknown[]) => void) | undefined)?.(options, responseDetails, ...rest);
    const redirect = options as RedirectOptions;
    if (redirect.headers && !scope(redirectTarget(redirect))) {
      for (const name of Object.keys(redirect.headers)) {
        if (name.toLowerCase() === 'authorization') delete redirect.headers[name];
      }
    }
  };
  guards.add(guard);
  return guard;
}
