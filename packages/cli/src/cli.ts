#!/usr/bin/env node
// The `livedata` binary: wires the process (argv, env, signals, exit code) to runCli.
import { runCli } from './run-cli.js';

const stop = new AbortController();
let signals = 0;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    signals += 1;
    // A second Ctrl-C means "now": do not wait for a graceful close.
    if (signals > 1) process.exit(130);
    stop.abort();
  });
}

process.exitCode = await runCli(process.argv.slice(2), { signal: stop.signal });
