// Comparing one oracle answer with one mock answer, with the few normalisations the README lists.
import { parseRaw, Num, render, show } from './json.mjs';

const IGNORED = new Set(['server', 'connection', 'keep-alive', 'date', 'x-authentik-id', 'content-length', 'transfer-encoding', 'set-cookie', 'content-type']);
const DEFAULT_ORDER = { events: ['-created'], tasks: ['name', 'uid', 'status'], dramatiq: ['-mtime'], schedules: ['next_run', 'actor_name', 'identifier'] };
const EVENT_FIELDS = new Set(['pk', 'user', 'action', 'app', 'context', 'client_ip', 'created', 'expires', 'brand']);
// full_name is a SerializerMethodField (source '*'): not an ordering field, DRF drops the term
const TASK_FIELDS = new Set(['uuid', 'name', 'uid', 'description', 'start_timestamp', 'finish_timestamp', 'duration', 'status', 'messages', 'expires', 'expiring']);
// 2025.8: the Dramatiq tasks' and schedules' ordering fields, named by their source (rows are keyed by the field names)
const DRAMATIQ_FIELDS = new Set(['message_id', 'queue_name', 'actor_name', 'state', 'mtime', 'rel_obj_content_type__app_label', 'rel_obj_content_type__model', 'rel_obj_id', '_messages', '_previous_messages', 'aggregated_status']);
const SCHEDULE_FIELDS = new Set(['id', 'identifier', 'actor_name', 'rel_obj_content_type__app_label', 'rel_obj_content_type__model', 'rel_obj_id', 'crontab', 'paused', 'next_run']);
const SOURCE_KEY = { rel_obj_content_type__app_label: 'rel_obj_app_label', rel_obj_content_type__model: 'rel_obj_model', _messages: 'messages', _previous_messages: 'previous_messages' };
const YEAR_MS = 365 * 24 * 3600 * 1000;

export function newCounters() {
  return { parseError: 0, expires: 0, worker: 0, nullAbsent: 0, ties: 0, resync: 0, tokenUser: 0, requestId: 0 };
}

const ctKind = (ct) => (!ct ? 'none' : /json/i.test(ct) ? 'json' : /html/i.test(ct) ? 'html' : ct.split(';')[0]);
const cookieShape = (c) => c.split(';').map((p, i) => {
  const [k] = p.trim().split('=');
  if (i === 0) return `${k}=…`;
  return /^(expires)$/i.test(k) ? `${k}=…` : p.trim();
}).join('; ');

// ordering terms the list answer was sorted by, as field names with direction
function orderingTerms(path) {
  const u = new URL(path, 'http://x');
  const kind = u.pathname.includes('/system_tasks/') ? 'tasks' : u.pathname.includes('/tasks/tasks/') ? 'dramatiq' : u.pathname.includes('/tasks/schedules/') ? 'schedules' : 'events';
  const raw = u.searchParams.getAll('ordering').pop();
  const valid = { tasks: TASK_FIELDS, dramatiq: DRAMATIQ_FIELDS, schedules: SCHEDULE_FIELDS, events: EVENT_FIELDS }[kind];
  const terms = (raw ?? '').split(',').map((t) => t.trim()).filter((t) => valid.has(t.replace(/^-/, '')));
  return (terms.length ? terms : DEFAULT_ORDER[kind]).map((t) => t.replace(/^(-?)(.*)$/, (_, d, f) => d + (SOURCE_KEY[f] ?? f)));
}

function tieKey(row, terms) {
  if (!(row instanceof Map)) return render(row);
  return terms.map((t) => render(row.get(t.replace(/^-/, '')) ?? null)).join('\u0001'); // absent = null (documented)
}
const ID_KEYS = ['pk', 'uuid', 'message_id', 'id'];
const idKey = (row) => ID_KEYS.find((k) => row.has(k));
const idOf = (row) => (row instanceof Map ? render(row.get(idKey(row) ?? 'pk')) : render(row));

function isoMs(v) { if (typeof v !== 'string') return NaN; return Date.parse(v); }

