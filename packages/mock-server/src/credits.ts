import type { MockOrganization } from './types.js';

/** What one charge did to an organization's quota. */
export interface Charge {
  used: number;
  /** Credits left after the charge; `undefined` when the organization is unlimited. */
  remaining: number | undefined;
}

/** Credit quotas per organization. Organizations the server does not know are unlimited. */
export class CreditLedger {
  readonly #credits = new Map<string, number | undefined>();

  constructor(organizations: readonly MockOrganization[]) {
    for (const org of organizations) this.#credits.set(org.id, org.credits);
  }

  /** Credits left, `undefined` when unlimited. */
  remaining(orgId: string): number | undefined {
    return this.#credits.get(orgId);
  }

  /** True when the organization has a quota and nothing is left of it. */
  isSpent(orgId: string): boolean {
    const left = this.remaining(orgId);
    return left !== undefined && left <= 0;
  }

  /** How many of `wanted` units the organization can still pay for. */
  affordable(orgId: string, wanted: number): number {
    const left = this.remaining(orgId);
    return left === undefined ? wanted : Math.max(0, Math.min(wanted, left));
  }

  /** Takes `amount` credits (never below zero). */
  charge(orgId: string, amount: number): Charge {
    const left = this.remaining(orgId);
    if (left === undefined) return { used: amount, remaining: undefined };
    const used = Math.min(amount, Math.max(0, left));
    this.#credits.set(orgId, left - used);
    return { used, remaining: left - used };
  }

  /** Sets the credits left (`undefined` = unlimited). */
  set(orgId: string, credits: number | undefined): void {
    if (credits !== undefined && (!Number.isFinite(credits) || credits < 0)) {
      throw new RangeError('setCredits() needs a non-negative number or undefined');
    }
    this.#credits.set(orgId, credits);
  }
}
