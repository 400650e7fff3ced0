#!/usr/bin/env node
// Differential test: the mock against the authentik 2024.8.6 oracle, or (--authentik-version 2025.8) the 2025.8.1 one.
// See README.md beside this file.
// node tools/differential/run.mjs --seed S --requests 300 [--authentik-version 2025.8] [--mock-port P] [--oracle-port Q] [--out FILE]
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { makeRng } from './prng.mjs';
import { makeGenerator, finalRequests, TOKEN_LIST, TOKENS } from './gen.mjs';
import { compareAnswers, newCounters } from './compare.mjs';
import { formatReport } from './report.mjs';
import { startMock, startOracle, freePair, portFree } from './procs.mjs';
import { rejectedClientIps } from './pyip.mjs';
import { makeGenerator2025, finalRequests2025, TOKEN_LIST_2025 } from './gen-2025.mjs';
import { oracleState2025, worldOf } from './state-2025.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const repo = path.resolve(here, '..', '..');

function parseArgs(argv) {
  const o = { seed: 1, requests: 300, out: null, mockLog: null, dump: null, mockPort: null, oraclePort: null, version: '2024.8',
    mockCli: process.env.DIFFERENTIAL_MOCK_CLI ?? path.join(repo, 'dist', 'src', 'cli.js'), oracleDir: process.env.DIFFERENTIAL_ORACLE_DIR ?? null };
  const names = { '--authentik-version': 'version', '--seed': 'seed', '--requests': 'requests', '--out': 'out', '--mock-port': 'mockPort', '--oracle-port': 'oraclePort', '--mock-cli': 'mockCli', '--oracle-dir': 'oracleDir', '--mock-log': 'mockLog', '--dump': 'dump' };
  for (let i = 0; i < argv.length; i++) {
    const [flag, inline] = argv[i].split(/=(.*)/s);
    if (flag === '--help' || flag === '-h') { console.log('usage: node tools/differential/run.mjs --seed S --requests N [--mock-port P] [--oracle-port Q] [--out FILE] [--authentik-version 2024.8|2025.8] [--mock-cli dist/src/cli.js] [--oracle-dir ../shared/authentik-oracle] [--mock-log FILE] [--dump DIR]'); process.exit(0); }
    if (!names[flag]) throw new Error(`unknown option ${flag}`);
    const v = inline ?? argv[++i];
    if (v === undefined) throw new Error(`${flag} needs a value`);
    o[names[flag]] = v;
  }
  if (!['2024.8', '2025.8'].includes(o.version)) throw new Error('--authentik-version must be 2024.8 or 2025.8');
  o.oracleDir ??= path.resolve(repo, '..', 'shared', o.version === '2025.8' ? 'authentik-oracle-2025.8' : 'authentik-oracle');
  for (const k of ['requests', 'mockPort', 'oraclePort']) if (o[k] !== null) { o[k] = Number(o[k]); if (!Number.isInteger(o[k]) || o[k] < 0) throw new Error(`--${k} must be a whole number`); }
  return o;
}

async function send(origin, req, extra = {}) {
  const headers = { 'Accept-Encoding': 'identity', ...req.headers, ...extra };
  for (const k of Object.keys(headers)) if (headers[k] == null) delete headers[k];
  const body = req.body === undefined ? undefined : Buffer.isBuffer(req.body) ? req.body : Buffer.from(req.body, 'utf8');
  const r = await fetch(origin + req.path, { method: req.method, headers, body, redirect: 'manual', signal: AbortSignal.timeout(60000) });
  const buf = Buffer.from(await r.arrayBuffer());
  const h = {};
  r.headers.forEach((v, k) => { if (k !== 'set-cookie') h[k] = v; });
  return { status: r.status, headers: h, cookies: r.headers.getSetCookie(), body: buf };
}

const jsonOf = (a) => { try { return JSON.parse(a.body.toString('utf8')); } catch { return null; } };
const SUPER = { Authorization: `Bearer ${TOKENS.super}` };

