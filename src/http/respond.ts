import type { ServerResponse } from 'node:http';
import type { Contract } from '../openapi/contract';
import type { JsonWriter } from '../openapi/json-writer';
import { ApiError } from './api-error';
import { commonHeaderPairs } from './common-headers';

/** What to do when a response breaks the spec: answer 500 (strict), log and send it (warn), or skip the check (off). */
export type ResponseValidationMode = 'strict' | 'warn' | 'off';

export interface Reply {
  /** The operation that produced the reply; undefined before one is known (406, 405, 413…). */
  operationId?: string;
  status: number;
  /** The JSON body; undefined for a body-less reply such as 204. */
  body?: unknown;
  /** The route's `Allow` header, which DRF puts on every response of a view. */
  allow?: string;
  /** Why this reply is not checked against the spec, when the spec does not describe it (OPTIONS metadata). */
  outsideContract?: string;
}

export type Log = (line: string) => void;

/**
 * The reply for something a handler threw: an ApiError is its own answer; anything else is the mock's bug,
 * logged with its stack and answered 500, as Django does.
 */
export function toErrorReply(error: unknown, context: Pick<Reply, 'operationId' | 'allow'>, request: string, log: Log): Reply {
  if (error instanceof ApiError) return { ...context, status: error.status, body: error.body };
  log(`unexpected error on ${request}: ${(error as Error).stack ?? String(error)}`);
  return { ...context, status: 500, body: { detail: 'A server error occurred.' } };
}

export type SendJson = (res: ServerResponse, reply: Reply) => void;

/**
 * Sends a JSON reply after checking it against the spec. A reply that breaks the spec is the mock's own
 * bug: it is logged, and in strict mode the client gets a 500 GenericError whose `code` is
 * `response_contract_violation` and whose `detail` names the operation and the failing JSON path.
 */
export function createResponder(contract: Contract, writeJson: JsonWriter, mode: ResponseValidationMode, log: Log): SendJson {
  return (res, reply) => {
    let { status, body } = reply;
    let operationId = reply.operationId;
    if (mode !== 'off' && reply.outsideContract === undefined) {
      const check = contract.checkResponse(operationId, status, body);
      if (!check.ok) {
        const where = `${operationId ?? 'a request outside any operation'} (${check.status})`;
        const detail = `Response of ${where} violates the spec at ${check.path}: ${check.message}`;
        log(`response_contract_violation: ${detail}`);
        if (mode === 'strict') {
          status = 500;
          body = { detail, code: 'response_contract_violation' };
          operationId = undefined;
        }
      }
    }
    // CORS may have set Vary: Origin already; authentik's own Vary is Cookie.
    const vary = res.hasHeader('Vary') ? `${String(res.getHeader('Vary'))}, Cookie` : 'Cookie';
    const headers = commonHeaderPairs();
    if (reply.allow !== undefined) headers.push('Allow', reply.allow);
    headers.push('Vary', vary);
    if (body === undefined) {
      res.writeHead(status, headers);
      res.end();
      return;
    }
    const text = writeJson(operationId, status, body);
    headers.push('Content-Type', 'application/json; charset=utf-8', 'Content-Length', String(Buffer.byteLength(text)));
    res.writeHead(status, headers);
    res.end(text);
  };
}
