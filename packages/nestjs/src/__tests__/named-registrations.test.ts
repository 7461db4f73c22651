import 'reflect-metadata';
import { TokenManager } from '@livedata/core';
import { DEMO_ORG_ID, demoCredentials } from '@livedata/mock-server';
import { DEMO_USER } from '@livedata/test-utils';
import { Controller, Get, type INestApplication, Inject, Injectable, Module } from '@nestjs/common';
import { ConfigModule, ConfigService } from '@nestjs/config';
import { NestFactory } from '@nestjs/core';
import { Test } from '@nestjs/testing';
import { firstValueFrom } from 'rxjs';
import { afterEach, describe, expect, it } from 'vitest';
import {
  getLiveDataHttpServiceToken,
  getTokenManagerToken,
  InjectLiveDataHttpService,
  InjectTokenManager,
  LiveDataHttpService,
  LiveDataModule,
  type LiveDataModuleOptions,
} from '../index.js';
import { findBody, mockOptions, useLiveDataTestbed } from './helpers.js';

const { api, compile, closeAfter } = useLiveDataTestbed();
const userAccount = DEMO_USER;

/** The app's second account, configured through ConfigService the way apps do. */
function enrichmentAsync(extra: { isGlobal?: boolean } = { isGlobal: true }) {
  return LiveDataModule.forRootAsync({
    name: 'enrichment',
    imports: [
      ConfigModule.forRoot({
        ignoreEnvFile: true,
        load: [
          () => ({
            ENRICHMENT_BASE_URL: api.url,
            ENRICHMENT_USERNAME: userAccount.username,
            ENRICHMENT_PASSWORD: userAccount.password,
          }),
        ],
      }),
    ],
    inject: [ConfigService],
    useFactory: (config: ConfigService): LiveDataModuleOptions => ({
      baseUrl: config.getOrThrow<string>('ENRICHMENT_BASE_URL'),
      credentials: {
        username: config.getOrThrow<string>('ENRICHMENT_USERNAME'),
        password: config.getOrThrow<string>('ENRICHMENT_PASSWORD'),
      },
      retry: { maxAttempts: 2, baseDelayMs: 1, maxDelayMs: 5 },
    }),
    ...extra,
  });
}

/** A user service with one account per constructor parameter, all by explicit tokens. */
@Injectable()
class TwoAccountsService {
  constructor(
    @Inject(TokenManager) readonly reportingTokens: TokenManager,
    @Inject(LiveDataHttpService) readonly reportingHttp: LiveDataHttpService,
    @InjectTokenManager('enrichment') readonly enrichmentTokens: TokenManager,
    @InjectLiveDataHttpService('enrichment') readonly enrichmentHttp: LiveDataHttpService,
    @InjectTokenManager() readonly defaultTokens: TokenManager,
    @InjectLiveDataHttpService() readonly defaultHttp: LiveDataHttpService,
  ) {}

  async find(http: LiveDataHttpService): Promise<string | undefined> {
    const { data } = await firstValueFrom(
      http.post<{ people: { name: string }[] }>(`/people/v1/${DEMO_ORG_ID}/find`, findBody()),
    );
    return data.people[0]?.name;
  }
}

@Module({ providers: [TwoAccountsService], exports: [TwoAccountsService] })
class TwoAccountsModule {}

function identityGrants() {
  return api.requests.filter((r) => r.route === 'identity').map((r) => r.grant);
}

describe('injection tokens', () => {
  it('without a name they are the classes, so the default registration is injected by class', () => {
    expect(getTokenManagerToken()).toBe(TokenManager);
    expect(getTokenManagerToken(undefined)).toBe(TokenManager);
    expect(getLiveDataHttpServiceToken()).toBe(LiveDataHttpService);
  });

  it('with a name, one distinct token per name and per kind of provider', () => {
    const names = ['enrichment', 'reporting', 'Enrichment', 'a b', 'TokenManager', 'ü'];
    const tokens = names.flatMap((name) => [
      getTokenManagerToken(name),
      getLiveDataHttpServiceToken(name),
    ]);
    expect(new Set(tokens).size).toBe(tokens.length);
    for (const token of tokens) expect(typeof token).toBe('string');
    expect(getTokenManagerToken('enrichment')).toBe(getTokenManagerToken('enrichment'));
  });

  it('an empty or blank name is a config error, at the call', () => {
    for (const name of ['', ' ', ' enrichment', 'enrichment\n']) {
      expect(() => getTokenManagerToken(name)).toThrow(
        expect.objectContaining({ name: 'LiveDataAuthError', code: 'config', setting: 'name' }),
      );
      expect(() => InjectLiveDataHttpService(name)).toThrow(/name must be a non-empty string/);
      expect(() => LiveDataModule.forRoot({ ...mockOptions(api), name })).toThrow(
        expect.objectContaining({ code: 'config' }),
      );
      expect(() =>
        LiveDataModule.forRootAsync({ useFactory: () => mockOptions(api), name }),
      ).toThrow(expect.objectContaining({ code: 'config' }));
    }
  });
});