// 2025.8: the X-Oracle-Now a request needs, taken from the mock's answer (README "2025.8")
async function oracleNow2025(req, m, t0, t1, loadedAt, mockOrigin) {
  const mid = new Date(Math.round((t0 + t1) / 2)).toISOString();
  if (req.workers) return { 'X-Oracle-Now': new Date(loadedAt + 1000).toISOString() };
  // the first event authentik's events middleware records (a schedule save: model_updated; retry/ and send/: the
  // first of two): its pk and created go to the oracle's AuditMiddleware
  const audit = async () => {
    const rows = jsonOf(await send(mockOrigin, { method: 'GET', path: '/api/v3/events/events/?ordering=-created&page_size=2', headers: SUPER }))?.results ?? [];
    const fresh = rows.filter((e) => e.app === 'authentik.events.middleware' && Date.parse(e.created) >= t0 - 1000);
    const first = req.schedule ? fresh[0] : fresh.length === 2 ? fresh[1] : undefined;
    return first ? { 'X-Oracle-Pk': first.pk, 'X-Oracle-Now': first.created } : {};
  };
  if (req.retry && req.task && m.status < 300) {
    const t = jsonOf(await send(mockOrigin, { method: 'GET', path: `/api/v3/tasks/tasks/${req.task}/`, headers: SUPER }));
    return { ...(await audit()), 'X-Oracle-Now': t?.messages?.[0]?.timestamp ?? mid };
  }
  if ((req.schedule && m.status === 200) || (req.send && m.status === 200)) {
    const a = await audit();
    if (a['X-Oracle-Pk']) return a;
  }
  if (req.retry || req.schedule || req.send) return { 'X-Oracle-Now': mid };
  return {};
}

