import { AuthentikCrash } from '../drf/authentik-crash';
import { JsonFloat, JsonNumber, toStoredJsonNumber } from '../python/json-number';
import { toJsonObject } from '../python/json-object';
import { jsonbKeyOrder } from './postgres-order';

/**
 * A JSON value as Postgres jsonb gives it back: object keys reordered shorter-first then by bytes, and an
 * integer literal orjson read as a float back as an integer (see `toStoredJsonNumber`).
 * authentik stores `user`, `context` and `brand` as jsonb, so a GET returns them in this order, while
 * the answer to the POST or PATCH that wrote them still has the order the client sent.
 */
export function toJsonbValue(value: unknown): unknown {
  if (value === null || typeof value !== 'object') return value;
  if (value instanceof JsonFloat) return toStoredJsonNumber(value);
  if (value instanceof JsonNumber) return value;
  if (Array.isArray(value)) return value.map(toJsonbValue);
  const source = value as Record<string, unknown>;
  return toJsonObject(jsonbKeyOrder(Object.keys(source)).map((key) => [key, toJsonbValue(source[key])] as const));
}

/** `jsonb::text` as Postgres prints it (`{"pk": 1, "email": "a@b"}`), which Django's icontains searches. */
export function toJsonbText(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (value instanceof JsonNumber) return value.toJsonbText();
  if (Array.isArray(value)) return `[${value.map(toJsonbText).join(', ')}]`;
  const source = value as Record<string, unknown>;
  return `{${jsonbKeyOrder(Object.keys(source))
    .map((key) => `${JSON.stringify(key)}: ${toJsonbText(source[key])}`)
    .join(', ')}}`;
}

/** Postgres refuses `\u0000` in jsonb text, keys included: authentik's save fails with a 500 (measured). */
export function assertJsonbStorable(value: unknown): void {
  if (holdsNul(value)) throw new AuthentikCrash('PostgreSQL refuses \\u0000 in a jsonb value');
}

function holdsNul(value: unknown): boolean {
  if (typeof value === 'string') return value.includes('\u0000');
  if (value === null || typeof value !== 'object' || value instanceof JsonNumber) return false;
  if (Array.isArray(value)) return value.some(holdsNul);
  return Object.entries(value).some(([key, item]) => key.includes('\u0000') || holdsNul(item));
}

/**
 * One text per jsonb value that Postgres's jsonb equality holds equal: numbers by value (`1` = `1.0`),
 * object keys in any order. For grouping and `=` comparisons, not for display.
 */
export function jsonbIdentity(value: unknown): string {
  if (value instanceof JsonNumber) return `n:${value.toJSON()}`;
  if (typeof value === 'number') return `n:${value}`;
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map(jsonbIdentity).join(',')}]`;
  const entries = Object.keys(value)
    .sort()
    .map((key) => `${JSON.stringify(key)}:${jsonbIdentity((value as Record<string, unknown>)[key])}`);
  return `{${entries.join(',')}}`;
}
