import { utf8Length } from '../python/utf8';
/**
 * How Postgres orders the values authentik sorts on, so that `ordering=` gives the real server's order.
 * Text compares by code point (the C collation of authentik's postgres:alpine image); NULL sorts last
 * ascending and first descending; jsonb follows Postgres's documented jsonb btree ordering.
 *
 * Values are first turned into sort keys (`toSortKey`, once per row and term), then compared
 * (`compareSortKeys`), so that sorting ten thousand rows does not redo per comparison the work that
 * only depends on one value, such as putting jsonb object keys in order.
 */
import { JsonNumber } from '../python/json-number';

/** A jsonb value prepared for comparison: object keys already in jsonb order. */
type JsonbKey =
  | { rank: 0 }
  | { rank: 1; text: string; wide: boolean }
  | { rank: 2; number: number }
  | { rank: 3; bool: boolean }
  | { rank: 4; items: JsonbKey[] }
  | { rank: 5; keys: string[]; values: JsonbKey[] };

/** Text that holds surrogates or U+E000–U+FFFF, where JS `<` and code-point order can disagree. */
interface WideText {
  wide: string;
}

export type SortKey = null | string | number | boolean | JsonbKey | WideText;

// Characters where UTF-16 order (JS `<`) and code-point order can disagree: surrogates and U+E000–U+FFFF.
const SURROGATE_OR_HIGH = /[\uD800-\uFFFF]/;

/** Code-point order (UTF-8 byte order), which differs from JS `<` only for characters beyond U+FFFF. */
export function compareCodePoints(a: string, b: string): number {
  if (a === b) return 0;
  if (!SURROGATE_OR_HIGH.test(a) && !SURROGATE_OR_HIGH.test(b)) return a < b ? -1 : 1;
  const length = Math.min(a.length, b.length);
  for (let i = 0; i < length; i++) {
    const x = a.codePointAt(i)!;
    const y = b.codePointAt(i)!;
    if (x !== y) return x - y;
    if (x > 0xffff) i++;
  }
  return a.length - b.length;
}

/** jsonb stores object keys shorter first (in bytes), then by bytes. */
export function compareJsonbKeys(a: string, b: string): number {
  const length = utf8Length(a) - utf8Length(b);
  return length !== 0 ? length : compareCodePoints(a, b);
}

export function jsonbKeyOrder(keys: string[]): string[] {
  return [...keys].sort(compareJsonbKeys);
}

// Rows are immutable, so a jsonb value's prepared key can be kept per object.
const jsonbKeys = new WeakMap<object, JsonbKey>();

/** Postgres jsonb order: Object > Array > Boolean > Number > String > Null. */
function toJsonbKey(value: unknown): JsonbKey {
  if (value === null || value === undefined) return { rank: 0 };
  if (typeof value === 'string') return { rank: 1, text: value, wide: SURROGATE_OR_HIGH.test(value) };
  if (typeof value === 'number') return { rank: 2, number: value };
  // Python floats and big ints compare by value, as numeric does (beyond 2^53 only approximately here).
  if (value instanceof JsonNumber) return { rank: 2, number: value.toJSON() };
  if (typeof value === 'boolean') return { rank: 3, bool: value };
  const object = value as object;
  let key = jsonbKeys.get(object);
  if (!key) {
    if (Array.isArray(object)) key = { rank: 4, items: object.map(toJsonbKey) };
    else {
      const keys = jsonbKeyOrder(Object.keys(object));
      key = { rank: 5, keys, values: keys.map((k) => toJsonbKey((object as Record<string, unknown>)[k])) };
    }
    jsonbKeys.set(object, key);
  }
  return key;
}

/**
 * The sort key of a column value: missing is SQL NULL; a jsonb column's value (scalars included, since
 * `user` may be `5`) is a prepared jsonb key; other columns' values are compared as they are.
 */
