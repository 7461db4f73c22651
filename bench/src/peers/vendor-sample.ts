/**
 * A TypeScript port of the vendor's sample auth class (Live Data docs, "Sample Python Auth
 * Code"), written from its description rather than copied: it keeps one token, signs in
 * again when the token is within 25 seconds of expiry, and uses a "refreshing" flag that
 * other callers busy-wait on (polling) while a sign-in runs. It is the baseline a user
 * would otherwise paste into their code.
 *
 * The one liberty taken in its favour: the flag is cleared in a `finally`, so a failed
 * sign-in does not leave every later caller waiting forever.
 */
import { type ClientCredentials, type LiveDataSession, loginWithFetch } from './live-data-login.js';

/** Options of {@link VendorSampleAuth}. */
export interface VendorSampleOptions {
  baseUrl: string;
  credentials: ClientCredentials;
  /** Sign in again this long before expiry; the sample's constant is 25 s. */
  marginMs?: number;
  /** How often a waiting caller re-checks the flag; the sample sleeps between checks. */
  pollMs?: number;
  /** Clock; default `Date.now`. */
  now?: () => number;
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** The vendor sample: one token, re-login 25 s before expiry, busy-wait flag. */
export class VendorSampleAuth {
  readonly #baseUrl: string;
  readonly #credentials: ClientCredentials;
  readonly #marginMs: number;
  readonly #pollMs: number;
  readonly #now: () => number;
  #session: LiveDataSession | undefined;
  #refreshing = false;

  constructor(options: VendorSampleOptions) {
    this.#baseUrl = options.baseUrl;
    this.#credentials = options.credentials;
    this.#marginMs = options.marginMs ?? 25_000;
    this.#pollMs = options.pollMs ?? 100;
    this.#now = options.now ?? Date.now;
  }

  /** The current token, signing in first when there is none or it is within the margin. */
  async getToken(): Promise<string> {
    while (this.#refreshing) await sleep(this.#pollMs);
    const session = this.#session;
    if (session && this.#now() < session.expiresAt - this.#marginMs) return session.accessToken;
    this.#refreshing = true;
    try {
      this.#session = await loginWithFetch(this.#baseUrl, this.#credentials);
      return this.#session.accessToken;
    } finally {
      this.#refreshing = false;
    }
  }
}
