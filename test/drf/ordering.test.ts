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
    // jsonb keys: shorter first, so {"bb":…} sorts after {"a":…}.
    expect(compareSortKeys(toSortKey({ bb: 1 }, true), toSortKey({ a: 9 }, true))).toBeGreaterThan(0);
  });

  it('keeps store order for ties and applies terms in turn', () => {
    const rows = [{ n: 'b', k: 1 }, { n: 'a', k: 2 }, { n: 'b', k: 0 }, { n: 'a', k: 2 }];
    const out = sortBy(rows, parseOrdering(new Map([['ordering', 'n,-k']]), new Set(['n', 'k']), []), (r, f) => r[f as 'n' | 'k']);
    expect(out).toEqual([rows[1], rows[3], rows[0], rows[2]]);
  });
});
