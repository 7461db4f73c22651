// The cold start (shared/node/cold-start.cjs) on @livedata/core as require() loads it.
require('./cold-start.cjs')(require('@livedata/core'));
