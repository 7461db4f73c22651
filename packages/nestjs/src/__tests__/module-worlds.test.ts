import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { useMockServer } from '@livedata/test-utils/vitest';
import { describe, expect, it } from 'vitest';
import { serviceAccount } from './helpers.js';

const run = promisify(execFile);
const packageDir = fileURLToPath(new URL('../..', import.meta.url));

// The same consumer, written once for each module world. It fails three requests to the
// mock (an unknown route, so a 404 after a real token exchange): through LiveDataHttpService,
// through an app-made instance with attachLiveDataAuth, and through createLiveDataAxios, and
// reports whether each error is an instance of the AxiosError class of the app's own axios.
const body = `
const tokens = new TokenManager({ baseUrl, credentials, retry: { maxAttempts: 1 } });
const report = {};
async function failure(request) {
  try { await request(); return { instanceOfAppAxiosError: false, status: 0 }; }
  catch (error) {
    return { instanceOfAppAxiosError: error instanceof axios.AxiosError, isAxiosError: axios.isAxiosError(error), status: error.response?.status ?? 0 };
  }
}
const service = new LiveDataHttpService(tokens);
report.nest = await failure(() => firstValueFrom(service.get('/no-such-route')));
service.onApplicationShutdown();
const own = axios.create({ baseURL: baseUrl });
attachLiveDataAuth(own, tokens);
report.attached = await failure(() => own.get('/no-such-route'));
report.created = await failure(() => createLiveDataAxios(tokens).get('/no-such-route'));
await tokens.close();
console.log(JSON.stringify(report));
`;

const commonJsConsumer = `(async () => {
const axios = require('axios');
const { TokenManager } = require('@livedata/core');
const { attachLiveDataAuth, createLiveDataAxios } = require('@livedata/axios');
const { LiveDataHttpService } = require('@livedata/nestjs');
const { firstValueFrom } = require('rxjs');
const { baseUrl, credentials } = JSON.parse(process.env.CONSUMER_INPUT);
${body}
})().catch((error) => { console.error(error); process.exit(1); });`;

const esmConsumer = `
import axios from 'axios';
import { TokenManager } from '@livedata/core';
import { attachLiveDataAuth, createLiveDataAxios } from '@livedata/axios';
import { LiveDataHttpService } from '@livedata/nestjs';
import { firstValueFrom } from 'rxjs';
const { baseUrl, credentials } = JSON.parse(process.env.CONSUMER_INPUT);
${body}`;

const api = useMockServer();

async function consume(args: string[]) {
  const { stdout } = await run(process.execPath, ['--no-warnings', ...args], {
    cwd: packageDir,
    env: {
      PATH: process.env.PATH,
      CONSUMER_INPUT: JSON.stringify({ baseUrl: api.url, credentials: serviceAccount }),
    },
  });
  return JSON.parse(stdout.trim().split('\n').at(-1) ?? '');
}

const sameAxiosError = { instanceOfAppAxiosError: true, isAxiosError: true, status: 404 };

describe('one axios per module world', () => {
  it("a CommonJS app's own require('axios') AxiosError matches errors from the CommonJS builds", async () => {
    const report = await consume(['-e', commonJsConsumer]);
    expect(report.nest).toEqual(sameAxiosError);
    expect(report.attached).toEqual(sameAxiosError);
    expect(report.created).toEqual(sameAxiosError);
  });

  it("an ESM app's own `import axios` AxiosError matches errors from the ESM builds", async () => {
    const report = await consume(['--input-type=module', '-e', esmConsumer]);
    expect(report.nest).toEqual(sameAxiosError);
    expect(report.attached).toEqual(sameAxiosError);
    expect(report.created).toEqual(sameAxiosError);
  });
});
