// Grouping differences into kinds and writing the report.
const kindLabel = (label) => label.replace(/\/\d+(?=\/|$| )/g, '/*');

export function groupKinds(diffs) {
  const kinds = new Map();
  for (const d of diffs) {
    const key = `${d.req.method} ${d.req.family} | ${kindLabel(d.items[0].label)}`;
    if (!kinds.has(key)) kinds.set(key, []);
    kinds.get(key).push(d);
  }
  return [...kinds].sort((a, b) => b[1].length - a[1].length || a[1][0].n - b[1][0].n);
}

const reqLine = (d) => {
  const h = Object.entries(d.req.headers).sort(([a], [b]) => (b === 'Authorization') - (a === 'Authorization')).map(([k, v]) => `${k}: ${JSON.stringify(v)}`).join('; ');
  let b = '';
  if (d.req.body !== undefined) b = ' body=' + trunc(Buffer.isBuffer(d.req.body) ? d.req.body.toString('latin1') : d.req.body, 400);
  return `#${d.n} ${d.req.method} ${d.req.path}  [${h}]${b}`;
};
const trunc = (s, n) => (s.length > n ? s.slice(0, n) + `… (${s.length} chars)` : s);
const ansLine = (a) => `${a.status} ${a.headers['content-type'] ?? '(no content-type)'} allow=${a.headers.allow ?? '(none)'}  ${trunc(a.body.toString('utf8'), 400)}`;

export function formatReport({ header, diffs, total, counters, unrenderable, limits = [] }) {
  const out = [header, ''];
  const kinds = groupKinds(diffs);
  kinds.forEach(([key, list], i) => {
    out.push(`== kind ${i + 1}/${kinds.length}: ${key}  [${list.length} request${list.length === 1 ? '' : 's'}]`);
    const vc = new Map();
    for (const d of list) { const v = d.req.variant.join(' ') || '(none)'; vc.set(v, (vc.get(v) ?? 0) + 1); }
    out.push('   variants: ' + [...vc].map(([v, c]) => (c > 1 ? `${v} ×${c}` : v)).join(' | '));
    for (const d of list.slice(0, 2)) {
      out.push('   ' + reqLine(d));
      out.push('     oracle: ' + ansLine(d.o));
      out.push('     mock:   ' + ansLine(d.m));
      for (const it of d.items.slice(0, 12)) out.push(`     - ${it.label}: oracle ${it.o} | mock ${it.m}`);
    }
    if (list.length > 2) out.push('   also: ' + list.slice(2).map((d) => `#${d.n} ${d.req.method} ${d.req.path}`).join(', '));
    out.push('');
  });
  if (limits.length) {
    out.push(`== instrument limits (psycopg2 vs psycopg 3), not counted  [${limits.length} request${limits.length === 1 ? '' : 's'}]`);
    out.push('   a client_ip value Python\'s ipaddress.ip_address rejects: authentik (psycopg 3) fails in Python (500 on a list, 404 on a detail URL); the oracle (psycopg2) hands it to PostgreSQL');
    for (const d of limits) {
      out.push(`   #${d.n} ${d.req.method} ${d.req.path}  client_ip ${d.bad.map((b) => JSON.stringify(b)).join(', ')}: oracle ${d.o.status}, mock ${d.m.status}; ${d.items[0].label}`);
    }
    out.push('');
  }
  const c = counters;
  out.push(`normalised, not counted: JSON parse error text after "JSON parse error - " differed in ${c.parseError} answer(s); default expires compared within 2 s in ${c.expires} object(s); worker-made run records skipped in ${c.worker} object(s); documented null-vs-absent task keys dropped in ${c.nullAbsent} object(s); rows tied on the ordering matched by id in ${c.ties} list(s); the oracle's token user of an audit event taken as akadmin in ${c.tokenUser} object(s); audit request ids (uuid4 hex) not compared in ${c.requestId} object(s); oracle re-synced from the mock ${c.resync} time(s).`);
  if (unrenderable.length) out.push('rows the oracle stored but could not render (500), deleted on both sides: ' + unrenderable.map((u) => `${u.pk} after #${u.n} (DELETE mock ${u.mock}, oracle ${u.oracle})`).join('; '));
  out.push(`differential: ${total} requests, ${diffs.length} differences (${kinds.length} kinds); ${limits.length} instrument-limit entries (not counted)`);
  return out.join('\n') + '\n';
}
