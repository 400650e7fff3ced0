import type { Operation } from '../../src/openapi/operations';
import type { CheckContext, RequestInContext } from './check-context';
import type { Observation } from './findings';
import { addedParameters, typeName, resolve } from './spec-diff';

/**
 * The operation as a whole: whether the target still has it (and if not, where the same request now lands),
 * the query parameters it gained, and the behaviour notes about parameters the app used.
 */
export function checkOperation(ctx: CheckContext, { request, fromOp, toOp, query }: RequestInContext): Observation[] {
  const base = { operationId: fromOp.operationId, request };
  if (!toOp) return [{ ...base, severity: 'breaking', kind: 'removed-operation', subject: 'operation', basis: 'spec', ...removal(ctx, fromOp, request.method, request.path) }];
  const out: Observation[] = [];
  for (const parameter of addedParameters(fromOp, toOp)) {
    const schema = resolve(ctx.to.spec, parameter.schema);
    const type = schema?.type === 'array' ? `array of ${typeName(resolve(ctx.to.spec, schema.items as never))}` : typeName(schema);
    if (parameter.required && !query.has(parameter.name)) {
      out.push({ ...base, severity: 'breaking', kind: 'new-required-parameter', subject: `?${parameter.name}`, basis: 'spec', message: `new required query parameter ${parameter.name} (${type}); the app does not send it` });
    } else if (!parameter.required) {
      out.push({ ...base, severity: 'notice', kind: 'new-parameter', subject: `?${parameter.name}`, basis: 'spec', message: `new optional query parameter ${parameter.name} (${type})${parameter.description ? `: ${parameter.description}` : ''}` });
    }
  }
  for (const note of ctx.notes.parameterMeaning) {
    if (note.operationIds.includes(fromOp.operationId) && query.has(note.parameter)) {
      out.push({ ...base, severity: 'notice', kind: 'changed-meaning', subject: `?${note.parameter}`, basis: 'behaviour-notes', cite: note.source, message: `query parameter ${note.parameter} ${note.change}` });
    }
  }
  return out;
}

/** Where a request to a removed operation goes on the target: nowhere, or another operation's route. */
function removal(ctx: CheckContext, fromOp: Operation, method: string, path: string): { message: string; cite?: string } {
  const replacement = ctx.notes.replacements.find((r) => r.operationId === fromOp.operationId);
  // Messages name the source's path template, not the request's path, so that one finding fits all its requests.
  const template = `${fromOp.method} ${fromOp.path}`;
  const instead = replacement ? `; use ${replacement.use}` : '';
  const routed = ctx.to.route(method, path);
  if (!routed) return { message: `removed in ${ctx.to.version}: no route matches ${template}, the server answers with its (non-JSON) error page${instead}`, ...(replacement ? { cite: replacement.source } : {}) };
  const ids = Object.entries(routed.pathParams).map(([name, value]) => `${name}=${JSON.stringify(value)}`).join(', ');
  const malformed = routed.operation.parameters.filter((p) => p.in === 'path' && ctx.to.validate(p.schema, routed.pathParams[p.name]).length > 0);
  const outcome = malformed.length
    ? `${malformed.map((p) => p.name).join(', ')} is not well-formed, so it answers 404 {"detail":"${ctx.notes.malformedIdMessage.message}"}`
    : 'it looks that id up';
  const cites = [ctx.notes.malformedIdMessage.source, replacement?.source].filter(Boolean).join('; ');
  return { message: `removed in ${ctx.to.version}: ${template} now reaches ${routed.operation.operationId} (${routed.operation.method} ${routed.operation.path}) with ${ids}; ${outcome}${instead}`, ...(malformed.length || replacement ? { cite: cites } : {}) };
}
