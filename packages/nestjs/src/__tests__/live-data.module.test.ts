import 'reflect-metadata';
import { TokenManager } from '@livedata/core';
import { DEMO_ORG_ID, DEMO_PERSON_EMAIL, demoCredentials } from '@livedata/mock-server';
import { HttpModule, HttpService } from '@nestjs/axios';
import { Inject, Injectable, Module } from '@nestjs/common';
import { ConfigModule, ConfigService } from '@nestjs/config';
import { Test } from '@nestjs/testing';
import { firstValueFrom } from 'rxjs';
import { describe, expect, it } from 'vitest';
import {
  LiveDataHttpService,
  LiveDataModule,
  type LiveDataModuleOptions,
  type LiveDataOptionsFactory,
} from '../index.js';
import { findBody, mockOptions, useLiveDataTestbed } from './helpers.js';

const { api, compile } = useLiveDataTestbed();

/** A user service, written the way apps write them: explicit tokens, no reliance on metadata. */
@Injectable()
class PeopleService {
  constructor(
    @Inject(TokenManager) readonly tokens: TokenManager,
    @Inject(LiveDataHttpService) readonly http: LiveDataHttpService,
  ) {}

  async findByEmail(email: string): Promise<{ id: string; name: string } | undefined> {
    const { data } = await firstValueFrom(
      this.http.post<{ people: { id: string; name: string }[] }>(
        `/people/v1/${DEMO_ORG_ID}/find`,
        findBody(email),
      ),
    );
    return data.people[0];
  }
}

@Module({ providers: [PeopleService], exports: [PeopleService] })
class PeopleModule {}

@Injectable()
class OtherService {
  constructor(@Inject(TokenManager) readonly tokens: TokenManager) {}
}

@Module({ providers: [OtherService], exports: [OtherService] })
class OtherModule {}

describe('LiveDataModule.forRoot', () => {
  it('provides a TokenManager built from the options, injectable by its class', async () => {
    const moduleRef = await compile([LiveDataModule.forRoot(mockOptions(api))]);
    const tokens = moduleRef.get(TokenManager);
    expect(tokens).toBeInstanceOf(TokenManager);
    expect(tokens.baseUrl).toBe(api.url);
    expect(tokens.kind).toBe('clientCredentials');
    expect(await tokens.getAccessToken()).toMatch(/\S+/);
    expect(api.count('identity')).toBe(1);
  });

  it('does not call the identity endpoint while the application starts', async () => {
    await compile([LiveDataModule.forRoot(mockOptions(api))]);
    expect(api.count('identity')).toBe(0);
  });

  it('fails to start with a config error when the options are invalid', async () => {
    await expect(
      Test.createTestingModule({
        imports: [
          LiveDataModule.forRoot({
            baseUrl: 'http://example.com/api',
            credentials: { apiKey: 'ldtkey_x' },
          }),
        ],
      }).compile(),
    ).rejects.toMatchObject({ name: 'LiveDataAuthError', code: 'config' });
  });
});

