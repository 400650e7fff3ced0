import { JsonFloat, JsonInt, OrjsonWriteError, toJsonInt, toStoredJsonNumber } from '../../src/python/json-number';
import { orjsonDumps } from '../../src/python/orjson-dumps';
import { formatOrjsonFloat } from '../../src/python/orjson-float';

describe('formatOrjsonFloat writes floats as orjson does', () => {
  it.each([
    [1, '1.0'],
    [100, '100.0'],
    [-0, '-0.0'],
    [0, '0.0'],
    [0.1, '0.1'],
    [-12.5, '-12.5'],
    [1e15, '1000000000000000.0'],
    [1e16, '1e16'],
    [1e20, '1e20'],
    [1.5e300, '1.5e300'],
    [1.8446744073709552e19, '1.8446744073709552e19'],
    [1795964064000, '1795964064000.0'],
    [0.00001, '0.00001'],
    [0.000001, '1e-6'],
    [1.5e-7, '1.5e-7'],
    [5e-324, '5e-324'],
    [Number.NaN, 'null'],
    [Number.POSITIVE_INFINITY, 'null'],
  ])('%s -> %s', (value, text) => expect(formatOrjsonFloat(value)).toBe(text));
});

describe('JSON numbers of a Python kind', () => {
  it('keeps ints a JS number holds exactly as numbers, and bigger ones as digits', () => {
    expect(toJsonInt('9007199254740991')).toBe(9007199254740991);
    expect(toJsonInt('-0')).toBe(0);
    expect(toJsonInt('9007199254740993')).toEqual(new JsonInt('9007199254740993'));
  });

  it('writes an int orjson can write and refuses one beyond 64 bits', () => {
    expect(orjsonDumps([new JsonInt('18446744073709551615'), new JsonInt('-9223372036854775808')])).toBe('[18446744073709551615,-9223372036854775808]');
    expect(() => orjsonDumps({ a: new JsonInt('18446744073709551616') })).toThrow(OrjsonWriteError);
    expect(() => orjsonDumps(new JsonInt('-9223372036854775809'))).toThrow('Integer exceeds 64-bit range');
  });

  it('gives back a float read from an integer literal as the integer Postgres keeps', () => {
    expect(toStoredJsonNumber(new JsonFloat(18446744073709551616, true))).toEqual(new JsonInt('18446744073709552000'));
    // json.dumps writes 1e20 as `1e+20`, which numeric keeps as digits: an int again (measured).
    expect(toStoredJsonNumber(new JsonFloat(1e20))).toEqual(new JsonInt('100000000000000000000'));
    expect(toStoredJsonNumber(new JsonFloat(9999999999999998))).toEqual(new JsonFloat(9999999999999998));
    expect(toStoredJsonNumber(new JsonFloat(1.5e-7))).toEqual(new JsonFloat(1.5e-7));
    expect(toStoredJsonNumber(new JsonFloat(-0))).toEqual(new JsonFloat(0));
  });

  it('shows floats in jsonb text as Postgres numeric prints what json.dumps wrote', () => {
    expect([1, 1e-5, 1e20, 0.1, 1e15].map((v) => new JsonFloat(v).toJsonbText())).toEqual(['1.0', '0.00001', '100000000000000000000', '0.1', '1000000000000000.0']);
  });

  it('writes plain values compactly, in key order, U+2028 unescaped', () => {
    expect(orjsonDumps({ b: [1, 2.5, true, null], a: 'x\u2028"', c: new JsonFloat(3) })).toBe('{"b":[1,2.5,true,null],"a":"x\u2028\\"","c":3.0}');
  });
});
