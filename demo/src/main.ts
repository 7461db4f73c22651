#!/usr/bin/env node
// `npm run demo` ends here (after scripts/bootstrap.mjs installed and built everything):
// the whole toolkit, end to end, against a local mock of the Live Data API, or against the
// real API when LIVEDATA_* credentials are set. The steps live beside this file.
import { runDemo } from './run-demo.js';

process.exitCode = await runDemo(process.argv.slice(2));
