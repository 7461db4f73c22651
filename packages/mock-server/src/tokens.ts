import { randomBytes } from 'node:crypto';
import type { OrgRoles } from './types.js';

/** Who a credential belongs to, and what it may do. */
export interface Principal {
  kind: 'serviceAccount' | 'user' | 'apiKey';
  /** Client id, username or a short API key prefix: never a secret. */
  name: string;
  roles: OrgRoles;
}

/** The result of looking up a session token. */
export type TokenLookup =
  | { state: 'valid'; principal: Principal }
  | { state: 'expired'; principal: Principal }
  | { state: 'unknown' };

interface IssuedToken {
  principal: Principal;
  expiresAt: number;
  revoked: boolean;
}

/** Session tokens the server has issued: opaque random strings with a principal and an expiry. */
export class TokenRegistry {
  readonly #tokens = new Map<string, IssuedToken>();

  /** Issues a new token for `principal`, valid until `expiresAt` (server clock, ms). */
  issue(principal: Principal, expiresAt: number): string {
    const token = randomBytes(32).toString('base64url');
    this.#tokens.set(token, { principal, expiresAt, revoked: false });
    return token;
  }

  /** Looks a token up at server time `now`. Revoked tokens are as good as unknown. */
  lookup(token: string, now: number): TokenLookup {
    const issued = this.#tokens.get(token);
    if (!issued || issued.revoked) return { state: 'unknown' };
    if (now >= issued.expiresAt) return { state: 'expired', principal: issued.principal };
    return { state: 'valid', principal: issued.principal };
  }

  /** Revokes every token issued so far. */
  revokeAll(): void {
    for (const issued of this.#tokens.values()) issued.revoked = true;
  }
}
