import 'reflect-metadata';
import { format, inspect } from 'node:util';
import type { LiveDataCredentials } from '@livedata/core';
import { DEMO_ORG_ID, demoCredentials } from '@livedata/mock-server';
import { type DynamicModule, type INestApplicationContext, Injectable } from '@nestjs/common';
import { ConfigModule, ConfigService } from '@nestjs/config';
import { ModuleRef, ModulesContainer } from '@nestjs/core';
import { Test } from '@nestjs/testing';
import fc from 'fast-check';
import { firstValueFrom } from 'rxjs';
import { describe, expect, it } from 'vitest';
import {
  getLiveDataHttpServiceToken,
  getTokenManagerToken,
  LIVE_DATA_MODULE_OPTIONS,
  LiveDataModule,
  type LiveDataModuleOptions,
  type LiveDataOptionsFactory,
} from '../index.js';
import { findBody, useLiveDataTestbed } from './helpers.js';

const { api, closeAfter } = useLiveDataTestbed();

/** Every way a user or a library prints an object. */
const printers: Record<string, (value: unknown) => string> = {
  'util.inspect showHidden depth Infinity': (value) =>
    inspect(value, { showHidden: true, depth: Number.POSITIVE_INFINITY }),
  'util.inspect': (value) => inspect(value),
  "util.format('%o')": (value) => format('%o', value),
  'JSON.stringify': (value) => {
    try {
      return JSON.stringify(value) ?? '';
    } catch {
      return ''; // what cannot be serialized cannot leak through JSON either
    }
  },
  String: (value) => {
    try {
      return String(value);
    } catch {
      return ''; // a symbol, or an object without toString
    }
  },
};

/** A secret as it may appear in printed text: raw, or escaped by JSON or by inspect. */
function printedForms(secret: string): string[] {
  return [secret, JSON.stringify(secret).slice(1, -1), inspect(secret).slice(1, -1)];
}

function expectNotPrinted(value: unknown, secrets: readonly string[], what: string): void {
  for (const [printer, print] of Object.entries(printers)) {
    const text = print(value);
    for (const secret of secrets) {
      for (const form of printedForms(secret)) {
        if (text.includes(form))
          expect.fail(`${what}: ${printer} shows a secret (${JSON.stringify(form)})`);
      }
    }
  }
}

const secretOf = (credentials: LiveDataCredentials): string =>
  'clientSecret' in credentials
    ? String(credentials.clientSecret)
    : 'password' in credentials
      ? String(credentials.password)
      : String(credentials.apiKey);

const seeded: LiveDataCredentials[] = [
  { clientId: demoCredentials.clientId, clientSecret: demoCredentials.clientSecret },
  { username: demoCredentials.username, password: demoCredentials.password },
  { apiKey: demoCredentials.apiKey },
];

/** Secrets that cannot occur in printed text by chance: any content between two markers. */
const secretArb = fc.string({ unit: 'binary', minLength: 1, maxLength: 40 }).map((s) => `⟦${s}⟧`);
const credentialsArb: fc.Arbitrary<LiveDataCredentials> = fc.oneof(
  fc.record({ clientId: fc.constant('ldt-demo-service'), clientSecret: secretArb }),
  fc.record({ username: fc.constant('demo@livedata.example'), password: secretArb }),
  fc.record({ apiKey: secretArb }),
);
const nameArb = fc.option(fc.constantFrom('enrichment', 'reporting', 'a'), { nil: undefined });

describe('what forRoot() / forRootAsync() return prints no secret', () => {
  it('forRoot, any credential kind and secret, with or without a name (property)', () => {
    fc.assert(
      fc.property(credentialsArb, nameArb, fc.boolean(), (credentials, name, isGlobal) => {
        const secret = secretOf(credentials);
        const dynamicModule = LiveDataModule.forRoot({
          baseUrl: api.url,
          credentials,
          ...(name === undefined ? {} : { name }),
          isGlobal,
        });
        expectNotPrinted(dynamicModule, [secret], 'the dynamic module');
        for (const provider of dynamicModule.providers ?? [])
          expectNotPrinted(provider, [secret], 'a provider definition');
        // Still usable: the token manager reads the secret from the options.
        const options = optionsValue(dynamicModule);
        expect(secretOf(options.credentials)).toBe(secret);
        expect({ ...options.credentials }).toEqual(credentials);
      }),
      { numRuns: 300 },
    );
  });

  it('forRoot with a secret given as a function (a secret provider) prints neither the function nor its value', () => {
    const secret = 'rotating-secret-value-8d1f';
    const provider = function currentSecret() {
      return secret;
    };
    const dynamicModule = LiveDataModule.forRoot({
      credentials: {
        clientId: 'ldt-demo-service',
        clientSecret: provider as unknown as string,
      },
    });
    expectNotPrinted(dynamicModule, [secret, 'currentSecret'], 'the dynamic module');
    expect(secretOf(optionsValue(dynamicModule).credentials)).toBe(String(provider));
  });

  it('forRootAsync: useFactory, useClass and useExisting', () => {
    class Factory implements LiveDataOptionsFactory {
      createLiveDataOptions(): LiveDataModuleOptions {
        return { credentials: { apiKey: demoCredentials.apiKey } };
      }
    }
    const modules: DynamicModule[] = [
      LiveDataModule.forRootAsync({
        name: 'enrichment',
        useFactory: () => ({ credentials: { apiKey: demoCredentials.apiKey } }),
      }),
      LiveDataModule.forRootAsync({ useClass: Factory, isGlobal: true }),
      LiveDataModule.forRootAsync({ useExisting: Factory, name: 'x' }),
    ];
    for (const dynamicModule of modules)
      expectNotPrinted(dynamicModule, seeded.map(secretOf), 'the dynamic module');
  });
});

