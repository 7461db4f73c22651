import type { AxiosResponse, InternalAxiosRequestConfig } from 'axios';

/** Config key under which the adapter remembers what it attached to one request. */
export const REQUEST_AUTH_KEY = '__liveDataAuth';

/** What a request carries in `Authorization` after it completes: never the token itself. */
export const REDACTED_AUTHORIZATION = 'Bearer [redacted]';

/**
 * What the adapter attached to one request. The token is a private field, so neither
 * `JSON.stringify(error)` nor `util.inspect` of an `AxiosError`'s config shows it. It is a
 * class instance (not a plain object), so Axios's `mergeConfig` and `{ ...config }` keep it
 * by reference.
 */
export class RequestAuth {
  #token: string;
  #header: string;
  /** Whether the 401 retry was already spent on this request. */
  retried = false;

  constructor(token: string) {
    this.#token = token;
    this.#header = `Bearer ${token}`;
  }

  /** The `Authorization` value that carries the token. */
  get header(): string {
    return this.#header;
  }

  /** The token that was sent. */
  get token(): string {
    return this.#token;
  }

  /** Swap in the token sent by the retry. */
  replaceToken(token: string): void {
    this.#token = token;
    this.#header = `Bearer ${token}`;
  }

  /** Whether an `Authorization` value is the one this adapter set (before or after redaction). */
  owns(value: unknown): boolean {
    return value === this.#header || value === REDACTED_AUTHORIZATION;
  }

  toJSON(): { retried: boolean } {
    return { retried: this.retried };
  }
}

type ConfigWithAuth = InternalAxiosRequestConfig & { [REQUEST_AUTH_KEY]?: unknown };

/** The adapter's record on `config`, if it authenticated this request. */
export function readRequestAuth(
  config: InternalAxiosRequestConfig | undefined,
): RequestAuth | undefined {
  const value = (config as ConfigWithAuth | undefined)?.[REQUEST_AUTH_KEY];
  return value instanceof RequestAuth ? value : undefined;
}

/** Remember on `config` which token the adapter attached. */
export function writeRequestAuth(config: InternalAxiosRequestConfig, auth: RequestAuth): void {
  (config as ConfigWithAuth)[REQUEST_AUTH_KEY] = auth;
}

/** Whether the request's `Authorization` header is the adapter's own. */
export function carriesOurToken(config: InternalAxiosRequestConfig | undefined): boolean {
  const auth = readRequestAuth(config);
  return auth?.owns(config?.headers?.get('Authorization')) === true;
}

const isOwnEnumerable = Object.prototype.propertyIsEnumerable;

function hide(target: object | undefined, key: string): void {
  if (!target || !isOwnEnumerable.call(target, key)) return;
  try {
    // Only the enumerability changes; value and writability stay.
    Object.defineProperty(target, key, { enumerable: false });
  } catch {
    // A non-configurable property stays as it is.
  }
}

/**
 * Swaps the adapter's `Authorization` for {@link REDACTED_AUTHORIZATION}. Returns `false`
 * when the request does not carry the adapter's header (nothing to redact).
 */
function redactHeader(config: InternalAxiosRequestConfig | undefined): boolean {
  const auth = readRequestAuth(config);
  const headers = config?.headers;
  if (!auth || !headers) return false;
  // Fast path: the header is where `headers.set('Authorization', …)` put it.
  const own = headers as unknown as Record<string, unknown>;
  if (own.Authorization === auth.header) {
    own.Authorization = REDACTED_AUTHORIZATION;
    return true;
  }
  if (!auth.owns(headers.get('Authorization'))) return false;
  headers.set('Authorization', REDACTED_AUTHORIZATION);
  return true;
}

/**
 * Once a request is finished, takes the token out of what the caller gets back: the
 * config's `Authorization` becomes {@link REDACTED_AUTHORIZATION}, and the raw Node request
 * (whose header text holds the token) stays reachable but is hidden from logs and JSON.
 */
export function redactFinished(
  config: InternalAxiosRequestConfig | undefined,
  holders: ReadonlyArray<object | undefined>,
): void {
  if (!redactHeader(config)) return;
  for (const holder of holders) hide(holder, 'request');
}

/** {@link redactFinished} for a successful response. */
export function redactResponse(response: AxiosResponse): AxiosResponse {
  if (redactHeader(response.config)) hide(response, 'request');
  return response;
}
