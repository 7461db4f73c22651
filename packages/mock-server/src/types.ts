/**
 * Public types of `@livedata/mock-server`. Tests of every other package code against
 * these, so changes here are breaking changes for the whole repository.
 */

/** A role on one organization, as the Live Data API grants them. */
export type Role = 'viewer' | 'editor' | 'admin';

/** Roles by organization id (`o_` + 8 hex), e.g. `{ o_3daf8872: 'admin' }`. */
export type OrgRoles = Record<string, Role>;

/** A service account (OAuth2 client credentials). */
export interface MockServiceAccount {
  /** Sent as `clientId` in the client-credentials grant. */
  clientId: string;
  /** Sent as `clientSecret` in the client-credentials grant. */
  clientSecret: string;
  /** Roles of the account's tokens, by organization id. */
  roles: OrgRoles;
}

/** A user who signs in with username and password. */
export interface MockUser {
  /** Sent as `username` in the password grant (compared case-insensitively). */
  username: string;
  /** Sent as `password` in the password grant. */
  password: string;
  /** Roles of the user's tokens, by organization id. */
  roles: OrgRoles;
}

/** A long-lived API key (`ldtkey_…`): only endpoints without customer-specific data. */
export interface MockApiKey {
  /** The key, starting with `ldtkey_`, sent as `Authorization: Bearer <apiKey>`. */
  apiKey: string;
  /** Roles of the key, by organization id. */
  roles: OrgRoles;
}

/** An organization and its credit quota. */
export interface MockOrganization {
  /** `o_` + 8 hex digits, e.g. `o_3daf8872`. */
  id: string;
  /** Display name. */
  name: string;
  /** Credits left; `undefined` means unlimited (no `X-LDT-Credits-Remaining` header). */
  credits?: number;
}

/**
 * Routes the server knows, by name. Fault injection and request counts use these names;
 * `'*'` in a fault matches every route.
 */
export type RouteName =
  | 'identity'
  | 'people.find'
  | 'people.findPreview'
  | 'people.search'
  | 'people.searchPreview'
  | 'people.person'
  | 'ledger.contacts'
  | 'unknown';

/** One injected misbehaviour. */
export type Fault =
  /** Wait this long, then answer normally (combine with others by scripting). */
  | {
      /** Delay the answer. */
      kind: 'latency';
      /** The delay in ms. */
      ms: number;
    }
  /** Answer with this status; `retryAfter` sets the `Retry-After` header as given (seconds or HTTP date). */
  | {
      /** Answer with `status` instead of the route's own answer. */
      kind: 'status';
      /** The HTTP status to answer with. */
      status: number;
      /** `Retry-After` header value, sent as given (seconds or HTTP date). */
      retryAfter?: string | number;
      /** Body to send instead of the default JSON error body. */
      body?: string;
    }
  /** Answer 200 with this body (default: a non-JSON string) and `content-type: application/json`. */
  | {
      /** Answer 200 with a body that is not valid JSON. */
      kind: 'malformed';
      /** The body, default JSON cut off mid-way. */
      body?: string;
    }
  /** Accept the request and never answer (until the server closes). */
  | {
      /** Never answer. */
      kind: 'hang';
    }
  /** Destroy the socket without an answer. */
  | {
      /** Drop the connection. */
      kind: 'reset';
    };

/** A step of a script: a fault, or `null` for one normal answer. */
export type ScriptStep = Fault | null;

/** What the server recorded about one request it saw. */
export interface RecordedRequest {
  /** The route the path matched (`'unknown'` when none). */
  route: RouteName;
  /** HTTP method, e.g. `POST`. */
  method: string;
  /** Path and query, e.g. `/api/people/v1/o_3daf8872/find`. */
  path: string;
  /** Status answered (`0` for hang/reset). */
  status: number;
  /** State of the bearer credential the request carried. */
  auth: 'none' | 'valid' | 'expired' | 'unknown' | 'apiKey';
  /** For identity calls: which grant was used. */
  grant?: 'clientCredentials' | 'password';
  /** Server clock (ms epoch, including any offset) when the request arrived. */
  at: number;
}

/** Options of {@link startMockServer}. Every field is optional. */
export interface MockServerOptions {
  /** Port to listen on; default `0` (a free port). Always binds 127.0.0.1 unless `host` says otherwise. */
  port?: number;
  /** Host to bind; default `'127.0.0.1'`. */
  host?: string;
  /** Lifetime of issued session tokens, in seconds; default 900 (15 minutes). */
  tokenTtlSeconds?: number;
  /**
   * How the password grant states expiry: `'expires_in'` (seconds, default), `'expires_at'`
   * (naive UTC like `expiresAt`), `'expiresAt'`, or `'none'` (client must assume 15 minutes).
   */
  passwordExpiryField?: 'expires_in' | 'expires_at' | 'expiresAt' | 'none';
  /** Server clock offset from the real clock in ms (simulates a skewed server); default 0. */
  clockOffsetMs?: number;
  /** Replace the seeded service accounts. */
  serviceAccounts?: MockServiceAccount[];
  /** Replace the seeded users. */
  users?: MockUser[];
  /** Replace the seeded API keys. */
  apiKeys?: MockApiKey[];
  /** Replace the seeded organizations. */
  organizations?: MockOrganization[];
  /** Seed of the generated people dataset; default 1. Same seed, same people. */
  seed?: number;
  /** Number of generated people; default 500. */
  peopleCount?: number;
}

/** A running mock server. */
export interface MockServer {
  /** Base URL to use as `baseUrl`, e.g. `'http://127.0.0.1:54321/api'`. */
  readonly url: string;
  /** Origin, e.g. `'http://127.0.0.1:54321'`. */
  readonly origin: string;
  /** The port it listens on (the one picked when `port` was 0). */
  readonly port: number;

  /** Every request seen since start or the last {@link MockServer.resetRequests}, oldest first. */
  readonly requests: readonly RecordedRequest[];
  /** Number of requests seen for a route (or for all routes when omitted). */
  count(route?: RouteName): number;
  /** Forget recorded requests. */
  resetRequests(): void;

  /** Apply `fault` to the next `times` requests of `route` (default: every request until cleared). */
  inject(route: RouteName | '*', fault: Fault, options?: { times?: number }): void;
  /** Answer the next requests of `route` in order from `steps`; afterwards answer normally. */
  script(route: RouteName | '*', steps: ScriptStep[]): void;
  /** Remove every injected fault and script. */
  clearFaults(): void;

  /** Move the server's clock forward (token validity, `Date` header, issued `expiresAt`). */
  advanceTime(ms: number): void;
  /** Change the lifetime of tokens issued from now on, in seconds. */
  setTokenTtl(seconds: number): void;
  /** Set an organization's remaining credits (`undefined` = unlimited). */
  setCredits(orgId: string, credits: number | undefined): void;
  /** Revoke every token issued so far (they answer 401 from now on). */
  revokeAllTokens(): void;

  /** Stop listening, end hung and open connections. Idempotent. */
  close(): Promise<void>;
}
