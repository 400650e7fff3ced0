import { parsePyJson, PyJsonError, PyNumber, type PyValue } from '../python/py-json';

/** Where two bodies first part, and how: what a report names instead of two pages of JSON. */
export interface BodyDifference {
  /** A JSON pointer (`/results/3/uid`), or '' for the whole body. */
  path: string;
  /** What differs there, without the values (the same for every instance of one cause). */
  what: 'text' | 'type' | 'value' | 'number literal' | 'key order' | 'key' | 'length' | 'order';
  /** Both sides' value at the path, shortened, target first. */
  target: string;
  mock: string;
}

const SHOW = 80;
const show = (text: string) => (text.length > SHOW ? `${text.slice(0, SHOW)}…` : text);

/**
 * The first place where two response bodies differ, or undefined when their text is the same. Bodies are
 * read with the Python-exact parser, so that `1.0` against `1` and `{"a":1,"b":2}` against `{"b":2,"a":1}`
 * count as differences, as they would to a client that compares text; a body that is not JSON is compared
 * as text.
 */
export function firstDifference(target: string, mock: string): BodyDifference | undefined {
  if (target === mock) return undefined;
  let left: PyValue;
  let right: PyValue;
  try {
    left = parsePyJson(target);
    right = parsePyJson(mock);
  } catch (error) {
    if (!(error instanceof PyJsonError)) throw error;
    return { path: '', what: 'text', target: show(target), mock: show(mock) };
  }
  // Equal values in other spacing or escapes: still a difference of the text, at the top.
  return walk(left, right, '') ?? { path: '', what: 'text', target: show(target), mock: show(mock) };
}

const kindOf = (value: PyValue | undefined) => (value === undefined ? 'absent' : value === null ? 'null' : value instanceof PyNumber ? 'number' : Array.isArray(value) ? 'array' : value instanceof Map ? 'object' : typeof value);

/** A value as compact JSON with its literals and key order, `(absent)` for a missing one. */
export function render(value: PyValue | undefined): string {
  if (value === undefined) return '(absent)';
  if (value instanceof PyNumber) return value.text;
  if (Array.isArray(value)) return `[${value.map(render).join(',')}]`;
  if (value instanceof Map) return `{${[...value].map(([key, item]) => `${JSON.stringify(key)}:${render(item)}`).join(',')}}`;
  return JSON.stringify(value);
}

// RFC 6901: `~` and `/` in a key are escaped, so that a path names one place.
const pointer = (path: string, key: string | number) => `${path}/${String(key).replace(/~/g, '~0').replace(/\//g, '~1')}`;

function walk(a: PyValue, b: PyValue, path: string): BodyDifference | undefined {
  // The values shown are the ones at `at`; an absent one is passed as undefined, so no default parameters.
  const differ = (what: BodyDifference['what'], at: string, left: PyValue | undefined, right: PyValue | undefined): BodyDifference => ({ path: at, what, target: show(render(left)), mock: show(render(right)) });
  if (kindOf(a) !== kindOf(b)) return differ('type', path, a, b);
  if (a instanceof PyNumber && b instanceof PyNumber) {
    if (a.text === b.text) return undefined;
    return differ(Number(a.text) === Number(b.text) ? 'number literal' : 'value', path, a, b);
  }
  if (Array.isArray(a) && Array.isArray(b)) {
    // The same items in another order is one difference of the list, not one of its first item.
    if (a.length === b.length && a.length > 1) {
      const [left, right] = [a.map(render), b.map(render)];
      if (left.some((item, i) => item !== right[i]) && [...left].sort().join('\n') === [...right].sort().join('\n')) return differ('order', path, a, b);
    }
    for (let i = 0; i < Math.min(a.length, b.length); i++) {
      const found = walk(a[i]!, b[i]!, pointer(path, i));
      if (found) return found;
    }
    return a.length === b.length ? undefined : differ('length', pointer(path, Math.min(a.length, b.length)), a[b.length], b[a.length]);
  }
  if (a instanceof Map && b instanceof Map) {
    const keysA = [...a.keys()];
    const keysB = [...b.keys()];
    const sameKeys = keysA.length === keysB.length && keysA.every((key) => b.has(key));
    if (!sameKeys) {
      const missing = keysA.find((key) => !b.has(key)) ?? keysB.find((key) => !a.has(key))!;
      return differ('key', pointer(path, missing), a.get(missing), b.get(missing));
    }
    // Values first: a changed value is the likelier cause, and key order is reported only where all else agrees.
    for (const key of keysA) {
      const found = walk(a.get(key)!, b.get(key)!, pointer(path, key));
      if (found) return found;
    }
    if (keysA.some((key, i) => key !== keysB[i])) return { path, what: 'key order', target: show(keysA.join(',')), mock: show(keysB.join(',')) };
    return undefined;
  }
  return a === b ? undefined : differ('value', path, a, b);
}
