/**
 * A float as orjson writes it (authentik renders every answer with drf-orjson-renderer), which is not
 * Python's `repr`: the shortest digits that read back as the same double, then
 * - fixed notation with `.0` while the decimal exponent is 0..15 (`100.0`, `1795964064000.0`),
 * - `0.000ddd` down to 1e-5 (`0.1`, `0.00001`),
 * - scientific notation otherwise, without `+` or zero padding (`1e20`, `1.5e300`, `1e-6`).
 * orjson writes NaN and ±Infinity as `null`. See docs/decisions/016-orjson-json.md.
 */
export function formatOrjsonFloat(value: number): string {
  if (!Number.isFinite(value)) return 'null';
  if (value === 0) return Object.is(value, -0) ? '-0.0' : '0.0';
  const sign = value < 0 ? '-' : '';
  // JS's shortest round-trip digits are the same digits orjson's Ryū prints.
  const [mantissa, exponentText] = Math.abs(value).toExponential().split('e') as [string, string];
  const digits = mantissa.replace('.', '');
  // value = 0.digits × 10^point: `point` digits stand before the decimal point.
  const point = Number(exponentText) + 1;
  if (point >= digits.length && point <= 16) return `${sign}${digits.padEnd(point, '0')}.0`;
  if (point > 0 && point <= 16) return `${sign}${digits.slice(0, point)}.${digits.slice(point)}`;
  if (point > -5 && point <= 0) return `${sign}0.${'0'.repeat(-point)}${digits}`;
  const fraction = digits.length > 1 ? `.${digits.slice(1)}` : '';
  return `${sign}${digits[0]}${fraction}e${point - 1}`;
}
