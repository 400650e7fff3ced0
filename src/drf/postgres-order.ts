/**
 * How Postgres orders the values authentik sorts on, so that `ordering=` gives the real server's order.
 * Text compares by code point (the C collation of authentik's postgres:alpine image); NULL sorts last
 * ascending and first descending; jsonb follows Postgres's documented jsonb btree ordering.
 */
export function comparePostgres(a: unknown, b: unknown): number {
  if (a === b) return 0;
  if (a === null || a === undefined) return b === null || b === undefined ? 0 : 1;
  if (b === null || b === undefined) return -1;
  if (typeof a === 'string' && typeof b === 'string') return compareCodePoints(a, b);
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  if (typeof a === 'boolean' && typeof b === 'boolean') return Number(a) - Number(b);
  return compareJsonb(a, b);
}

/** Code-point order (UTF-8 byte order), which differs from JS `<` only for characters beyond U+FFFF. */
export function compareCodePoints(a: string, b: string): number {
  if (a === b) return 0;
  const length = Math.min(a.length, b.length);
  for (let i = 0; i < length; i++) {
    const x = a.codePointAt(i)!;
    const y = b.codePointAt(i)!;
    if (x !== y) return x - y;
    if (x > 0xffff) i++;
  }
  return a.length - b.length;
}

// Postgres: Object > Array > Boolean > Number > String > Null.
function jsonbRank(value: unknown): number {
  if (value === null) return 0;
  if (typeof value === 'string') return 1;
  if (typeof value === 'number') return 2;
  if (typeof value === 'boolean') return 3;
  return Array.isArray(value) ? 4 : 5;
}

/** Postgres jsonb ordering: by kind, then arrays and objects by size first, then element by element. */
export function compareJsonb(a: unknown, b: unknown): number {
  const rank = jsonbRank(a) - jsonbRank(b);
  if (rank !== 0) return rank;
  if (Array.isArray(a) && Array.isArray(b)) {
    if (a.length !== b.length) return a.length - b.length;
    for (let i = 0; i < a.length; i++) {
      const c = compareJsonb(a[i], b[i]);
      if (c !== 0) return c;
    }
    return 0;
  }
  if (typeof a === 'object' && a !== null && typeof b === 'object' && b !== null) {
    const ka = jsonbKeyOrder(Object.keys(a));
    const kb = jsonbKeyOrder(Object.keys(b));
    if (ka.length !== kb.length) return ka.length - kb.length;
    for (let i = 0; i < ka.length; i++) {
      const key = compareJsonbKeys(ka[i]!, kb[i]!);
      if (key !== 0) return key;
      const value = compareJsonb((a as Record<string, unknown>)[ka[i]!], (b as Record<string, unknown>)[kb[i]!]);
      if (value !== 0) return value;
    }
    return 0;
  }
  return comparePostgres(a, b);
}

/** jsonb stores object keys shorter first, then by bytes. */
export function compareJsonbKeys(a: string, b: string): number {
  const length = Buffer.byteLength(a) - Buffer.byteLength(b);
  return length !== 0 ? length : Buffer.compare(Buffer.from(a), Buffer.from(b));
}

export function jsonbKeyOrder(keys: string[]): string[] {
  return [...keys].sort(compareJsonbKeys);
}
