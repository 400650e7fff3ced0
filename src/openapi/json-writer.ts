import { pyFloatRepr } from '../python/py-repr';
import type { OpenApiDocument, SchemaObject } from './spec-document';
import { listOperations, resolveSchema } from './operations';
import { splitSchema } from './split-schema';

/**
 * Where floats sit inside a response shape. Python prints a float with a decimal point (`0.0`, `3.0`)
 * where `JSON.stringify` prints `0` and `3`, so the spec's `number` + `format: double|float` values are
 * written the Python way. A subtree without floats is `null` and goes through `JSON.stringify` whole.
 */
type FloatPlan = null | { kind: 'float' } | { kind: 'object'; properties: Map<string, FloatPlan> } | { kind: 'array'; items: FloatPlan };

export type JsonWriter = (operationId: string | undefined, status: number, body: unknown) => string;

type WriteBody = (body: unknown) => string;

/**
 * Builds a writer per operationId × status that prints bodies as DRF's JSONRenderer does. Each is built on
 * first use and kept: authentik's full schema has thousands of response schemas, most never answered.
 */
export function createJsonWriter(spec: OpenApiDocument): JsonWriter {
  const schemas = new Map<string, SchemaObject>();
  for (const op of listOperations(spec)) {
    for (const [status, response] of Object.entries(op.responses)) {
      const schema = response.content?.['application/json']?.schema;
      if (schema) schemas.set(`${op.operationId} ${status}`, schema);
    }
  }
  const writers = new Map<string, WriteBody>();
  const refWriters = new Map<string, WriteBody>();
  const writerFor = (key: string): WriteBody | undefined => {
    let write = writers.get(key);
    if (write === undefined) {
      const schema = schemas.get(key);
      if (!schema) return undefined;
      write = bodyWriter(spec, schema, refWriters);
      writers.set(key, write);
    }
    return write;
  };
  return (operationId, status, body) => {
    const write = writerFor(`${operationId} ${status}`);
    const text = write ? write(body) : JSON.stringify(body);
    // DRF's JSONRenderer escapes these two, which are valid JSON but end lines in JavaScript.
    return text.includes('\u2028') || text.includes('\u2029') ? text.replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029') : text;
  };
}

/**
 * The writer for one response schema. Bodies and list items are immutable objects (see Collection), so
 * the text of a `$ref` object is kept per object: a list of tasks is mostly a join of texts made before.
 */
function bodyWriter(spec: OpenApiDocument, schema: SchemaObject, refWriters: Map<string, WriteBody>): WriteBody {
  const split = splitSchema(spec, schema);
  if (!split) return typeof schema.$ref === 'string' ? refWriter(spec, schema.$ref, refWriters) : plainWriter(planFor(spec, schema, new Set()));
  const envelopePlan = planFor(spec, split.envelope, new Set());
  const arrays = new Map(split.arrays.map(({ property, itemRef }) => [property, refWriter(spec, itemRef, refWriters)]));
  return (body) => {
    if (body === null || typeof body !== 'object') return JSON.stringify(body);
    const members: string[] = [];
    for (const [key, value] of Object.entries(body)) {
      if (value === undefined) continue;
      const writeItem = arrays.get(key);
      const text = writeItem && Array.isArray(value) ? `[${value.map(writeItem).join(',')}]` : write(value, envelopePlan?.kind === 'object' ? (envelopePlan.properties.get(key) ?? null) : null);
      members.push(`${JSON.stringify(key)}:${text}`);
    }
    return `{${members.join(',')}}`;
  };
}

/** Writes objects of one component schema, keeping each object's text. */
function refWriter(spec: OpenApiDocument, ref: string, refWriters: Map<string, WriteBody>): WriteBody {
  const existing = refWriters.get(ref);
  if (existing) return existing;
  const writePlain = plainWriter(planFor(spec, { $ref: ref }, new Set()));
  const texts = new WeakMap<object, string>();
  const writeRef: WriteBody = (value) => {
    if (value === null || typeof value !== 'object') return writePlain(value);
    let text = texts.get(value);
    if (text === undefined) {
      text = writePlain(value);
      texts.set(value, text);
    }
    return text;
  };
  refWriters.set(ref, writeRef);
  return writeRef;
}

function plainWriter(plan: FloatPlan): WriteBody {
  return plan === null ? (body) => JSON.stringify(body) : (body) => write(body, plan);
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
