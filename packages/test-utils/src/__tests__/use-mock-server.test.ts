import { DEMO_ORG_ID } from '@livedata/mock-server';
import { describe, expect, it } from 'vitest';
import { useMockServer, useMockServers, useServer } from '../vitest.js';

const api = useMockServer();
let opened = 0;
const perTest = useServer(
  async () => {
    opened += 1;
    return { id: opened, close: async () => {} };
  },
  { per: 'test' },
);

describe('useMockServer', () => {
  it('forwards to the running server and records this test’s requests', async () => {
    expect(api.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/api$/);
    api.inject('*', { kind: 'status', status: 503 });
    const res = await fetch(`${api.url}/people/v1/${DEMO_ORG_ID}/find`, { method: 'POST' });
    expect(res.status).toBe(503);
    expect(api.count()).toBe(1);
  });

  it('wipes requests and faults before the next test', async () => {
    expect(api.count()).toBe(0);
    const res = await fetch(`${api.url}/people/v1/${DEMO_ORG_ID}/find`, { method: 'POST' });
    expect(res.status).not.toBe(503);
  });
});

describe('useServer per test', () => {
  it('starts one server for the first test', () => {
    expect(perTest.id).toBe(opened);
  });
  it('and a fresh one for the next', () => {
    expect(perTest.id).toBe(opened);
    expect(opened).toBeGreaterThan(1);
  });
});

describe('useMockServers', () => {
  const start = useMockServers();
  let previous: string | undefined;

  it('starts servers with their own options', async () => {
    const short = await start({ tokenTtlSeconds: 30 });
    const other = await start();
    expect(short.url).not.toBe(other.url);
    previous = short.url;
  });

  it('closed them after the previous test', async () => {
    await expect(fetch(`${previous}/identity/v1/session`, { method: 'POST' })).rejects.toThrow();
  });
});
