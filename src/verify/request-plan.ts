import { createRandom } from '../mock-control/faults';
import { listOperations, resolveSchema, type Operation } from '../openapi/operations';
import type { OpenApiDocument, ParameterObject, SchemaObject } from '../openapi/spec-document';
import { PyNumber, type PyObject, type PyValue } from '../python/py-json';

/** One request that verify sends to both sides: a read, or with `--writes` a write. */
export interface PlannedRequest {
  operationId: string;
  method: string;
  /** Below the API root, with the query: `/events/events/?ordering=-created&page=2`. */
  path: string;
  /** Which kind of request it is (list, detail, unknown-id, malformed-id, malformed-parameter, options, head, write). */
  family: string;
  /** A write's JSON text, sent as it is. */
  body?: string;
}

/** The recorded rows of each collection, by the collection's path in the spec (`/events/events/`). */
export type RowsByCollection = ReadonlyMap<string, readonly PyObject[]>;

const FAMILIES: Array<[number, PlannedRequest['family']]> = [
  [40, 'list'],
  [15, 'detail'],
  [8, 'unknown-id'],
  [5, 'malformed-id'],
  [12, 'malformed-parameter'],
  [10, 'options'],
  [10, 'head'],
];

// Values that no integer parameter may take, or that sit on its edges; DRF and the mock must agree on each.
const BAD_INTEGERS = ['abc', '', '1.5', '-1', '0', '1e2', ' 2', '99999999999999999999'];
const BAD_TEXT = ['\u0000', 'x\u0000', 'zzz-no-such-value', ' ', 'ß'];
const MALFORMED_IDS = ['not-a-uuid', '1', '00000000000000000000000000000000', 'urn:uuid:00000000-0000-4000-8000-000000000000'];

/**
 * `count` requests drawn with `seed` from the spec's read operations: every parameter, its type and enum,
 * and the fields a list can be ordered by come from the spec (decision: one source of truth); values come
 * from the recorded rows, so that filters and searches find something. The same spec, rows, count and seed
 * give the same requests.
 */
export function planRequests(spec: OpenApiDocument, rows: RowsByCollection, count: number, seed: number): PlannedRequest[] {
  const random = createRandom(seed);
  const int = (n: number) => Math.floor(random() * n);
  const pick = <T>(items: readonly T[]): T => items[int(items.length)]!;
  const chance = (p: number) => random() < p;
  const reads = listOperations(spec).filter((op) => op.method === 'GET');
  const lists = reads.filter((op) => !op.path.includes('{'));
  const details = reads.filter((op) => op.path.includes('{'));
  const rowsOf = (op: Operation) => rowsFor(rows, op.path);
  const collectionList = (op: Operation) =>
    lists.filter((list) => op.path.startsWith(list.path) && list.parameters.some((p) => p.name === 'page')).sort((a, b) => b.path.length - a.path.length)[0] ?? op;

  const valueFor = (op: Operation, parameter: ParameterObject): string => {
    const schema = (parameter.schema ?? {}) as SchemaObject;
    const found = rowsOf(op);
    if (parameter.name === 'ordering') {
      // An aggregate (volume/) orders the rows it counts: the fields are those of its collection's list.
      const fields = rowFields(spec, collectionList(op));
      const terms = Array.from({ length: 1 + int(2) }, () => `${chance(0.5) ? '-' : ''}${pick(fields.length > 0 ? fields : ['pk'])}`);
      return terms.join(',');
    }
    if (Array.isArray(schema.enum) && schema.enum.length > 0) return String(pick(schema.enum as unknown[]));
    if (schema.type === 'integer') {
      if (parameter.name === 'page_size') return pick(['1', '2', '3', '5', '10', '100', String(Math.max(1, found.length)), String(found.length + 1)]);
      return pick(['1', '2', '3', '10']);
    }
    const row = found.length > 0 ? pick(found) : undefined;
    const own = row?.get(parameter.name);
    if (typeof own === 'string') return chance(0.8) ? own : own.toUpperCase();
    const leaves = row ? stringLeaves(row) : [];
    if (leaves.length === 0) return pick(BAD_TEXT);
    const leaf = pick(leaves);
    // A search term is matched as a part of a value; a filter mostly as the whole value.
    if (parameter.name === 'search' && leaf.length > 3 && chance(0.5)) {
      const start = int(leaf.length - 2);
      return leaf.slice(start, start + 2 + int(4));
    }
    return leaf;
  };

  const listRequest = (malformed: boolean): PlannedRequest => {
    const op = pick(lists);
    const query = op.parameters.filter((p) => p.in === 'query');
    const pairs: Array<[string, string]> = [];
    for (const parameter of query) {
      if (parameter.name === 'page' || parameter.name === 'page_size') continue;
      if (chance(1.5 / Math.max(1, query.length))) pairs.push([parameter.name, valueFor(op, parameter)]);
    }
    const paged = query.some((p) => p.name === 'page');
    if (paged && chance(0.6)) {
      // The edges of pagination: the first, the last, one past the last, and sizes around the row count.
      const size = Number(valueFor(op, query.find((p) => p.name === 'page_size')!));
      const last = Math.max(1, Math.ceil(rowsOf(op).length / size));
      pairs.push(['page_size', String(size)]);
      pairs.push(['page', String(pick([1, 2, last, last + 1]))]);
    }
    if (malformed && query.length > 0) {
      const parameter = pick(query);
      const schema = (parameter.schema ?? {}) as SchemaObject;
      // In place of a good value of the same parameter: a repeated parameter is a request of its own kind.
      const at = pairs.findIndex(([name]) => name === parameter.name);
      if (at >= 0) pairs.splice(at, 1);
      pairs.push([parameter.name, schema.type === 'integer' ? pick(BAD_INTEGERS) : Array.isArray(schema.enum) ? 'bogus' : parameter.name === 'ordering' ? pick(['nonexistent', '-', ',', 'pk;drop']) : pick(BAD_TEXT)]);
    }
    return { operationId: op.operationId, method: 'GET', path: `${op.path}${toQuery(pairs)}`, family: malformed ? 'malformed-parameter' : 'list' };
  };

  const detailRequest = (family: string): PlannedRequest => {
    const op = pick(details);
    const idField = uuidField(spec, op);
    const known = rowsOf(op)
      .map((row) => row.get(idField))
      .filter((id): id is string => typeof id === 'string');
    const id =
      family === 'detail' && known.length > 0
        ? pick(known)
        : family === 'malformed-id'
          ? pick(MALFORMED_IDS)
          : `00000000-0000-4000-8000-${String(int(1e12)).padStart(12, '0')}`;
    return { operationId: op.operationId, method: 'GET', path: op.path.replace(/\{[^}]+\}/, encodeURIComponent(id)), family: family === 'detail' && known.length === 0 ? 'unknown-id' : family };
  };

  const otherMethod = (method: string): PlannedRequest => {
    const base = chance(0.5) && details.length > 0 ? detailRequest('detail') : listRequest(false);
    return { ...base, method, family: method.toLowerCase() };
  };

  const total = FAMILIES.reduce((sum, [weight]) => sum + weight, 0);
  const draw = () => {
    let x = random() * total;
    for (const [weight, family] of FAMILIES) if ((x -= weight) < 0) return family;
    return FAMILIES[0]![1];
  };
  return Array.from({ length: count }, () => {
    const family = draw();
    if (family === 'list' || (family !== 'options' && family !== 'head' && family !== 'malformed-parameter' && details.length === 0)) return listRequest(false);
    if (family === 'malformed-parameter') return listRequest(true);
    if (family === 'options') return otherMethod('OPTIONS');
    if (family === 'head') return otherMethod('HEAD');
    return detailRequest(family);
  });
}

