import { JsonInt, JsonNumber, OrjsonWriteError } from './json-number';

/**
 * orjson refuses to write a dict, or a non-empty list, nested 255 levels deep or more (the top-level value
 * is level 1): it raises `Recursion limit reached`. An empty list is written without the check.
 */
const ORJSON_DEPTH_LIMIT = 255;

/** How a value nests for orjson, and whether it holds an int orjson cannot write. */
interface Shape {
  /** Levels of counted containers in the deepest branch: 0 for a scalar or `[]`, 1 for `{}` or `[1]`. */
  nesting: number;
  writable: boolean;
}

// Stored values are immutable (see Collection), so a value's shape is worked out once.
const shapes = new WeakMap<object, Shape>();

/**
 * Throws `OrjsonWriteError` where orjson could not write `value` placed at nesting level `level` of an
 * answer (1 for the body itself, 2 for a field of the body, 4 for a field of a list page's result).
 */
export function assertOrjsonWritable(value: unknown, level: number): void {
  const shape = shapeOf(value);
  if (!shape.writable) throw new OrjsonWriteError('Integer exceeds 64-bit range');
  if (shape.nesting > 0 && level + shape.nesting - 1 >= ORJSON_DEPTH_LIMIT) throw new OrjsonWriteError('Recursion limit reached');
}

function shapeOf(value: unknown): Shape {
  if (value === null || typeof value !== 'object') return { nesting: 0, writable: true };
  if (value instanceof JsonNumber) return { nesting: 0, writable: !(value instanceof JsonInt) || value.fitsOrjson };
  let shape = shapes.get(value);
  if (!shape) {
    const children = Array.isArray(value) ? value : Object.values(value);
    let deepest = 0;
    let writable = true;
    for (const child of children) {
      const inner = shapeOf(child);
      deepest = Math.max(deepest, inner.nesting);
      writable &&= inner.writable;
    }
    shape = { nesting: Array.isArray(value) && value.length === 0 ? 0 : deepest + 1, writable };
    shapes.set(value, shape);
  }
  return shape;
}
