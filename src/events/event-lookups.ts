import { pgUpper } from '../drf/pg-upper';
import { toJsonFieldValue } from '../drf/json-field';
import { jsonbIdentity, toJsonbText } from '../drf/jsonb';
import { toPostgresInet } from '../drf/postgres-inet';
import { ApiError } from '../drf/api-error';
import { AuthentikCrash } from '../drf/authentik-crash';
import { JsonNumber } from '../python/json-number';
import { compareSortKeys, toSortKey } from '../drf/postgres-order';
import { readDjangoDatetime } from '../python/py-datetime';
import { parsePyInt } from '../python/py-int';
import { PyNumber, type PyObject, type PyValue } from '../python/py-json';
import { pyStr } from '../python/py-repr';
import { toCanonicalUuid } from '../python/py-uuid';
import type { EventRecord } from '../store/records';

type Predicate = (event: EventRecord) => boolean;

/**
 * Django's `Event.objects.filter(**query)`, which `per_month/` runs on its `query` parameter (a JSON object of
 * field lookups, such as `{"context__authorized_application__pk": "…"}` or `{"user__pk": 5}`). Covered:
 * - JSON fields (`user`, `context`, `brand`) and key paths into them: `exact` (jsonb equality, the default),
 *   `isnull` (the key is missing), `in`, and the text lookups on the key's text (`iexact`, `icontains`,
 *   `startswith`, …);
 * - text fields (`action`, `app`): `exact`, `iexact`, `contains`, `icontains`, `startswith`, `istartswith`,
 *   `endswith`, `iendswith`, `gt`, `gte`, `lt`, `lte`, `in`, `isnull`;
 * - `pk`/`event_uuid`, `client_ip`, `expiring`: `exact`, `in`, `isnull`; `created`/`expires` also `gt`…`lte`.
 * Where Django fails (no such field or lookup, a value it cannot convert) this throws authentik's crash.
 * - `regex`/`iregex` on the text fields and `client_ip`, whose text lookups compare HOST(client_ip);
 * - `created`/`expires`: `range`, `year` and `year__gt`…`lte`; JSON key paths: `gt`…`lte` (jsonb order) and
 *   `has_key`.
 * Django lookups that exist but are not covered here (`has_keys`, `contains` on JSON, transforms such as
 * `created__date`) answer a 400 that says so: a documented difference of the mock.
 */
export function toEventLookups(query: PyValue): Predicate {
  if (!(query instanceof Map)) throw new AuthentikCrash(`Event.objects.filter(**query) needs a mapping, not ${pyStr(query)}`);
  const predicates = [...(query as PyObject)].map(([key, value]) => toLookup(key, value));
  return (event) => predicates.every((predicate) => predicate(event));
}

const TEXT_LOOKUPS = ['exact', 'iexact', 'contains', 'icontains', 'startswith', 'istartswith', 'endswith', 'iendswith', 'gt', 'gte', 'lt', 'lte', 'in', 'isnull'];
// Django's other lookups and transforms of these fields: they exist, so authentik answers them.
const UNCOVERED = new Set([...TEXT_LOOKUPS, 'range', 'regex', 'iregex', 'date', 'time', 'year', 'iso_year', 'month', 'day', 'week', 'week_day', 'iso_week_day', 'quarter', 'hour', 'minute', 'second']);
const JSON_FIELDS = new Set(['user', 'context', 'brand']);
const JSON_KEY_LOOKUPS = new Set(['exact', 'iexact', 'icontains', 'startswith', 'istartswith', 'endswith', 'iendswith', 'in', 'isnull', 'gt', 'gte', 'lt', 'lte', 'has_key']);
// JSONField's own lookups, and KeyTransform's regex ones; any other name is a key.
const JSON_UNCOVERED = new Set(['contains', 'contained_by', 'has_keys', 'has_any_keys', 'regex', 'iregex']);
const INET_TEXT_LOOKUPS = new Set(['iexact', 'contains', 'icontains', 'startswith', 'istartswith', 'endswith', 'iendswith']);

