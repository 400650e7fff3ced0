import { jsonKeys } from '../python/json-object';
import { orjsonDumps } from '../python/orjson-dumps';
import { formatOrjsonFloat } from '../python/orjson-float';
import type { OpenApiDocument, SchemaObject } from './spec-document';
import { listOperations, resolveSchema } from './operations';
import { splitSchema } from './split-schema';

/**
 * Where floats sit inside a response shape. orjson prints a Python float with a decimal point (`0.0`,
 * `3.0`) where `JSON.stringify` prints `0` and `3`, so the spec's `number` + `format: double|float` values
 * are written orjson's way. Free-form JSON (`{}`, or an object of `{}` values) is `any`: it may hold Python
 * floats and big ints (`JsonNumber`), written by `orjsonDumps`. A subtree without either is `null` and goes
 * through `JSON.stringify` whole.
 */
type FloatPlan = null | { kind: 'float' } | { kind: 'any' } | { kind: 'object'; properties: Map<string, FloatPlan> } | { kind: 'array'; items: FloatPlan };

/**
 * Properties that authentik fills with Python floats although its schema types them `integer`:
 * `get_events_per` returns `x_cord` as epoch milliseconds from `timestamp() * 1000` (`1795964064000.0`,
 * which the schema's `integer` admits).
 */
const FLOATS_TYPED_INTEGER: Readonly<Record<string, ReadonlySet<string>>> = {
  Coordinate: new Set(['x_cord']),
};

export type JsonWriter = (operationId: string | undefined, status: number, body: unknown) => string;

type WriteBody = (body: unknown) => string;

/**
 * Builds a writer per operationId × status that prints bodies as authentik's renderer, orjson, does. Each is built on
 * first use and kept: authentik's full schema has thousands of response schemas, most never answered.
 * Operations `exactIntsFor` names (the mock's admin API) write ints orjson refuses with every digit; their
 * writers keep caches of their own, so a text made for one never answers the other.
 */
export function createJsonWriter(spec: OpenApiDocument, options: { exactIntsFor?: (operationId: string) => boolean } = {}): JsonWriter {
  const schemas = new Map<string, SchemaObject>();
  for (const op of listOperations(spec)) {
    for (const [status, response] of Object.entries(op.responses)) {
      const schema = response.content?.['application/json']?.schema;
      if (schema) schemas.set(`${op.operationId} ${status}`, schema);
    }
  }
  const modes = [false, true].map((exactInts) => ({ exactInts, writers: new Map<string, WriteBody>(), refWriters: new Map<string, WriteBody>() }));
  const writerFor = (key: string, mode: (typeof modes)[number]): WriteBody | undefined => {
    let write = mode.writers.get(key);
    if (write === undefined) {
      const schema = schemas.get(key);
      if (!schema) return undefined;
      write = bodyWriter(spec, schema, mode.refWriters, mode.exactInts);
      mode.writers.set(key, write);
    }
    return write;
  };
  return (operationId, status, body) => {
    const mode = modes[operationId !== undefined && options.exactIntsFor?.(operationId) ? 1 : 0]!;
    const write = writerFor(`${operationId} ${status}`, mode);
    return write ? write(body) : JSON.stringify(body);
  };
}

/**
 * The writer for one response schema. Bodies and list items are immutable objects (see Collection), so
 * the text of a `$ref` object is kept per object: a list of tasks is mostly a join of texts made before.
 */
