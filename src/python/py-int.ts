import { pyStrip } from './py-strip';

// Python's int() takes any Unicode decimal digit (category Nd), not only ASCII ones: `٣` is 3.
const DECIMAL = /^[+-]?\p{Nd}+(?:_\p{Nd}+)*$/u;
const HEX = /^[+-]?(?:0[xX])?(?:_?[0-9a-fA-F])+$/;
const IS_DIGIT = /^\p{Nd}$/u;

/**
 * Python's `int(text)`: surrounding whitespace, a sign, single underscores between digits and any Unicode
 * decimal digits are allowed (`" 5"`, `"+5"`, `"1_000"`, `"٣"`); `"1.0"`, `""` and `"abc"` are not.
 * Returns undefined where Python raises.
 */
export function parsePyInt(text: string): number | undefined {
  const exact = parsePyBigInt(text);
  return exact === undefined ? undefined : Number(exact);
}

/** `int(text)` exactly, for values a database column bounds (PostgreSQL's bigint). */
export function parsePyBigInt(text: string): bigint | undefined {
  const stripped = pyStrip(text);
  if (!DECIMAL.test(stripped)) return undefined;
  const ascii = [...stripped].map((char) => (char === '-' ? '-' : char === '+' || char === '_' ? '' : String(digitValue(char))));
  return BigInt(ascii.join(''));
}

/**
 * The value of a Unicode decimal digit. Unicode keeps every Nd digit in runs of ten, zero first, and runs
 * may follow one another (U+1D7CE–U+1D7FF), so the value is the distance from the run's start, modulo 10.
 */
function digitValue(char: string): number {
  const code = char.codePointAt(0)!;
  if (code >= 0x30 && code <= 0x39) return code - 0x30;
  let start = code;
  while (IS_DIGIT.test(String.fromCodePoint(start - 1))) start--;
  return (code - start) % 10;
}

/** Python's `int(text, 16)`, as `uuid.UUID(hex=...)` uses it; returns the digits without sign or prefix. */
export function parsePyHexInt(text: string): { negative: boolean; digits: string } | undefined {
  const stripped = pyStrip(text);
  if (!HEX.test(stripped)) return undefined;
  const negative = stripped.startsWith('-');
  const digits = stripped.replace(/^[+-]/, '').replace(/^0[xX]/, '').replace(/_/g, '');
  // Python forbids an underscore right after the sign and a leading one without a 0x prefix.
  if (/^[+-]?_/.test(stripped)) return undefined;
  return { negative, digits };
}
