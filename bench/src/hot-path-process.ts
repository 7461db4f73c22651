/**
 * Scenario 4 in a process of its own (spawned by `run.ts`): a tight loop's cost depends on
 * the JIT state the process is in, and after the other scenarios (hundreds of managers,
 * every peer's code, Redis-backed tokens) the same getter measured 1.2× to 2.9× the baseline
 * from one run to the next. A fresh process measures every getter, and the baseline it is
 * divided by, in the state an application's own process is in. Prints the rows as JSON.
 */
import { runHotPath } from './scenarios/hot-path.js';
import { fullSettings } from './settings.js';

const [iterations, rounds] = process.argv.slice(2).map(Number);
const rows = await runHotPath({
  iterations: iterations ?? fullSettings.hotPath.iterations,
  rounds: rounds ?? fullSettings.hotPath.rounds,
});
process.stdout.write(`${JSON.stringify(rows)}\n`);
