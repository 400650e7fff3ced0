import { parsePyHexInt } from './py-int';

/**
 * How Django's UUIDField reads a lookup value: Python's `uuid.UUID(hex=value)`, which drops every `urn:`
 * and `uuid:`, strips `{}` from both ends, drops every `-`, wants 32 hex digits and parses them with
 * `int(…, 16)`. Returns the canonical lowercase dashed form, or undefined where Python raises
 * (DRF then answers 404 `Not found.`).
 */
export function toCanonicalUuid(value: string): string | undefined {
  let hex = value.replaceAll('urn:', '').replaceAll('uuid:', '');
  hex = hex.replace(/^[{}]+/, '').replace(/[{}]+$/, '').replaceAll('-', '');
  if (hex.length !== 32) return undefined;
  const parsed = parsePyHexInt(hex);
  // `-0…0` is int 0 and so a valid UUID; any other negative number is out of range.
  if (!parsed || (parsed.negative && /[^0]/.test(parsed.digits))) return undefined;
  const digits = parsed.digits.replace(/^0+/, '').padStart(32, '0').toLowerCase();
  if (digits.length > 32) return undefined;
  return `${digits.slice(0, 8)}-${digits.slice(8, 12)}-${digits.slice(12, 16)}-${digits.slice(16, 20)}-${digits.slice(20)}`;
}
