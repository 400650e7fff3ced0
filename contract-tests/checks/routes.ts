import { listOperations, type Operation } from '../../src/openapi/operations';
import { idParams, unknownId, type SuiteContext } from '../suite-context';
import type { Exchange } from '../target';

/** Why an answer is not the operation's: undefined when the target has the operation. */
export function whyUnrouted(exchange: Exchange): string | undefined {
  const { status } = exchange;
  const body = exchange.json as { detail?: unknown } | undefined;
  if (status === 501) return `${status}: the target does not implement it`;
  // Django's error views answer a URL no route matches: an HTML 404 for GET, an empty 405 for other methods.
  // DRF's own 404 and 405 are JSON; a DRF 405 for the operation's own method means the path lacks the method.
  if ((status === 404 || status === 405) && exchange.json === undefined) return `${status} ${exchange.text === '' ? 'with no body' : `with ${exchange.headers.get('content-type')?.split(';')[0] ?? 'no Content-Type'}`}, not the API's JSON: the target has no such route`;
  if (status === 405) return `${status}${typeof body?.detail === 'string' ? ` ${JSON.stringify(body.detail)}` : ''}: the path is routed without ${exchange.method}`;
  return undefined;
}

/**
 * reachability: every operation of the spec is there. One request per operation — its own method, a random id
 * on detail URLs, no body, the suite's token — must reach the API: any answer of the API counts (a 404 for
 * the random id, a 400 for the missing body), but not Django's error pages for an unknown URL, a 405 for the
 * operation's method or a 501. A missing operation is one finding that names it (`tasks_tasks_list: GET
 * /tasks/tasks/ answers 404 …`), and the checks that need it do not run (run-contract.ts). The requests cannot
 * write: ids are random and bodies absent. Under --read-only only GET operations are probed.
 * Returns the operations the target has.
 */
export async function checkRoutes(ctx: SuiteContext): Promise<{ routed: Operation[]; unrouted: Map<string, string> }> {
  const routed: Operation[] = [];
  const unrouted = new Map<string, string>();
  for (const operation of listOperations(ctx.spec)) {
    if (ctx.readOnly && operation.method !== 'GET') {
      routed.push(operation);
      continue;
    }
    const exchange = await ctx.target.call(operation, { params: idParams(operation, unknownId()), conformance: false });
    const why = whyUnrouted(exchange);
    const what = `${operation.method} ${operation.path}`;
    ctx.recorder.expect(why === undefined, operation.operationId, 'reachability', why === undefined ? `${what} is routed (answered ${exchange.status})` : `${what} answers ${why}`, exchange.curl);
    if (why === undefined) routed.push(operation);
    else unrouted.set(operation.operationId, `${what} answers ${exchange.status}`);
  }
  return { routed, unrouted };
}
