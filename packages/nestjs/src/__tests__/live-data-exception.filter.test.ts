import 'reflect-metadata';
import type { LiveDataCredentials } from '@livedata/core';
import { LiveDataApiError, LiveDataAuthError, TokenManager } from '@livedata/core';
import { DEMO_ORG_ID, FORBIDDEN_ORG_ID, QUOTA_SPENT_ORG_ID } from '@livedata/mock-server';
import { HttpModule, HttpService } from '@nestjs/axios';
import {
  BadRequestException,
  Controller,
  Get,
  type INestApplication,
  Inject,
  type LoggerService,
  Module,
  Query,
  UseFilters,
} from '@nestjs/common';
import { APP_FILTER, HttpAdapterHost } from '@nestjs/core';
import { Test } from '@nestjs/testing';
import { firstValueFrom } from 'rxjs';
import { describe, expect, it } from 'vitest';
import { LiveDataExceptionFilter, LiveDataHttpService, LiveDataModule } from '../index.js';
import {
  findBody,
  mockOptions,
  seededSecrets,
  serviceAccount,
  useLiveDataTestbed,
} from './helpers.js';

const { api, closeAfter } = useLiveDataTestbed();

@Controller()
class UpstreamController {
  constructor(
    @Inject(LiveDataHttpService) private readonly http: LiveDataHttpService,
    @Inject(HttpService) private readonly plainHttp: HttpService,
    @Inject(TokenManager) private readonly tokens: TokenManager,
  ) {}

  @Get('find')
  async find(@Query('org') org: string) {
    const { data } = await firstValueFrom(this.http.post(`/people/v1/${org}/find`, findBody()));
    return data;
  }

  @Get('fetch')
  async fetch(@Query('org') org: string) {
    const res = await this.tokens.fetch(`/people/v1/${org}/find`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(findBody()),
    });
    if (!res.ok) throw LiveDataApiError.fromResponse(res);
    return res.json();
  }

  @Get('other-axios')
  async otherAxios() {
    // Plain HttpService, not LiveDataHttpService: its 401 is not a Live Data upstream failure.
    await firstValueFrom(
      this.plainHttp.post(`${this.tokens.baseUrl}/people/v1/${DEMO_ORG_ID}/find`, findBody()),
    );
  }

  @Get('token')
  async token() {
    await this.tokens.getAccessToken();
    return { ok: true };
  }

  @Get('auth-error')
  authError(@Query('code') code: LiveDataAuthError['code']) {
    throw new LiveDataAuthError(
      code,
      `simulated ${code}: check LIVEDATA_CLIENT_SECRET`,
      code === 'rate_limited' ? { retryAfterMs: 2500 } : {},
    );
  }

  @Get('boom')
  boom() {
    throw new Error('boom');
  }

  @Get('bad')
  bad() {
    throw new BadRequestException('email is required');
  }
}

/** Same failure, with the filter on this controller only. */
@Controller('scoped')
@UseFilters(LiveDataExceptionFilter)
class ScopedController {
  constructor(@Inject(LiveDataHttpService) private readonly http: LiveDataHttpService) {}

  @Get('find')
  async find(@Query('org') org: string) {
    const { data } = await firstValueFrom(this.http.post(`/people/v1/${org}/find`, findBody()));
    return data;
  }
}

class CapturingLogger implements LoggerService {
  readonly lines: string[] = [];
  log(...args: unknown[]) {
    this.lines.push(args.map(String).join(' '));
  }
  error(...args: unknown[]) {
    this.lines.push(
      args.map((a) => (a instanceof Error ? `${a.message}\n${a.stack}` : String(a))).join(' '),
    );
  }
  warn(...args: unknown[]) {
    this.log(...args);
  }
}

type Registration =
  | 'APP_FILTER'
  | 'useGlobalFilters'
  | 'useGlobalFilters without adapter'
  | 'UseFilters';

async function startApp(
  options: { credentials?: LiveDataCredentials; registration?: Registration } = {},
): Promise<{ url: string; app: INestApplication; logger: CapturingLogger }> {
  const registration = options.registration ?? 'APP_FILTER';
  @Module({
    imports: [
      LiveDataModule.forRoot({
        ...mockOptions(api, options.credentials ?? serviceAccount),
        isGlobal: true,
      }),
      HttpModule,
    ],
    controllers: [UpstreamController, ScopedController],
    providers:
      registration === 'APP_FILTER'
        ? [{ provide: APP_FILTER, useClass: LiveDataExceptionFilter }]
        : [],
  })
  class AppModule {}

  const logger = new CapturingLogger();
  const moduleRef = await Test.createTestingModule({ imports: [AppModule] }).compile();
  const app = moduleRef.createNestApplication({ logger });
  if (registration === 'useGlobalFilters') {
    app.useGlobalFilters(new LiveDataExceptionFilter(app.get(HttpAdapterHost).httpAdapter));
  } else if (registration === 'useGlobalFilters without adapter') {
    app.useGlobalFilters(new LiveDataExceptionFilter());
  }
  closeAfter(app);
  await app.listen(0, '127.0.0.1');
  return { url: await app.getUrl(), app, logger };
}

