import 'reflect-metadata';
import type { LiveDataEnv } from '@livedata/core';
import type { INestApplication, LoggerService, LogLevel } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { AppModule } from './app.module.js';

/** Options of {@link createApp}. */
export interface CreateAppOptions {
  /** Configuration (`LIVEDATA_*`); default `process.env`. */
  env?: LiveDataEnv;
  /** Port to listen on; default `0` (a free port). */
  port?: number;
  /** Host to bind; default `'127.0.0.1'`. */
  host?: string;
  /** Nest logger, log levels, or `false` for none; default Nest's console logger. */
  logger?: LoggerService | LogLevel[] | false;
}

/** A running example service. */
export interface RunningApp {
  app: INestApplication;
  /** Base URL, e.g. `http://127.0.0.1:54321`. */
  url: string;
  /** Closes the service (and its token manager). */
  close(): Promise<void>;
}

/**
 * Starts the example service: `GET /people?email=…` and `GET /health`, with
 * `LiveDataExceptionFilter` and shutdown hooks enabled. Used by `main.ts`, the e2e test and
 * the demo.
 */
export async function createApp(options: CreateAppOptions = {}): Promise<RunningApp> {
  // abortOnError: false, so a configuration error rejects (and main.ts exits 1) instead of aborting.
  const app = await NestFactory.create(AppModule.forRoot(options.env ?? process.env), {
    abortOnError: false,
    ...(options.logger === undefined ? {} : { logger: options.logger }),
  });
  app.enableShutdownHooks();
  try {
    await app.listen(options.port ?? 0, options.host ?? '127.0.0.1');
  } catch (error) {
    await app.close();
    throw error;
  }
  const url = (await app.getUrl()).replace('[::1]', '127.0.0.1');
  return { app, url, close: () => app.close() };
}
