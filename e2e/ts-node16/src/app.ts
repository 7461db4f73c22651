// An app of its own next to the README samples: every package imported, and an Axios
// instance the app made handed to attachLiveDataAuth.

import { attachLiveDataAuth, createLiveDataAxios } from '@livedata/axios';
import { TokenManager } from '@livedata/core';
import { openTelemetryEvents } from '@livedata/opentelemetry';
import { RedisTokenStore } from '@livedata/redis';
import axios from 'axios';

const tokens = new TokenManager({
  credentials: { clientId: 'reporting', clientSecret: 'secret' },
  onEvent: openTelemetryEvents(),
});
const detach: () => void = attachLiveDataAuth(axios.create(), tokens);
export const used = [detach, createLiveDataAxios(tokens), RedisTokenStore];