describe('a default and a named registration in one application', () => {
  it('each account has its own manager and HTTP service, and each request carries its own account’s token', async () => {
    const moduleRef = await compile([
      LiveDataModule.forRoot({ ...mockOptions(api), isGlobal: true }),
      enrichmentAsync(),
      TwoAccountsModule,
    ]);
    const service = moduleRef.get(TwoAccountsService);

    expect(service.reportingTokens).toBeInstanceOf(TokenManager);
    expect(service.enrichmentTokens).toBeInstanceOf(TokenManager);
    expect(service.enrichmentTokens).not.toBe(service.reportingTokens);
    expect(service.reportingTokens.kind).toBe('clientCredentials');
    expect(service.enrichmentTokens.kind).toBe('password');
    expect(service.defaultTokens).toBe(service.reportingTokens);
    expect(service.defaultHttp).toBe(service.reportingHttp);
    expect(service.enrichmentHttp).toBeInstanceOf(LiveDataHttpService);
    expect(service.enrichmentHttp).not.toBe(service.reportingHttp);
    expect(service.enrichmentHttp.axiosRef).not.toBe(service.reportingHttp.axiosRef);
    expect(moduleRef.get(TokenManager)).toBe(service.reportingTokens);
    expect(moduleRef.get(getTokenManagerToken('enrichment'))).toBe(service.enrichmentTokens);
    expect(moduleRef.get(getLiveDataHttpServiceToken('enrichment'))).toBe(service.enrichmentHttp);

    // Nothing is fetched at startup; then each service's requests use its own account.
    expect(api.count('identity')).toBe(0);
    expect(await service.find(service.enrichmentHttp)).toEqual(expect.any(String));
    expect(identityGrants()).toEqual(['password']);
    await Promise.all([
      service.find(service.reportingHttp),
      service.find(service.reportingHttp),
      service.find(service.enrichmentHttp),
    ]);
    expect(identityGrants()).toEqual(['password', 'clientCredentials']);
    expect(api.requests.filter((r) => r.route === 'people.find').map((r) => r.auth)).toEqual([
      'valid',
      'valid',
      'valid',
      'valid',
    ]);
    // A revoked token is renewed for that account only.
    await service.enrichmentTokens.getAccessToken({ forceRefresh: true });
    expect(identityGrants()).toEqual(['password', 'clientCredentials', 'password']);
  });

  it('two named registrations and no default: nothing is provided under the classes', async () => {
    const moduleRef = await compile([
      LiveDataModule.forRoot({ ...mockOptions(api), name: 'reporting' }),
      enrichmentAsync({ isGlobal: false }),
    ]);
    expect(moduleRef.get(getTokenManagerToken('reporting')).kind).toBe('clientCredentials');
    expect(moduleRef.get(getTokenManagerToken('enrichment')).kind).toBe('password');
    expect(() => moduleRef.get(TokenManager)).toThrow();
    expect(() => moduleRef.get(LiveDataHttpService)).toThrow();
  });

  it('a named registration without isGlobal is visible only where it is imported, and the error names its token', async () => {
    @Injectable()
    class EnrichmentOnly {
      constructor(@InjectTokenManager('enrichment') readonly tokens: TokenManager) {}
    }
    @Module({ providers: [EnrichmentOnly] })
    class NotImporting {}
    await expect(
      Test.createTestingModule({
        imports: [enrichmentAsync({ isGlobal: false }), NotImporting],
      }).compile(),
    ).rejects.toThrow(/LiveDataTokenManager:enrichment/);

    @Module({ imports: [enrichmentAsync({ isGlobal: false })], providers: [EnrichmentOnly] })
    class Importing {}
    const moduleRef = await compile([Importing]);
    expect(moduleRef.get(EnrichmentOnly).tokens.kind).toBe('password');
  });

  it('a named registration’s token works in a useFactory inject list', async () => {
    const ENRICHMENT_KIND = Symbol('ENRICHMENT_KIND');
    @Module({
      providers: [
        {
          provide: ENRICHMENT_KIND,
          inject: [getTokenManagerToken('enrichment'), getLiveDataHttpServiceToken('enrichment')],
          useFactory: (tokens: TokenManager, http: LiveDataHttpService) =>
            `${tokens.kind} ${http.axiosRef.defaults.baseURL}`,
        },
      ],
      exports: [ENRICHMENT_KIND],
    })
    class FactoryModule {}
    const moduleRef = await compile([enrichmentAsync(), FactoryModule]);
    expect(moduleRef.get(ENRICHMENT_KIND)).toBe(`password ${api.url}`);
  });

  it('overrideProvider() of a registration’s token reaches its HTTP service too (default and named)', async () => {
    const keyManager = (): TokenManager =>
      new TokenManager({ baseUrl: api.url, credentials: { apiKey: demoCredentials.apiKey } });
    const reportingFake = keyManager();
    const enrichmentFake = keyManager();
    const moduleRef = await Test.createTestingModule({
      imports: [
        LiveDataModule.forRoot({ ...mockOptions(api), isGlobal: true }),
        enrichmentAsync(),
        TwoAccountsModule,
      ],
    })
      .overrideProvider(TokenManager)
      .useValue(reportingFake)
      .overrideProvider(getTokenManagerToken('enrichment'))
      .useValue(enrichmentFake)
      .compile();
    closeAfter(moduleRef);
    const service = moduleRef.get(TwoAccountsService);
    expect(service.reportingTokens).toBe(reportingFake);
    expect(service.enrichmentTokens).toBe(enrichmentFake);
    await service.find(service.reportingHttp);
    await service.find(service.enrichmentHttp);
    expect(api.count('identity')).toBe(0);
    expect(api.requests.map((r) => r.auth)).toEqual(['apiKey', 'apiKey']);
  });
});

