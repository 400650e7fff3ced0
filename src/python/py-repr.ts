import { PyNumber, type PyValue } from './py-json';

/**
 * Python's `repr(float)`: the shortest round-tripping digits, fixed notation for exponents -4..15 and
 * scientific (`1e+16`, `1e-05`) outside, always with `.0` on integral values.
 */
export function pyFloatRepr(value: number): string {
  if (Number.isNaN(value)) return 'nan';
  if (!Number.isFinite(value)) return value > 0 ? 'inf' : '-inf';
  if (value === 0) return Object.is(value, -0) ? '-0.0' : '0.0';
  const [mantissa, exponentText] = value.toExponential().split('e') as [string, string];
  const exponent = Number(exponentText);
  const sign = mantissa.startsWith('-') ? '-' : '';
  const digits = mantissa.replace('-', '').replace('.', '');
  if (exponent < -4 || exponent >= 16) {
    const fraction = digits.length > 1 ? `.${digits.slice(1)}` : '';
    const exp = Math.abs(exponent).toString().padStart(2, '0');
    return `${sign}${digits[0]}${fraction}e${exponent < 0 ? '-' : '+'}${exp}`;
  }
  if (exponent < 0) return `${sign}0.${'0'.repeat(-exponent - 1)}${digits}`;
  const intPart = digits.slice(0, exponent + 1).padEnd(exponent + 1, '0');
  const fracPart = digits.slice(exponent + 1) || '0';
  return `${sign}${intPart}.${fracPart}`;
}

/** Python's `str()` of a number parsed from JSON: ints keep their digits exactly, floats use `repr`. */
function pyNumberStr(number: PyNumber): string {
  if (number.isFloat) return pyFloatRepr(number.toNumber());
  return number.text === '-0' ? '0' : number.text;
}

/** Python's `repr(str)`: single quotes unless the text holds a single quote and no double quote. */
function pyStringRepr(text: string): string {
  const quote = text.includes("'") && !text.includes('"') ? '"' : "'";
  let out = quote;
  for (const char of text) {
    const code = char.codePointAt(0)!;
    if (char === quote || char === '\\') out += `\\${char}`;
    else if (char === '\n') out += '\\n';
    else if (char === '\r') out += '\\r';
    else if (char === '\t') out += '\\t';
    else if (code < 0x20 || code === 0x7f) out += `\\x${code.toString(16).padStart(2, '0')}`;
    else if (code >= 0xd800 && code <= 0xdfff) out += `\\u${code.toString(16)}`;
    else out += char;
  }
  return out + quote;
}

/** Python's `repr()` of a value parsed from JSON (`{'a': [1, True, None]}`). */
export function pyRepr(value: PyValue): string {
  if (typeof value === 'string') return pyStringRepr(value);
  return pyContainerStr(value, pyRepr);
}

/** Python's `str()` of a value parsed from JSON: strings as they are, everything else as `repr`. */
export function pyStr(value: PyValue): string {
  if (typeof value === 'string') return value;
  return pyContainerStr(value, pyRepr);
}

function pyContainerStr(value: Exclude<PyValue, string>, inner: (v: PyValue) => string): string {
  if (value === null) return 'None';
  if (value === true) return 'True';
  if (value === false) return 'False';
  if (value instanceof PyNumber) return pyNumberStr(value);
  if (Array.isArray(value)) return `[${value.map(inner).join(', ')}]`;
  return `{${[...value].map(([k, v]) => `${pyStringRepr(k)}: ${inner(v)}`).join(', ')}}`;
}

/** The name Python's `type(value).__name__` gives a parsed JSON value. */
export function pyTypeName(value: PyValue): string {
  if (value === null) return 'NoneType';
  if (typeof value === 'boolean') return 'bool';
  if (typeof value === 'string') return 'str';
  if (value instanceof PyNumber) return value.isFloat ? 'float' : 'int';
  if (Array.isArray(value)) return 'list';
  return 'dict';
}

/**
 * Plain JSON data from a parsed value, for the Prism fallback, which takes JS values: numbers become JS
 * numbers (JSON fields of our own operations keep Python's kinds, see `toJsonFieldValue`). `__proto__`
 * stays an own, plain key.
 */
export function toPlainJson(value: PyValue): unknown {
  if (value === null || typeof value !== 'object') return value;
  if (value instanceof PyNumber) return value.toNumber();
  if (Array.isArray(value)) return value.map(toPlainJson);
  const out: Record<string, unknown> = {};
  for (const [key, item] of value) defineOwn(out, key, toPlainJson(item));
  return out;
}

/** Sets `target[key]` as an own data property, so that a `__proto__` key is data, not a prototype. */
export function defineOwn(target: Record<string, unknown>, key: string, value: unknown): void {
  if (key === '__proto__') {
    Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
  } else {
    target[key] = value;
  }
}
