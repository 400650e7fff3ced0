import { parseOrdering, sortBy } from '../../src/drf/ordering';
import { compareCodePoints, compareSortKeys, toSortKey } from '../../src/drf/postgres-order';

const sorted = (values: unknown[], descending = false, jsonb = false) =>
  sortBy(values.map((value, i) => ({ value, i })), [{ field: 'value', descending }], (row) => row.value, new Set(jsonb ? ['value'] : [])).map((row) => row.value);

describe('Postgres ordering', () => {
  it('puts NULL last ascending and first descending', () => {
    expect(sorted(['b', null, 'a', undefined])).toEqual(['a', 'b', null, undefined]);
    expect(sorted(['b', null, 'a'], true)).toEqual([null, 'b', 'a']);
  });

  it('orders text by code point (C collation), not by locale or UTF-16 unit', () => {
    expect(sorted(['b', 'B', 'a_b', 'ab', 'é', 'z'])).toEqual(['B', 'a_b', 'ab', 'b', 'z', 'é']);
    expect(compareCodePoints('\uffff', '😀')).toBeLessThan(0);
    expect('\uffff' < '😀').toBe(false);
  });

  it('orders a jsonb column: object > array > boolean > number > string > null (JSON null is a value, not SQL NULL)', () => {
    const values = [{ a: 1 }, [1, 2], [3], true, 10, 2, 'x', null, { a: 1, b: 0 }, { b: 0 }];
    expect(sorted(values, false, true)).toEqual([null, 'x', 2, 10, true, [3], [1, 2], { a: 1 }, { b: 0 }, { a: 1, b: 0 }]);
    expect(sorted(values, true, true)).toEqual([{ a: 1, b: 0 }, { b: 0 }, { a: 1 }, [1, 2], [3], true, 10, 2, 'x', null]);
    expect(compareSortKeys(toSortKey([null], true), toSortKey(['x'], true))).toBeLessThan(0);
    expect(compareSortKeys(toSortKey({ bb: 1 }, true), toSortKey({ a: 9 }, true))).toBeGreaterThan(0);
  });

  // PostgreSQL 15's own answers (`select a::jsonb < b::jsonb`), measured 2026-12-03.
  it.each<[unknown, unknown, string]>([
    [{ aa: 1 }, { b: 1 }, 'keys compare as text, though "b" is stored first (shorter)'],
    [{ b: 1, zz: 2 }, { c: 2, aa: 1 }, 'pairs compare in storage order: "b" against "c" first'],
    [{ a: 1, b: 2 }, { a: 1, bb: 0 }, 'a key before its value'],
    [{ a: 5 }, { a: [] }, 'a nested number before a nested array'],
    [[5], [[]], 'inside an array too'],
    [[], 5, 'a top-level scalar after the empty array (a raw scalar is a one-element array)'],
    [5, [0], 'and before any other array'],
    [5, [1, 2], 'whatever its length'],
    ['a', ['a'], 'strings as well'],
    [true, [null], 'booleans as well'],
    [5, {}, 'and before any object'],
    ['', 'str', 'top-level strings compare as text'],
    ['str', 'é', 'by code point'],
    ['1', 'null', 'whatever they spell'],
  ])('orders jsonb %j before %j: %s', (lower, higher, _why) => {
    expect(compareSortKeys(toSortKey(lower, true), toSortKey(higher, true))).toBeLessThan(0);
    expect(compareSortKeys(toSortKey(higher, true), toSortKey(lower, true))).toBeGreaterThan(0);
  });

  it('keeps store order for ties and applies terms in turn', () => {
    const rows = [{ n: 'b', k: 1 }, { n: 'a', k: 2 }, { n: 'b', k: 0 }, { n: 'a', k: 2 }];
    const out = sortBy(rows, parseOrdering(new Map([['ordering', 'n,-k']]), new Set(['n', 'k']), []), (r, f) => r[f as 'n' | 'k']);
    expect(out).toEqual([rows[1], rows[3], rows[0], rows[2]]);
  });
});
