/**
 * A JSON parser with the semantics of orjson's `loads`, which authentik's parser (drf-orjson-renderer) calls,
 * because the mock must answer exactly what authentik answers:
 * - numbers keep their literal text: `1.0` is a float, `5` an int; an integer literal beyond 64 bits is read
 *   as a float, as orjson does (`18446744073709551616` is 1.8446744073709552e19),
 * - `NaN`, `Infinity` and numbers too large for a double are rejected,
 * - a lone surrogate escape (`"\ud800"`) is rejected: orjson produces only valid Unicode,
 * - nesting stops at orjson's documented limit of 1,024 levels,
 * - objects keep the last value of a repeated key in its first position, and `__proto__` is an ordinary key.
 * Error texts follow Python's json module (`Expecting value: line 1 column 1 (char 0)`): authentik wraps
 * whatever the parser says in `JSON parse error - `, and only that prefix is stable across orjson releases.
 * See docs/decisions/016-orjson-json.md.
 */
import { fitsOrjsonInt } from './json-number';

/** A JSON number as orjson reads it: an int, or a float when the literal has `.`/`e` or passes 64 bits. */
export class PyNumber {
  constructor(
    readonly text: string,
    readonly isFloat: boolean,
    /** An integer literal beyond 64 bits, which orjson reads as a float. */
    readonly fromIntegerLiteral = false,
  ) {}

  toNumber(): number {
    return Number(this.text);
  }
}

export type PyValue = null | boolean | string | PyNumber | PyValue[] | PyObject;
/** A JSON object; a Map so that no key (not even `__proto__`) can reach a prototype. */
export type PyObject = Map<string, PyValue>;

export class PyJsonError extends Error {}

