// A cold start: 20 requests at once through createLiveDataAxios and 20 through an instance
// of the app's own (axios.create() + attachLiveDataAuth), then one more request (the check
// makes the API refuse it once with 401). Prints one JSON line.

import { attachLiveDataAuth, createLiveDataAxios } from '@livedata/axios';
import { tokenManagerFromEnv } from '@livedata/core';
import axios from 'axios';

const tokens = tokenManagerFromEnv();
const api = createLiveDataAxios(tokens);
const own = axios.create({ timeout: 10_000 });
attachLiveDataAuth(own, tokens);
const body = { size: 1 };
const cold = await Promise.all([
  ...Array.from({ length: 20 }, () =>
    api.post(`/people/v1/${process.env.LIVEDATA_ORG_ID}/search`, body),
  ),
  ...Array.from({ length: 20 }, () =>
    own.post(`${tokens.baseUrl}/people/v1/${process.env.LIVEDATA_ORG_ID}/search`, body),
  ),
]);
process.stdout.write('cold start done\n');
// The check waits for the line above, then scripts a 401 and sends a line on stdin.
await new Promise((resolve) => process.stdin.once('data', resolve));
process.stdin.pause();
const after401 = await api.post(`/people/v1/${process.env.LIVEDATA_ORG_ID}/search`, body);
console.log(
  JSON.stringify({
    cold: [...new Set(cold.map((response) => response.status))],
    after401: after401.status,
    axios: axios.VERSION,
  }),
);
