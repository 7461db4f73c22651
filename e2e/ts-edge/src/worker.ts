// A worker-style module: web lib only, no @types/node, and (tsc's default) library
// declarations checked too.
import { LiveDataApiError, TokenManager } from '@livedata/core';

interface Env {
  LIVEDATA_CLIENT_ID: string;
  LIVEDATA_CLIENT_SECRET: string;
}

let tokens: TokenManager | undefined;

export default {
  async fetch(_request: Request, env: Env): Promise<Response> {
    tokens ??= new TokenManager({
      credentials: { clientId: env.LIVEDATA_CLIENT_ID, clientSecret: env.LIVEDATA_CLIENT_SECRET },
    });
    const res = await tokens.fetch('/people/v1/o_3daf8872/search', {
      method: 'POST',
      body: '{"size":1}',
    });
    if (!res.ok) throw LiveDataApiError.fromResponse(res);
    return new Response(res.body, { status: res.status });
  },
};