export function compareAnswers(req, o, m, ctx) {
  const items = [];
  const notes = [];
  if (o.status !== m.status) items.push({ label: `status ${o.status} (oracle) vs ${m.status} (mock)`, o: String(o.status), m: String(m.status) });
  const oct = o.headers['content-type'], mct = m.headers['content-type'];
  if ((oct ?? '') !== (mct ?? '')) items.push({ label: `content-type ${ctKind(oct)} vs ${ctKind(mct)}`, o: oct ?? '(none)', m: mct ?? '(none)' });
  const names = new Set([...Object.keys(o.headers), ...Object.keys(m.headers)]);
  for (const n of [...names].sort()) {
    if (IGNORED.has(n)) continue;
    if (o.headers[n] !== m.headers[n]) items.push({ label: `header ${n}`, o: o.headers[n] ?? '(none)', m: m.headers[n] ?? '(none)' });
  }
  const oc = o.cookies.map(cookieShape).join(' | '), mc = m.cookies.map(cookieShape).join(' | ');
  if (oc !== mc) items.push({ label: 'header set-cookie', o: o.cookies.length ? show(o.cookies.join(' | '), 160) + (oc ? `  [shape ${oc}]` : '') : '(none)', m: m.cookies.length ? show(m.cookies.join(' | '), 160) + `  [shape ${mc}]` : '(none)' });

  if (!o.body.equals(m.body)) {
    let ot, mt;
    try { ot = parseRaw(o.body.toString('utf8')); mt = parseRaw(m.body.toString('utf8')); } catch { ot = mt = undefined; }
    if (ot === undefined) {
      const isHtml = ctKind(oct) === 'html' && ctKind(mct) === 'html';
      if (!isHtml) items.push({ label: 'body bytes', o: show(o.body.toString('utf8'), 200), m: show(m.body.toString('utf8'), 200) });
      else notes.push('html bodies not compared');
    } else {
      const diffs = [];
      const pg = ot instanceof Map && ot.get('pagination') instanceof Map ? ot.get('pagination') : null;
      const paged = pg ? Number(pg.get('total_pages')?.raw) > 1 : false;
      const terms = orderingTerms(req.path);
      if (ctx.ranTasks.size && req.path.includes('/system_tasks/') && terms.some((t) => /^-?(messages|duration|start_timestamp)$/.test(t))) {
        // the order follows worker-made run records: compare the rows by uuid
        const byUuid = (r) => (r instanceof Map ? render(r.get('uuid')) : '');
        for (const t of [ot, mt]) if (t instanceof Map && Array.isArray(t.get('results'))) t.get('results').sort((a, b) => (byUuid(a) < byUuid(b) ? -1 : byUuid(a) > byUuid(b) ? 1 : 0));
        // on one page of several, which rows fall on it follows the stub's records too: compare the pagination only
        if (paged) for (const t of [ot, mt]) if (t instanceof Map && Array.isArray(t.get('results'))) t.set('results', []);
        ctx.counters.worker++;
      }
      if (req.audit) auditRows(ot, mt, req.audit === 'send');
      if (/\/top_per_user\/$/.test(new URL(req.path, 'http://x').pathname) && Array.isArray(ot) && Array.isArray(mt)) matchTopTies(ot, mt, ctx, new URL(req.path, 'http://x').searchParams);
      walk(ot, mt, '', diffs, { ...ctx, terms, paged });
      for (const d of diffs) items.push({ label: `body ${d.path || '/'}`, path: d.path, o: show(d.o), m: show(d.m) });
    }
  }
  return items;
}

// the events retry/, send/ or a schedule save just recorded: pk (but the first), created and expires are the
// request's own on each side, and the oracle's two events share the frozen now(); after send/ both name the new
// task, whose message_id is a uuid4 on each side
function auditRows(ot, mt, sent) {
  for (const t of [ot, mt]) {
    const rows = (t instanceof Map && t.get('results')) || [];
    for (const r of rows) {
      if (!(r instanceof Map)) continue;
      for (const k of ['pk', 'created', 'expires']) r.delete(k);
      const model = r.get('context') instanceof Map ? r.get('context').get('model') : undefined;
      if (sent && model instanceof Map && model.get('pk') === model.get('name')) { model.set('pk', '(the sent task)'); model.set('name', '(the sent task)'); }
    }
    rows.sort((a, b) => (render(a.get?.('action')) < render(b.get?.('action')) ? -1 : render(a.get?.('action')) > render(b.get?.('action')) ? 1 : 0));
    rows.forEach((r, i) => r instanceof Map && r.set('pk', `(audit event ${i})`)); // rows are compared by position
  }
}

function walk(o, m, path, out, ctx) {
  if (out.length >= 12) return;
  if (o instanceof Map && m instanceof Map) {
    if (/^\/results\/\d+$/.test(path) && idOf(o) !== idOf(m) && idKey(o)) {
      const keys = (r) => ctx.terms.map((t) => `${t.replace(/^-/, '')}=${show(r.get(t.replace(/^-/, '')), 60)}`).join(' ');
      out.push({ path: `${path}/${idKey(o)}`, o: `${idOf(o)} (${keys(o)})`, m: `${idOf(m)} (${keys(m)})` });
      return;
    }
    normaliseObject(o, m, ctx);
    const keys = [...o.keys()];
    for (const k of m.keys()) if (!o.has(k)) keys.push(k);
    const ok = [...o.keys()].filter((k) => m.has(k)), mk = [...m.keys()].filter((k) => o.has(k));
    for (const k of keys) walk(o.get(k), m.get(k), `${path}/${k}`, out, ctx);
    if (out.length < 12 && ok.join('\u0000') !== mk.join('\u0000')) out.push({ path: `${path} (key order)`, o: ok.join(','), m: mk.join(',') });
    return;
  }
  if (Array.isArray(o) && Array.isArray(m)) {
    if (path === '/results' && o.length === m.length) matchTies(o, m, ctx);
    const n = Math.max(o.length, m.length);
    for (let i = 0; i < n; i++) walk(o[i], m[i], `${path}/${i}`, out, ctx);
    return;
  }
  if (render(o) !== render(m)) out.push({ path, o, m });
}

