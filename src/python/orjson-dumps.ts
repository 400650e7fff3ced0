import { JsonNumber } from './json-number';
import { formatOrjsonFloat } from './orjson-float';

/**
 * Writes a JSON value as orjson does: compact, keys in their order, strings as `JSON.stringify` escapes them
 * (orjson leaves U+2028 and U+2029 unescaped too), Python floats (`JsonFloat`, and JS numbers that are not
 * safe integers) in orjson's float form and big Python ints (`JsonInt`) exactly. Throws `OrjsonWriteError`
 * for an int orjson cannot write.
 */
export function orjsonDumps(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return JSON.stringify(value);
    case 'number':
      // A plain number is an int when JS holds it exactly; anything else came from a float.
      return Number.isSafeInteger(value) ? String(value || 0) : formatOrjsonFloat(value);
    case 'object':
      if (value instanceof JsonNumber) return value.toOrjsonText();
      if (Array.isArray(value)) return `[${value.map(orjsonDumps).join(',')}]`;
      return `{${Object.entries(value)
        .filter(([, item]) => item !== undefined)
        .map(([key, item]) => `${JSON.stringify(key)}:${orjsonDumps(item)}`)
        .join(',')}}`;
    default:
      return JSON.stringify(value) ?? 'null';
  }
}
