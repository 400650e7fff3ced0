import { createRandom } from '../mock-control/faults';
import { listOperations, resolveSchema, type Operation } from '../openapi/operations';
import type { OpenApiDocument, SchemaObject } from '../openapi/spec-document';

/** A write verify sends to both sides of a disposable target (`--writes`). */
export interface PlannedWrite {
  operationId: string;
  method: string;
  /** Below the API root; `{created}` stands for the id each side gave the row this sequence created. */
  path: string;
  /** Raw JSON text, sent as it is to both. */
  body?: string;
  /** Server-made values that differ by nature between two servers: masked in both answers before comparing. */
  generated: readonly string[];
}

/** The writes of one sequence: a create, then, on the row each side created, its reads, updates and delete. */
export interface WriteSequence {
  create: PlannedWrite;
  /** Sent only when both sides created their row. */
  onCreated: PlannedWrite[];
}

// Values a JSON field ({} in the spec) takes: a float literal and key order that must survive byte for byte.
const JSON_VALUES = ['{"n":1.0,"b":"x","a":[1,{"z":null}]}', '{}', '{"verify":true}'];

/**
 * `count` sequences over the spec's create operations (the events API's), with bodies built from the
 * operation's request schema: valid ones (required properties, enum values, JSON fields) and invalid ones
 * (a required property missing, an enum value that is not one, an empty string under minLength). Each
 * valid create is followed by a detail read, a PATCH, a PUT, the DELETE and a read of the deleted row, so
 * that what verify creates it also removes. Task runs come from `runs`: the spec's `…/run/` operations on
 * recorded task ids.
 */
export function planWrites(spec: OpenApiDocument, count: number, seed: number, taskIds: readonly string[]): { sequences: WriteSequence[]; runs: PlannedWrite[] } {
  const random = createRandom(seed ^ 0x5eed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  const operations = listOperations(spec);
  const creates = operations.filter((op) => op.method === 'POST' && !op.path.includes('{') && op.requestSchema);
  const onPath = (path: string, method: string) => operations.find((op) => op.method === method && op.path === path);

  const sequences = Array.from({ length: count }, (): WriteSequence => {
    const create = pick(creates);
    const schema = resolveSchema(spec, create.requestSchema!);
    const valid = random() < 0.7;
    const body = valid ? bodyFor(spec, schema, pick) : brokenBodyFor(spec, schema, pick);
    const detailPath = `${create.path}{created}/`;
    const detail = operations.find((op) => op.path.startsWith(create.path) && /^\/?\{[^}]+\}\/$/.test(op.path.slice(create.path.length)))?.path;
    const step = (method: string, text?: string): PlannedWrite[] => {
      const op = detail ? onPath(detail, method) : undefined;
      return op ? [{ operationId: op.operationId, method, path: detailPath, ...(text !== undefined ? { body: text } : {}), generated: GENERATED }] : [];
    };
    const patch = operations.find((op) => op.method === 'PATCH' && op.path === detail);
    const patchSchema = patch?.requestSchema ? resolveSchema(spec, patch.requestSchema) : undefined;
    const partial = patchSchema ? bodyFor(spec, patchSchema, pick, 1) : undefined;
    return {
      create: { operationId: create.operationId, method: 'POST', path: create.path, body, generated: GENERATED },
      onCreated: [...step('GET'), ...(partial ? step('PATCH', partial) : []), ...step('PUT', bodyFor(spec, schema, pick)), ...step('DELETE'), ...step('GET')],
    };
  });
  const run = operations.find((op) => op.method === 'POST' && /\/run\/$/.test(op.path));
  const runs = run && taskIds.length > 0 ? Array.from({ length: Math.max(1, Math.round(count / 3)) }, () => runOf(run, pick(taskIds))) : [];
  return { sequences, runs };
}

// An event's id and its moments are the server's: `created` is now, and `expires` is counted from it.
const GENERATED = ['pk', 'created', 'expires'];

const runOf = (op: Operation, id: string): PlannedWrite => ({ operationId: op.operationId, method: 'POST', path: op.path.replace(/\{[^}]+\}/, encodeURIComponent(id)), generated: [] });

/** A body with every required property (and, with `only`, that many of the others) as the schema wants it. */
function bodyFor(spec: OpenApiDocument, schema: SchemaObject, pick: <T>(items: readonly T[]) => T, only?: number): string {
  const properties = (schema.properties ?? {}) as Record<string, SchemaObject>;
  const required = new Set((schema.required as string[] | undefined) ?? []);
  const names = Object.keys(properties).filter((name) => required.has(name) || (only === undefined && name === 'context'));
  const chosen = only === undefined ? names : [pick(Object.keys(properties).filter((name) => !['user', 'brand', 'expires'].includes(name)))];
  return `{${chosen.map((name) => `${JSON.stringify(name)}:${valueFor(spec, properties[name]!, pick)}`).join(',')}}`;
}

/** A body that breaks the schema in one place, so that both sides' 400 answers are compared. */
function brokenBodyFor(spec: OpenApiDocument, schema: SchemaObject, pick: <T>(items: readonly T[]) => T): string {
  const properties = (schema.properties ?? {}) as Record<string, SchemaObject>;
  const required = (schema.required as string[] | undefined) ?? [];
  const entries = required.map((name): [string, string] => [name, valueFor(spec, properties[name]!, pick)]);
  const broken = pick(required);
  const how = pick(['missing', 'wrong']);
  return `{${entries
    .filter(([name]) => how === 'wrong' || name !== broken)
    .map(([name, value]) => `${JSON.stringify(name)}:${name === broken ? wrongValueFor(spec, properties[name]!) : value}`)
    .join(',')}}`;
}

function valueFor(spec: OpenApiDocument, property: SchemaObject, pick: <T>(items: readonly T[]) => T): string {
  const schema = resolveSchema(spec, property);
  if (Array.isArray(schema.enum)) return JSON.stringify(pick((schema.enum as unknown[]).filter((value) => typeof value === 'string')));
  if (schema.type === 'string') return schema.format === 'date-time' ? '"2031-01-01T00:00:00Z"' : JSON.stringify(pick(['verify', 'verify-ß', 'verify 1.0']));
  return pick(JSON_VALUES);
}

function wrongValueFor(spec: OpenApiDocument, property: SchemaObject): string {
  const schema = resolveSchema(spec, property);
  if (Array.isArray(schema.enum)) return '"not-an-action"';
  if (schema.type === 'string') return '""';
  return '"not json"';
}
