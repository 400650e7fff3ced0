/**
 * JSON objects whose keys keep an order a JS object cannot. JS lists integer-like keys (`"1"`, `"10"`)
 * first, ascending, whatever order they were set in; Python dicts and so authentik keep insertion order
 * (`{"10":…,"b":…,"1":…}` is echoed as sent) and jsonb its own (`"1","a","01","10"`). The JSON fields'
 * objects (`user`, `context`, `brand`) are plain objects, so lookups stay plain property reads, and carry
 * their key order under a symbol when it differs from what `Object.keys` gives. Writers list keys with
 * `jsonKeys`; `JSON.stringify` ignores the order, so such values are written with orjsonDumps.
 * The symbol is not enumerable (jest's equality and spread leave it alone): a spread or `Object.assign`
 * copy has the plain JS order, so build a changed value with `toJsonObject`. Like every stored value these
 * objects are never changed in place: a key added later would be missing from the recorded order.
 */
const KEY_ORDER = Symbol('json key order');

type Ordered = Record<string, unknown> & { [KEY_ORDER]?: readonly string[] };

/** An object with these members, in this order; `__proto__` is an own, plain key. */
export function toJsonObject(entries: Iterable<readonly [string, unknown]>): Record<string, unknown> {
  const out: Ordered = {};
  const order: string[] = [];
  for (const [key, value] of entries) {
    if (!Object.prototype.hasOwnProperty.call(out, key)) order.push(key);
    Object.defineProperty(out, key, { value, enumerable: true, writable: true, configurable: true });
  }
  const natural = Object.keys(out);
  if (natural.some((key, i) => key !== order[i])) Object.defineProperty(out, KEY_ORDER, { value: order, enumerable: false });
  return out;
}

/** An object's keys in its JSON order. */
export function jsonKeys(value: object): readonly string[] {
  return (value as Ordered)[KEY_ORDER] ?? Object.keys(value);
}
