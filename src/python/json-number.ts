import { formatOrjsonFloat } from './orjson-float';

/**
 * Numbers inside the JSON fields (`user`, `context`, `brand`) that a JS number would misrepresent. authentik
 * keeps a number's Python kind from orjson's parse, through jsonb, to orjson's answer: `1.0` stays a float
 * and `18446744073709551615` stays exact. Integers a JS number holds exactly stay plain numbers.
 * Both classes are immutable; `toJSON` gives a plain number for code that only needs the value.
 */
export abstract class JsonNumber {
  /** The number as orjson writes it; throws where orjson cannot (see `JsonInt`). */
  abstract toOrjsonText(): string;
  /** The number as Python's `json.dumps` and so Postgres's jsonb text show it. */
  abstract toJsonbText(): string;
  abstract toJSON(): number;
}

/** A Python float. */
export class JsonFloat extends JsonNumber {
  constructor(
    readonly value: number,
    /**
     * orjson reads an integer literal beyond 64 bits as a float, and Postgres hands it back as an integer
     * (see `toStoredJsonNumber`).
     */
    readonly fromIntegerLiteral = false,
  ) {
    super();
  }

  toOrjsonText(): string {
    return formatOrjsonFloat(this.value);
  }

  toJsonbText(): string {
    return toPostgresNumeric(this.value);
  }

  toJSON(): number {
    return this.value;
  }
}

// orjson writes Python ints from the signed 64-bit minimum up to the unsigned 64-bit maximum.
const INT64_MIN = -(2n ** 63n);
const UINT64_MAX = 2n ** 64n - 1n;

/** A Python int beyond ±2^53, held as its decimal digits. */
export class JsonInt extends JsonNumber {
  constructor(readonly digits: string) {
    super();
  }

  /** orjson raises `Integer exceeds 64-bit range` past these bounds. */
  get fitsOrjson(): boolean {
    const value = BigInt(this.digits);
    return value >= INT64_MIN && value <= UINT64_MAX;
  }

  toOrjsonText(): string {
    if (!this.fitsOrjson) throw new OrjsonWriteError(`Integer exceeds 64-bit range (${this.digits})`);
    return this.digits;
  }

  toJsonbText(): string {
    return this.digits;
  }

  toJSON(): number {
    return Number(this.digits);
  }
}

/** What orjson raises when it cannot write a value; in authentik that is an unhandled error, a 500. */
export class OrjsonWriteError extends Error {}

/** Is this integer literal within what orjson reads as an int (else it reads a float)? */
export function fitsOrjsonInt(literal: string): boolean {
  const value = BigInt(literal);
  return value >= INT64_MIN && value <= UINT64_MAX;
}

/** An integer literal as a stored value: a plain number while JS holds it exactly, else its digits. */
export function toJsonInt(literal: string): number | JsonInt {
  const value = Number(literal);
  return Number.isSafeInteger(value) ? value || 0 : new JsonInt(BigInt(literal).toString());
}

/**
 * What Postgres gives back for a number Django stored. `json.dumps` writes a float of 1e16 or more with an
 * exponent and no fraction (`1e+20`, `1.8446744073709552e+19`); numeric keeps its digits without a scale
 * (`100000000000000000000`), and psycopg's `json.loads` reads that back as an int, which orjson cannot write
 * beyond 64 bits (measured: `{"e": 1e20}` saves, then every read of the row is authentik's 500). An integer
 * literal that orjson read as a float is the same case. Every other number comes back as it went in.
 */
export function toStoredJsonNumber(value: JsonFloat): JsonFloat | JsonInt {
  // numeric has no negative zero: `-0.0` comes back as `0.0` (measured).
  if (Object.is(value.value, -0)) return new JsonFloat(0);
  return value.fromIntegerLiteral || (Number.isFinite(value.value) && Math.abs(value.value) >= 1e16) ? new JsonInt(toPostgresNumeric(value.value)) : value;
}

/**
 * Postgres's numeric text of a Python float as `json.dumps` writes it (`repr`): plain decimal digits, never
 * an exponent, with the fraction digits the literal had (`1.0`, `0.00001`, `100000000000000000000`).
 */
function toPostgresNumeric(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  // numeric has no negative zero.
  if (value === 0) return '0.0';
  const sign = value < 0 ? '-' : '';
  const [mantissa, exponentText] = Math.abs(value).toExponential().split('e') as [string, string];
  const digits = mantissa.replace('.', '');
  const point = Number(exponentText) + 1;
  // Python's repr prints a fixed `.0` for integral values below 1e16 and an exponent above, which numeric drops.
  if (point >= digits.length) return `${sign}${digits.padEnd(point, '0')}${point <= 16 ? '.0' : ''}`;
  if (point > 0) return `${sign}${digits.slice(0, point)}.${digits.slice(point)}`;
  return `${sign}0.${'0'.repeat(-point)}${digits}`;
}
