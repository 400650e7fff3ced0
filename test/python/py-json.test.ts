import { parsePyJson, PyNumber, PyJsonError } from '../../src/python/py-json';
import { pyRepr, pyStr, pyTypeName, toPlainJson } from '../../src/python/py-repr';

describe('parsePyJson reads JSON as orjson.loads does, with Python\'s error texts', () => {
  it.each([
    ['1.0', '1.0', 'float'],
    ['5', '5', 'int'],
    ['-0', '0', 'int'],
    ['1e5', '100000.0', 'float'],
    ['1E-5', '1e-05', 'float'],
    ['18446744073709551615', '18446744073709551615', 'int'],
    ['-9223372036854775808', '-9223372036854775808', 'int'],
    // orjson reads integers beyond 64 bits as floats.
    ['18446744073709551616', '1.8446744073709552e+19', 'float'],
    ['-9223372036854775809', '-9.223372036854776e+18', 'float'],
    ['12345678901234567890123', '1.2345678901234568e+22', 'float'],
    ['true', 'True', 'bool'],
    ['null', 'None', 'NoneType'],
    ['"x"', 'x', 'str'],
    ['[1, "a", null]', "[1, 'a', None]", 'list'],
    ['{"a": {"b": false}}', "{'a': {'b': False}}", 'dict'],
  ])('%s -> str() %s, type %s', (text, str, type) => {
    const value = parsePyJson(text);
    expect(pyStr(value)).toBe(str);
    expect(pyTypeName(value)).toBe(type);
  });

  it.each([
    ['', 'Expecting value: line 1 column 1 (char 0)'],
    ['  ', 'Expecting value: line 1 column 3 (char 2)'],
    ['{', 'Expecting property name enclosed in double quotes: line 1 column 2 (char 1)'],
    ['{"a" 1}', "Expecting ':' delimiter: line 1 column 6 (char 5)"],
    ['{"a": 1 "b": 2}', "Expecting ',' delimiter: line 1 column 9 (char 8)"],
    ['{"a": 1,}', 'Expecting property name enclosed in double quotes: line 1 column 9 (char 8)'],
    ['[1,]', 'Expecting value: line 1 column 4 (char 3)'],
    ['{}x', 'Extra data: line 1 column 3 (char 2)'],
    ['01', 'Extra data: line 1 column 2 (char 1)'],
    ['"abc', 'Unterminated string starting at: line 1 column 1 (char 0)'],
    ['"a\tb"', 'Invalid control character at: line 1 column 3 (char 2)'],
    ['"\\x"', "Invalid \\escape: 'x': line 1 column 2 (char 1)"],
    ['{\n  "a": ?}', 'Expecting value: line 2 column 8 (char 9)'],
    ['NaN', "Out of range float values are not JSON compliant: 'NaN'"],
    ['[-Infinity]', "Out of range float values are not JSON compliant: '-Infinity'"],
    ['\ufeff{}', 'Unexpected UTF-8 BOM (decode using utf-8-sig)'],
    ['[1e400]', 'number is infinity when parsed as double: line 1 column 2 (char 1)'],
    ['"\\ud800"', 'No low surrogate in string: line 1 column 2 (char 1)'],
    ['"a\\ud800\\u0041"', 'No low surrogate in string: line 1 column 3 (char 2)'],
    ['"\\udc00\\ud800"', 'Invalid low surrogate in string: line 1 column 2 (char 1)'],
  ])('rejects %j with %s', (text, message) => {
    expect(() => parsePyJson(text)).toThrow(new PyJsonError(message));
  });

  it('reads 1,024 levels of nesting and stops at the next, orjson\'s documented limit, without overflowing the stack', () => {
    expect(pyRepr(parsePyJson(`${'['.repeat(1024)}${']'.repeat(1024)}`)).length).toBe(2048);
    expect(() => parsePyJson(`${'['.repeat(1025)}${']'.repeat(1025)}`)).toThrow(new PyJsonError('Recursion limit reached: line 1 column 1025 (char 1024)'));
    expect(() => parsePyJson('['.repeat(100_000))).toThrow(new PyJsonError('Recursion limit reached: line 1 column 1025 (char 1024)'));
    expect(() => parsePyJson('{"a":'.repeat(5_000))).toThrow(new PyJsonError('Recursion limit reached: line 1 column 5121 (char 5120)'));
  });

  it('keeps the last value of a repeated key in its first position', () => {
    expect(pyRepr(parsePyJson('{"a": 1, "b": 2, "a": 3}'))).toBe("{'a': 3, 'b': 2}");
  });

  it('decodes escaped surrogate pairs', () => {
    expect(parsePyJson('"\\ud83d\\ude00"')).toBe('😀');
  });

  it('keeps a __proto__ key as plain data without touching any prototype', () => {
    const plain = toPlainJson(parsePyJson('{"__proto__": {"polluted": true}, "constructor": {"prototype": 1}}')) as Record<string, unknown>;
    expect(Object.keys(plain)).toEqual(['__proto__', 'constructor']);
    expect(Object.getPrototypeOf(plain)).toBe(Object.prototype);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(JSON.stringify(plain)).toBe('{"__proto__":{"polluted":true},"constructor":{"prototype":1}}');
  });

  it('marks floats and ints apart', () => {
    expect(parsePyJson('2.50')).toEqual(new PyNumber('2.50', true));
    expect(parsePyJson('-7')).toEqual(new PyNumber('-7', false));
    expect(parsePyJson('18446744073709551616')).toEqual(new PyNumber('18446744073709551616', true, true));
  });
});

describe('pyRepr quotes strings as Python does', () => {
  it.each([
    ['a', "'a'"],
    ["it's", '"it\'s"'],
    ['both \' and "', "'both \\' and \"'"],
    ['tab\tnew\nline', "'tab\\tnew\\nline'"],
    ['\x00', "'\\x00'"],
  ])('%j -> %s', (text, repr) => expect(pyRepr(text)).toBe(repr));
});