export function toSortKey(value: unknown, jsonb = false): SortKey {
  if (value === undefined || (value === null && !jsonb)) return null;
  if (jsonb) return toJsonbKey(value);
  // Decided once per row: most text can use JS `<` directly (see compareCodePoints).
  if (typeof value === 'string' && SURROGATE_OR_HIGH.test(value)) return { wide: value };
  return value as string | number | boolean;
}

/** Compares two sort keys of one column; NULL is greater than everything (last ascending). */
export function compareSortKeys(a: SortKey, b: SortKey): number {
  if (a === b) return 0;
  if (a === null) return 1;
  if (b === null) return -1;
  if (typeof a === 'string' && typeof b === 'string') return a < b ? -1 : 1;
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  if (typeof a === 'boolean' && typeof b === 'boolean') return Number(a) - Number(b);
  // A jsonb key first: its string form carries a `wide` flag, which must not be taken for WideText.
  if (isJsonbKey(a) && isJsonbKey(b)) return compareJsonbColumn(a, b);
  const textA = typeof a === 'string' ? a : 'wide' in (a as object) ? (a as WideText).wide : undefined;
  const textB = typeof b === 'string' ? b : 'wide' in (b as object) ? (b as WideText).wide : undefined;
  if (textA !== undefined && textB !== undefined) return compareCodePoints(textA, textB);
  // Mixed column types do not occur in a Postgres column; order them by type name to stay total.
  return typeof a < typeof b ? -1 : 1;
}

const isJsonbKey = (key: SortKey): key is JsonbKey => typeof key === 'object' && key !== null && 'rank' in key;

/**
 * A jsonb column's values. Postgres stores a top-level scalar as a one-element "raw scalar" array, and its
 * comparison counts elements before types there: a scalar sorts after `[]` and before any other array
 * (measured: `5 > []`, `5 < [0]`, `5 < [1,2]`). Everywhere else the type order holds.
 */
function compareJsonbColumn(a: JsonbKey, b: JsonbKey): number {
  const scalarA = a.rank < 4;
  const scalarB = b.rank < 4;
  if (scalarA && b.rank === 4) return b.items.length === 0 ? 1 : -1;
  if (scalarB && a.rank === 4) return a.items.length === 0 ? -1 : 1;
  return compareJsonbKey(a, b);
}

function compareJsonbKey(a: JsonbKey, b: JsonbKey): number {
  if (a.rank !== b.rank) return a.rank - b.rank;
  switch (a.rank) {
    case 0:
      return 0;
    case 1: {
      const other = b as typeof a;
      if (a.text === other.text) return 0;
      return a.wide || other.wide ? compareCodePoints(a.text, other.text) : a.text < other.text ? -1 : 1;
    }
    case 2:
      return a.number - (b as typeof a).number;
    case 3:
      return Number(a.bool) - Number((b as typeof a).bool);
    case 4: {
      const other = b as typeof a;
      // Postgres: the longer array is greater, else element by element.
      if (a.items.length !== other.items.length) return a.items.length - other.items.length;
      for (let i = 0; i < a.items.length; i++) {
        const c = compareJsonbKey(a.items[i]!, other.items[i]!);
        if (c !== 0) return c;
      }
      return 0;
    }
    case 5: {
      const other = b as typeof a;
      // Postgres: the object with more pairs is greater, else pair by pair in storage order (shorter keys
      // first), each key compared as text (bytes, under authentik's C collation), then its value. So
      // `{"aa":1} < {"b":1}`, though "b" is stored first (measured).
      if (a.keys.length !== other.keys.length) return a.keys.length - other.keys.length;
      for (let i = 0; i < a.keys.length; i++) {
        // Rows of one table mostly share their keys; equal keys need no byte comparison.
        if (a.keys[i] !== other.keys[i]) return compareCodePoints(a.keys[i]!, other.keys[i]!);
        const value = compareJsonbKey(a.values[i]!, other.values[i]!);
        if (value !== 0) return value;
      }
      return 0;
    }
  }
}