const WHITESPACE = new Set([' ', '\t', '\n', '\r']);
/** orjson's documented limit: arrays and objects nested deeper than this are a parse error. */
export const MAX_DEPTH = 1024;
const NUMBER = /-?(?:0|[1-9]\d*)(\.\d+)?([eE][-+]?\d+)?/y;
const ESCAPES: Record<string, string> = { '"': '"', '\\': '\\', '/': '/', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t' };

export function parsePyJson(text: string): PyValue {
  return new Parser(text).parseDocument();
}

class Parser {
  private pos = 0;
  private depth = 0;

  constructor(private readonly text: string) {}

  parseDocument(): PyValue {
    if (this.text.charCodeAt(0) === 0xfeff) this.fail('Unexpected UTF-8 BOM (decode using utf-8-sig)', 0, false);
    this.skipWhitespace();
    const value = this.parseValue();
    this.skipWhitespace();
    if (this.pos !== this.text.length) this.fail('Extra data', this.pos);
    return value;
  }

  private parseValue(): PyValue {
    const char = this.text[this.pos];
    switch (char) {
      case '"':
        return this.parseString();
      case '{':
      case '[': {
        if (++this.depth > MAX_DEPTH) this.fail('Recursion limit reached', this.pos);
        const value = char === '{' ? this.parseObject() : this.parseArray();
        this.depth--;
        return value;
      }
    }
    for (const [literal, value] of [['null', null], ['true', true], ['false', false]] as const) {
      if (this.text.startsWith(literal, this.pos)) {
        this.pos += literal.length;
        return value;
      }
    }
    for (const constant of ['NaN', 'Infinity', '-Infinity']) {
      // Python parses these; DRF's strict parse_constant then refuses them.
      if (this.text.startsWith(constant, this.pos)) {
        throw new PyJsonError(`Out of range float values are not JSON compliant: '${constant}'`);
      }
    }
    NUMBER.lastIndex = this.pos;
    const match = NUMBER.exec(this.text);
    if (match) {
      const start = this.pos;
      this.pos += match[0].length;
      const literal = match[0];
      if (!Number.isFinite(Number(literal))) this.fail('number is infinity when parsed as double', start);
      if (match[1] !== undefined || match[2] !== undefined) return new PyNumber(literal, true);
      return fitsOrjsonInt(literal) ? new PyNumber(literal, false) : new PyNumber(literal, true, true);
    }
    return this.fail('Expecting value', this.pos);
  }

  private parseString(): string {
    const start = this.pos;
    this.pos++;
    let out = '';
    for (;;) {
      const char = this.text[this.pos];
      if (char === undefined) this.fail('Unterminated string starting at', start);
      if (char === '"') {
        this.pos++;
        return out;
      }
      if (char < ' ') this.fail('Invalid control character at', this.pos);
      if (char !== '\\') {
        out += char;
        this.pos++;
        continue;
      }
      const escape = this.text[this.pos + 1];
      if (escape === undefined) this.fail('Unterminated string starting at', start);
      if (escape === 'u') {
        out += this.parseUnicodeEscape();
        continue;
      }
      const replacement = ESCAPES[escape];
      if (replacement === undefined) this.fail(`Invalid \\escape: '${escape}'`, this.pos);
      out += replacement;
      this.pos += 2;
    }
  }

  private parseUnicodeEscape(): string {
    const at = this.pos;
    const code = this.readHexEscape(at);
    if (code >= 0xdc00 && code <= 0xdfff) this.fail('Invalid low surrogate in string', at);
    if (code < 0xd800 || code > 0xdbff) return String.fromCharCode(code);
    // A high surrogate must be followed by an escaped low one; orjson refuses what Python keeps.
    const low = this.text.startsWith('\\u', this.pos) ? this.readHexEscape(this.pos) : undefined;
    if (low === undefined || low < 0xdc00 || low > 0xdfff) this.fail('No low surrogate in string', at);
    return String.fromCharCode(code, low);
  }

  /** Reads the `\uXXXX` escape at `at` and moves past it. */
  private readHexEscape(at: number): number {
    const hex = this.text.slice(at + 2, at + 6);
    if (!/^[0-9a-fA-F]{4}$/.test(hex)) this.fail('Invalid \\uXXXX escape', at + 1);
    this.pos = at + 6;
    return parseInt(hex, 16);
  }

  private parseObject(): PyObject {
    const object: PyObject = new Map();
    this.pos++;
    this.skipWhitespace();
    if (this.text[this.pos] === '}') {
      this.pos++;
      return object;
    }
    for (;;) {
      if (this.text[this.pos] !== '"') this.fail('Expecting property name enclosed in double quotes', this.pos);
      const key = this.parseString();
      this.skipWhitespace();
      if (this.text[this.pos] !== ':') this.fail("Expecting ':' delimiter", this.pos);
      this.pos++;
      this.skipWhitespace();
      object.set(key, this.parseValue());
      this.skipWhitespace();
      const next = this.text[this.pos];
      this.pos++;
      if (next === '}') return object;
      if (next !== ',') this.fail("Expecting ',' delimiter", this.pos - 1);
      this.skipWhitespace();
    }
  }

  private parseArray(): PyValue[] {
    const array: PyValue[] = [];
    this.pos++;
    this.skipWhitespace();
    if (this.text[this.pos] === ']') {
      this.pos++;
      return array;
    }
    for (;;) {
      array.push(this.parseValue());
      this.skipWhitespace();
      const next = this.text[this.pos];
      this.pos++;
      if (next === ']') return array;
      if (next !== ',') this.fail("Expecting ',' delimiter", this.pos - 1);
      this.skipWhitespace();
    }
  }

  private skipWhitespace(): void {
    while (WHITESPACE.has(this.text[this.pos]!)) this.pos++;
  }

  /** Throws Python's JSONDecodeError text: `msg: line L column C (char N)`, positions in code points. */
  private fail(message: string, index: number, withPosition = true): never {
    if (!withPosition) throw new PyJsonError(message);
    const before = [...this.text.slice(0, index)];
    const lastNewline = before.lastIndexOf('\n');
    const line = before.filter((c) => c === '\n').length + 1;
    const column = before.length - lastNewline;
    throw new PyJsonError(`${message}: line ${line} column ${column} (char ${before.length})`);
  }
}
