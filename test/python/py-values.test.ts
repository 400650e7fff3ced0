import { parseDjangoDatetime, formatIsoMicros, readDjangoDatetime } from '../../src/python/py-datetime';
import { parsePyInt } from '../../src/python/py-int';
import { normaliseIpAddress } from '../../src/python/py-ip';
import { pyFloatRepr } from '../../src/python/py-repr';
import { pyStrip, pySplit } from '../../src/python/py-strip';
import { toCanonicalUuid } from '../../src/python/py-uuid';

describe("parsePyInt follows Python's int()", () => {
  it.each([
    ['5', 5],
    [' 5', 5],
    ['+5', 5],
    ['5 ', 5],
    ['-3', -3],
    ['1_000', 1000],
    ['007', 7],
    ['1.0', undefined],
    ['', undefined],
    ['abc', undefined],
    ['1__0', undefined],
    ['_1', undefined],
    ['1_', undefined],
    ['0x10', undefined],
    // Any Unicode decimal digit counts: Arabic-Indic, Devanagari, fullwidth, mathematical bold and monospace.
    ['\u0663', 3],
    ['\u0967\u0966', 10],
    ['\uff11\uff12', 12],
    ['-\u0661_\u0660', -10],
    ['\u{1d7d7}', 9],
    ['\u{1d7f6}\u{1d7ff}', 9],
    ['\u00b2', undefined],
    ['\u2160', undefined],
  ])('int(%j) -> %s', (text, value) => expect(parsePyInt(text)).toBe(value));
});

describe('pyFloatRepr prints floats as Python repr does', () => {
  it.each([
    [0, '0.0'],
    [3, '3.0'],
    [0.1, '0.1'],
    [1e16, '1e+16'],
    [1e15, '1000000000000000.0'],
    [0.0001, '0.0001'],
    [0.00001, '1e-05'],
    [-2.5, '-2.5'],
    [1.6328420639038086, '1.6328420639038086'],
  ])('%s -> %s', (value, text) => expect(pyFloatRepr(value)).toBe(text));
});

describe('pyStrip and pySplit use Python whitespace', () => {
  it('strips what str.strip() strips, and not a BOM', () => {
    expect(pyStrip('\x1c\u3000 a b \x85\t')).toBe('a b');
    expect(pyStrip('\ufeffa')).toBe('\ufeffa');
  });
  it('splits on runs of whitespace without empty parts', () => {
    expect(pySplit('  a\u2003b\n\nc ')).toEqual(['a', 'b', 'c']);
  });
});

describe('toCanonicalUuid reads lookup ids as uuid.UUID(hex=...) does', () => {
  const id = '1b4e28ba-2fa1-41d2-883f-0016d3cca427';
  it.each([
    [id, id],
    [id.toUpperCase(), id],
    [id.replaceAll('-', ''), id],
    [`{${id}}`, id],
    [`urn:uuid:${id}`, id],
    ['qwerqwer', undefined],
    [`${id}0`, undefined],
    ['', undefined],
    ['g'.repeat(32), undefined],
  ])('%s -> %s', (text, canonical) => expect(toCanonicalUuid(text)).toBe(canonical));
});

describe('parseDjangoDatetime accepts what DRF DateTimeField accepts', () => {
  const at = (iso: string) => Date.parse(iso) * 1000;
  it.each([
    ['2025-01-01', at('2025-01-01T00:00:00Z')],
    ['2025-01-01T10:11:12', at('2025-01-01T10:11:12Z')],
    ['2025-01-01T10:11:12Z', at('2025-01-01T10:11:12Z')],
    ['2025-01-01 10:11:12+02:00', at('2025-01-01T08:11:12Z')],
    ['2025-01-01T10:11:12.345678-01:30', at('2025-01-01T11:41:12.345Z') + 678],
    ['2025-01-01T10:11', at('2025-01-01T10:11:00Z')],
    ['20250101T101112Z', at('2025-01-01T10:11:12Z')],
    ['2025-W01-1', at('2024-12-30T00:00:00Z')],
    ['2025-1-2T3:04', at('2025-01-02T03:04:00Z')],
    ['2025-01-01T10:11:12.1234567', at('2025-01-01T10:11:12.123Z') + 456],
    // fromisoformat takes a decimal mark with no digits (measured on authentik's code: a 201).
    ['2030-01-01T00:00:00.Z', at('2030-01-01T00:00:00Z')],
    ['2030-01-01T00:00:00.', at('2030-01-01T00:00:00Z')],
  ])('%s', (text, micros) => expect(parseDjangoDatetime(text)).toBe(micros));

  it.each(['', 'yesterday', '2025-13-01', '2025-02-30', '2025-01-01T25:00', '2025-01', '2025/01/01', '0000-01-01'])(
    'rejects %j',
    (text) => expect([parseDjangoDatetime(text), readDjangoDatetime(text)]).toEqual([undefined, 'format']),
  );

  it.each(['9999-12-31T23:59:59-01:00', '9999-12-31T23:00:00-01:00', '0001-01-01T00:00:00+01:00', '0001-01-01T00:59:59+01:00'])(
    'tells %s from bad text: it leaves Python\'s range once converted to UTC',
    (text) => expect(readDjangoDatetime(text)).toBe('overflow'),
  );

  it.each([
    ['9999-12-31T23:59:59+01:00', at('9999-12-31T22:59:59Z')],
    ['9999-12-31T23:59:59', at('9999-12-31T23:59:59Z')],
    ['0001-01-01T01:00:00+01:00', at('0001-01-01T00:00:00Z')],
  ])('keeps %s, which stays within range', (text, micros) => expect(readDjangoDatetime(text)).toBe(micros));

  it('prints microseconds only when there are some, and always Z', () => {
    expect(formatIsoMicros(at('2024-09-20T10:11:12Z') + 345678)).toBe('2024-09-20T10:11:12.345678Z');
    expect(formatIsoMicros(at('2024-09-20T10:11:12Z'))).toBe('2024-09-20T10:11:12Z');
    expect(formatIsoMicros(at('2024-09-20T10:11:12Z') + 1)).toBe('2024-09-20T10:11:12.000001Z');
  });
});

describe('normaliseIpAddress validates and normalises as Django does', () => {
  it.each([
    ['1.2.3.4', '1.2.3.4'],
    ['::ffff:1.2.3.4', '1.2.3.4'],
    ['2001:DB8:0:0:0:0:0:1', '2001:db8::1'],
    ['2001:db8:0:1:0:0:0:1', '2001:db8:0:1::1'],
    ['2001:db8:0:1:1:1:1:1', '2001:db8:0:1:1:1:1:1'],
    ['::', '::'],
    ['fe80::1%eth0', 'fe80::1'],
    ['256.1.1.1', undefined],
    ['01.2.3.4', undefined],
    ['1.2.3', undefined],
    ['1::2::3', undefined],
    ['12345::', undefined],
    ['not an ip', undefined],
  ])('%s -> %s', (text, normal) => expect(normaliseIpAddress(text)).toBe(normal));
});
