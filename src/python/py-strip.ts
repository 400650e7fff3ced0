/** Characters for which Python's `str.isspace()` is true; `str.strip()` removes these (JS `trim()` differs). */
const PY_WHITESPACE =
  '\t\n\v\f\r\x1c\x1d\x1e\x1f \x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000';

export function isPyWhitespace(char: string): boolean {
  return PY_WHITESPACE.includes(char);
}

/** Python's `str.strip()` with no argument. */
export function pyStrip(value: string): string {
  let start = 0;
  let end = value.length;
  while (start < end && isPyWhitespace(value[start]!)) start++;
  while (end > start && isPyWhitespace(value[end - 1]!)) end--;
  return value.slice(start, end);
}

/** Python's `str.split()` with no argument: split on runs of Python whitespace, no empty parts. */
export function pySplit(value: string): string[] {
  const parts: string[] = [];
  let current = '';
  for (const char of value) {
    if (isPyWhitespace(char)) {
      if (current !== '') parts.push(current);
      current = '';
    } else {
      current += char;
    }
  }
  if (current !== '') parts.push(current);
  return parts;
}
