// Would Python's ipaddress.ip_address(value.strip()) accept this string? (CPython 3.11 rules, re-written.)
// Used to tell the oracle's psycopg2 from authentik's psycopg 3 (see README "Instrument limits").
const PY_SPACE = /^[\t\n\v\f\r\x1c-\x20\x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+|[\t\n\v\f\r\x1c-\x20\x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+$/g;
export const pyStrip = (s) => s.replace(PY_SPACE, '');

function v4(s) {
  if (!s || s.includes('/')) return null;
  const oct = s.split('.');
  if (oct.length !== 4) return null;
  let n = 0;
  for (const o of oct) {
    if (!/^[0-9]{1,3}$/.test(o)) return null;
    if (o.length > 1 && o[0] === '0') return null;
    const v = Number(o); if (v > 255) return null;
    n = n * 256 + v;
  }
  return n;
}

function v6(s) {
  if (!s || s.includes('/')) return false;
  const i = s.indexOf('%');
  let addr = s;
  if (i >= 0) { const scope = s.slice(i + 1); if (!scope || scope.includes('%')) return false; addr = s.slice(0, i); }
  const parts = addr.split(':');
  if (parts.length < 3) return false;
  if (parts[parts.length - 1].includes('.')) {
    const n = v4(parts.pop()); if (n === null) return false;
    parts.push(Math.floor(n / 65536).toString(16), (n % 65536).toString(16));
  }
  if (parts.length > 9) return false;
  let skip = null;
  for (let k = 1; k < parts.length - 1; k++) if (!parts[k]) { if (skip !== null) return false; skip = k; }
  if (skip !== null) {
    let hi = skip, lo = parts.length - skip - 1;
    if (!parts[0]) { hi--; if (hi) return false; }
    if (!parts[parts.length - 1]) { lo--; if (lo) return false; }
    if (8 - (hi + lo) < 1) return false;
    const use = [...parts.slice(0, hi), ...parts.slice(parts.length - lo)];
    return use.every((h) => /^[0-9a-fA-F]{1,4}$/.test(h));
  }
  if (parts.length !== 8) return false;
  return parts.every((h) => /^[0-9a-fA-F]{1,4}$/.test(h));
}

export function pyIpAccepts(value) {
  const s = pyStrip(String(value));
  return v4(s) !== null || v6(s);
}

// client_ip values a request hands to the database adapter: the list filter's (query string, stripped by the
// form; an empty value skips the filter) and, for per_month/, the `query` JSON's client_ip lookups that go
// through the field's get_db_prep_value (exact, in, gt/gte/lt/lte, range). Returns the rejected ones.
const PREP_LOOKUPS = /^client_ip(__(exact|in|gt|gte|lt|lte|range))?$/;
export function rejectedClientIps(path) {
  const u = new URL(path, 'http://x');
  const bad = [];
  for (const v of u.searchParams.getAll('client_ip')) if (pyStrip(v) !== '' && !pyIpAccepts(v)) bad.push(v);
  if (u.pathname.endsWith('/per_month/')) {
    let q = null;
    try { q = JSON.parse(u.searchParams.get('query') ?? '{}'); } catch { q = null; }
    if (q && typeof q === 'object' && !Array.isArray(q)) {
      for (const [k, v] of Object.entries(q)) {
        if (!PREP_LOOKUPS.test(k)) continue;
        for (const x of Array.isArray(v) ? v : [v]) {
          if (x === null || x === '' || (Array.isArray(x))) continue;
          const s = typeof x === 'string' ? x : typeof x === 'boolean' ? (x ? 'True' : 'False') : String(x);
          if (!pyIpAccepts(s) || typeof x !== 'string' && typeof x !== 'number') bad.push(s);
        }
      }
    }
  }
  return bad;
}
