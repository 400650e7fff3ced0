import { pyFloatRepr } from '../python/py-repr';
import type { OpenApiDocument, SchemaObject } from './load-spec';
import { listOperations, resolveSchema } from './operations';

/**
 * Where floats sit inside a response shape. Python prints a float with a decimal point (`0.0`, `3.0`)
 * where `JSON.stringify` prints `0` and `3`, so the spec's `number` + `format: double|float` values are
 * written the Python way. A subtree without floats is `null` and goes through `JSON.stringify` whole.
 */
type FloatPlan = null | { kind: 'float' } | { kind: 'object'; properties: Map<string, FloatPlan> } | { kind: 'array'; items: FloatPlan };

export type JsonWriter = (operationId: string | undefined, status: number, body: unknown) => string;

/** Builds, once, a writer per operationId × status that prints bodies as DRF's JSONRenderer does. */
export function createJsonWriter(spec: OpenApiDocument): JsonWriter {
  const plans = new Map<string, FloatPlan>();
  for (const op of listOperations(spec)) {
    for (const [status, response] of Object.entries(op.responses)) {
      const schema = response.content?.['application/json']?.schema;
      if (schema) plans.set(`${op.operationId} ${status}`, planFor(spec, schema, new Set()));
    }
  }
  return (operationId, status, body) => {
    const plan = plans.get(`${operationId} ${status}`) ?? null;
    const text = plan === null ? JSON.stringify(body) : write(body, plan);
    // DRF's JSONRenderer escapes these two, which are valid JSON but end lines in JavaScript.
    return /[\u2028\u2029]/.test(text) ? text.replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029') : text;
  };
}

function planFor(spec: OpenApiDocument, schemaOrRef: SchemaObject, seen: Set<SchemaObject>): FloatPlan {
  const schema = resolveSchema(spec, schemaOrRef);
  if (seen.has(schema)) return null;
  seen.add(schema);
  try {
    if (schema.type === 'number' && (schema.format === 'double' || schema.format === 'float')) return { kind: 'float' };
    if (schema.type === 'array' && schema.items) {
      const items = planFor(spec, schema.items as SchemaObject, seen);
      return items === null ? null : { kind: 'array', items };
    }
    const properties = new Map<string, FloatPlan>();
    for (const [name, property] of Object.entries((schema.properties ?? {}) as Record<string, SchemaObject>)) {
      const plan = planFor(spec, property, seen);
      if (plan !== null) properties.set(name, plan);
    }
    return properties.size === 0 ? null : { kind: 'object', properties };
  } finally {
    seen.delete(schema);
  }
}

function write(value: unknown, plan: FloatPlan): string {
  if (plan === null || value === null || value === undefined) return JSON.stringify(value);
  if (plan.kind === 'float') return typeof value === 'number' ? pyFloatRepr(value) : JSON.stringify(value);
  if (plan.kind === 'array') return Array.isArray(value) ? `[${value.map((item) => write(item, plan.items)).join(',')}]` : JSON.stringify(value);
  if (typeof value !== 'object' || Array.isArray(value)) return JSON.stringify(value);
  const members: string[] = [];
  for (const [key, item] of Object.entries(value)) {
    if (item === undefined) continue;
    members.push(`${JSON.stringify(key)}:${write(item, plan.properties.get(key) ?? null)}`);
  }
  return `{${members.join(',')}}`;
}