/** An app that already holds a token: a fault injected next hits the API call, not identity. */
async function appHoldingAToken(): Promise<string> {
  const { url } = await startApp();
  await fetch(`${url}/token`);
  return url;
}

async function get(url: string) {
  const res = await fetch(url);
  const text = await res.text();
  return {
    status: res.status,
    retryAfter: res.headers.get('retry-after'),
    text,
    body: JSON.parse(text) as Record<string, unknown>,
  };
}

/** Nothing secret in what the client or the logs saw. */
async function expectNoSecrets(app: INestApplication, ...texts: string[]) {
  const token = await app
    .get(TokenManager)
    .getAccessToken()
    .catch(() => undefined);
  for (const text of texts) {
    for (const secret of [...seededSecrets, ...(token ? [token] : [])])
      expect(text).not.toContain(secret);
    expect(text).not.toMatch(/Bearer /i);
  }
}

describe('LiveDataExceptionFilter over HTTP', () => {
  it('lets successful answers through', async () => {
    const { url } = await startApp();
    const res = await get(`${url}/find?org=${DEMO_ORG_ID}`);
    expect(res.status).toBe(200);
    expect(res.body.people).toHaveLength(1);
  });

  it('402 from Live Data (credits spent) → 503 with a quota message', async () => {
    const { url, app, logger } = await startApp();
    const res = await get(`${url}/find?org=${QUOTA_SPENT_ORG_ID}`);
    expect(api.requests.find((r) => r.route === 'people.find')?.status).toBe(402);
    expect(res.status).toBe(503);
    expect(res.body).toMatchObject({
      statusCode: 503,
      code: 'upstream_quota_exceeded',
      error: 'Service Unavailable',
    });
    expect(res.body.message).toMatch(/quota/i);
    expect(res.retryAfter).toBeNull();
    await expectNoSecrets(app, res.text, logger.lines.join('\n'));
  });

  it('the same for a LiveDataApiError thrown after tokens.fetch', async () => {
    const { url } = await startApp();
    const res = await get(`${url}/fetch?org=${QUOTA_SPENT_ORG_ID}`);
    expect(res.status).toBe(503);
    expect(res.body.code).toBe('upstream_quota_exceeded');
  });

  it('403 from Live Data → 502 with a clear body', async () => {
    const { url, app, logger } = await startApp();
    for (const path of [`/find?org=${FORBIDDEN_ORG_ID}`, `/fetch?org=${FORBIDDEN_ORG_ID}`]) {
      const res = await get(url + path);
      expect(res.status).toBe(502);
      expect(res.body).toMatchObject({
        statusCode: 502,
        error: 'Bad Gateway',
        code: 'upstream_forbidden',
      });
      expect(res.body.message).toMatch(/role/);
      await expectNoSecrets(app, res.text, logger.lines.join('\n'));
    }
  });

  it('401 from Live Data even after the retry → 502', async () => {
    const { url, app, logger } = await startApp();
    api.inject('people.find', { kind: 'status', status: 401 });
    const res = await get(`${url}/find?org=${DEMO_ORG_ID}`);
    expect(res.status).toBe(502);
    expect(res.body.code).toBe('upstream_unauthorized');
    await expectNoSecrets(app, res.text, logger.lines.join('\n'));
  });

  it('rejected credentials at the identity endpoint → 502, secret not echoed', async () => {
    const { url, app, logger } = await startApp({
      credentials: { clientId: 'ldt-demo-service', clientSecret: 'wrong-secret-do-not-echo' },
    });
    const res = await get(`${url}/find?org=${DEMO_ORG_ID}`);
    expect(res.status).toBe(502);
    expect(res.body.code).toBe('upstream_unauthorized');
    expect(res.text).not.toContain('wrong-secret-do-not-echo');
    expect(logger.lines.join('\n')).not.toContain('wrong-secret-do-not-echo');
    await expectNoSecrets(app, res.text);
  });

  it('429 from Live Data → 503 with the upstream Retry-After', async () => {
    const url = await appHoldingAToken();
    api.inject('people.find', { kind: 'status', status: 429, retryAfter: 7 });
    for (const path of [`/find?org=${DEMO_ORG_ID}`, `/fetch?org=${DEMO_ORG_ID}`]) {
      const res = await get(url + path);
      expect(res.status).toBe(503);
      expect(res.body.code).toBe('upstream_rate_limited');
      expect(res.retryAfter).toBe('7');
    }
  });

  it('429 without Retry-After → 503 without an invented Retry-After', async () => {
    const url = await appHoldingAToken();
    api.inject('people.find', { kind: 'status', status: 429 });
    const res = await get(`${url}/find?org=${DEMO_ORG_ID}`);
    expect(res.status).toBe(503);
    expect(res.body.code).toBe('upstream_rate_limited');
    expect(res.retryAfter).toBeNull();
  });

  it('identity endpoint down → 503 upstream_unavailable', async () => {
    const { url } = await startApp();
    api.inject('identity', { kind: 'status', status: 503 });
    const res = await get(`${url}/find?org=${DEMO_ORG_ID}`);
    expect(res.status).toBe(503);
    expect(res.body.code).toBe('upstream_unavailable');
  });

  it('identity rate limited → 503 with Retry-After', async () => {
    const { url } = await startApp();
    const res = await get(`${url}/auth-error?code=rate_limited`);
    expect(res.status).toBe(503);
    expect(res.body.code).toBe('upstream_rate_limited');
    expect(res.retryAfter).toBe('3');
  });

  it('connection reset by the API → 503 upstream_unavailable', async () => {
    const url = await appHoldingAToken();
    api.inject('people.find', { kind: 'reset' });
    const res = await get(`${url}/find?org=${DEMO_ORG_ID}`);
    expect(res.status).toBe(503);
    expect(res.body.code).toBe('upstream_unavailable');
  });

  it('5xx from the API → 502 upstream_error', async () => {
    const url = await appHoldingAToken();
    api.inject('people.find', { kind: 'status', status: 500, body: 'stack trace with secrets' });
    const res = await get(`${url}/find?org=${DEMO_ORG_ID}`);
    expect(res.status).toBe(502);
    expect(res.body.code).toBe('upstream_error');
    expect(res.text).not.toContain('stack trace');
  });

  it('everything else goes to Nest’s default handling', async () => {
    const { url } = await startApp();
    expect(await get(`${url}/boom`)).toMatchObject({
      status: 500,
      body: { statusCode: 500, message: 'Internal server error' },
    });
    expect(await get(`${url}/bad`)).toMatchObject({
      status: 400,
      body: { statusCode: 400, message: 'email is required' },
    });
    // A 401 through an Axios instance that is not LiveDataHttpService is not an upstream Live Data failure.
    expect(await get(`${url}/other-axios`)).toMatchObject({ status: 500 });
  });

  it('configuration and shutdown get core’s answer too, without the configuration message', async () => {
    const { url } = await startApp();
    const config = await get(`${url}/auth-error?code=config`);
    expect(config).toMatchObject({ status: 500, body: { code: 'service_misconfigured' } });
    expect(config.text).not.toMatch(/LIVEDATA_/);
    expect(await get(`${url}/auth-error?code=closed`)).toMatchObject({
      status: 503,
      body: { code: 'service_unavailable' },
    });
  });

  it('works registered with app.useGlobalFilters(new LiveDataExceptionFilter(httpAdapter))', async () => {
    const { url } = await startApp({ registration: 'useGlobalFilters' });
    expect((await get(`${url}/find?org=${QUOTA_SPENT_ORG_ID}`)).status).toBe(503);
    expect((await get(`${url}/bad`)).status).toBe(400);
  });

  it('works per controller with @UseFilters(LiveDataExceptionFilter), and only there', async () => {
    const { url } = await startApp({ registration: 'UseFilters' });
    const scoped = await get(`${url}/scoped/find?org=${QUOTA_SPENT_ORG_ID}`);
    expect(scoped.status).toBe(503);
    expect(scoped.body.code).toBe('upstream_quota_exceeded');
    expect((await get(`${url}/find?org=${QUOTA_SPENT_ORG_ID}`)).status).toBe(500);
  });

  it('answers even when created without the HTTP adapter', async () => {
    const { url } = await startApp({ registration: 'useGlobalFilters without adapter' });
    const quota = await get(`${url}/find?org=${QUOTA_SPENT_ORG_ID}`);
    expect(quota.status).toBe(503);
    expect(quota.body.code).toBe('upstream_quota_exceeded');
    expect(await get(`${url}/boom`)).toMatchObject({ status: 500, body: { statusCode: 500 } });
  });
});
