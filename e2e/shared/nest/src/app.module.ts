import { Module } from '@nestjs/common';
import { ConfigModule, ConfigService } from '@nestjs/config';
import { APP_FILTER } from '@nestjs/core';
import { LiveDataExceptionFilter, LiveDataModule } from '@livedata/nestjs';
import { AppController } from './app.controller';
import { AppService } from './app.service';
import { PeopleController } from './people.controller';
import { PeopleService } from './people.service';

@Module({
  imports: [
    ConfigModule.forRoot({ isGlobal: true }),
    LiveDataModule.forRootAsync({
      imports: [ConfigModule],
      inject: [ConfigService],
      useFactory: (config: ConfigService) => ({
        baseUrl: config.get('LIVEDATA_BASE_URL'),
        credentials: {
          clientId: config.getOrThrow('LIVEDATA_CLIENT_ID'),
          clientSecret: config.getOrThrow('LIVEDATA_CLIENT_SECRET'),
        },
      }),
      isGlobal: true,
    }),
  ],
  controllers: [AppController, PeopleController],
  providers: [
    AppService,
    PeopleService,
    { provide: APP_FILTER, useClass: LiveDataExceptionFilter },
  ],
})
export class AppModule {}
