import { describe, expect, it } from 'vitest';
import { CredentialsCooldown } from '../cooldown.js';
import { LiveDataAuthError } from '../errors.js';

const refused = () =>
  new LiveDataAuthError('invalid_credentials', 'refused', { retryable: false, status: 401 });

describe('CredentialsCooldown', () => {
  it('shares a non-retryable failure for cooldownMs, from the time it failed', () => {
    let now = 1_000;
    const cooldown = new CredentialsCooldown(5_000, () => now);
    expect(cooldown.errorAt(now)).toBeUndefined();
    const error = refused();
    cooldown.failed(error);
    now = 3_000; // the clock moves on; the cooldown runs from the failure
    expect(cooldown.errorAt(1_000)).toBe(error);
    expect(cooldown.errorAt(5_999)).toBe(error);
    expect(cooldown.errorAt(6_000)).toBeUndefined();
  });

  it('covers every failure retrying cannot fix, not only invalid_credentials', () => {
    const cooldown = new CredentialsCooldown(5_000, () => 0);
    const notFound = new LiveDataAuthError('invalid_response', 'HTTP 404', { retryable: false });
    cooldown.failed(notFound);
    expect(cooldown.errorAt(1)).toBe(notFound);
  });

  it('ignores retryable failures, the manager closing and a secret provider failing', () => {
    const cooldown = new CredentialsCooldown(5_000, () => 0);
    cooldown.failed(new LiveDataAuthError('unavailable', 'HTTP 503', { retryable: true }));
    cooldown.failed(new LiveDataAuthError('closed', 'closed', { retryable: false }));
    cooldown.failed(new LiveDataAuthError('config', 'provider failed', { retryable: false }));
    expect(cooldown.errorAt(1)).toBeUndefined();
  });

  it('is off with cooldownMs 0, and ends at the next success', () => {
    const off = new CredentialsCooldown(0, () => 0);
    off.failed(refused());
    expect(off.errorAt(0)).toBeUndefined();
    const on = new CredentialsCooldown(5_000, () => 0);
    on.failed(refused());
    on.succeeded();
    expect(on.errorAt(1)).toBeUndefined();
  });

  it('a later failure restarts it with the later error', () => {
    let now = 0;
    const cooldown = new CredentialsCooldown(5_000, () => now);
    cooldown.failed(refused());
    now = 4_000;
    const later = refused();
    cooldown.failed(later);
    expect(cooldown.errorAt(8_999)).toBe(later);
    expect(cooldown.errorAt(9_000)).toBeUndefined();
  });
});
