import type { Operation } from '../../src/openapi/operations';
import type { OpenApiDocument, ParameterObject, SchemaObject } from '../../src/openapi/spec-document';

/** How two schemas of the same thing differ, one line per key path: `results[].context`, `x_cord`. */
export interface SchemaChange {
  change: 'removed' | 'added' | 'type';
  /** The key path from the body's root; `[]` stands for every item of an array. */
  path: string;
  from?: string;
  to?: string;
  /** A type that only became more precise (`any` → `object`): what the server sent still fits. */
  narrowed?: boolean;
}

/** The schema a `$ref` (or a one-element `allOf`, drf-spectacular's way to add `nullable` to a ref) stands for. */
export function resolve(spec: OpenApiDocument, schema: SchemaObject | undefined): SchemaObject | undefined {
  let current = schema;
  for (let hops = 0; current && hops < 20; hops++) {
    if (typeof current.$ref === 'string') current = spec.components.schemas[current.$ref.replace('#/components/schemas/', '')];
    else if (Array.isArray(current.allOf) && current.allOf.length === 1) current = current.allOf[0] as SchemaObject;
    else return current;
  }
  return current;
}

/** The component name a schema refers to (`Event`), for messages that name a model. */
export function refName(schema: SchemaObject | undefined): string | undefined {
  return typeof schema?.$ref === 'string' ? schema.$ref.split('/').pop() : undefined;
}

/** A schema's type as a word: `object`, `array`, `string`, `any` for `{}`. */
export function typeName(schema: SchemaObject | undefined): string {
  if (!schema) return 'any';
  if (typeof schema.type === 'string') return schema.type;
  if (schema.properties) return 'object';
  return 'any';
}

/**
 * Compares two schemas structurally, following `$ref`s on both sides, so a renamed component (`Coordinate`
 * → `EventVolume`) is compared by its keys, not its name. Depth-limited: authentik's schemas do not recurse
 * in this API, and a cycle must not hang the check.
 */
export function diffSchemas(fromSpec: OpenApiDocument, from: SchemaObject | undefined, toSpec: OpenApiDocument, to: SchemaObject | undefined, path = '', depth = 0): SchemaChange[] {
  const a = resolve(fromSpec, from);
  const b = resolve(toSpec, to);
  if (depth > 8 || (!a && !b)) return [];
  const ta = typeName(a);
  const tb = typeName(b);
  if (ta !== tb) return [{ change: 'type', path: path || '(body)', from: ta, to: tb, narrowed: ta === 'any' }];
  if (ta === 'array') return diffSchemas(fromSpec, a!.items as SchemaObject, toSpec, b!.items as SchemaObject, `${path}[]`, depth + 1);
  if (ta !== 'object') return [];
  const pa = (a!.properties ?? {}) as Record<string, SchemaObject>;
  const pb = (b!.properties ?? {}) as Record<string, SchemaObject>;
  const changes: SchemaChange[] = [];
  const at = (key: string) => (path ? `${path}.${key}` : key);
  for (const key of Object.keys(pa)) if (!(key in pb)) changes.push({ change: 'removed', path: at(key), from: typeName(resolve(fromSpec, pa[key])) });
  for (const key of Object.keys(pb)) if (!(key in pa)) changes.push({ change: 'added', path: at(key), to: typeName(resolve(toSpec, pb[key])) });
  for (const key of Object.keys(pa)) if (key in pb) changes.push(...diffSchemas(fromSpec, pa[key], toSpec, pb[key], at(key), depth + 1));
  return changes;
}

/** The JSON schema of an operation's response for a status, by OpenAPI's lookup order (exact, class, default). */
export function responseSchema(op: Operation, status: number): { status: string; schema: SchemaObject | undefined } | undefined {
  const key = String(status);
  const documented = [key, `${key[0]}XX`, 'default'].find((candidate) => op.responses[candidate]);
  if (documented === undefined) return undefined;
  return { status: documented, schema: op.responses[documented]?.content?.['application/json']?.schema };
}

/** The query parameters of an operation by name. */
export function queryParameters(op: Operation): Map<string, ParameterObject> {
  return new Map(op.parameters.filter((p) => p.in === 'query').map((p) => [p.name, p]));
}

/** Query parameters the target has and the source had not: new filters, and whether they are required. */
export function addedParameters(from: Operation, to: Operation): ParameterObject[] {
  const before = queryParameters(from);
  return [...queryParameters(to).values()].filter((p) => !before.has(p.name));
}

/** Fields the target's request schema requires that the source's did not. */
export function newlyRequiredFields(fromSpec: OpenApiDocument, from: Operation, toSpec: OpenApiDocument, to: Operation): string[] {
  const before = new Set((resolve(fromSpec, from.requestSchema)?.required as string[] | undefined) ?? []);
  return ((resolve(toSpec, to.requestSchema)?.required as string[] | undefined) ?? []).filter((field) => !before.has(field));
}