function toLookup(key: string, value: PyValue): Predicate {
  const [field = '', ...rest] = key.split('__');
  if (JSON_FIELDS.has(field)) return jsonLookup(field as 'user' | 'context' | 'brand', rest, value, key);
  const lookup = rest.length === 0 ? 'exact' : rest.length === 1 ? rest[0]! : undefined;
  switch (field) {
    case 'action':
    case 'app':
      if (lookup && TEXT_LOOKUPS.includes(lookup)) return textLookup((event) => event[field], lookup, value);
      if (lookup === 'regex' || lookup === 'iregex') return regexLookup((event) => event[field], lookup, value);
      break;
    case 'pk':
    case 'event_uuid':
      if (lookup === 'exact' || lookup === 'in' || lookup === 'isnull') return scalarLookup((event) => event.pk, lookup, value, toUuid);
      break;
    case 'client_ip':
      if (lookup === 'exact' || lookup === 'in' || lookup === 'isnull') return scalarLookup((event) => event.client_ip, lookup, value, toInet);
      // Django compares the text lookups on HOST(client_ip): the address as inet prints it; NULL never matches.
      if (lookup && INET_TEXT_LOOKUPS.has(lookup)) return nullableText((event) => event.client_ip, textTest(lookup, pyStr(value)));
      if (lookup === 'regex' || lookup === 'iregex') return regexLookup((event) => event.client_ip, lookup, value);
      break;
    case 'expiring':
      // authentik's events are created expiring, and the API cannot change that.
      if (lookup === 'exact' || lookup === 'in' || lookup === 'isnull') return scalarLookup(() => true, lookup, value, toBoolean);
      break;
    case 'created':
    case 'expires':
      if (lookup && ['exact', 'in', 'isnull', 'gt', 'gte', 'lt', 'lte'].includes(lookup)) return orderedLookup((event) => event[field], lookup, value, toDatetime);
      if (lookup === 'range') return rangeLookup((event) => event[field], value, toDatetime);
      if (rest[0] === 'year' && rest.length <= 2) return yearLookup((event) => event[field], rest[1] ?? 'exact', value, key);
      break;
    default:
      throw new AuthentikCrash(`Cannot resolve keyword '${field}' into field (per_month query ${JSON.stringify(key)})`);
  }
  if (rest.some((part) => UNCOVERED.has(part))) throw uncovered(key);
  throw new AuthentikCrash(`Unsupported lookup '${rest.join('__')}' for ${field} (per_month query ${JSON.stringify(key)})`);
}

function uncovered(key: string): ApiError {
  return new ApiError(400, { detail: `The mock does not implement the lookup ${JSON.stringify(key)} in per_month's query.` });
}

/** A key path into a JSON field, ending in a lookup when its last part names one (Django's KeyTransform). */
function jsonLookup(field: 'user' | 'context' | 'brand', parts: string[], value: PyValue, key: string): Predicate {
  const last = parts.at(-1);
  const lookup = last !== undefined && (JSON_KEY_LOOKUPS.has(last) || JSON_UNCOVERED.has(last)) ? last : 'exact';
  const path = lookup === last ? parts.slice(0, -1) : parts;
  if (!JSON_KEY_LOOKUPS.has(lookup) || (path.length === 0 && !['exact', 'isnull', 'in', 'has_key'].includes(lookup))) throw uncovered(key);
  const at = (event: EventRecord) => follow(event[field], path);
  if (lookup === 'has_key') {
    // jsonb's `?`: an object's own key, a string element of an array, or the string itself.
    if (typeof value !== 'string') throw new AuthentikCrash(`has_key takes a key name, not ${pyStr(value)}`);
    return (event) => {
      const found = at(event);
      if (Array.isArray(found)) return found.includes(value);
      if (found !== null && typeof found === 'object' && !(found instanceof JsonNumber)) return Object.prototype.hasOwnProperty.call(found, value);
      return found === value;
    };
  }
  if (lookup === 'gt' || lookup === 'gte' || lookup === 'lt' || lookup === 'lte') {
    // `(field -> 'a') > '<json>'::jsonb`: jsonb's own order across types (Postgres); a missing key is NULL.
    if (value === null) throw new AuthentikCrash('Cannot use None as a query value');
    const bound = toSortKey(toJsonFieldValue(value), true);
    const holds = { gt: (c: number) => c > 0, gte: (c: number) => c >= 0, lt: (c: number) => c < 0, lte: (c: number) => c <= 0 }[lookup];
    return (event) => {
      const found = at(event);
      return found !== undefined && holds(compareSortKeys(toSortKey(found, true), bound));
    };
  }
  if (lookup === 'isnull') {
    const wanted = toBoolean(value);
    // A missing key is NULL; a JSON null is a value.
    return (event) => (at(event) === undefined) === wanted;
  }
  if (lookup === 'exact' || lookup === 'in') {
    const candidates = (lookup === 'in' ? toList(value) : [value]).map((item) => jsonbIdentity(toJsonFieldValue(item)));
    return (event) => {
      const found = at(event);
      return found !== undefined && candidates.includes(jsonbIdentity(found));
    };
  }
  // Text lookups compare the key's text (`->>`): a string as it is, anything else as jsonb text.
  const test = textTest(lookup, pyStr(value));
  return (event) => {
    const found = at(event);
    return found !== undefined && found !== null && test(typeof found === 'string' ? found : toJsonbText(found));
  };
}

