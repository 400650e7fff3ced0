import { API_PREFIX, decodePath } from '../core/create-core';
import type { CoreRequest, CoreResponse } from '../core/core-types';
import type { ForwarderFactory, ForwarderParts } from '../core/forwarder';
import { contractViolation, type Reply } from '../core/respond';
import { createRouteTable } from '../core/route-table';
import type { UpstreamConfig } from '../config/config';
import { isJsonMediaType, mediaTypeOf } from '../drf/request-body';
import { keptBody } from '../mock-control/journal';
import type { Contract } from '../openapi/contract';
import { listOperations, type Operation } from '../openapi/operations';
import type { OpenApiDocument } from '../openapi/spec-document';
import type { Store } from '../store/store';
import { gatewayReply } from './gateway-reply';
import type { RowKeeper } from './keep-rows';
import { passedHeaders } from './passed-headers';
import { sendUpstream, type UpstreamAnswer } from './send-upstream';

export interface UpstreamSetup extends UpstreamConfig {
  /** The whole authentik schema: which operation a request is, and what its answer is checked against. */
  spec: OpenApiDocument;
  contract: Contract;
  /** `--proxy` keeps the rows of answers in the store (keep-rows.ts). */
  keepRows: RowKeeper;
  /** `--body-limit`: a body the host stopped reading cannot be forwarded whole. */
  bodyLimit: number;
}

/** One forwarded request as the journal and the log see it. */
interface Forwarded {
  response: CoreResponse;
  status: number;
  body: unknown;
  violations: string[];
}

/**
 * `--upstream`: every API request the mock's own spec has no route for (authentik's other APIs, and paths
 * outside any schema) goes to the real authentik; the events API stays the mock's. `--proxy`: every API
 * request goes there. Each JSON answer to an operation of the schema is checked against it; a violation is
 * logged and marked in the journal, and the client gets the answer as it was. No answer, a late one, or
 * one that is not JSON where the schema says JSON becomes a 502 or 504 (decision 028).
 */
export function createUpstream(setup: UpstreamSetup): ForwarderFactory {
  const routes = createRouteTable(listOperations(setup.spec).filter((op) => !op.path.startsWith('/__mock__')));
  const root = setup.url.replace(/\/+$/, '');
  return (parts) => (request, path, corsHeaders, session) => {
    const apiPath = decodePath(path.slice(API_PREFIX.length));
    if (!setup.proxy && apiPath !== undefined && parts.ownRoutes.find(apiPath)) return undefined;
    const found = apiPath === undefined ? undefined : routes.find(apiPath);
    const operation = found?.route.operations.get(request.method === 'HEAD' ? 'GET' : request.method);
    return (async () => {
      const started = performance.now();
      const url = `${root}${request.url.slice(API_PREFIX.length)}`;
      const head = request.method === 'HEAD';
      // The host read only part of a body over --body-limit: forwarding the rest would send another request.
      const answer = request.bodyTooLarge ? undefined : await sendUpstream(url, request, setup.token, setup.timeoutMs);
      // The mock's own answer in the upstream's place, written and checked as all of the mock's are.
      const ownAnswer = (reply: Reply): Forwarded => ({ response: parts.responder.write(parts.responder.check(reply), corsHeaders, head), status: reply.status, body: reply.body, violations: [] });
      const fail = (status: 502 | 504, reason: string): Forwarded => {
        parts.log(`upstream ${status} for ${request.method} ${request.url}: ${url} ${reason}`);
        return ownAnswer(gatewayReply(status, reason, operation?.operationId));
      };
      const done = !answer
        ? ownAnswer({ operationId: operation?.operationId, status: 413, body: { detail: `Request body is larger than the limit of ${setup.bodyLimit} bytes.` } })
        : answer.ok
          ? judge(setup, parts, session.runtime.store, answer, operation, request, corsHeaders, fail)
          : fail(answer.status, answer.reason);
      const record = {
        at: Date.now(),
        method: request.method,
        path,
        url: request.url,
        operationId: operation?.operationId,
        status: done.status,
        durationMs: performance.now() - started,
        requestBody: keptBody(request.body),
        responseBody: done.body,
        headers: request.headers,
        // The upstream, not the mock, decides who the token is.
        principal: undefined,
        answeredBy: 'upstream' as const,
        contractViolations: done.violations,
        session: session.name,
      };
      session.journal.record(record);
      parts.onRequest?.(record);
      return done.response;
    })();
  };
}

/**
 * An answer the upstream gave: passed on as it is, unless an operation of the schema got a body that is
 * not JSON (a login page of a proxy in front, a load balancer's error page) where it documents JSON, or
 * JSON that does not parse: those are 502s. A JSON answer is checked against the schema, and under
 * `--proxy` a good 2xx gives its rows to the store.
 */
function judge(setup: UpstreamSetup, parts: ForwarderParts, store: Store, answer: UpstreamAnswer, operation: Operation | undefined, request: CoreRequest, corsHeaders: readonly string[], fail: (status: 502, reason: string) => Forwarded): Forwarded {
  const contentType = answer.headers.get('content-type') ?? '';
  const json = answer.text !== '' && isJsonMediaType(contentType);
  if (operation && answer.text !== '' && !json && !documents(operation, answer.status, mediaTypeOf(contentType))) {
    return fail(502, `answered ${answer.status} ${contentType || 'without a content type'}, not JSON`);
  }
  let body: unknown;
  if (json) {
    try {
      body = JSON.parse(answer.text) as unknown;
    } catch (error) {
      return fail(502, `answered JSON that does not parse (${(error as Error).message})`);
    }
  }
  const violations: string[] = [];
  // OPTIONS metadata is not in the schema, and HEAD has no body to check.
  if (operation && request.method !== 'OPTIONS' && request.method !== 'HEAD') {
    const reply: Reply = { operationId: operation.operationId, status: answer.status, body };
    const violation = contractViolation(setup.contract, reply);
    if (violation !== undefined) {
      violations.push(violation);
      parts.log(`upstream_contract_violation: ${request.method} ${request.url}: ${violation}`);
    }
    // Even a violating page may hold good rows (authentik's own system tasks break its schema): each row is judged as a scenario's.
    if (setup.proxy && answer.status >= 200 && answer.status < 300 && json) {
      const problem = setup.keepRows(operation, answer.status, answer.text, store);
      if (problem !== undefined) parts.log(`upstream rows not kept: ${problem}`);
    }
  }
  return { response: { status: answer.status, headers: passedHeaders(answer, corsHeaders, request.method === 'HEAD'), ...(request.method === 'HEAD' || answer.text === '' ? {} : { body: answer.text }) }, status: answer.status, body: body ?? null, violations };
}

/** Whether the operation documents a body of this media type on this status (a file download, a YAML export). */
function documents(operation: Operation, status: number, mediaType: string): boolean {
  const response = operation.responses[String(status)] ?? operation.responses.default;
  return Object.keys(response?.content ?? {}).includes(mediaType);
}
