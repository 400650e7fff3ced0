import { parsePyJson, PyNumber, PyJsonError } from '../../src/python/py-json';
import { pyRepr, pyStr, pyTypeName, toPlainJson } from '../../src/python/py-repr';

describe('parsePyJson reads JSON as Python json.loads does', () => {
  it.each([
    ['1.0', '1.0', 'float'],
    ['5', '5', 'int'],
    ['-0', '0', 'int'],
    ['1e5', '100000.0', 'float'],
    ['1E-5', '1e-05', 'float'],
    ['12345678901234567890123', '12345678901234567890123', 'int'],
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
  ])('rejects %j with %s', (text, message) => {
    expect(() => parsePyJson(text)).toThrow(new PyJsonError(message));
  });

  it('stops deep nesting with Python\'s recursion message instead of overflowing the stack', () => {
    expect(() => parsePyJson('['.repeat(100_000))).toThrow(new PyJsonError('maximum recursion depth exceeded while decoding a JSON array from a unicode string'));
    expect(() => parsePyJson('{"a":'.repeat(5_000))).toThrow(new PyJsonError('maximum recursion depth exceeded while decoding a JSON object from a unicode string'));
    expect(pyRepr(parsePyJson(`${'['.repeat(900)}${']'.repeat(900)}`)).length).toBe(1800);
  });

  it('keeps the last value of a repeated key in its first position', () => {
    expect(pyRepr(parsePyJson('{"a": 1, "b": 2, "a": 3}'))).toBe("{'a': 3, 'b': 2}");
  });

  it('decodes surrogate pairs and keeps lone surrogates', () => {
    expect(parsePyJson('"\\ud83d\\ude00"')).toBe('😀');
    expect(parsePyJson('"\\ud800"')).toBe('\ud800');
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