/** `json -> 'a' -> 'b'`: undefined (NULL) where a step is not an object with that key, or an array index. */
function follow(value: unknown, path: readonly string[]): unknown {
  let current = value;
  for (const step of path) {
    if (current === null || typeof current !== 'object' || current instanceof JsonNumber) return undefined;
    if (Array.isArray(current)) {
      // Django reads a number as an array index on arrays.
      current = /^\d+$/.test(step) ? current[Number(step)] : undefined;
    } else {
      current = Object.prototype.hasOwnProperty.call(current, step) ? (current as Record<string, unknown>)[step] : undefined;
    }
  }
  return current;
}

function textLookup(read: (event: EventRecord) => string, lookup: string, value: PyValue): Predicate {
  if (lookup === 'isnull') {
    const wanted = toBoolean(value);
    return () => !wanted;
  }
  // Django turns `field=None` into `field IS NULL`, which a NOT NULL column never is.
  if (value === null && lookup === 'exact') return () => false;
  if (lookup === 'in') {
    const texts = toList(value).map(pyStr);
    return (event) => texts.includes(read(event));
  }
  const test = textTest(lookup, pyStr(value));
  return (event) => test(read(event));
}

/** The text lookups, with Postgres's C collation for the comparisons and UPPER() for the `i` ones. */
function textTest(lookup: string, wanted: string): (text: string) => boolean {
  const upper = pgUpper(wanted);
  switch (lookup) {
    case 'exact':
      return (text) => text === wanted;
    case 'iexact':
      return (text) => pgUpper(text) === upper;
    case 'contains':
      return (text) => text.includes(wanted);
    case 'icontains':
      return (text) => pgUpper(text).includes(upper);
    case 'startswith':
      return (text) => text.startsWith(wanted);
    case 'istartswith':
      return (text) => pgUpper(text).startsWith(upper);
    case 'endswith':
      return (text) => text.endsWith(wanted);
    case 'iendswith':
      return (text) => pgUpper(text).endsWith(upper);
    case 'gt':
      return (text) => text > wanted;
    case 'gte':
      return (text) => text >= wanted;
    case 'lt':
      return (text) => text < wanted;
    default:
      return (text) => text <= wanted;
  }
}

function scalarLookup<T>(read: (event: EventRecord) => T | null, lookup: string, value: PyValue, convert: (value: PyValue) => T): Predicate {
  if (lookup === 'isnull') {
    const wanted = toBoolean(value);
    return (event) => (read(event) === null) === wanted;
  }
  if (value === null && lookup === 'exact') return (event) => read(event) === null;
  const wanted = (lookup === 'in' ? toList(value) : [value]).map(convert);
  return (event) => wanted.includes(read(event) as T);
}

function orderedLookup(read: (event: EventRecord) => number, lookup: string, value: PyValue, convert: (value: PyValue) => number): Predicate {
  if (lookup === 'isnull') {
    const wanted = toBoolean(value);
    return () => !wanted;
  }
  if (lookup === 'exact' || lookup === 'in') return scalarLookup(read, lookup, value, convert);
  const limit = convert(value);
  const compare = { gt: (a: number) => a > limit, gte: (a: number) => a >= limit, lt: (a: number) => a < limit, lte: (a: number) => a <= limit }[lookup as 'gt']!;
  return (event) => compare(read(event));
}

function nullableText(read: (event: EventRecord) => string | null, test: (text: string) => boolean): Predicate {
  return (event) => {
    const text = read(event);
    return text !== null && test(text);
  };
}

/**
 * `~` and `~*` (Django's regex and iregex on PostgreSQL), read as a JavaScript regular expression: the
 * common syntax agrees; PostgreSQL's own classes (`[[:alpha:]]`, `\m`) do not (README, "knowingly differs").
 * A pattern neither can compile is PostgreSQL's error, authentik's 500.
 */
function regexLookup(read: (event: EventRecord) => string | null, lookup: string, value: PyValue): Predicate {
  let pattern: RegExp;
  try {
    pattern = new RegExp(pyStr(value), lookup === 'iregex' ? 'iu' : 'u');
  } catch (error) {
    throw new AuthentikCrash(`PostgreSQL: invalid regular expression ${JSON.stringify(pyStr(value))}: ${(error as Error).message}`);
  }
  return nullableText(read, (text) => pattern.test(text));
}

