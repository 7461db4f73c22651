/**
 * Scenario 3 in a process of its own (started by `overhead-child.ts`, on the client's CPU
 * when pinned): a fresh heap and JIT state, and no sockets, timers or managers left by the
 * scenarios before it. Prints the rows as JSON, each contender by id.
 *
 *   node overhead-process.js SETTINGS_JSON [SERVER_CPU]
 */
import { runOverhead } from './scenarios/overhead.js';
import type { BenchSettings } from './settings.js';
import { configureTransport } from './transport.js';

const [settingsJson = '{}', serverCpu] = process.argv.slice(2);
configureTransport();
const rows = await runOverhead(JSON.parse(settingsJson) as BenchSettings['overhead'], {
  serverCpu: serverCpu === undefined ? undefined : Number(serverCpu),
});
process.stdout.write(
  `${JSON.stringify(rows.map((row) => ({ ...row, contender: row.contender.id })))}\n`,
);
// Keep-alive sockets must not hold the process open.
process.exit(0);
