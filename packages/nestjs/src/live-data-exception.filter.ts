import { type ArgumentsHost, Catch, HttpException, type HttpServer, Logger } from '@nestjs/common';
import { BaseExceptionFilter } from '@nestjs/core';
import { type LiveDataErrorResponse, toNestErrorResponse } from './live-data-error-response.js';

const logger = new Logger('LiveDataExceptionFilter');

/**
 * An opt-in exception filter that turns upstream Live Data failures into answers the
 * application's own clients can act on (see {@link toNestErrorResponse} and core's `classifyLiveDataFailure` for the table):
 * 401/403 from Live Data → 502, 402 (credits spent) → 503 with a quota message,
 * 429 → 503 with `Retry-After`, an unreachable API → 503. The body is
 * `{ statusCode, error, code, message }` and never contains a token, a secret or the
 * upstream body. Every other exception goes to Nest's default handling unchanged.
 *
 * Register it globally, with dependency injection (preferred):
 * ```ts
 * providers: [{ provide: APP_FILTER, useClass: LiveDataExceptionFilter }]
 * ```
 * or in `main.ts`:
 * ```ts
 * const { httpAdapter } = app.get(HttpAdapterHost);
 * app.useGlobalFilters(new LiveDataExceptionFilter(httpAdapter));
 * ```
 * or per controller with `@UseFilters(LiveDataExceptionFilter)`. HTTP only: in other
 * contexts it defers to the default handling.
 */
@Catch()
export class LiveDataExceptionFilter extends BaseExceptionFilter {
  /** Answers mapped Live Data failures; passes everything else to `BaseExceptionFilter`. */
  override catch(exception: unknown, host: ArgumentsHost): void {
    const mapped = host.getType() === 'http' ? toNestErrorResponse(exception) : undefined;
    const adapter = this.applicationRef ?? this.httpAdapterHost?.httpAdapter;
    if (!mapped) {
      if (adapter || host.getType() !== 'http') super.catch(exception, host);
      else replyDefaultWithoutAdapter(exception, host);
      return;
    }
    logger.warn(`Upstream Live Data failure answered with ${mapped.status} ${mapped.body.code}`);
    if (adapter) replyWithAdapter(adapter, host, mapped);
    else replyWithoutAdapter(host, mapped);
  }
}

/** Created with `new LiveDataExceptionFilter()` and no adapter: answer like Nest's default would. */
function replyDefaultWithoutAdapter(exception: unknown, host: ArgumentsHost): void {
  if (exception instanceof HttpException) {
    const status = exception.getStatus();
    const body = exception.getResponse();
    replyWithoutAdapter(host, {
      status,
      body: typeof body === 'object' ? body : { statusCode: status, message: body },
    });
    return;
  }
  logger.error(exception);
  replyWithoutAdapter(host, {
    status: 500,
    body: { statusCode: 500, message: 'Internal server error' },
  });
}

function replyWithAdapter(
  adapter: HttpServer,
  host: ArgumentsHost,
  mapped: LiveDataErrorResponse,
): void {
  const response: unknown = host.getArgByIndex(1);
  const { isHeadersSent, setHeader } = adapter as Partial<HttpServer>;
  if (isHeadersSent?.call(adapter, response)) {
    adapter.end(response);
    return;
  }
  if (mapped.retryAfter !== undefined)
    setHeader?.call(adapter, response, 'Retry-After', mapped.retryAfter);
  adapter.reply(response, mapped.body, mapped.status);
}

interface NodeLikeResponse {
  headersSent?: boolean;
  statusCode: number;
  setHeader(name: string, value: string): unknown;
  end(body?: string): unknown;
}

function replyWithoutAdapter(
  host: ArgumentsHost,
  mapped: { status: number; retryAfter?: string; body: object },
): void {
  const candidate = host
    .switchToHttp()
    .getResponse<{ raw?: NodeLikeResponse } & Partial<NodeLikeResponse>>();
  // Fastify wraps Node's response in `reply.raw`; Express's response is Node's response.
  const res = (candidate.raw ?? candidate) as NodeLikeResponse;
  if (res.headersSent) {
    res.end();
    return;
  }
  res.statusCode = mapped.status;
  res.setHeader('Content-Type', 'application/json; charset=utf-8');
  if (mapped.retryAfter !== undefined) res.setHeader('Retry-After', mapped.retryAfter);
  res.end(JSON.stringify(mapped.body));
}
