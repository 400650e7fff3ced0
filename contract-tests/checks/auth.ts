import { idParams, unknownId, type SuiteContext } from '../suite-context';

/** Credentials that must never be accepted, and the header each sends (null: none at all). */
const BAD_CREDENTIALS: Array<{ name: string; header: string | null; anonymous: boolean }> = [
  { name: 'no Authorization header', header: null, anonymous: true },
  { name: 'an empty bearer', header: 'Bearer ', anonymous: true },
  { name: 'another scheme', header: 'Basic Y29udHJhY3Q6c3VpdGU=', anonymous: false },
  { name: 'an unknown token', header: `Bearer contract-suite-unknown-${unknownId()}`, anonymous: false },
];

/**
 * auth-enforced: every operation answers bad credentials with 403 and a GenericError body (authentik
 * never answers 401), never a 2xx and never data. Detail operations are asked about a random id, so no
 * data is needed; writes are skipped under --read-only. An operation that looks the object up before any
 * permission check (the version's `lookupBeforePermission`) answers the random id with 404 when no
 * credentials are sent.
 */
export async function checkAuthentication(ctx: SuiteContext): Promise<void> {
  for (const operation of ctx.operations) {
    if (ctx.readOnly && operation.method !== 'GET') continue;
    for (const { name, header, anonymous } of BAD_CREDENTIALS) {
      const exchange = await ctx.target.call(operation, {
        params: idParams(operation, unknownId()),
        authorization: header,
        body: operation.requestSchema ? { action: 'custom_', app: 'contract-suite-auth' } : undefined,
      });
      const body = exchange.json as { detail?: unknown } | undefined;
      // Bad credentials fail authentication before the view runs; no credentials make an anonymous caller, whom
      // a view that looks the object up first answers 404 for a random id.
      const expected = anonymous && ctx.rules.lookupBeforePermission.has(operation.operationId) ? 404 : 403;
      const ok = exchange.status === expected && typeof body?.detail === 'string';
      ctx.recorder.expect(
        ok,
        operation.operationId,
        'auth-enforced',
        `${operation.method} with ${name} answered ${exchange.status} ${exchange.text.slice(0, 120)} (expected ${expected === 403 ? '403 with a GenericError body' : '404 with a GenericError body: the random id is looked up before the credentials are checked'})`,
        exchange.curl,
      );
    }
  }
}
