// @livedata/axios from CommonJS: the app's own require('axios'), an instance it made itself
// with attachLiveDataAuth, and createLiveDataAxios. Prints one JSON line.
const axios = require('axios');
const { AxiosError } = require('axios');
const { attachLiveDataAuth, createLiveDataAxios } = require('@livedata/axios');
const { tokenManagerFromEnv } = require('@livedata/core');

async function main() {
  const tokens = tokenManagerFromEnv();
  const http = axios.create({ timeout: 10_000 });
  attachLiveDataAuth(http, tokens);
  const api = createLiveDataAxios(tokens);
  const responses = await Promise.all([
    ...Array.from({ length: 10 }, () =>
      http.post(`${tokens.baseUrl}/people/v1/o_3daf8872/search`, { size: 1 }),
    ),
    ...Array.from({ length: 10 }, () => api.post('/people/v1/o_3daf8872/search', { size: 1 })),
  ]);
  const result = { statuses: [...new Set(responses.map((response) => response.status))] };
  // o_5ca1ab1e has no credits left: the API answers 402.
  for (const [name, client, url] of [
    ['attached', http, `${tokens.baseUrl}/people/v1/o_5ca1ab1e/search`],
    ['created', api, '/people/v1/o_5ca1ab1e/search'],
  ]) {
    try {
      await client.post(url, { size: 1 });
      result[name] = 'no error';
    } catch (error) {
      result[name] = {
        instanceofAxiosError: error instanceof AxiosError,
        isAxiosError: axios.isAxiosError(error),
        status: error.response?.status,
      };
    }
  }
  console.log(JSON.stringify(result));
}

main();