describe('LiveDataModule.forRootAsync', () => {
  it('useFactory with ConfigService injected', async () => {
    const moduleRef = await compile([
      ConfigModule.forRoot({
        ignoreEnvFile: true,
        load: [() => ({ LIVEDATA_BASE_URL: api.url, LIVEDATA_API_KEY: demoCredentials.apiKey })],
      }),
      LiveDataModule.forRootAsync({
        imports: [ConfigModule],
        inject: [ConfigService],
        useFactory: (config: ConfigService): LiveDataModuleOptions => ({
          baseUrl: config.getOrThrow<string>('LIVEDATA_BASE_URL'),
          credentials: { apiKey: config.getOrThrow<string>('LIVEDATA_API_KEY') },
        }),
        isGlobal: true,
      }),
      PeopleModule,
    ]);
    const tokens = moduleRef.get(TokenManager);
    expect(tokens.kind).toBe('apiKey');
    expect(tokens.baseUrl).toBe(api.url);
    expect(await moduleRef.get(PeopleService).findByEmail(DEMO_PERSON_EMAIL)).toBeDefined();
    // API keys are used as is: no identity call.
    expect(api.count('identity')).toBe(0);
    expect(api.requests.map((r) => r.auth)).toEqual(['apiKey']);
  });

  it('useFactory may be async', async () => {
    const moduleRef = await compile([
      LiveDataModule.forRootAsync({ useFactory: async () => mockOptions(api), isGlobal: true }),
    ]);
    expect(moduleRef.get(TokenManager).kind).toBe('clientCredentials');
  });

  it('useClass instantiates the options factory inside the module, with its own dependencies', async () => {
    @Injectable()
    class LiveDataConfig implements LiveDataOptionsFactory {
      constructor(@Inject(ConfigService) private readonly config: ConfigService) {}
      createLiveDataOptions(): LiveDataModuleOptions {
        return {
          baseUrl: this.config.getOrThrow<string>('LIVEDATA_BASE_URL'),
          credentials: {
            username: this.config.getOrThrow<string>('LIVEDATA_USERNAME'),
            password: this.config.getOrThrow<string>('LIVEDATA_PASSWORD'),
          },
        };
      }
    }
    const moduleRef = await compile([
      LiveDataModule.forRootAsync({
        imports: [
          ConfigModule.forRoot({
            ignoreEnvFile: true,
            load: [
              () => ({
                LIVEDATA_BASE_URL: api.url,
                LIVEDATA_USERNAME: demoCredentials.username,
                LIVEDATA_PASSWORD: demoCredentials.password,
              }),
            ],
          }),
        ],
        useClass: LiveDataConfig,
      }),
    ]);
    const tokens = moduleRef.get(TokenManager);
    expect(tokens.kind).toBe('password');
    await tokens.getAccessToken();
    expect(api.requests.filter((r) => r.route === 'identity').map((r) => r.grant)).toEqual([
      'password',
    ]);
  });

  it('useExisting reuses a provider exported by an imported module', async () => {
    let calls = 0;
    @Injectable()
    class SharedLiveDataConfig implements LiveDataOptionsFactory {
      createLiveDataOptions() {
        calls++;
        return mockOptions(api);
      }
    }
    @Module({ providers: [SharedLiveDataConfig], exports: [SharedLiveDataConfig] })
    class SharedConfigModule {}

    const moduleRef = await compile([
      SharedConfigModule,
      LiveDataModule.forRootAsync({
        imports: [SharedConfigModule],
        useExisting: SharedLiveDataConfig,
      }),
    ]);
    expect(moduleRef.get(TokenManager).baseUrl).toBe(api.url);
    expect(calls).toBe(1);
  });
});

describe('global and local registration', () => {
  it('without isGlobal, a module that does not import LiveDataModule cannot inject TokenManager', async () => {
    await expect(
      Test.createTestingModule({
        imports: [LiveDataModule.forRoot(mockOptions(api)), OtherModule],
      }).compile(),
    ).rejects.toThrow(/TokenManager/);
  });

  it('without isGlobal, a module that imports it can', async () => {
    @Module({ imports: [LiveDataModule.forRoot(mockOptions(api))], providers: [OtherService] })
    class LocalFeatureModule {}
    const moduleRef = await compile([LocalFeatureModule]);
    expect(moduleRef.get(OtherService).tokens).toBeInstanceOf(TokenManager);
  });

  it('with isGlobal, every module can inject it without importing it', async () => {
    const moduleRef = await compile([
      LiveDataModule.forRoot({ ...mockOptions(api), isGlobal: true }),
      OtherModule,
    ]);
    expect(moduleRef.get(OtherService).tokens).toBe(moduleRef.get(TokenManager));
  });

  it('with isGlobal on forRootAsync too', async () => {
    const moduleRef = await compile([
      LiveDataModule.forRootAsync({ useFactory: () => mockOptions(api), isGlobal: true }),
      OtherModule,
    ]);
    expect(moduleRef.get(OtherService).tokens).toBe(moduleRef.get(TokenManager));
  });
});