/** `field__range: [a, b]`: BETWEEN a AND b, both ends included. */
function rangeLookup(read: (event: EventRecord) => number, value: PyValue, convert: (value: PyValue) => number): Predicate {
  if (!Array.isArray(value) || value.length !== 2) throw new AuthentikCrash(`a range lookup needs two values, not ${pyStr(value)}`);
  const [low, high] = value.map(convert) as [number, number];
  return (event) => read(event) >= low && read(event) <= high;
}

/**
 * `created__year` (and `__year__gt`…`__lte`): Django turns these into bounds on the column, in UTC
 * (authentik's TIME_ZONE): the year's first and last microsecond. The year goes through int().
 */
function yearLookup(read: (event: EventRecord) => number, lookup: string, value: PyValue, key: string): Predicate {
  if (!['exact', 'gt', 'gte', 'lt', 'lte'].includes(lookup)) throw uncovered(key);
  const year = typeof value === 'boolean' ? Number(value) : value instanceof PyNumber ? Math.trunc(value.toNumber()) : typeof value === 'string' ? parsePyInt(value) : undefined;
  if (year === undefined || !Number.isFinite(year)) throw new AuthentikCrash(`Field 'None' expected a number but got ${pyStr(value)}`);
  if (year < 1 || year > 9999) throw new AuthentikCrash(`year ${year} is out of range`);
  const first = yearStart(year);
  const last = yearStart(year + 1) - 1;
  const tests: Record<string, (at: number) => boolean> = {
    exact: (at) => at >= first && at <= last,
    gt: (at) => at > last,
    gte: (at) => at >= first,
    lt: (at) => at < first,
    lte: (at) => at <= last,
  };
  const test = tests[lookup]!;
  return (event) => test(read(event));
}

/** The first of January of `year`, 00:00 UTC, in epoch microseconds (setUTCFullYear: years below 100 too). */
function yearStart(year: number): number {
  const date = new Date(0);
  date.setUTCFullYear(year, 0, 1);
  return date.getTime() * 1000;
}

function toList(value: PyValue): PyValue[] {
  if (Array.isArray(value)) return value;
  if (typeof value === 'string') return [...value];
  throw new AuthentikCrash(`an __in lookup needs an iterable, not ${pyStr(value)}`);
}

/** Django's BooleanField.to_python, which isnull also insists on (True or False). */
function toBoolean(value: PyValue): boolean {
  if (value === true || value === false) return value;
  if (value instanceof PyNumber && !value.isFloat && (value.text === '1' || value.text === '0')) return value.text === '1';
  if (typeof value === 'string' && ['t', 'True', '1'].includes(value)) return true;
  if (typeof value === 'string' && ['f', 'False', '0'].includes(value)) return false;
  throw new AuthentikCrash(`“${pyStr(value)}” value must be either True or False.`);
}

/**
 * Django's UUIDField.to_python: a string is read as hex, an int (a bool is one) as `uuid.UUID(int=…)`
 * (measured: `{"pk__in": [1]}` is a valid query); anything else, or an int outside 128 bits, is a
 * ValidationError, which per_month/ does not catch.
 */
function toUuid(value: PyValue): string {
  const uuid = typeof value === 'string' ? toCanonicalUuid(value) : uuidFromInt(value);
  if (uuid === undefined) throw new AuthentikCrash(`“${pyStr(value)}” is not a valid UUID.`);
  return uuid;
}

function uuidFromInt(value: PyValue): string | undefined {
  const int = typeof value === 'boolean' ? BigInt(Number(value)) : value instanceof PyNumber && !value.isFloat ? BigInt(value.text) : undefined;
  if (int === undefined || int < 0n || int >= 2n ** 128n) return undefined;
  const hex = int.toString(16).padStart(32, '0');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

function toInet(value: PyValue): string {
  const address = typeof value === 'string' ? toPostgresInet(value) : undefined;
  if (address === undefined) throw new AuthentikCrash(`ipaddress.ip_address() rejects ${pyStr(value)}`);
  return address;
}

function toDatetime(value: PyValue): number {
  const read = typeof value === 'string' ? readDjangoDatetime(value) : 'format';
  if (typeof read !== 'number') throw new AuthentikCrash(`“${pyStr(value)}” value has an invalid format for a datetime`);
  return read;
}
