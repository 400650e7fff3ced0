import { pyStrip } from './py-strip';

const DECIMAL = /^[+-]?\d+(?:_\d+)*$/;
const HEX = /^[+-]?(?:0[xX])?(?:_?[0-9a-fA-F])+$/;

/**
 * Python's `int(text)`: surrounding whitespace, a sign and single underscores between digits are allowed
 * (`" 5"`, `"+5"`, `"1_000"`); `"1.0"`, `""` and `"abc"` are not. Returns undefined where Python raises.
 * Only ASCII digits are recognised (Python also takes other Unicode decimal digits).
 */
export function parsePyInt(text: string): number | undefined {
  const stripped = pyStrip(text);
  if (!DECIMAL.test(stripped)) return undefined;
  return Number(stripped.replace(/_/g, ''));
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