describe('injection and authenticated requests', () => {
  it('one TokenManager and one LiveDataHttpService across modules, one identity call for many requests', async () => {
    const moduleRef = await compile([
      LiveDataModule.forRoot({ ...mockOptions(api), isGlobal: true }),
      PeopleModule,
      OtherModule,
    ]);
    const people = moduleRef.get(PeopleService);
    const other = moduleRef.get(OtherService);
    expect(people.tokens).toBe(other.tokens);
    expect(moduleRef.get(LiveDataHttpService)).toBe(people.http);

    const concurrent = await Promise.all(
      Array.from({ length: 8 }, () => people.findByEmail(DEMO_PERSON_EMAIL)),
    );
    for (let i = 0; i < 4; i++) await people.findByEmail(DEMO_PERSON_EMAIL);
    await other.tokens.getAccessToken();

    expect(
      concurrent.every((person) => person?.name === concurrent[0]?.name && person !== undefined),
    ).toBe(true);
    expect(api.count('identity')).toBe(1);
    const finds = api.requests.filter((r) => r.route === 'people.find');
    expect(finds).toHaveLength(12);
    expect(finds.every((r) => r.auth === 'valid' && r.status === 200)).toBe(true);
  });

  it('a revoked token is refreshed once and the request succeeds', async () => {
    const moduleRef = await compile([
      LiveDataModule.forRoot({ ...mockOptions(api), isGlobal: true }),
      PeopleModule,
    ]);
    await moduleRef.get(PeopleService).findByEmail(DEMO_PERSON_EMAIL);
    api.revokeAllTokens();
    expect(await moduleRef.get(PeopleService).findByEmail(DEMO_PERSON_EMAIL)).toBeDefined();
    expect(api.count('identity')).toBe(2);
  });

  it('is its own Axios instance: HttpModule’s HttpService in the same app carries no Live Data token', async () => {
    const moduleRef = await compile([LiveDataModule.forRoot(mockOptions(api)), HttpModule]);
    const plain = moduleRef.get(HttpService);
    const live = moduleRef.get(LiveDataHttpService);
    expect(plain.axiosRef).not.toBe(live.axiosRef);
    expect(live.axiosRef.defaults.baseURL).toBe(api.url);

    await expect(
      firstValueFrom(plain.post(`${api.url}/people/v1/${DEMO_ORG_ID}/find`, findBody())),
    ).rejects.toMatchObject({
      response: { status: 401 },
    });
    const { status } = await firstValueFrom(
      live.post(`/people/v1/${DEMO_ORG_ID}/find`, findBody()),
    );
    expect(status).toBe(200);
    expect(api.requests.filter((r) => r.route === 'people.find').map((r) => r.auth)).toEqual([
      'none',
      'valid',
    ]);
  });
});

describe('shutdown', () => {
  it('app.close() closes the manager: later getAccessToken rejects with code closed', async () => {
    const moduleRef = await Test.createTestingModule({
      imports: [LiveDataModule.forRoot({ ...mockOptions(api), isGlobal: true }), PeopleModule],
    }).compile();
    const app = moduleRef.createNestApplication({ logger: false });
    await app.init();
    const tokens = app.get(TokenManager);
    await tokens.getAccessToken();
    await app.close();
    await expect(tokens.getAccessToken()).rejects.toMatchObject({
      name: 'LiveDataAuthError',
      code: 'closed',
    });
  });

  it('closing detaches auth from LiveDataHttpService', async () => {
    const moduleRef = await Test.createTestingModule({
      imports: [LiveDataModule.forRoot(mockOptions(api))],
    }).compile();
    const http = moduleRef.get(LiveDataHttpService);
    await moduleRef.close();
    await expect(
      firstValueFrom(http.post(`/people/v1/${DEMO_ORG_ID}/find`, findBody())),
    ).rejects.toMatchObject({
      response: { status: 401 },
    });
    expect(api.requests.filter((r) => r.route === 'people.find').map((r) => r.auth)).toEqual([
      'none',
    ]);
  });
});
