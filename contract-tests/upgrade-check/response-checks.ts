import type { CheckContext, RequestInContext } from './check-context';
import type { Observation } from './findings';
import { diffSchemas, responseSchema, type SchemaChange } from './spec-diff';

/**
 * The response the app got, as the target would shape it: the two specs' schemas for the status the app
 * received, compared key by key. One observation per status and kind of change, listing the key paths, so
 * that a list whose items gained three keys is one line, not three.
 */
export function checkResponse(ctx: CheckContext, { request, fromOp, toOp }: RequestInContext): Observation[] {
  if (!toOp || request.status === 0) return [];
  const before = responseSchema(fromOp, request.status);
  const after = responseSchema(toOp, request.status);
  if (!before?.schema || !after?.schema) return [];
  const changes = diffSchemas(ctx.from.spec, before.schema, ctx.to.spec, after.schema);
  const base = { operationId: fromOp.operationId, request, basis: 'spec' as const };
  const status = request.status;
  const out: Observation[] = [];
  const removed = changes.filter((c) => c.change === 'removed');
  const added = changes.filter((c) => c.change === 'added');
  const retyped = changes.filter((c) => c.change === 'type' && !c.narrowed);
  const narrowed = changes.filter((c) => c.change === 'type' && c.narrowed);
  if (removed.length) out.push({ ...base, severity: 'breaking', kind: 'response-key-removed', subject: `${status} removed`, message: `response ${status}: ${ctx.to.version} no longer sends ${list(removed)}` });
  if (retyped.length) out.push({ ...base, severity: 'breaking', kind: 'response-type-changed', subject: `${status} type`, message: `response ${status}: type changed: ${retyped.map((c) => `${c.path} ${c.from} → ${c.to}`).join(', ')}` });
  if (added.length) out.push({ ...base, severity: 'notice', kind: 'response-key-added', subject: `${status} added`, message: `response ${status}: ${ctx.to.version} also sends ${list(added)}` });
  if (narrowed.length) out.push({ ...base, severity: 'notice', kind: 'response-type-changed', subject: `${status} narrowed`, message: `response ${status}: now typed more precisely: ${narrowed.map((c) => `${c.path} ${c.from} → ${c.to}`).join(', ')}` });
  return out;
}

const list = (changes: SchemaChange[]) => changes.map((c) => `${c.path} (${c.from ?? c.to})`).join(', ');
