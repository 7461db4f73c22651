import { demoCredentials } from '@livedata/mock-server';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { singletonSlot, useMockServerEnv, useServiceAccount } from './live-data-env.js';

// Before useMockServerEnv, so it runs after the reset (the order afterEach hooks run in is the reverse).
afterEach(() => {
  vi.resetModules();
});
const api = useMockServerEnv();

describe('getTokenManager', () => {
  it('requests nothing at import', async () => {
    useServiceAccount(api.url, demoCredentials);
    await import('../index.js');
    expect(singletonSlot()).toBeUndefined();
    expect(api.count('identity')).toBe(0);
  });

  it('returns one manager per process, kept on globalThis', async () => {
    useServiceAccount(api.url, demoCredentials);
    const { getTokenManager } = await import('../index.js');
    const first = getTokenManager();
    expect(getTokenManager()).toBe(first);
    expect(singletonSlot()?.manager).toBe(first);
    expect(first.baseUrl).toBe(api.url);
  });

  it('survives re-evaluation of the module (HMR) and shares one identity call', async () => {
    useServiceAccount(api.url, demoCredentials);
    const before = await import('../index.js');
    vi.resetModules();
    const after = await import('../index.js');
    expect(after.getTokenManager).not.toBe(before.getTokenManager);
    expect(after.getTokenManager()).toBe(before.getTokenManager());

    const tokens = await Promise.all([
      before.getLiveDataToken(),
      after.getLiveDataToken(),
      before.getLiveDataToken(),
      after.getLiveDataToken(),
    ]);
    expect(new Set(tokens).size).toBe(1);
    expect(api.count('identity')).toBe(1);
  });

  it('builds a new manager when the LIVEDATA_* variables change', async () => {
    useServiceAccount(api.url, demoCredentials);
    const { getTokenManager } = await import('../index.js');
    const first = getTokenManager();
    process.env.LIVEDATA_BASE_URL = `${api.origin}/api/`;
    const second = getTokenManager();
    expect(second).not.toBe(first);
    expect(getTokenManager()).toBe(second);
  });

  it('throws a config error naming the variables, and does not remember it', async () => {
    const { getTokenManager } = await import('../index.js');
    let caught: unknown;
    try {
      getTokenManager();
    } catch (error) {
      caught = error;
    }
    // resetModules gave this import its own copy of the core, hence no instanceof.
    expect(caught).toMatchObject({ name: 'LiveDataAuthError', code: 'config' });
    expect((caught as Error).message).toContain('LIVEDATA_CLIENT_ID');
    expect(singletonSlot()).toBeUndefined();

    useServiceAccount(api.url, demoCredentials);
    expect(getTokenManager().baseUrl).toBe(api.url);
  });

  it('never shows the secret when the global slot is inspected', async () => {
    useServiceAccount(api.url, demoCredentials);
    const { getTokenManager } = await import('../index.js');
    const token = await getTokenManager().getAccessToken();
    const { inspect } = await import('node:util');
    const shown = inspect(singletonSlot(), { depth: 10, showHidden: true });
    expect(shown).not.toContain(demoCredentials.clientSecret);
    expect(shown).not.toContain(token);
  });
});