/** The rows of the collection an operation's path lies in: the longest recorded collection path that starts it. */
function rowsFor(rows: RowsByCollection, path: string): readonly PyObject[] {
  const collection = [...rows.keys()].filter((prefix) => path.startsWith(prefix)).sort((a, b) => b.length - a.length)[0];
  return collection === undefined ? [] : rows.get(collection)!;
}

/** The properties of the rows an operation answers with (a paginated list's `results` items, or the object itself). */
function rowSchema(spec: OpenApiDocument, op: Operation): SchemaObject | undefined {
  const body = op.responses['200']?.content?.['application/json']?.schema as SchemaObject | undefined;
  if (!body) return undefined;
  let schema = resolveSchema(spec, body);
  const results = (schema.properties as Record<string, SchemaObject> | undefined)?.results;
  if (results) schema = resolveSchema(spec, results);
  if (schema.type === 'array' && schema.items) schema = resolveSchema(spec, schema.items as SchemaObject);
  return schema;
}

const rowFields = (spec: OpenApiDocument, op: Operation) => Object.keys((rowSchema(spec, op)?.properties as Record<string, unknown> | undefined) ?? {});

/** The row's id: the first property the spec gives the `uuid` format (an event's `pk`, a task's `uuid`). */
function uuidField(spec: OpenApiDocument, op: Operation): string {
  const properties = (rowSchema(spec, op)?.properties ?? {}) as Record<string, SchemaObject>;
  return Object.entries(properties).find(([, schema]) => schema.format === 'uuid')?.[0] ?? 'pk';
}

function stringLeaves(value: PyValue, out: string[] = []): string[] {
  if (typeof value === 'string') out.push(value);
  else if (Array.isArray(value)) value.forEach((item) => stringLeaves(item, out));
  else if (value instanceof Map) value.forEach((item) => stringLeaves(item, out));
  else if (value instanceof PyNumber) out.push(value.text);
  return out;
}

const toQuery = (pairs: Array<[string, string]>) => (pairs.length === 0 ? '' : `?${pairs.map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`).join('&')}`);
