import type { RouteName } from './types.js';

/** Base path of every route, as on the real API (`https://gotlivedata.io/api`). */
export const BASE_PATH = '/api';

/** A request path matched to a route, with its path parameters. */
export interface RouteMatch {
  route: RouteName;
  /** Method the route answers. */
  method: 'GET' | 'POST';
  orgId?: string;
  personId?: string;
  ledgerId?: string;
}

const patterns: { route: RouteName; method: 'GET' | 'POST'; pattern: RegExp }[] = [
  { route: 'identity', method: 'POST', pattern: /^\/identity\/v1\/session$/ },
  { route: 'people.find', method: 'POST', pattern: /^\/people\/v1\/(?<org>[^/]+)\/find$/ },
  {
    route: 'people.findPreview',
    method: 'POST',
    pattern: /^\/people\/v1\/(?<org>[^/]+)\/find\/preview$/,
  },
  { route: 'people.search', method: 'POST', pattern: /^\/people\/v1\/(?<org>[^/]+)\/search$/ },
  {
    route: 'people.searchPreview',
    method: 'POST',
    pattern: /^\/people\/v1\/(?<org>[^/]+)\/search\/preview$/,
  },
  {
    route: 'people.person',
    method: 'GET',
    pattern: /^\/people\/v1\/(?<org>[^/]+)\/person\/(?<person>[^/]+)$/,
  },
  {
    route: 'ledger.contacts',
    method: 'POST',
    pattern: /^\/ledgers\/v1\/(?<org>[^/]+)\/(?<ledger>[^/]+)\/contacts\/search$/,
  },
];

/** Finds the route for a pathname (without query); `unknown` when none matches. */
export function matchRoute(pathname: string): RouteMatch {
  if (!pathname.startsWith(`${BASE_PATH}/`)) return { route: 'unknown', method: 'GET' };
  const rest = pathname.slice(BASE_PATH.length).replace(/(.)\/$/, '$1');
  for (const { route, method, pattern } of patterns) {
    const found = pattern.exec(rest);
    if (!found) continue;
    const groups = found.groups;
    return {
      route,
      method,
      orgId: decode(groups?.org),
      personId: decode(groups?.person),
      ledgerId: decode(groups?.ledger),
    };
  }
  return { route: 'unknown', method: 'GET' };
}

function decode(segment: string | undefined): string | undefined {
  if (segment === undefined) return undefined;
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}
