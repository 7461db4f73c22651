import { describe, expect, it } from 'vitest';
import { tokenManagerFromEnv, tokenManagerOptionsFromEnv } from '../index.js';
import { thrownConfigError } from './web-fixtures.js';

describe('tokenManagerFromEnv', () => {
  it('builds each credential kind from its variables', async () => {
    const a = tokenManagerFromEnv({ LIVEDATA_CLIENT_ID: 'id', LIVEDATA_CLIENT_SECRET: 's' });
    const b = tokenManagerFromEnv({
      LIVEDATA_USERNAME: 'u',
      LIVEDATA_PASSWORD: 'p',
      LIVEDATA_BASE_URL: 'http://127.0.0.1:1/api/',
    });
    const c = tokenManagerFromEnv({ LIVEDATA_API_KEY: 'ldtkey_x', LIVEDATA_CLIENT_ID: '' });
    expect([a.kind, b.kind, c.kind]).toEqual(['clientCredentials', 'password', 'apiKey']);
    expect(a.baseUrl).toBe('https://gotlivedata.io/api');
    expect(b.baseUrl).toBe('http://127.0.0.1:1/api');
    await Promise.all([a.close(), b.close(), c.close()]);
  });

  it('reads process.env by default', async () => {
    const saved = { ...process.env };
    try {
      process.env.LIVEDATA_API_KEY = 'ldtkey_from_process';
      for (const k of [
        'LIVEDATA_CLIENT_ID',
        'LIVEDATA_CLIENT_SECRET',
        'LIVEDATA_USERNAME',
        'LIVEDATA_PASSWORD',
        'LIVEDATA_BASE_URL',
      ]) {
        delete process.env[k];
      }
      const tokens = tokenManagerFromEnv();
      expect(await tokens.getAccessToken()).toBe('ldtkey_from_process');
      await tokens.close();
    } finally {
      process.env = saved;
    }
  });

  it('names the missing half of a pair', () => {
    expect(
      thrownConfigError(() => tokenManagerFromEnv({ LIVEDATA_CLIENT_ID: 'id' })).message,
    ).toContain('LIVEDATA_CLIENT_SECRET');
    const e = thrownConfigError(() => tokenManagerFromEnv({ LIVEDATA_PASSWORD: 'hunter2-secret' }));
    expect(e.setting).toBe('LIVEDATA_USERNAME');
    expect(e.message).not.toContain('hunter2-secret');
  });

  it('names every variable when nothing or two kinds are set', () => {
    const none = thrownConfigError(() => tokenManagerFromEnv({}));
    for (const name of [
      'LIVEDATA_CLIENT_ID',
      'LIVEDATA_CLIENT_SECRET',
      'LIVEDATA_USERNAME',
      'LIVEDATA_PASSWORD',
      'LIVEDATA_API_KEY',
    ]) {
      expect(none.message).toContain(name);
    }
    const mixed = thrownConfigError(() =>
      tokenManagerFromEnv({
        LIVEDATA_CLIENT_ID: 'id',
        LIVEDATA_CLIENT_SECRET: 's',
        LIVEDATA_API_KEY: 'ldtkey_secret_value',
      }),
    );
    expect(mixed.message).toContain('LIVEDATA_API_KEY');
    expect(mixed.message).toContain('LIVEDATA_CLIENT_ID');
    expect(mixed.message).not.toContain('ldtkey_secret_value');
  });

  it('refuses http:// to a non-loopback host, naming LIVEDATA_BASE_URL', () => {
    const e = thrownConfigError(() =>
      tokenManagerFromEnv({
        LIVEDATA_API_KEY: 'k',
        LIVEDATA_BASE_URL: 'http://gotlivedata.io/api',
      }),
    );
    expect(e.setting).toBe('LIVEDATA_BASE_URL');
    expect(e.message).toContain('LIVEDATA_BASE_URL');
    expect(e.message).toContain('https:');
  });

  it('a credential variable the manager refuses is named, without its value', () => {
    const e = thrownConfigError(() =>
      tokenManagerFromEnv({ LIVEDATA_API_KEY: 'ldtkey_with space9f' }),
    );
    expect(e.setting).toBe('LIVEDATA_API_KEY');
    expect(e.message).toContain('LIVEDATA_API_KEY');
    expect(e.message).not.toContain('ldtkey_with');
    const s = thrownConfigError(() =>
      tokenManagerFromEnv({
        LIVEDATA_CLIENT_ID: 'id',
        LIVEDATA_CLIENT_SECRET: 'two\nlines-s3cr3t',
      }),
    );
    expect(s.setting).toBe('LIVEDATA_CLIENT_SECRET');
    expect(s.message).not.toContain('s3cr3t');
  });

  it('overrides win over the environment', () => {
    const options = tokenManagerOptionsFromEnv(
      { LIVEDATA_BASE_URL: 'https://staging.gotlivedata.io/api' },
      { credentials: { apiKey: 'k' }, requestTimeoutMs: 5 },
    );
    expect(options).toMatchObject({
      baseUrl: 'https://staging.gotlivedata.io/api',
      requestTimeoutMs: 5,
    });
  });

  it('the constructor names bad options', () => {
    expect(
      thrownConfigError(() =>
        tokenManagerFromEnv({ LIVEDATA_API_KEY: 'k' }, { baseUrl: 'http://example.com' }),
      ).setting,
    ).toBe('baseUrl');
    expect(
      thrownConfigError(() =>
        tokenManagerFromEnv({ LIVEDATA_API_KEY: 'k' }, { requestTimeoutMs: -1 }),
      ).setting,
    ).toBe('requestTimeoutMs');
  });
});