function bodyWriter(spec: OpenApiDocument, schema: SchemaObject, refWriters: Map<string, WriteBody>, exactInts: boolean): WriteBody {
  const split = splitSchema(spec, schema);
  if (!split) return typeof schema.$ref === 'string' ? refWriter(spec, schema.$ref, refWriters, exactInts) : plainWriter(planFor(spec, schema, new Set()), exactInts);
  const envelopePlan = planFor(spec, split.envelope, new Set());
  const arrays = new Map(split.arrays.map(({ property, itemRef }) => [property, refWriter(spec, itemRef, refWriters, exactInts)]));
  return (body) => {
    if (body === null || typeof body !== 'object') return JSON.stringify(body);
    const members: string[] = [];
    for (const [key, value] of Object.entries(body)) {
      if (value === undefined) continue;
      const writeItem = arrays.get(key);
      const text = writeItem && Array.isArray(value) ? `[${value.map(writeItem).join(',')}]` : write(value, envelopePlan?.kind === 'object' ? (envelopePlan.properties.get(key) ?? null) : null, exactInts);
      members.push(`${JSON.stringify(key)}:${text}`);
    }
    return `{${members.join(',')}}`;
  };
}

/** Writes objects of one component schema, keeping each object's text. */
function refWriter(spec: OpenApiDocument, ref: string, refWriters: Map<string, WriteBody>, exactInts: boolean): WriteBody {
  const existing = refWriters.get(ref);
  if (existing) return existing;
  const writePlain = plainWriter(planFor(spec, { $ref: ref }, new Set()), exactInts);
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

function plainWriter(plan: FloatPlan, exactInts: boolean): WriteBody {
  return plan === null ? (body) => JSON.stringify(body) : (body) => write(body, plan, exactInts);
}

function planFor(spec: OpenApiDocument, schemaOrRef: SchemaObject, seen: Set<SchemaObject>): FloatPlan {
  const schema = resolveSchema(spec, schemaOrRef);
  if (seen.has(schema)) return null;
  seen.add(schema);
  try {
    if (schema.type === 'number' && (schema.format === 'double' || schema.format === 'float')) return { kind: 'float' };
    if (isFreeForm(schema)) return { kind: 'any' };
    const floats = typeof schemaOrRef.$ref === 'string' ? FLOATS_TYPED_INTEGER[schemaOrRef.$ref.split('/').pop()!] : undefined;
    if (schema.type === 'array' && schema.items) {
      const items = planFor(spec, schema.items as SchemaObject, seen);
      return items === null ? null : { kind: 'array', items };
    }
    const properties = new Map<string, FloatPlan>();
    for (const [name, property] of Object.entries((schema.properties ?? {}) as Record<string, SchemaObject>)) {
      const plan: FloatPlan = floats?.has(name) ? { kind: 'float' } : planFor(spec, property, seen);
      if (plan !== null) properties.set(name, plan);
    }
    return properties.size === 0 ? null : { kind: 'object', properties };
  } finally {
    seen.delete(schema);
  }
}

/** `{}`, or an object whose values may be anything (`additionalProperties: {}`) and nothing else. */
function isFreeForm(schema: SchemaObject): boolean {
  const keys = Object.keys(schema).filter((key) => key !== 'description' && key !== 'readOnly');
  if (keys.length === 0) return true;
  const extra = schema.additionalProperties as SchemaObject | undefined;
  return schema.type === 'object' && schema.properties === undefined && extra !== undefined && Object.keys(extra).length === 0;
}

function write(value: unknown, plan: FloatPlan, exactInts: boolean): string {
  if (plan === null || value === null || value === undefined) return JSON.stringify(value);
  if (plan.kind === 'any') return orjsonDumps(value, exactInts);
  if (plan.kind === 'float') return typeof value === 'number' ? formatOrjsonFloat(value) : JSON.stringify(value);
  if (plan.kind === 'array') return Array.isArray(value) ? `[${value.map((item) => write(item, plan.items, exactInts)).join(',')}]` : JSON.stringify(value);
  if (typeof value !== 'object' || Array.isArray(value)) return JSON.stringify(value);
  const members: string[] = [];
  for (const key of jsonKeys(value)) {
    const item = (value as Record<string, unknown>)[key];
    if (item === undefined) continue;
    members.push(`${JSON.stringify(key)}:${write(item, plan.properties.get(key) ?? null, exactInts)}`);
  }
  return `{${members.join(',')}}`;
}