describe('two registrations with the same name', () => {
  const failure = (name: string) =>
    expect.objectContaining({
      name: 'LiveDataAuthError',
      code: 'config',
      setting: 'name',
      message: expect.stringContaining(`"${name}"`),
    });

  it('fail at compile(), naming the duplicate: forRoot twice', async () => {
    await expect(
      Test.createTestingModule({
        imports: [
          LiveDataModule.forRoot({ ...mockOptions(api), name: 'enrichment' }),
          LiveDataModule.forRoot({ ...mockOptions(api), name: 'enrichment' }),
        ],
      }).compile(),
    ).rejects.toEqual(failure('enrichment'));
  });

  it('fail at compile(): forRoot and forRootAsync in different feature modules, neither global', async () => {
    @Module({ imports: [LiveDataModule.forRoot({ ...mockOptions(api), name: 'enrichment' })] })
    class FeatureA {}
    @Module({ imports: [enrichmentAsync({ isGlobal: false })] })
    class FeatureB {}
    await expect(
      Test.createTestingModule({ imports: [FeatureA, FeatureB] }).compile(),
    ).rejects.toEqual(failure('enrichment'));
  });

  it('fail even when the app hashes modules by content and both calls have equal options', async () => {
    const options = { ...mockOptions(api), name: 'reporting' };
    await expect(
      Test.createTestingModule(
        { imports: [LiveDataModule.forRoot(options), LiveDataModule.forRoot({ ...options })] },
        { moduleIdGeneratorAlgorithm: 'deep-hash' },
      ).compile(),
    ).rejects.toEqual(failure('reporting'));
  });

  it('fail in a real NestFactory.create() app', async () => {
    @Module({
      imports: [
        LiveDataModule.forRoot({ ...mockOptions(api), name: 'enrichment' }),
        enrichmentAsync(),
      ],
    })
    class DuplicateApp {}
    await expect(
      NestFactory.create(DuplicateApp, { logger: false, abortOnError: false }),
    ).rejects.toEqual(failure('enrichment'));
  });

  it('one registration imported in several modules is one registration, not a duplicate', async () => {
    const shared = LiveDataModule.forRoot({ ...mockOptions(api), name: 'enrichment' });
    @Injectable()
    class UserA {
      constructor(@InjectTokenManager('enrichment') readonly tokens: TokenManager) {}
    }
    @Injectable()
    class UserB {
      constructor(@InjectTokenManager('enrichment') readonly tokens: TokenManager) {}
    }
    @Module({ imports: [shared], providers: [UserA], exports: [UserA] })
    class FeatureA {}
    @Module({ imports: [shared], providers: [UserB], exports: [UserB] })
    class FeatureB {}
    const moduleRef = await compile([FeatureA, FeatureB]);
    expect(moduleRef.get(UserA).tokens).toBe(moduleRef.get(UserB).tokens);
  });

  it('different names, and several default registrations, are all allowed (unchanged)', async () => {
    @Injectable()
    class LocalUser {
      constructor(@Inject(TokenManager) readonly tokens: TokenManager) {}
    }
    @Module({
      imports: [LiveDataModule.forRoot(mockOptions(api))],
      providers: [LocalUser],
      exports: [LocalUser],
    })
    class FeatureA {}
    @Module({
      imports: [
        LiveDataModule.forRoot(
          mockOptions(api, { clientId: demoCredentials.clientId, clientSecret: 'another-secret' }),
        ),
      ],
      providers: [{ provide: 'LOCAL_B', useClass: LocalUser }],
      exports: ['LOCAL_B'],
    })
    class FeatureB {}
    // deep-hash: equal options except the secret, which no longer serializes, must stay two modules.
    const moduleRef = await compile(
      [
        FeatureA,
        FeatureB,
        LiveDataModule.forRoot({ ...mockOptions(api), name: 'a' }),
        LiveDataModule.forRoot({ ...mockOptions(api), name: 'b' }),
      ],
      { moduleIdGeneratorAlgorithm: 'deep-hash' },
    );
    const a = moduleRef.get(LocalUser).tokens;
    const b = moduleRef.get<LocalUser>('LOCAL_B').tokens;
    expect(a).not.toBe(b);
    await expect(a.getAccessToken()).resolves.toEqual(expect.any(String));
    await expect(b.getAccessToken()).rejects.toMatchObject({ code: 'invalid_credentials' });
    expect(moduleRef.get(getTokenManagerToken('a'))).not.toBe(
      moduleRef.get(getTokenManagerToken('b')),
    );
  });
});

