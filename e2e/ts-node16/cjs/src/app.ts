// A CommonJS TypeScript file (module node16 in a "type": "commonjs" package): require()
// of every package, and the app's own axios.create() handed to attachLiveDataAuth (only
// type-checks when our axios types and the app's are both the .d.cts ones).

import { attachLiveDataAuth, createLiveDataAxios, toLiveDataApiError } from '@livedata/axios';
import { LiveDataAuthError, TokenManager, tokenManagerFromEnv } from '@livedata/core';
import { LiveDataHttpService, LiveDataModule } from '@livedata/nestjs';
import { combineListeners, openTelemetryEvents } from '@livedata/opentelemetry';
import { RedisTokenStore } from '@livedata/redis';
import axios from 'axios';
import { Redis } from 'ioredis';
import { createClient } from 'redis';

const tokens = new TokenManager({
  credentials: { clientId: 'reporting', clientSecret: 'secret' },
  onEvent: combineListeners(openTelemetryEvents(), () => {}),
  store: new RedisTokenStore({ client: createClient() }),
});
const detach: () => void = attachLiveDataAuth(axios.create(), tokens);
const api: typeof axios.defaults = createLiveDataAxios(tokens).defaults;
const ioredisStore = new RedisTokenStore({ client: new Redis() });

async function main(): Promise<void> {
  try {
    await axios.create().get('https://example.com');
  } catch (error) {
    const mapped = toLiveDataApiError(error);
    if (mapped) throw mapped;
    if (error instanceof LiveDataAuthError) throw error;
  }
}

export = {
  detach,
  api,
  ioredisStore,
  main,
  tokenManagerFromEnv,
  service: new LiveDataHttpService(tokens),
  module: LiveDataModule.forRoot({ credentials: { apiKey: 'key' } }),
};
