import type { Contract } from '../openapi/contract';
import type { JsonWriter } from '../openapi/json-writer';
import { utf8Length } from '../python/utf8';
import { ApiError } from '../drf/api-error';
import { commonHeaderPairs } from './common-headers';
import type { CoreResponse } from './core-types';
import type { StreamBody } from '../registry/operation-registry';

/** What to do when a response breaks the spec: answer 500 (strict), log and send it (warn), or skip the check (off). */
export type ResponseValidationMode = 'strict' | 'warn' | 'off';

/** An answer before it is checked and written: the pipeline's result. */
export interface Reply {
  /** The operation that produced the reply; undefined before one is known (406, 405, 413…). */
  operationId?: string;
  status: number;
  /** The JSON body; undefined for a body-less reply such as 204. */
  body?: unknown;
  /** A body that is not JSON (Django's HTML error pages), sent as it is and never checked against the spec. */
  page?: { contentType: string; text: string };
  /** A streamed body (server-sent events), whose events the handler checks one by one. */
  stream?: StreamBody;
  /** The route's `Allow` header, which DRF puts on every response of a view. */
  allow?: string;
  /** Why this reply is not checked against the spec, when the spec does not describe it (OPTIONS metadata). */
  outsideContract?: string;
  /** A `Set-Cookie` value (authentik's session cookie), sent after Vary as Django's session middleware adds it. */
  setCookie?: string;
  /** Headers a stub's answer names, sent last (they may repeat one the mock sends). */
  headers?: Readonly<Record<string, string>>;
}

export type Log = (line: string) => void;

/**
 * The reply for something a handler threw: an ApiError is its own answer; anything else is the mock's bug,
 * logged with its stack and answered 500, as Django does.
 */
export function toErrorReply(error: unknown, context: Pick<Reply, 'operationId' | 'allow'>, request: string, log: Log): Reply {
  if (error instanceof ApiError) return { ...context, status: error.status, body: error.body, ...(error.outsideContract === undefined ? {} : { outsideContract: error.outsideContract }) };
  log(`unexpected error on ${request}: ${(error as Error).stack ?? String(error)}`);
  return { ...context, status: 500, body: { detail: 'A server error occurred.' } };
}

/**
 * Turns replies into what a host sends: `check` validates a reply against the spec (in strict mode a
 * violation becomes the 500 the client gets), `write` makes the response; `extraHeaders` are CORS's.
 */
export interface Responder {
  check(reply: Reply): Reply;
  write(reply: Reply, extraHeaders: readonly string[], head: boolean): CoreResponse;
}

/**
 * How a JSON reply breaks the spec, in one sentence naming the operation and the failing JSON path; undefined
 * when it conforms or is not checked (a page, a stream, a stated exemption). The mock's own answers and an
 * upstream authentik's (src/upstream) are judged by this one rule.
 */
export function contractViolation(contract: Contract, reply: Reply): string | undefined {
  if (reply.outsideContract !== undefined || reply.page !== undefined || reply.stream !== undefined) return undefined;
  const result = contract.checkResponse(reply.operationId, reply.status, reply.body);
  if (result.ok) return undefined;
  const where = `${reply.operationId ?? 'a request outside any operation'} (${result.status})`;
  return `Response of ${where} violates the spec at ${result.path}: ${result.message}`;
}

/**
 * Checks a JSON reply against the spec and writes it. A reply that breaks the spec is the mock's own
 * bug: it is logged, and in strict mode the client gets a 500 GenericError whose `code` is
 * `response_contract_violation` and whose `detail` names the operation and the failing JSON path.
 */
export function createResponder(contract: Contract, writeJson: JsonWriter, mode: ResponseValidationMode, log: Log): Responder {
  const check = (reply: Reply): Reply => {
    if (mode === 'off') return reply;
    const detail = contractViolation(contract, reply);
    if (detail === undefined) return reply;
    log(`response_contract_violation: ${detail}`);
    return mode === 'strict' ? { status: 500, body: { detail, code: 'response_contract_violation' }, allow: reply.allow } : reply;
  };
  const write = (reply: Reply, extraHeaders: readonly string[], head: boolean): CoreResponse => {
    const { status, body, operationId } = reply;
    const headers = commonHeaderPairs();
    if (reply.allow !== undefined) headers.push('Allow', reply.allow);
    // CORS may vary on Origin; authentik's own Vary is Cookie.
    const varyAt = extraHeaders.indexOf('Vary');
    headers.push('Vary', varyAt === -1 ? 'Cookie' : `${extraHeaders[varyAt + 1]}, Cookie`);
    for (let i = 0; i < extraHeaders.length; i += 2) if (i !== varyAt) headers.push(extraHeaders[i]!, extraHeaders[i + 1]!);
    if (reply.setCookie !== undefined) headers.push('Set-Cookie', reply.setCookie);
    for (const [name, value] of Object.entries(reply.headers ?? {})) headers.push(name, value);
    if (reply.stream) return withStream(status, headers, reply.stream, head);
    let text: string | undefined;
    if (reply.page) {
      text = reply.page.text;
      headers.push('Content-Type', reply.page.contentType);
    } else if (body !== undefined) {
      text = writeJson(operationId, status, body);
      headers.push('Content-Type', 'application/json; charset=utf-8');
    }
    if (text === undefined) return { status, headers };
    headers.push('Content-Length', String(utf8Length(text)));
    // HEAD: the headers GET would send, no body (Django drops it the same way).
    return head ? { status, headers } : { status, headers, body: text };
  };
  return { check, write };
}

/** A streamed answer: no Content-Length (HTTP/1.1 chunks it), and no caching of a live stream. HEAD closes it unread. */
function withStream(status: number, headers: string[], stream: StreamBody, head: boolean): CoreResponse {
  headers.push('Content-Type', stream.contentType, 'Cache-Control', 'no-cache');
  if (!head) return { status, headers, stream: stream.chunks };
  void stream.chunks[Symbol.asyncIterator]().return?.();
  return { status, headers };
}
