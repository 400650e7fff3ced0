import { listOperations } from '../../src/openapi/operations';
import { idParams, unknownId, type SuiteContext } from '../suite-context';

/** Credentials that must never be accepted, and the header each sends (null: none at all). */
const BAD_CREDENTIALS: Array<{ name: string; header: string | null }> = [
  { name: 'no Authorization header', header: null },
  { name: 'an empty bearer', header: 'Bearer ' },
  { name: 'another scheme', header: 'Basic Y29udHJhY3Q6c3VpdGU=' },
  { name: 'an unknown token', header: `Bearer contract-suite-unknown-${unknownId()}` },
];

/**
 * auth-enforced: every operation answers bad credentials with 403 and a GenericError body (authentik
 * never answers 401), never a 2xx and never data. Detail operations are asked about a random id, so no
 * data is needed; writes are skipped under --read-only.
 */
export async function checkAuthentication(ctx: SuiteContext): Promise<void> {
  for (const operation of listOperations(ctx.spec)) {
    if (ctx.readOnly && operation.method !== 'GET') continue;
    for (const { name, header } of BAD_CREDENTIALS) {
      const exchange = await ctx.target.call(operation, {
        params: idParams(operation, unknownId()),
        authorization: header,
        body: operation.requestSchema ? { action: 'custom_', app: 'contract-suite-auth' } : undefined,
      });
      const body = exchange.json as { detail?: unknown } | undefined;
      const ok = exchange.status === 403 && typeof body?.detail === 'string';
      ctx.recorder.expect(
        ok,
        operation.operationId,
        'auth-enforced',
        `${operation.method} with ${name} answered ${exchange.status} ${exchange.text.slice(0, 120)} (expected 403 with a GenericError body)`,
        exchange.curl,
      );
    }
  }
}
