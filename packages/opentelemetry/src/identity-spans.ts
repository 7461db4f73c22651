import {
  type Attributes,
  type Span,
  SpanKind,
  SpanStatusCode,
  type Tracer,
} from '@opentelemetry/api';
import type {
  IdentityFailed,
  IdentityStarted,
  IdentitySucceeded,
  RefreshRetry,
} from './observed-events.js';
import { serverAttributes } from './server-attributes.js';
import {
  ATTR_CREDENTIAL_KIND,
  ATTR_ERROR_TYPE,
  ATTR_HTTP_REQUEST_METHOD,
  ATTR_HTTP_REQUEST_RESEND_COUNT,
  ATTR_HTTP_RESPONSE_STATUS_CODE,
  ATTR_RETRY_ATTEMPT,
  ATTR_RETRY_DELAY_MS,
  ATTR_SERVER_ADDRESS,
  ATTR_SERVER_PORT,
  IDENTITY_SPAN,
  RETRY_EVENT,
} from './telemetry-names.js';

/**
 * Identity calls in flight, at most this many. A manager has one at a time; the bound only
 * matters if events of a call's end were lost, so the oldest span is ended, not leaked.
 */
const MAX_OPEN_CALLS = 64;

/** One identity call in flight: its span and the attributes its duration is recorded with. */
interface OpenCall {
  span: Span;
  metricAttributes: Attributes;
}

/** A finished identity call, for the duration histogram. */
export interface FinishedCall {
  durationS: number;
  attributes: Attributes;
}

/**
 * Turns `identity.started` → `refresh.retry`* → `identity.succeeded` | `identity.failed`
 * (matched by `callId`) into one `livedata.identity.session` span each.
 */
export class IdentitySpans {
  readonly #open = new Map<number, OpenCall>();

  started(tracer: Tracer, event: IdentityStarted): void {
    const server = serverAttributes(event.url);
    const common: Attributes = {
      [ATTR_HTTP_REQUEST_METHOD]: event.method,
      [ATTR_SERVER_ADDRESS]: server[ATTR_SERVER_ADDRESS],
      [ATTR_SERVER_PORT]: server[ATTR_SERVER_PORT],
      [ATTR_CREDENTIAL_KIND]: event.credentialKind,
    };
    // The active context is the caller's that needed the token, so the span nests under
    // the request that triggered the refresh.
    const span = tracer.startSpan(IDENTITY_SPAN, {
      kind: SpanKind.CLIENT,
      attributes: { ...server, ...common },
    });
    if (this.#open.size >= MAX_OPEN_CALLS) {
      const [oldestId, oldest] = this.#open.entries().next().value as [number, OpenCall];
      oldest.span.end();
      this.#open.delete(oldestId);
    }
    this.#open.set(event.callId, { span, metricAttributes: common });
  }

  retried(event: RefreshRetry): void {
    if (event.callId === undefined) return;
    const call = this.#open.get(event.callId);
    if (!call) return;
    const attributes: Attributes = {
      [ATTR_RETRY_ATTEMPT]: event.attempt,
      [ATTR_RETRY_DELAY_MS]: event.delayMs,
      [ATTR_ERROR_TYPE]: event.code,
    };
    if (event.status !== undefined) attributes[ATTR_HTTP_RESPONSE_STATUS_CODE] = event.status;
    call.span.addEvent(RETRY_EVENT, attributes);
  }

  /** Ends the span; returns what the duration histogram records, or `undefined` for an unknown call. */
  finished(event: IdentitySucceeded | IdentityFailed): FinishedCall | undefined {
    const call = this.#open.get(event.callId);
    if (!call) return undefined;
    this.#open.delete(event.callId);
    const { span } = call;
    const outcome: Attributes = {};
    if (event.status !== undefined) outcome[ATTR_HTTP_RESPONSE_STATUS_CODE] = event.status;
    if (event.type === 'identity.failed') outcome[ATTR_ERROR_TYPE] = event.error.code;
    span.setAttributes(outcome);
    if (event.attempts > 1) span.setAttribute(ATTR_HTTP_REQUEST_RESEND_COUNT, event.attempts - 1);
    if (event.type === 'identity.failed') {
      // The message is core's own wording (no secret, no token, no response body).
      span.setStatus({ code: SpanStatusCode.ERROR, message: event.error.message });
    }
    span.end();
    return {
      durationS: Math.max(0, event.durationMs) / 1000,
      attributes: { ...call.metricAttributes, ...outcome },
    };
  }
}