function normaliseObject(o, m, ctx) {
  const c = ctx.counters;
  // the text after "JSON parse error - " is orjson's (3.8.3 here) wording
  const od = o.get('detail'), md = m.get('detail');
  if (typeof od === 'string' && typeof md === 'string' && od.startsWith('JSON parse error - ') && md.startsWith('JSON parse error - ') && od !== md) { m.set('detail', od); c.parseError++; }
  // system tasks: keys null on the oracle and absent on the mock, as the mock documents
  if (o.has('full_name') && o.has('uuid')) {
    let dropped = false;
    for (const k of ['uid', 'description']) if (o.get(k) === null && !m.has(k)) { o.delete(k); dropped = true; }
    if (dropped) c.nullAbsent++;
    // run records the oracle's stub worker made: messages and duration are not comparable
    if (ctx.ranTasks.has(o.get('uuid'))) {
      let skipped = false;
      for (const k of ['messages', 'duration']) if (o.has(k) && m.has(k) && render(o.get(k)) !== render(m.get(k))) { m.set(k, o.get(k)); skipped = true; }
      if (skipped) c.worker++;
    }
  }
  // 2025.8: an event the oracle's AuditMiddleware recorded names the oracle's synthetic token user; the mock's
  // tokens belong to akadmin (src/tasks/schedule-event.ts)
  const ou = o.get('user'), mu = m.get('user');
  if (o.get('app') === 'authentik.events.middleware' && ou instanceof Map && /^oracle-token-user-\d+$/.test(String(ou.get('username'))) && mu instanceof Map && render(mu.get('username')) === '"akadmin"') { o.set('user', mu); c.tokenUser++; }
  // an audit event's request id is a new uuid4 hex on each side
  const hex32 = (v) => typeof v === 'string' && /^[0-9a-f]{32}$/.test(v);
  if (o.has('request_id') && o.has('user_agent') && hex32(o.get('request_id')) && hex32(m.get('request_id')) && o.get('request_id') !== m.get('request_id')) { m.set('request_id', o.get('request_id')); c.requestId++; }
  // a default expires: created + 365 days; authentik computes it a moment before created
  if (o.has('expires') && m.has('expires') && o.has('created') && !o.has('full_name')) {
    const oe = isoMs(o.get('expires')), me = isoMs(m.get('expires')), cr = isoMs(o.get('created'));
    if (o.get('expires') !== m.get('expires') && Math.abs(oe - me) <= 2000 && Math.abs(oe - cr - YEAR_MS) <= 2000 && Math.abs(me - cr - YEAR_MS) <= 2000) { m.set('expires', o.get('expires')); c.expires++; }
  }
}

// rows equal on every key of the ordering come in any order: match them by id
function matchTies(o, m, ctx) {
  const terms = ctx.terms;
  let changed = false;
  let i = 0;
  while (i < o.length) {
    const k = tieKey(o[i], terms);
    let j = i + 1;
    while (j < o.length && tieKey(o[j], terms) === k) j++;
    if (j - i > 1 || (ctx.paged && (i === 0 || j === o.length))) {
      const seg = m.slice(i, j);
      if (seg.every((r) => tieKey(r, terms) === k)) {
        const byId = new Map(seg.map((r) => [idOf(r), r]));
        if (o.slice(i, j).every((r) => byId.has(idOf(r)))) {
          const re = o.slice(i, j).map((r) => byId.get(idOf(r)));
          if (re.some((r, x) => r !== seg[x])) { changed = true; for (let x = i; x < j; x++) m[x] = re[x - i]; }
        } else if (ctx.paged && (i === 0 || j === o.length)) {
          // a run of tied rows cut by the page boundary: which of them fall on this page is PostgreSQL's choice
          changed = true; for (let x = i; x < j; x++) m[x] = o[x];
        }
      }
    }
    i = j;
  }
  if (changed) ctx.counters.ties++;
}

// top_per_user/ is ordered by -counted_events only: rows with equal counts come in PostgreSQL's order, and when
// the [:top_n] cut falls inside such a run, which of them are kept is PostgreSQL's choice too
function matchTopTies(o, m, ctx, params) {
  const cnt = (r) => (r instanceof Map ? render(r.get('counted_events')) : render(r));
  if (o.length !== m.length || o.some((r, i) => cnt(r) !== cnt(m[i]))) return;
  let topN = 15; const raw = params.get('top_n'); if (raw !== null && /^\s*\+?\d+\s*$/.test(raw)) topN = Number(raw);
  let changed = false;
  for (let i = 0; i < o.length;) {
    let j = i + 1; while (j < o.length && cnt(o[j]) === cnt(o[i])) j++;
    if (j - i > 1 || (j === o.length && o.length === topN)) {
      const ms = new Map(m.slice(i, j).map((r) => [render(r), r]));
      const same = o.slice(i, j).every((r) => ms.has(render(r)));
      if (same || (j === o.length && o.length === topN)) {
        for (let x = i; x < j; x++) { if (render(m[x]) !== render(o[x])) changed = true; m[x] = o[x]; }
      }
    }
    i = j;
  }
  if (changed) ctx.counters.ties++;
}