async function main() {
  const opt = parseArgs(process.argv.slice(2));
  if (!fs.existsSync(opt.mockCli)) throw new Error(`mock not built: ${opt.mockCli} (npm run build, or --mock-cli)`);
  if (!fs.existsSync(path.join(opt.oracleDir, 'start.sh'))) throw new Error(`no oracle at ${opt.oracleDir} (--oracle-dir)`);
  let mp = opt.mockPort, op = opt.oraclePort;
  if (mp === null || op === null) {
    const [a, b] = await freePair(9150 + 2 * (Number.parseInt(String(opt.seed), 10) % 50 || 0));
    mp ??= a; op ??= b === mp ? a : b;
  }
  for (const p of [mp, op]) if (!(await portFree(p))) throw new Error(`port ${p} is in use`);

  let mock, oracle;
  const cleanup = async () => { mock?.stop(); await oracle?.stop(); };
  process.on('SIGINT', () => { cleanup().finally(() => process.exit(2)); });
  try {
    const v25 = opt.version === '2025.8';
    mock = await startMock({ cli: opt.mockCli, port: mp, seed: opt.seed, tokens: v25 ? TOKEN_LIST_2025 : TOKEN_LIST, log: opt.mockLog, version: opt.version });
    // the export's raw text goes to the oracle (JSON.parse + stringify would turn 12345678901234567890 into 12345678901234567000)
    let stateRaw = '';
    const exportMock = async () => { stateRaw = (await send(mock.origin, { method: 'GET', path: '/__mock__/state', headers: {} })).body.toString('utf8'); return JSON.parse(stateRaw); };
    let state = await exportMock();
    // 2025.8: the workers in the oracle's form, a beating worker seen at load time (state-2025.mjs)
    let loadedAt = Date.now();
    const forOracle = () => { loadedAt = Date.now(); return v25 ? oracleState2025(stateRaw, loadedAt) : stateRaw; };
    // 2025.8 with authentik's AuditMiddleware: a schedule PUT/PATCH records model_updated, as the mock does
    oracle = await startOracle({ dir: opt.oracleDir, port: op, state: forOracle(), env: v25 ? { ORACLE_AUDIT: '1' } : undefined });
    const summary = JSON.parse(oracle.summary.slice(oracle.summary.indexOf('{')));

    const counters = newCounters();
    const ctx = { counters, ranTasks: new Set() };
    const world = worldOf(state);
    const rng = makeRng(`differential:${opt.seed}`);
    const gen = v25 ? makeGenerator2025(rng, world) : makeGenerator(rng, world);
    const finals = v25 ? finalRequests2025() : finalRequests();
    const diffs = [];
    const unrenderable = [];
    // 2025.8: the tool's own requests made the oracle crash, so its AuditMiddleware recorded system_exception events
    let toolCrashed = false;
    const limits = [];

    const purgeUnrenderable = async (n, pks) => {
      for (const pk of pks) {
        const r = await send(oracle.origin, { method: 'GET', path: `/api/v3/events/events/${pk}/`, headers: SUPER });
        if (r.status < 500) continue;
        toolCrashed = true;
        const dm = await send(mock.origin, { method: 'DELETE', path: `/api/v3/events/events/${pk}/`, headers: SUPER });
        const dor = await send(oracle.origin, { method: 'DELETE', path: `/api/v3/events/events/${pk}/`, headers: SUPER });
        unrenderable.push({ pk, n, mock: dm.status, oracle: dor.status });
      }
    };
    const checkAll = async (n) => {
      const r = await send(oracle.origin, { method: 'GET', path: '/api/v3/events/events/?page_size=1000000', headers: SUPER });
      if (r.status >= 500) { toolCrashed = true; await purgeUnrenderable(n, world.events.map((e) => e.pk)); }
    };

    const reqs = [];
    let audits = 0, auditResync = false;
    for (let n = 1; n <= opt.requests + finals.length; n++) {
      const req = n <= opt.requests ? gen() : finals[n - opt.requests - 1];
      reqs.push(req);
      const t0 = Date.now();
      const m = await send(mock.origin, req);
      const t1 = Date.now();
      const extra = {};
      if (req.write && (req.family === 'events-create' || req.create)) {
        const mb = jsonOf(m);
        if (mb && typeof mb.pk === 'string') extra['X-Oracle-Pk'] = mb.pk;
        extra['X-Oracle-Now'] = mb && typeof mb.created === 'string' ? mb.created : new Date().toISOString();
      }
      if (req.write && (req.family === 'tasks-run' || req.runTask) && req.task) {
        const t = jsonOf(await send(mock.origin, { method: 'GET', path: `/api/v3/events/system_tasks/${req.task}/`, headers: SUPER }));
        extra['X-Oracle-Now'] = t?.finish_timestamp ?? new Date().toISOString();
      }
      if (/^events-(volume|per_month)$/.test(req.family) || /\/(volume|per_month)\/$/.test(new URL(req.path, 'http://x').pathname)) {
        // their buckets and x_cord come from now(): give the oracle the moment the mock answered
        // (midpoint of the mock's round trip; Node's cached Date header can lag by a second)
        extra['X-Oracle-Now'] = new Date(Math.round((t0 + t1) / 2)).toISOString();
      }
      if (v25) Object.assign(extra, await oracleNow2025(req, m, t0, t1, loadedAt, mock.origin));
      const o = await send(oracle.origin, req, extra);
      if (req.write && (req.family === 'tasks-run' || req.runTask) && req.task && (m.status < 300 || o.status < 300)) ctx.ranTasks.add(req.task);
      const items = compareAnswers(req, o, m, ctx);
      if (items.length) {
        const bad = rejectedClientIps(req.path);
        if (bad.length) limits.push({ n, req, o, m, items, bad }); else diffs.push({ n, req, o, m, items });
      }
      // the oracle's AuditMiddleware records a system_exception event (random pk) for a crash, which the mock does
      // not: a 500, or on a write the 500 view's empty 405 (it allows GET, HEAD, OPTIONS only)
      if (v25 && (o.status >= 500 || (req.write && o.status === 405 && o.body.length === 0))) auditResync = true;
      if (auditResync && !req.write) {
        auditResync = false;
        const r = await send(oracle.origin, { method: 'PUT', path: '/__oracle__/state', headers: { 'Content-Type': 'application/json' }, body: forOracle() });
        if (r.status !== 200) throw new Error(`re-sync failed: ${r.status} ${r.body}`);
        counters.resync++;
      }
      if (v25 && req.write && m.status < 300 && (req.schedule || req.retry || req.send)) {
        // the events authentik's events middleware recorded, compared at once (the re-sync below replaces them)
        const k = req.schedule ? 1 : 2;
        const audit = { family: 'audit-events', variant: [`after #${n} ${req.method} ${req.family}`], method: 'GET', path: `/api/v3/events/events/?ordering=-created&page_size=${k}`, headers: SUPER, audit: req.send ? 'send' : true };
        const am = await send(mock.origin, audit), ao = await send(oracle.origin, audit);
        const aitems = compareAnswers(audit, ao, am, ctx);
        if (aitems.length) diffs.push({ n, req: audit, o: ao, m: am, items: aitems });
        audits++;
        auditResync = true;
      }
      if (req.write) {
        state = await exportMock();
        Object.assign(world, worldOf(state));
        const pk = jsonOf(m)?.pk ?? req.target;
        // a sent task has a random message_id on each side, and the second event of retry/ or send/ a random pk:
        // always re-sync after them
        if (items.length || auditResync) {
          auditResync = false;
          const r = await send(oracle.origin, { method: 'PUT', path: '/__oracle__/state', headers: { 'Content-Type': 'application/json' }, body: forOracle() });
          if (r.status !== 200) throw new Error(`re-sync failed: ${r.status} ${r.body}`);
          counters.resync++;
          if (pk) await purgeUnrenderable(n, [pk]);
          await checkAll(n);
        } else if (o.status >= 500 && pk) await purgeUnrenderable(n, [pk]);
        if (unrenderable.some((u) => u.n === n)) { state = await exportMock(); Object.assign(world, worldOf(state)); }
        if (v25 && toolCrashed) {
          toolCrashed = false;
          const r = await send(oracle.origin, { method: 'PUT', path: '/__oracle__/state', headers: { 'Content-Type': 'application/json' }, body: forOracle() });
          if (r.status !== 200) throw new Error(`re-sync failed: ${r.status} ${r.body}`);
          counters.resync++;
        }
      }
    }

    const header = `differential: authentik ${opt.version}: oracle ${oracle.origin} vs mock ${mock.origin}; N=${opt.requests} seed=${opt.seed}; state: ${summary.system_tasks ?? summary.tasks} tasks,${v25 ? ` ${summary.schedules} schedules, ${summary.workers} workers,` : ''} ${summary.events} events, ${summary.tokens} tokens (${summary.token_mode})` +
      (summary.skipped?.length ? `; oracle skipped at load: ${JSON.stringify(summary.skipped)}` : '');
    if (opt.dump) {
      // every difference and instrument-limit entry in full: the request and both answers, bodies complete
      fs.mkdirSync(opt.dump, { recursive: true });
      const ans = (a) => ({ status: a.status, headers: a.headers, cookies: a.cookies, body: a.body.toString('utf8') });
      for (const [tag, list] of [['diff', diffs], ['limit', limits]]) for (const d of list) {
        fs.writeFileSync(path.join(opt.dump, `${tag}-${String(d.n).padStart(3, '0')}.json`), JSON.stringify({ n: d.n, family: d.req.family, variant: d.req.variant,
          request: { method: d.req.method, path: d.req.path, headers: d.req.headers, body: d.req.body === undefined ? null : Buffer.isBuffer(d.req.body) ? d.req.body.toString('latin1') : d.req.body },
          oracle: ans(d.o), mock: ans(d.m), items: d.items }, null, 1));
      }
    }
    const text = formatReport({ header, diffs, total: reqs.length + audits, counters, unrenderable, limits });
    if (opt.out) fs.writeFileSync(opt.out, text); else process.stdout.write(text);
  } finally {
    await cleanup();
  }
}

main().then(() => process.exit(0), (e) => { console.error(`differential: ${e.stack || e.message}`); process.exit(2); });
