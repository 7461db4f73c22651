// Entry of the scenario in Node, Bun and Deno: `<runtime> child.mjs <baseUrl> <controlUrl>
// <clientId> <clientSecret>`. Prints one `RESULT <json>` line and returns without closing
// its managers: the runner then checks that the process exits by itself.
import * as core from '../packages/core/dist/index.js';
import { runScenario } from './scenario.mjs';

const args = globalThis.Deno ? globalThis.Deno.args : process.argv.slice(2);
const [baseUrl, controlUrl, clientId, clientSecret] = args;
const results = await runScenario({
  core,
  baseUrl,
  controlUrl,
  credentials: { clientId, clientSecret },
});
const runtime = globalThis.Deno
  ? `deno ${globalThis.Deno.version.deno}`
  : globalThis.Bun
    ? `bun ${globalThis.Bun.version}`
    : `node ${process.versions.node}`;
console.log(`RESULT ${JSON.stringify({ runtime, results })}`);
