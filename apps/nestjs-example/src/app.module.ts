import type { LiveDataEnv } from '@livedata/core';
import { LiveDataExceptionFilter, LiveDataModule } from '@livedata/nestjs';
import { type DynamicModule, Module } from '@nestjs/common';
import { ConfigModule, ConfigService } from '@nestjs/config';
import { APP_FILTER } from '@nestjs/core';
import { EnrichmentController } from './enrichment.controller.js';
import { EnrichmentService } from './enrichment.service.js';
import {
  ENRICHMENT_ACCOUNT,
  EXAMPLE_SETTINGS,
  enrichmentOptionsFromConfig,
  exampleSettingsFromConfig,
  liveDataOptionsFromConfig,
} from './example.config.js';
import { HealthController } from './health.controller.js';
import { PeopleController } from './people.controller.js';
import { PeopleService } from './people.service.js';

/** The service's root module. `env` is its whole configuration (main.ts passes `process.env`). */
@Module({})
// biome-ignore lint/complexity/noStaticOnlyClass: a Nest dynamic module is a class with a static factory.
export class AppModule {
  static forRoot(env: LiveDataEnv): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot({
          isGlobal: true,
          ignoreEnvFile: true,
          skipProcessEnv: true,
          load: [() => ({ ...env })],
        }),
        LiveDataModule.forRootAsync({
          imports: [ConfigModule],
          inject: [ConfigService],
          useFactory: liveDataOptionsFromConfig,
          isGlobal: true,
        }),
        // A second account: its own TokenManager and LiveDataHttpService, injected by name.
        LiveDataModule.forRootAsync({
          name: ENRICHMENT_ACCOUNT,
          imports: [ConfigModule],
          inject: [ConfigService],
          useFactory: enrichmentOptionsFromConfig,
          isGlobal: true,
        }),
      ],
      controllers: [PeopleController, EnrichmentController, HealthController],
      providers: [
        PeopleService,
        EnrichmentService,
        {
          provide: EXAMPLE_SETTINGS,
          inject: [ConfigService],
          useFactory: exampleSettingsFromConfig,
        },
        { provide: APP_FILTER, useClass: LiveDataExceptionFilter },
      ],
    };
  }
}
