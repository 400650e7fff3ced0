import { listOperations } from '../../src/openapi/operations';
import { idParams, unknownId, type SuiteContext } from '../suite-context';

const PROBE_METHODS = ['DELETE', 'POST', 'PUT'];

/**
 * headers (405 probes): a method the spec does not give a path is refused with 405 and an Allow header.
 * Skipped under --read-only, since a broken server might act on the request.
 */
export async function checkMethodProbes(ctx: SuiteContext): Promise<void> {
  if (ctx.readOnly) return;
  const byPath = new Map<string, string[]>();
  for (const op of listOperations(ctx.spec)) byPath.set(op.path, [...(byPath.get(op.path) ?? []), op.method]);
  for (const operation of listOperations(ctx.spec).filter((op) => op.method === 'GET')) {
    const method = PROBE_METHODS.find((m) => !byPath.get(operation.path)!.includes(m));
    if (!method) continue;
    const exchange = await ctx.target.call(operation, { method, params: idParams(operation, unknownId()) });
    ctx.recorder.expect(
      exchange.status === 405 && exchange.headers.has('allow'),
      operation.operationId,
      'headers',
      `${method} on ${operation.path} answered ${exchange.status}${exchange.headers.has('allow') ? '' : ' without Allow'} (expected 405 with an Allow header)`,
      exchange.curl,
    );
  }
}