describe('shutdown', () => {
  it('closes every registration’s manager and detaches every HTTP service', async () => {
    const moduleRef = await Test.createTestingModule({
      imports: [
        LiveDataModule.forRoot({ ...mockOptions(api), isGlobal: true }),
        enrichmentAsync(),
        LiveDataModule.forRoot({ ...mockOptions(api), name: 'third' }),
        TwoAccountsModule,
      ],
    }).compile();
    const app = moduleRef.createNestApplication({ logger: false });
    await app.init();
    const service = app.get(TwoAccountsService);
    const third = app.get(getTokenManagerToken('third'));
    await Promise.all([
      service.find(service.reportingHttp),
      service.find(service.enrichmentHttp),
      third.getAccessToken(),
    ]);
    await app.close();
    for (const tokens of [service.reportingTokens, service.enrichmentTokens, third]) {
      await expect(tokens.getAccessToken()).rejects.toMatchObject({ code: 'closed' });
    }
    api.resetRequests();
    for (const http of [service.reportingHttp, service.enrichmentHttp]) {
      await expect(
        firstValueFrom(http.post(`/people/v1/${DEMO_ORG_ID}/find`, findBody())),
      ).rejects.toMatchObject({ response: { status: 401 } });
    }
    expect(api.requests.map((r) => r.auth)).toEqual(['none', 'none']);
  });
});

describe('over HTTP, in a NestFactory.create() app', () => {
  @Controller()
  class AccountsController {
    constructor(
      @Inject(LiveDataHttpService) private readonly reporting: LiveDataHttpService,
      @InjectLiveDataHttpService('enrichment') private readonly enrichment: LiveDataHttpService,
    ) {}

    @Get('reporting')
    async viaReporting() {
      const { data } = await firstValueFrom(
        this.reporting.post(`/people/v1/${DEMO_ORG_ID}/find`, findBody()),
      );
      return data;
    }

    @Get('enrichment')
    async viaEnrichment() {
      const { data } = await firstValueFrom(
        this.enrichment.post(`/people/v1/${DEMO_ORG_ID}/find`, findBody()),
      );
      return data;
    }
  }

  let app: INestApplication | undefined;
  afterEach(async () => {
    await app?.close();
    app = undefined;
  });

  it('serves one endpoint per account, one identity call per account, and closes both', async () => {
    @Module({
      imports: [LiveDataModule.forRoot({ ...mockOptions(api), isGlobal: true }), enrichmentAsync()],
      controllers: [AccountsController],
    })
    class AccountsApp {}
    app = await NestFactory.create(AccountsApp, { logger: false, abortOnError: false });
    await app.listen(0, '127.0.0.1');
    const url = (await app.getUrl()).replace('[::1]', '127.0.0.1');
    const answers = await Promise.all(
      ['reporting', 'enrichment', 'reporting', 'enrichment'].map((path) =>
        fetch(`${url}/${path}`).then(async (res) => ({
          status: res.status,
          body: await res.json(),
        })),
      ),
    );
    for (const answer of answers) {
      expect(answer.status).toBe(200);
      expect(answer.body.people[0].name).toEqual(expect.any(String));
    }
    expect(identityGrants().sort()).toEqual(['clientCredentials', 'password']);
    expect(api.count('people.find')).toBe(4);

    const managers = [app.get(TokenManager), app.get(getTokenManagerToken('enrichment'))];
    await app.close();
    app = undefined;
    for (const tokens of managers) {
      await expect(tokens.getAccessToken()).rejects.toMatchObject({ code: 'closed' });
    }
  });
});
