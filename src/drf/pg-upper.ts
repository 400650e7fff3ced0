/**
 * PostgreSQL's `upper()`, which Django's icontains (and so DRF's search) applies to both sides. Under a
 * UTF-8 ctype it maps each character alone (towupper: Unicode's simple mapping). JavaScript's toUpperCase
 * applies the full mapping, which turns one character into several (`ß` → `SS`, `ﬁ` → `FI`); PostgreSQL
 * leaves those as they are (measured: `search=ﬁ` matches no `fi`), except the Greek letters with an iota
 * subscript, whose simple mapping is the capital with prosgegrammeni (`ᾳ` → `ᾼ`).
 */
export function pgUpper(text: string): string {
  const upper = text.toUpperCase();
  // Upper-casing never shortens text, so equal lengths mean no character expanded (the usual case).
  if (upper.length === text.length) return upper;
  let out = '';
  for (const char of text) {
    const mapped = char.toUpperCase();
    out += [...mapped].length === 1 ? mapped : (IOTA_SUBSCRIPT.get(char.codePointAt(0)!) ?? char);
  }
  return out;
}

// Simple uppercase of the Greek lowercase letters with ypogegrammeni (UnicodeData.txt), whose full mapping expands.
const IOTA_SUBSCRIPT = new Map<number, string>([
  ...[0x1f80, 0x1f90, 0x1fa0].flatMap((base) => Array.from({ length: 8 }, (_, i) => [base + i, String.fromCodePoint(base + 8 + i)] as [number, string])),
  [0x1fb3, '\u1fbc'],
  [0x1fc3, '\u1fcc'],
  [0x1ff3, '\u1ffc'],
]);
