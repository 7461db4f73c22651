import { LiveDataAuthError, TokenManager } from '@livedata/core';
import { Controller, Get, Inject, ServiceUnavailableException } from '@nestjs/common';

/** Body of `GET /health` when Live Data auth works. */
export interface HealthReport {
  status: 'ok';
  auth: 'ok';
  kind: TokenManager['kind'];
}

/**
 * `GET /health`: whether this service can authenticate to Live Data right now. 200 with the
 * credential kind, or 503 with the `LiveDataAuthError` code (never a secret or token).
 */
@Controller('health')
export class HealthController {
  constructor(@Inject(TokenManager) private readonly tokens: TokenManager) {}

  @Get()
  async check(): Promise<HealthReport> {
    try {
      await this.tokens.getAccessToken();
      return { status: 'ok', auth: 'ok', kind: this.tokens.kind };
    } catch (error) {
      const code = error instanceof LiveDataAuthError ? error.code : 'unknown';
      throw new ServiceUnavailableException({
        statusCode: 503,
        status: 'error',
        auth: code,
        kind: this.tokens.kind,
      });
    }
  }
}
