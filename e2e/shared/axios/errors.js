// Upstream errors printed every way an app logs them. The token sent with them is written
// to TOKEN_FILE (for the check only) so the check can look for it in what was printed.
import { writeFileSync } from 'node:fs';
import { format, inspect } from 'node:util';
import { attachLiveDataAuth, createLiveDataAxios, toLiveDataApiError } from '@livedata/axios';
import { tokenManagerFromEnv } from '@livedata/core';
import axios from 'axios';

const tokens = tokenManagerFromEnv();
const api = createLiveDataAxios(tokens);
const own = axios.create();
attachLiveDataAuth(own, tokens);
const token = await tokens.getAccessToken();
writeFileSync(process.env.TOKEN_FILE, token);

const failures = [
  // o_5ca1ab1e has spent its credits: 402.
  () => api.post('/people/v1/o_5ca1ab1e/search', { size: 1 }),
  () => own.post(`${tokens.baseUrl}/people/v1/o_5ca1ab1e/search`, { size: 1 }),
  // o_badc0ffe: no role, 403.
  () => api.get('/people/v1/o_badc0ffe/person/p_1'),
  // The check makes the mock answer 500 to the ledger route.
  () => api.post('/ledgers/v1/o_3daf8872/l_1/contacts/search', {}, { adapter: 'fetch' }),
];
for (const fail of failures) {
  try {
    await fail();
    console.log('no error');
  } catch (error) {
    console.log(
      `instanceof AxiosError: ${error instanceof axios.AxiosError}, status: ${error.response?.status}`,
    );
    console.log(error);
    console.log(inspect(error, { showHidden: true, depth: Infinity }));
    console.log(format('%o', error));
    console.log(format('%O %s %j', error.response, error, error.config));
    console.log(JSON.stringify(error));
    console.log(String(error), error.stack);
    console.log(toLiveDataApiError(error));
  }
}
