import type { Contract } from '../src/openapi/contract';
import type { Recorder } from './results';
import type { Exchange } from './target';

interface ConformanceOptions {
  contract: Contract;
  recorder: Recorder;
  strict: boolean;
  /** A request made with another method than the operation's (a 405 probe): only header rules apply. */
  probe: boolean;
}

/**
 * The checks every exchange gets:
 * - status-code: a 2xx must be one the operation documents; a 5xx fails (a crash); an undocumented error status (404, 405,
 *   406, 415 — authentik documents none of them) is a warning, or a failure under --strict;
 * - content-type: a body comes as application/json;
 * - response-schema: the body validates against the spec (the same ajv validators the mock uses);
 * - headers: a 405 carries Allow; a 403 carries no WWW-Authenticate.
 */
export function checkConformance(exchange: Exchange, options: ConformanceOptions): void {
  const { recorder, contract } = options;
  const id = exchange.operation.operationId;
  const { status } = exchange;
  const where = `${exchange.method} ${new URL(exchange.url).pathname} -> ${status}`;

  // `where` names this instance (method, URL with its ids, status); `cause` is what every instance of one
  // deviation shares, so that the report can fold them into one finding (findings.ts).
  if (status === 405) recorder.expect(exchange.headers.has('allow'), id, 'headers', `${where} carries an Allow header${exchange.headers.has('allow') ? '' : ' (got none)'}`, exchange.curl, { cause: `${exchange.method} -> 405 carries no Allow header` });
  if (status === 403) recorder.expect(!exchange.headers.has('www-authenticate'), id, 'headers', `${where} carries no WWW-Authenticate header${exchange.headers.has('www-authenticate') ? ` (got "${exchange.headers.get('www-authenticate')}")` : ''}`, exchange.curl, { cause: `${exchange.method} -> 403 carries a WWW-Authenticate header` });
  if (options.probe) return;

  const documented = exchange.operation.responseStatuses;
  const isDocumented = [String(status), `${String(status)[0]}XX`, 'default'].some((s) => documented.includes(s));
  if (status >= 200 && status < 300) {
    const cause = `${status} is a success status the operation does not document (${documented.join(', ')})`;
    recorder.expect(isDocumented, id, 'status-code', `${where}: a success status must be documented (${documented.join(', ')})`, exchange.curl, { cause });
  } else if (status >= 500) {
    // A crash is never conformance, documented or not: it fails, and a known one is accepted by the baseline.
    const cause = `${exchange.method} answered ${status}: the server crashed`;
    recorder.fail(id, 'status-code', `${where}: the server crashed (${describeBody(exchange)})`, exchange.curl, { cause });
    // Its error page is the crash's, not an answer to judge: one finding, not three.
    return;
  } else if (!isDocumented) {
    const cause = `status ${status} is not documented (${documented.join(', ')})`;
    recorder.record(id, 'status-code', options.strict ? 'fail' : 'warn', `${where}: ${cause}`, exchange.curl, { cause });
  } else {
    recorder.pass(id, 'status-code', `${where} is documented`);
  }

  if (exchange.text === '' || exchange.method === 'HEAD') return;
  const contentType = exchange.headers.get('content-type') ?? '';
  const isJson = /^application\/json\s*(;|$)/i.test(contentType);
  if (!recorder.expect(isJson, id, 'content-type', `${where}: Content-Type is application/json (got "${contentType}")`, exchange.curl, { cause: `Content-Type is not application/json (got "${contentType}")` })) return;
  if (exchange.json === undefined) {
    recorder.fail(id, 'response-schema', `${where}: the body is not valid JSON`, exchange.curl, { cause: `${status} response: the body is not valid JSON` });
    return;
  }
  const check = contract.checkResponse(id, status, exchange.json);
  if (check.ok) recorder.pass(id, 'response-schema', `${where} matches the schema`);
  else recorder.fail(id, 'response-schema', `${where}: ${check.status} at ${check.path}: ${check.message}`, exchange.curl, { path: check.path, cause: `${check.status} response: ${check.message}` });
}

/** What a response body was, short: its content type and first characters, for a message that says what was seen. */
function describeBody(exchange: Exchange): string {
  const type = exchange.headers.get('content-type') ?? 'no Content-Type';
  if (exchange.text === '') return `empty body, ${type}`;
  const text = exchange.text.replace(/\s+/g, ' ').trim();
  return `${type}: ${text.length > 80 ? `${text.slice(0, 80)}…` : text}`;
}
