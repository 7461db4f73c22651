/**
 * Scenarios 3 and 3a in a process of their own (started by `overhead-child.ts`, on the
 * client's CPU when pinned): a fresh heap and JIT state, and no sockets, timers or managers
 * left by the scenarios before them. Prints the rows as JSON, each contender by id.
 *
 *   node overhead-process.js SETTINGS_JSON PAIRED_SETTINGS_JSON [SERVER_CPU]
 */
import { runOverhead } from './scenarios/overhead.js';
import type { BenchSettings } from './settings.js';
import { configureTransport } from './transport.js';

const [settingsJson = '{}', pairedJson = '{}', serverCpu] = process.argv.slice(2);
configureTransport();
const { throughput, paired } = await runOverhead(
  JSON.parse(settingsJson) as BenchSettings['overhead'],
  JSON.parse(pairedJson) as BenchSettings['pairedRequests'],
  { serverCpu: serverCpu === undefined ? undefined : Number(serverCpu) },
);
const byId = <R extends { contender: { id: string } }>(rows: R[]) =>
  rows.map((row) => ({ ...row, contender: row.contender.id }));
process.stdout.write(`${JSON.stringify({ throughput: byId(throughput), paired: byId(paired) })}\n`);
// Keep-alive sockets must not hold the process open.
process.exit(0);