describe('the container of a running application prints no secret or token', () => {
  /** The whole application container, and each registration's providers and definitions. */
  async function expectContainerClean(
    context: INestApplicationContext,
    secrets: readonly string[],
    { wholeContainer }: { wholeContainer: boolean },
  ) {
    const modules = context.get(ModulesContainer);
    let registrations = 0;
    for (const module of modules.values()) {
      if (!module.providers.has(LIVE_DATA_MODULE_OPTIONS)) continue;
      registrations++;
      for (const [token, wrapper] of module.providers) {
        // A ModuleRef reaches the whole container, other libraries' providers included; the
        // whole container is printed once below when it holds only what the test put there.
        if (wrapper.instance instanceof ModuleRef) continue;
        expectNotPrinted(wrapper.instance, secrets, `provider ${String(token)}`);
        expectNotPrinted(wrapper.metatype, secrets, `provider ${String(token)} metatype`);
        expectNotPrinted(wrapper.inject, secrets, `provider ${String(token)} inject`);
      }
    }
    if (wholeContainer) expectNotPrinted(modules, secrets, 'ModulesContainer');
    return registrations;
  }

  /** Makes each registration mint (or use) a token, so there is a token to leak. */
  async function useEveryRegistration(
    context: INestApplicationContext,
    names: (string | undefined)[],
  ) {
    const tokens: string[] = [];
    for (const name of names) {
      tokens.push(await context.get(getTokenManagerToken(name)).getAccessToken());
      await firstValueFrom(
        context
          .get(getLiveDataHttpServiceToken(name))
          .post(`/people/v1/${DEMO_ORG_ID}/find`, findBody()),
      );
    }
    return tokens;
  }

  it('forRoot and forRootAsync, default and named, every kind: the whole container', async () => {
    const moduleRef = await Test.createTestingModule({
      imports: [
        LiveDataModule.forRoot({ baseUrl: api.url, credentials: seeded[0] as LiveDataCredentials }),
        LiveDataModule.forRoot({
          baseUrl: api.url,
          credentials: seeded[1] as LiveDataCredentials,
          name: 'user',
        }),
        LiveDataModule.forRootAsync({
          name: 'key',
          useFactory: async () => ({
            baseUrl: api.url,
            credentials: seeded[2] as LiveDataCredentials,
          }),
        }),
      ],
    }).compile();
    closeAfter(moduleRef);
    const app = await moduleRef.init();
    const tokens = await useEveryRegistration(app, [undefined, 'user', 'key']);
    const registrations = await expectContainerClean(app, [...seeded.map(secretOf), ...tokens], {
      wholeContainer: true,
    });
    expect(registrations).toBe(3);
    // The options stay what they were registered with, for whoever injects them.
    const options = moduleRef.get<LiveDataModuleOptions>(LIVE_DATA_MODULE_OPTIONS, {
      strict: false,
    });
    expect(secretOf(options.credentials)).toEqual(expect.any(String));
  }, 60_000); // printing the whole container with showHidden and depth Infinity is megabytes

  it('forRootAsync with ConfigService (useFactory and useClass): every registration’s providers', async () => {
    const env = {
      LIVEDATA_BASE_URL: api.url,
      LIVEDATA_CLIENT_ID: demoCredentials.clientId,
      LIVEDATA_CLIENT_SECRET: demoCredentials.clientSecret,
      LIVEDATA_USERNAME: demoCredentials.username,
      LIVEDATA_PASSWORD: demoCredentials.password,
    };
    @Injectable()
    class UserAccountConfig implements LiveDataOptionsFactory {
      // Holds no secret in a field (a provider of the app's own that does is the app's own leak).
      createLiveDataOptions(): LiveDataModuleOptions {
        return {
          baseUrl: env.LIVEDATA_BASE_URL,
          credentials: { username: env.LIVEDATA_USERNAME, password: env.LIVEDATA_PASSWORD },
        };
      }
    }
    const moduleRef = await Test.createTestingModule({
      imports: [
        ConfigModule.forRoot({ isGlobal: true, ignoreEnvFile: true, load: [() => env] }),
        LiveDataModule.forRootAsync({
          imports: [ConfigModule],
          inject: [ConfigService],
          useFactory: (settings: ConfigService): LiveDataModuleOptions => ({
            baseUrl: settings.getOrThrow('LIVEDATA_BASE_URL'),
            credentials: {
              clientId: settings.getOrThrow('LIVEDATA_CLIENT_ID'),
              clientSecret: settings.getOrThrow('LIVEDATA_CLIENT_SECRET'),
            },
          }),
          isGlobal: true,
        }),
        LiveDataModule.forRootAsync({ name: 'enrichment', useClass: UserAccountConfig }),
      ],
    }).compile();
    closeAfter(moduleRef);
    const app = await moduleRef.init();
    const tokens = await useEveryRegistration(app, [undefined, 'enrichment']);
    const registrations = await expectContainerClean(
      app,
      [demoCredentials.clientSecret, demoCredentials.password, ...tokens],
      { wholeContainer: false },
    );
    expect(registrations).toBe(2);
  });
});

function optionsValue(dynamicModule: DynamicModule): LiveDataModuleOptions {
  const provider = (dynamicModule.providers ?? []).find(
    (p) => typeof p === 'object' && p.provide === LIVE_DATA_MODULE_OPTIONS,
  ) as { useValue: LiveDataModuleOptions };
  return provider.useValue;
}
