import { execFile } from 'node:child_process';
import { rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const fixture = fileURLToPath(new URL('./fixtures/client-import/', import.meta.url));
const nextBin = createRequire(import.meta.url).resolve('next/dist/bin/next');

afterAll(async () => {
  await rm(new URL('./fixtures/client-import/.next', import.meta.url), {
    recursive: true,
    force: true,
  });
});

function nextBuild(): Promise<{ code: number; output: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [nextBin, 'build'],
      {
        cwd: fixture,
        env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1', NO_COLOR: '1' },
        maxBuffer: 16 * 1024 * 1024,
        timeout: 240_000,
      },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
        resolve({ code, output: `${stdout}\n${stderr}` });
      },
    );
  });
}

describe('importing @livedata/nextjs from a client component', () => {
  it('fails `next build` with a message naming server-only and the file', async () => {
    const { code, output } = await nextBuild();
    expect(code).not.toBe(0);
    expect(output).toContain("'server-only' cannot be imported from a Client Component module");
    expect(output).toContain('token-button.jsx');
  });
});
