// The cold start (shared/node/cold-start.cjs) on @livedata/core as import loads it.
import * as core from '@livedata/core';
import coldStart from './cold-start.cjs';

await coldStart(core);
