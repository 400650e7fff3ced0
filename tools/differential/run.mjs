#!/usr/bin/env node
// Differential test: the mock against the authentik 2024.8.6 oracle. See README.md beside this file.
// node tools/differential/run.mjs --seed S --requests 300 [--mock-port P] [--oracle-port Q] [--out FILE]
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { makeRng } from './prng.mjs';
import { makeGenerator, finalRequests, TOKEN_LIST, TOKENS } from './gen.mjs';
import { compareAnswers, newCounters } from './compare.mjs';
import { formatReport } from './report.mjs';
import { startMock, startOracle, freePair, portFree } from './procs.mjs';
import { rejectedClientIps } from './pyip.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const repo = path.resolve(here, '..', '..');

function parseArgs(argv) {
  const o = { seed: 1, requests: 300, out: null, mockLog: null, dump: null, mockPort: null, oraclePort: null,
    mockCli: process.env.DIFFERENTIAL_MOCK_CLI ?? path.join(repo, 'dist', 'src', 'cli.js'),
    oracleDir: process.env.DIFFERENTIAL_ORACLE_DIR ?? path.resolve(repo, '..', 'shared', 'authentik-oracle') };
  const names = { '--seed': 'seed', '--requests': 'requests', '--out': 'out', '--mock-port': 'mockPort', '--oracle-port': 'oraclePort', '--mock-cli': 'mockCli', '--oracle-dir': 'oracleDir', '--mock-log': 'mockLog', '--dump': 'dump' };
  for (let i = 0; i < argv.length; i++) {
    const [flag, inline] = argv[i].split(/=(.*)/s);
    if (flag === '--help' || flag === '-h') { console.log('usage: node tools/differential/run.mjs --seed S --requests N [--mock-port P] [--oracle-port Q] [--out FILE] [--mock-cli dist/src/cli.js] [--oracle-dir ../shared/authentik-oracle] [--mock-log FILE] [--dump DIR]'); process.exit(0); }
    if (!names[flag]) throw new Error(`unknown option ${flag}`);
    const v = inline ?? argv[++i];
    if (v === undefined) throw new Error(`${flag} needs a value`);
    o[names[flag]] = v;
  }
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
    mock = await startMock({ cli: opt.mockCli, port: mp, seed: opt.seed, tokens: TOKEN_LIST, log: opt.mockLog });
    // the export's raw text goes to the oracle (JSON.parse + stringify would turn 12345678901234567890 into 12345678901234567000)
    let stateRaw = '';
    const exportMock = async () => { stateRaw = (await send(mock.origin, { method: 'GET', path: '/__mock__/state', headers: {} })).body.toString('utf8'); return JSON.parse(stateRaw); };
    let state = await exportMock();
    oracle = await startOracle({ dir: opt.oracleDir, port: op, state: stateRaw });
    const summary = JSON.parse(oracle.summary.slice(oracle.summary.indexOf('{')));

    const counters = newCounters();
    const ctx = { counters, ranTasks: new Set() };
    const world = { events: state.events, tasks: state.systemTasks };
    const gen = makeGenerator(makeRng(`differential:${opt.seed}`), world);
    const diffs = [];
    const unrenderable = [];
    const limits = [];

    const purgeUnrenderable = async (n, pks) => {
      for (const pk of pks) {
        const r = await send(oracle.origin, { method: 'GET', path: `/api/v3/events/events/${pk}/`, headers: SUPER });
        if (r.status < 500) continue;
        const dm = await send(mock.origin, { method: 'DELETE', path: `/api/v3/events/events/${pk}/`, headers: SUPER });
        const dor = await send(oracle.origin, { method: 'DELETE', path: `/api/v3/events/events/${pk}/`, headers: SUPER });
        unrenderable.push({ pk, n, mock: dm.status, oracle: dor.status });
      }
    };
    const checkAll = async (n) => {
      const r = await send(oracle.origin, { method: 'GET', path: '/api/v3/events/events/?page_size=1000000', headers: SUPER });
      if (r.status >= 500) await purgeUnrenderable(n, world.events.map((e) => e.pk));
    };

    const reqs = [];
    for (let n = 1; n <= opt.requests + 2; n++) {
      const req = n <= opt.requests ? gen() : finalRequests()[n - opt.requests - 1];
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
      const o = await send(oracle.origin, req, extra);
      if (req.write && (req.family === 'tasks-run' || req.runTask) && req.task && (m.status < 300 || o.status < 300)) ctx.ranTasks.add(req.task);
      const items = compareAnswers(req, o, m, ctx);
      if (items.length) {
        const bad = rejectedClientIps(req.path);
        if (bad.length) limits.push({ n, req, o, m, items, bad }); else diffs.push({ n, req, o, m, items });
      }
      if (req.write) {
        state = await exportMock();
        world.events = state.events; world.tasks = state.systemTasks;
        const pk = jsonOf(m)?.pk ?? req.target;
        if (items.length) {
          const r = await send(oracle.origin, { method: 'PUT', path: '/__oracle__/state', headers: { 'Content-Type': 'application/json' }, body: stateRaw });
          if (r.status !== 200) throw new Error(`re-sync failed: ${r.status} ${r.body}`);
          counters.resync++;
          if (pk) await purgeUnrenderable(n, [pk]);
          await checkAll(n);
        } else if (o.status >= 500 && pk) await purgeUnrenderable(n, [pk]);
        if (unrenderable.some((u) => u.n === n)) { state = await exportMock(); world.events = state.events; world.tasks = state.systemTasks; }
      }
    }

    const header = `differential: oracle ${oracle.origin} vs mock ${mock.origin}; N=${opt.requests} seed=${opt.seed}; state: ${summary.system_tasks} tasks, ${summary.events} events, ${summary.tokens} tokens (${summary.token_mode})` +
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
    const text = formatReport({ header, diffs, total: reqs.length, counters, unrenderable, limits });
    if (opt.out) fs.writeFileSync(opt.out, text); else process.stdout.write(text);
  } finally {
    await cleanup();
  }
}

main().then(() => process.exit(0), (e) => { console.error(`differential: ${e.stack || e.message}`); process.exit(2); });
