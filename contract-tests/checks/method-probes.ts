import { listOperations } from '../../src/openapi/operations';
import { idParams, unknownId, type SuiteContext } from '../suite-context';

const PROBE_METHODS = ['DELETE', 'POST', 'PUT'];

// DRF's `http_method_names` order, in which its Allow header lists a view's methods.
const DRF_METHOD_ORDER = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS'];

/** The Allow header DRF sends for a URL with these methods: HEAD comes with GET, OPTIONS always. */
export function expectedAllow(methods: readonly string[]): string {
  const allowed = new Set([...methods, 'OPTIONS', ...(methods.includes('GET') ? ['HEAD'] : [])]);
  return DRF_METHOD_ORDER.filter((method) => allowed.has(method)).join(', ');
}

/**
 * headers (405 probes): a method the spec does not give a path is refused with 405 and an Allow header
 * naming exactly the path's methods. Skipped under --read-only, since a broken server might act on the request.
 */
export async function checkMethodProbes(ctx: SuiteContext): Promise<void> {
  if (ctx.readOnly) return;
  const byPath = new Map<string, string[]>();
  for (const op of listOperations(ctx.spec)) byPath.set(op.path, [...(byPath.get(op.path) ?? []), op.method]);
  for (const operation of ctx.operations.filter((op) => op.method === 'GET')) {
    const method = PROBE_METHODS.find((m) => !byPath.get(operation.path)!.includes(m));
    if (!method) continue;
    const exchange = await ctx.target.call(operation, { method, params: idParams(operation, unknownId()) });
    const allow = exchange.headers.get('allow');
    const expected = expectedAllow(byPath.get(operation.path)!);
    ctx.recorder.expect(
      exchange.status === 405 && allow === expected,
      operation.operationId,
      'headers',
      `${method} on ${operation.path} answered ${exchange.status} ${allow === null ? 'without Allow' : `with Allow "${allow}"`} (expected 405 with Allow "${expected}")`,
      exchange.curl,
    );
  }
}
