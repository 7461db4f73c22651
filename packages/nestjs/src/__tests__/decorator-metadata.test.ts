import 'reflect-metadata';
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { demoCredentials } from '@livedata/mock-server';
import { useMockServer } from '@livedata/test-utils/vitest';
import { Inject, Injectable } from '@nestjs/common';
import ts from 'typescript';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LiveDataModule } from '../index.js';
import { serviceAccount } from './helpers.js';

const packageDir = fileURLToPath(new URL('../..', import.meta.url));
const distEntry = pathToFileURL(join(packageDir, 'dist', 'index.js')).href;

const api = useMockServer();
let tempDir: string;

beforeAll(async () => {
  // Inside the package's node_modules, so the child resolves @nestjs/* the way the package does.
  tempDir = mkdtempSync(join(packageDir, 'node_modules', '.no-metadata-'));
});
afterAll(async () => {
  rmSync(tempDir, { recursive: true, force: true });
});

/** A user's app, as a build without decorator metadata (esbuild, tsx, swc defaults) would ship it. */
const appSource = `
import 'reflect-metadata';
import { Inject, Injectable, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { TokenManager } from '@livedata/core';
import { firstValueFrom } from 'rxjs';
import {
  InjectLiveDataHttpService,
  InjectTokenManager,
  LiveDataHttpService,
  LiveDataModule,
  getTokenManagerToken,
} from '${distEntry}';

@Injectable()
class PeopleService {
  constructor(
    @Inject(TokenManager) readonly tokens: TokenManager,
    @Inject(LiveDataHttpService) readonly http: LiveDataHttpService,
  ) {}
  async find(email: string) {
    const body = { matches: [{ fields: [{ field_name: 'email_address', search_term: email }] }] };
    const { data } = await firstValueFrom(this.http.post(\`/people/v1/\${process.env.ORG}/find\`, body));
    return data.people[0];
  }
}

@Injectable()
class EnrichmentService {
  constructor(
    @InjectTokenManager('enrichment') readonly tokens: TokenManager,
    @InjectLiveDataHttpService('enrichment') readonly http: LiveDataHttpService,
  ) {}
  async find(email: string) {
    const body = { matches: [{ fields: [{ field_name: 'email_address', search_term: email }] }] };
    const { data } = await firstValueFrom(this.http.post(\`/people/v1/\${process.env.ORG}/find\`, body));
    return data.people[0];
  }
}

@Module({
  imports: [
    LiveDataModule.forRoot({ baseUrl: process.env.BASE_URL, credentials: JSON.parse(process.env.CREDENTIALS), isGlobal: true }),
    LiveDataModule.forRootAsync({
      name: 'enrichment',
      useFactory: async () => ({ baseUrl: process.env.BASE_URL, credentials: JSON.parse(process.env.ENRICHMENT_CREDENTIALS) }),
      isGlobal: true,
    }),
  ],
  providers: [PeopleService, EnrichmentService],
})
class AppModule {}

const app = await NestFactory.createApplicationContext(AppModule, { logger: false });
const people = app.get(PeopleService);
const person = await people.find(process.env.EMAIL);
const enrichment = app.get(EnrichmentService);
const enriched = await enrichment.find(process.env.EMAIL);
const tokens = app.get(TokenManager);
const enrichmentTokens = app.get(getTokenManagerToken('enrichment'));
const distinct = tokens !== enrichmentTokens && people.http !== enrichment.http && enrichment.tokens === enrichmentTokens;
await app.close();
const closed = await tokens.getAccessToken().then(() => 'open', (error) => error.code);
const enrichmentClosed = await enrichmentTokens.getAccessToken().then(() => 'open', (error) => error.code);
console.log(JSON.stringify({
  person: person?.name,
  enriched: enriched?.name,
  kinds: [tokens.kind, enrichmentTokens.kind],
  distinct,
  metadataKeys: [...Reflect.getOwnMetadataKeys(PeopleService), ...Reflect.getOwnMetadataKeys(EnrichmentService)],
  moduleParamtypes: Reflect.getOwnMetadata('design:paramtypes', LiveDataModule) ?? null,
  closed: [closed, enrichmentClosed],
}));
`;

describe('apps built without decorator metadata', () => {
  it('vitest’s own transform emits none, so every test in this package already runs without it', () => {
    @Injectable()
    class Probe {
      constructor(@Inject('x') readonly x: unknown) {}
    }
    expect(Reflect.getOwnMetadata('design:paramtypes', Probe)).toBeUndefined();
    expect(Reflect.getOwnMetadata('design:paramtypes', LiveDataModule)).toBeUndefined();
  });

  it('a tsc build with emitDecoratorMetadata: false resolves a default and a named registration, calls the API with each and closes both (child process)', async () => {
    const { outputText } = ts.transpileModule(appSource, {
      compilerOptions: {
        module: ts.ModuleKind.ESNext,
        target: ts.ScriptTarget.ES2022,
        experimentalDecorators: true,
        emitDecoratorMetadata: false,
      },
    });
    expect(outputText).toContain('__param(0, Inject(TokenManager))');
    expect(outputText).toContain("__param(0, InjectTokenManager('enrichment'))");
    expect(outputText).not.toMatch(/__metadata\("design:/);
    const file = join(tempDir, 'main.mjs');
    writeFileSync(file, outputText);

    const { DEMO_ORG_ID, DEMO_PERSON_EMAIL } = await import('@livedata/mock-server');
    const { stdout } = await promisify(execFile)(process.execPath, [file], {
      env: {
        ...process.env,
        BASE_URL: api.url,
        CREDENTIALS: JSON.stringify(serviceAccount),
        ENRICHMENT_CREDENTIALS: JSON.stringify({
          username: demoCredentials.username,
          password: demoCredentials.password,
        }),
        ORG: DEMO_ORG_ID,
        EMAIL: DEMO_PERSON_EMAIL,
      },
      timeout: 20_000,
    });
    const result = JSON.parse(stdout.trim().split('\n').at(-1) ?? '{}');
    expect(result.person).toEqual(expect.any(String));
    expect(result.enriched).toBe(result.person);
    expect(result.kinds).toEqual(['clientCredentials', 'password']);
    expect(result.distinct).toBe(true);
    expect(result.metadataKeys).not.toContain('design:paramtypes');
    expect(result.moduleParamtypes).toBeNull();
    expect(result.closed).toEqual(['closed', 'closed']);
    expect(api.requests.filter((r) => r.route === 'identity').map((r) => r.grant)).toEqual([
      'clientCredentials',
      'password',
    ]);
    expect(api.requests.filter((r) => r.route === 'people.find').map((r) => r.auth)).toEqual([
      'valid',
      'valid',
    ]);
  });
});
