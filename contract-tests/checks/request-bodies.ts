import type { OpenApiDocument, SchemaObject } from '../../src/openapi/spec-document';
import { resolveSchema, type Operation } from '../../src/openapi/operations';

/** One property of a request body schema, as the body checks and generators need it. */
export interface BodyField {
  name: string;
  schema: SchemaObject;
  required: boolean;
}

export function bodyFields(spec: OpenApiDocument, operation: Operation): BodyField[] {
  if (!operation.requestSchema) return [];
  const schema = resolveSchema(spec, operation.requestSchema);
  const required = new Set((schema.required as string[] | undefined) ?? []);
  return Object.entries((schema.properties ?? {}) as Record<string, SchemaObject>).map(([name, property]) => ({
    name,
    schema: resolveSchema(spec, property),
    required: required.has(name),
  }));
}

/** A body with every required field set to a valid value, built from the schema. */
export function minimalValidBody(fields: BodyField[]): Record<string, unknown> {
  return Object.fromEntries(fields.filter((f) => f.required).map((f) => [f.name, validValue(f.schema)]));
}

/** A value the schema accepts and authentik accepts too. */
export function validValue(schema: SchemaObject): unknown {
  if (Array.isArray(schema.enum)) return schema.enum[0];
  if (schema.format === 'date-time') return '2031-05-06T07:08:09.123456Z';
  if (schema.type === 'string') return 'contract-suite';
  if (schema.type === 'integer' || schema.type === 'number') return 1;
  if (schema.type === 'boolean') return true;
  return { source: 'contract-suite' };
}

/** A value that breaks one rule of the schema, with the rule's name. */
export interface Violation {
  rule: string;
  value: unknown;
}

/**
 * The violations a schema states. Numbers for plain strings are left out: the schema says string, but
 * authentik (DRF) turns numbers into strings, so sending one proves nothing. `{}` admits anything,
 * null included, so it has no violation here.
 */
export function violationsOf(schema: SchemaObject): Violation[] {
  const out: Violation[] = [];
  if (Object.keys(schema).length === 0) return out;
  if (schema.nullable !== true) out.push({ rule: 'nullable', value: null });
  if (Array.isArray(schema.enum)) {
    out.push({ rule: 'enum', value: 'not-a-documented-value' }, { rule: 'enum (wrong type)', value: 42 });
    return out;
  }
  if (schema.type === 'string') {
    out.push({ rule: 'type (boolean)', value: true }, { rule: 'type (array)', value: ['x'] }, { rule: 'type (object)', value: { a: 1 } });
    if (typeof schema.minLength === 'number' && schema.minLength >= 1) out.push({ rule: 'minLength', value: '' });
    if (schema.format === 'date-time') out.push({ rule: 'format date-time', value: 'not-a-date' }, { rule: 'format date-time (number)', value: 1700000000 });
  }
  if (schema.type === 'object') {
    out.push({ rule: 'type (array)', value: ['x'] }, { rule: 'type (string)', value: 'text' }, { rule: 'type (number)', value: 5 }, { rule: 'type (boolean)', value: true });
  }
  return out;
}

/** Bodies that are not a JSON object at all, or not JSON. */
export const BAD_BODIES: Array<{ rule: string; raw: string }> = [
  { rule: 'body is an array', raw: '[]' },
  { rule: 'body is a string', raw: '"text"' },
  { rule: 'body is a number', raw: '5' },
  { rule: 'body is null', raw: 'null' },
  { rule: 'malformed JSON', raw: '{"action": ' },
];
