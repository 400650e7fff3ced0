import { JsonFloat, toJsonInt } from '../python/json-number';
import { PyNumber, type PyValue } from '../python/py-json';
import { toJsonObject } from '../python/json-object';

/**
 * A JSONField's validated value as authentik's `serializer.data` holds it, from what orjson parsed: numbers
 * keep their Python kind (`JsonFloat`, exact ints), and `__proto__` stays an own, plain key. This is what the
 * answer to a write shows; `toJsonbValue` gives what a later read shows.
 */
export function toJsonFieldValue(value: PyValue): unknown {
  if (value === null || typeof value !== 'object') return value;
  if (value instanceof PyNumber) return value.isFloat ? new JsonFloat(value.toNumber(), value.fromIntegerLiteral) : toJsonInt(value.text);
  if (Array.isArray(value)) return value.map(toJsonFieldValue);
  return toJsonObject([...value].map(([key, item]) => [key, toJsonFieldValue(item)] as const));
}
