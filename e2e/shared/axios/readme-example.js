// packages/axios/README.md, "Smallest example", copied as written.
import { createLiveDataAxios } from '@livedata/axios';
import { tokenManagerFromEnv } from '@livedata/core';

const tokens = tokenManagerFromEnv(); // LIVEDATA_CLIENT_ID + LIVEDATA_CLIENT_SECRET, …
const api = createLiveDataAxios(tokens); // baseURL = tokens.baseUrl

const { data } = await api.post(`/people/v1/${process.env.LIVEDATA_ORG_ID}/find`, {
  matches: [
    {
      fields: [
        { field_name: 'email_address', search_term: 'dana.whitfield@livedata-demo.example' },
      ],
    },
  ],
});
