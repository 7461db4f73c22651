import { afterEach, describe, expect, it } from 'vitest';
import { childEnv, runNode, startNode } from '../index.js';

const printEnv = ['-e', 'process.stdout.write(JSON.stringify(process.env))'];

afterEach(() => {
  delete process.env.LIVEDATA_CLIENT_SECRET;
  delete process.env.LIVEDATA_ORG_ID;
});

describe('runNode', () => {
  it('keeps every LIVEDATA_* variable of this process out of the child by default', async () => {
    process.env.LIVEDATA_CLIENT_SECRET = 'from-the-shell';
    process.env.LIVEDATA_ORG_ID = 'o_00000000';
    const run = await runNode(printEnv, { env: { LIVEDATA_BASE_URL: 'http://127.0.0.1:1/api' } });
    const env = JSON.parse(run.stdout) as Record<string, string>;
    expect(run.code).toBe(0);
    expect(env.LIVEDATA_CLIENT_SECRET).toBeUndefined();
    expect(env.LIVEDATA_ORG_ID).toBeUndefined();
    expect(env.LIVEDATA_BASE_URL).toBe('http://127.0.0.1:1/api');
    expect(env.PATH).toBe(process.env.PATH);
  });

  it('gives a minimal child PATH and the given variables only', () => {
    expect(childEnv({ A: '1' }, 'minimal')).toEqual({ PATH: process.env.PATH, A: '1' });
  });

  it('kills a child that outlives timeoutMs', async () => {
    const run = await runNode(['-e', 'setInterval(() => {}, 1000)'], { timeoutMs: 200 });
    expect(run.signal).toBe('SIGKILL');
  });
});

describe('startNode', () => {
  it('waits for a line of output, then stops the child', async () => {
    const node = startNode(['-e', 'console.log("Listening on 42"); setInterval(() => {}, 1000)']);
    const match = await node.waitFor(/Listening on (\d+)/);
    expect(match[1]).toBe('42');
    await node.stop();
    expect(node.child.signalCode).toBe('SIGKILL');
  });

  it('rejects when the child exits before the line', async () => {
    const node = startNode(['-e', 'console.error("boom"); process.exit(3)']);
    await expect(node.waitFor(/never/)).rejects.toThrow(/exited with 3[\s\S]*boom/);
  });
});
