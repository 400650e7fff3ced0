import { JsonInt, JsonNumber } from './json-number';
import { jsonKeys } from './json-object';
import { formatOrjsonFloat } from './orjson-float';

/**
 * Writes a JSON value as orjson does: compact, keys in their JSON order (`jsonKeys`), strings as `JSON.stringify`
 * escapes them (orjson leaves U+2028 and U+2029 unescaped too), Python floats (`JsonFloat`, and JS numbers that are not
 * safe integers) in orjson's float form and big Python ints (`JsonInt`) exactly. Throws `OrjsonWriteError`
 * for an int orjson cannot write, unless `exactInts` (the mock's own state export, which is not authentik's
 * answer and must hold every stored digit).
 */
export function orjsonDumps(value: unknown, exactInts = false): string {
  if (value === null || value === undefined) return 'null';
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return JSON.stringify(value);
    case 'number':
      // A plain number is an int when JS holds it exactly; anything else came from a float.
      return Number.isSafeInteger(value) ? String(value || 0) : formatOrjsonFloat(value);
    case 'object':
      if (value instanceof JsonNumber) return exactInts && value instanceof JsonInt ? value.digits : value.toOrjsonText();
      if (Array.isArray(value)) return `[${value.map((item) => orjsonDumps(item, exactInts)).join(',')}]`;
      return `{${jsonKeys(value)
        .filter((key) => (value as Record<string, unknown>)[key] !== undefined)
        .map((key) => `${JSON.stringify(key)}:${orjsonDumps((value as Record<string, unknown>)[key], exactInts)}`)
        .join(',')}}`;
    default:
      return JSON.stringify(value) ?? 'null';
  }
}
