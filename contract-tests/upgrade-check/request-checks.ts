import type { ErrorObject } from 'ajv';
import { describeAjvError } from '../../src/openapi/describe-ajv-error';
import type { OpenApiDocument, ParameterObject, SchemaObject } from '../../src/openapi/spec-document';
import { shortJson, type CheckContext, type RequestInContext } from './check-context';
import type { Observation } from './findings';
import { newlyRequiredFields, queryParameters, resolve } from './spec-diff';

/**
 * The app's recorded query and body, checked against the target spec: what the target would reject that
 * the source accepted (new validation, newly required fields), and what the app sends that the target no
 * longer knows (removed parameters and fields, which DRF ignores without a word).
 */
export function checkRequest(ctx: CheckContext, { request, fromOp, toOp, query }: RequestInContext): Observation[] {
  if (!toOp) return [];
  const out: Observation[] = [];
  const base = { operationId: fromOp.operationId, request, basis: 'spec' as const };
  const fromParams = queryParameters(fromOp);
  const toParams = queryParameters(toOp);
  for (const [name, values] of query) {
    const before = fromParams.get(name);
    const after = toParams.get(name);
    if (before && !after) {
      out.push({ ...base, severity: 'breaking', kind: 'removed-parameter', subject: `?${name}`, message: `query parameter ${name} is gone in ${ctx.to.version}: the server ignores it` });
      continue;
    }
    if (!after) continue;
    const errors = ctx.to.validate(after.schema, coerce(ctx.to.spec, after, values));
    // Only what is new: a value the source also rejected was already an error the app saw.
    if (errors.length === 0 || (before && ctx.from.validate(before.schema, coerce(ctx.from.spec, before, values)).length > 0)) continue;
    out.push({ ...base, severity: 'breaking', kind: 'new-validation', subject: `?${name}`, message: `query parameter ${name}: ${ctx.to.version} validates it and rejects the value the app sent (400)`, detail: `${name}=${shortJson(values.length === 1 ? values[0] : values)}: ${describeAjvError(errors[0]!)}` });
  }
  out.push(...checkBody(ctx, { request, fromOp, toOp, query }));
  return out;
}

function checkBody(ctx: CheckContext, { request, fromOp, toOp }: RequestInContext): Observation[] {
  const body = request.request_body;
  if (!toOp?.requestSchema || body === null || body === undefined) return [];
  const base = { operationId: fromOp.operationId, request, basis: 'spec' as const };
  const out: Observation[] = [];
  const toSchema = resolve(ctx.to.spec, toOp.requestSchema);
  const fromSchema = fromOp.requestSchema && resolve(ctx.from.spec, fromOp.requestSchema);
  // Fields the app sends that the target's schema no longer has: DRF drops unknown fields silently.
  if (isObject(body) && fromSchema?.properties && toSchema?.properties) {
    for (const key of Object.keys(body)) {
      if (key in (fromSchema.properties as object) && !(key in (toSchema.properties as object))) {
        out.push({ ...base, severity: 'breaking', kind: 'removed-parameter', subject: `body.${key}`, message: `request body field ${key} is gone in ${ctx.to.version}: the server ignores it` });
      }
    }
  }
  const errorsTo = ctx.to.validate(toOp.requestSchema, body);
  if (errorsTo.length === 0) return out;
  const errorsFrom = fromOp.requestSchema ? ctx.from.validate(fromOp.requestSchema, body) : [];
  const seenBefore = new Set(errorsFrom.map(errorKey));
  const newlyRequired = new Set(newlyRequiredFields(ctx.from.spec, fromOp, ctx.to.spec, toOp));
  const schemaName = toOp.requestSchema.$ref?.split('/').pop();
  for (const error of errorsTo.filter((e) => !seenBefore.has(errorKey(e)))) {
    const field = fieldOf(error);
    if (error.keyword === 'required' && newlyRequired.has(field)) {
      out.push({ ...base, severity: 'breaking', kind: 'new-required-field', subject: `body.${field}`, message: `request body field ${field} is required in ${ctx.to.version} and the app does not send it (400)` });
      continue;
    }
    const note = ctx.notes.fieldMessages.find((n) => n.schema === schemaName && n.fields.includes(field));
    const answer = note ? `; authentik ${ctx.to.version} answers 400 {"${field}":["${note.message}"]}` : ' (400)';
    out.push({
      ...base,
      ...(note ? { cite: note.source } : {}),
      severity: 'breaking',
      kind: 'new-validation',
      subject: `body.${field}`,
      message: `request body field ${field}: ${ctx.to.version}'s schema (${schemaName ?? 'inline'}) rejects what the app sent: ${describeAjvError(error)}${answer}`,
      detail: `${field} was ${shortJson(isObject(body) ? body[field] : body)}`,
    });
  }
  return out;
}

/** A query value as its schema reads it: query strings are text, so numbers and booleans are parsed first. */
function coerce(spec: OpenApiDocument, parameter: ParameterObject, values: string[]): unknown {
  const schema = resolve(spec, parameter.schema) as SchemaObject;
  if (schema.type === 'array') return values.map((v) => coerceOne(resolve(spec, schema.items as SchemaObject), v));
  return coerceOne(schema, values.at(-1)!);
}

function coerceOne(schema: SchemaObject | undefined, value: string): unknown {
  if ((schema?.type === 'integer' || schema?.type === 'number') && /^-?\d+(\.\d+)?$/.test(value.trim())) return Number(value);
  if (schema?.type === 'boolean' && (value === 'true' || value === 'false')) return value === 'true';
  return value;
}

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** The top-level field an ajv error is about: the missing property, or the first step of its path. */
function fieldOf(error: ErrorObject): string {
  if (error.keyword === 'required') return String(error.params.missingProperty);
  return error.instancePath.split('/')[1] ?? '(body)';
}

const errorKey = (error: ErrorObject) => `${error.instancePath} ${error.keyword} ${JSON.stringify(error.params)}`;
