import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { detectCpuPinning, onCpu } from '../cpu-pinning.js';

describe('cpu pinning', () => {
  it('runs a command through taskset on the given CPU, and as it is without one', () => {
    expect(onCpu(1, 'node', ['x.js'])).toEqual({
      command: 'taskset',
      args: ['-c', '1', 'node', 'x.js'],
    });
    expect(onCpu(undefined, 'node', ['x.js'])).toEqual({ command: 'node', args: ['x.js'] });
  });

  it('pins client and server to different CPUs, and a pinned process really runs there', () => {
    const pinning = detectCpuPinning();
    if (pinning.client === undefined) {
      expect(pinning.server).toBeUndefined();
      expect(pinning.description).toMatch(/^not pinned/);
      return;
    }
    expect(pinning.server).not.toBe(pinning.client);
    const { command, args } = onCpu(pinning.server, process.execPath, [
      '-e',
      "process.stdout.write(require('node:fs').readFileSync('/proc/self/status', 'utf8').match(/Cpus_allowed_list:\\s*(\\S+)/)[1])",
    ]);
    expect(execFileSync(command, args, { encoding: 'utf8' })).toBe(String(pinning.server));
  });
});
