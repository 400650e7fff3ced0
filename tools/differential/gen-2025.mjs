// Request families for authentik 2025.8 (--authentik-version 2025.8): the Dramatiq tasks API (tasks, schedules,
// workers) and the 2025.8 events changes, plus gen.mjs's events families (those that touch no system task).
import { makeGenerator } from './gen.mjs';

const E = '/api/v3/events/events/';
const T = '/api/v3/tasks/tasks/';
const S = '/api/v3/tasks/schedules/';
const W = '/api/v3/tasks/workers';
const enc = (s) => encodeURIComponent(s).replace(/%25(00|0[0-9A-F]|1[0-9A-F]|7F)/g, '%$1');
const qs = (pairs) => (pairs.length ? '?' + pairs.map(([k, v]) => `${enc(k)}=${enc(v)}`).join('&') : '');
const J = (x) => JSON.stringify(x);

export const TOKENS_2025 = { super: 'acceptance-token', viewer: 'viewer', nobody: 'nobody', events: 'events', ops: 'ops' };
export const TOKEN_LIST_2025 = 'acceptance-token,viewer:view_event+view_task+view_schedule,nobody:,events:view_event+add_event+change_event+delete_event,'
  + 'ops:view_task+retry_task+view_schedule+change_schedule+send_schedule+view_system_info';

const STATES = ['queued', 'consumed', 'rejected', 'done'];
const AGG = ['queued', 'consumed', 'rejected', 'done', 'info', 'warning', 'error'];
const TASK_ORDER = ['message_id', 'queue_name', 'actor_name', 'state', 'mtime', 'rel_obj_content_type__app_label', 'rel_obj_content_type__model', 'rel_obj_id',
  '_messages', '_previous_messages', 'aggregated_status'];
const TASK_ORDER_DROPPED = ['uid', 'messages', 'description', 'rel_obj_app_label', 'previous_messages', 'foo', '', 'message_id ', 'args'];
const SCHED_ORDER = ['id', 'identifier', 'actor_name', 'rel_obj_content_type__app_label', 'rel_obj_content_type__model', 'rel_obj_id', 'crontab', 'paused', 'next_run'];
const SCHED_ORDER_DROPPED = ['uid', 'description', 'last_task_status', 'foo', 'rel_obj_model'];
const BOOLS = ['true', 'false', 'True', 'FALSE', '1', '0', 'yes', 'no', 'on', 'off', '', ' true', 'bogus', 't', 'f'];
const PAGES = ['', '1', '2', '0', '-1', 'abc', '1.0', '99999'];
const PAGE_SIZES = ['', '1', '3', '100', '101', '0', '-1', 'abc', '1000000'];
const ODD = ['', ' ', '\u0000', 'x\u0000', 'ß', 'É', '%', '_', 'zzz', '"quoted phrase"', "'a b'", 'a,,b', 'DONE', 'authentik', 'tasks'];
const CRONTABS = ['* * * * *', '*/5 * * * *', '0 0 * * *', '61 * * * *', '0 24 * * *', '* * 0 * *', '* * * 13 *', '* * * * 7', '* * * * 8', '*/0 * * * *', '5-1 * * * *',
  '1,,2 * * * *', '@daily', '0 0 * * * *', '* * * *', ' 0 0 * * * ', '0\t0 * * *', 'MON * * * *', '0 0 * JAN mon-fri', '0 0 * jan MON-FRI', '*/61 * * * *', '０ 0 * * *', '? * * * *',
  'L * * * *', '1.5 * * * *', '-1 * * * *', '', '   ', '0 0 1,15 * *', '2-59/5 * * * *', '0 0 31 2 *'];
const CRON_TYPES = ['5', '0', 'null', 'true', '[]', '{}', '["* * * * *"]', '1.5'];
const PAUSED = ['true', 'false', '"true"', '"false"', '"True"', '"yes"', '"no"', '"on"', '"off"', '"1"', '"0"', '1', '0', '"t"', '"f"', '"y"', '"n"', 'null', '"bogus"', '2', '[]', '""', '1.0'];
const REL_OBJ = ['null', '""', '" "', '"abc"', '"00000000-0000-4000-8000-000000000000"', '1', '[]', '{}', J('x'.repeat(300)), '"a\\u0000b"', 'true'];
const HISTORY_DAYS = ['', '0', '1', '3', '7', '30', '-1', 'abc', '1.5', ' 3', '3 ', '+3', '1e1', '٣', '100000', '0x3', '03', '1_0'];
const ACTIONS_F = ['login', 'logout', 'login_failed', 'model_created', 'bogus', '', 'LOGIN', 'login,logout', ' login', 'system_task_exception', 'custom_'];

export function makeGenerator2025(rng, world) {
  // world: { events, tasks, schedules } kept current by the runner
  const events = makeGenerator(rng, world, { weights: [[14, 'events-list'], [10, 'events-detail'], [6, 'events-create'], [1, 'events-actions'], [2, 'events-volume'],
    [2, 'events-per_month'], [2, 'events-top_per_user'], [4, 'events-create-json'], [4, 'events-search-json'], [6, 'events-create-edge'], [2, 'top_n-forms']] });
  const task = () => rng.pick(world.tasks);
  const sched = () => rng.pick(world.schedules);
  const tokenPick = () => rng.weighted([[12, ['super', 'acceptance-token']], [3, ['viewer', 'viewer']], [2, ['nobody', 'nobody']], [1, ['events', 'events']], [3, ['ops', 'ops']],
    [0.7, ['unknown', 'no-such-token']], [0.7, ['none', null]]]);
  const auth = (req, pick = tokenPick()) => {
    const [name, tok] = pick;
    if (name !== 'super') req.variant.push(`auth:${name}`);
    if (tok) req.headers.Authorization = `Bearer ${tok}`;
  };
  const id = (real, v) => {
    const form = rng.weighted([[10, 'canonical'], [1, 'uppercase'], [1, '32 hex'], [1, 'missing'], [1, 'malformed'], [0.5, 'nul'], [0.5, 'braces']]);
    v.push(`id:${form}`);
    switch (form) {
      case 'uppercase': return real.toUpperCase();
      case '32 hex': return real.replace(/-/g, '');
      case 'missing': return '00000000-0000-4000-8000-' + String(rng.int(1e12)).padStart(12, '0');
      case 'malformed': return rng.pick(['abc', '1', 'qwerqwer', '%C3%9F', real.slice(0, 30)]);
      case 'nul': return real + '%00';
      case 'braces': return '%7B' + real + '%7D';
      default: return real;
    }
  };
  const ordering = (fields, dropped) => {
    const n = rng.weighted([[6, 1], [3, 2], [1, 3]]);
    const terms = [];
    for (let i = 0; i < n; i++) terms.push((rng.chance(0.45) ? '-' : '') + rng.weighted([[8, rng.pick(fields)], [2, rng.pick(dropped)]]));
    return terms.join(rng.weighted([[6, ','], [1, ', ']]));
  };
  const pagination = (pairs, v) => {
    if (rng.chance(0.3)) { const p = rng.pick(PAGES); pairs.push(['page', p]); v.push(`page=${J(p)}`); }
    if (rng.chance(0.4)) { const p = rng.pick(PAGE_SIZES); pairs.push(['page_size', p]); v.push(`page_size=${J(p)}`); }
  };
  const text = (real) => rng.weighted([[5, real ?? 'x'], [1, (real ?? 'x').toUpperCase()], [1, ` ${real ?? 'x'} `], [2, rng.pick(ODD)]]);
  const taskFilters = (pairs, v, many) => {
    const t = task();
    const c = {
      queue_name: () => text(t.queue_name), actor_name: () => text(t.actor_name), state: () => rng.weighted([[5, rng.pick(STATES)], [1, 'bogus'], [1, 'DONE'], [1, '']]),
      rel_obj_id: () => text(t.rel_obj_id ?? undefined), rel_obj_content_type__app_label: () => text(t.rel_obj_app_label), rel_obj_content_type__model: () => text(t.rel_obj_model),
      rel_obj_id__isnull: () => rng.pick(BOOLS), aggregated_status: () => rng.weighted([[5, rng.pick(AGG)], [1, 'bogus'], [1, ''], [1, 'info,error']]),
      search: () => rng.weighted([[3, t.actor_name.split('.').pop()], [2, rng.pick(ODD)], [1, t.message_id.slice(0, 8)], [1, `"${t.actor_name.split('.').slice(-2).join('.')}"`], [1, t.state]]),
      ordering: () => ordering(TASK_ORDER, TASK_ORDER_DROPPED),
    };
    for (const k of rng.some(Object.keys(c), many)) {
      pairs.push([k, c[k]()]); v.push(k);
      if ((k === 'aggregated_status' || k === 'state') && rng.chance(0.3)) { pairs.push([k, rng.pick(AGG)]); v.push(`${k} repeated`); }
    }
  };
  const schedFilters = (pairs, v, many) => {
    const s = sched();
    const c = {
      actor_name: () => text(s.actor_name), rel_obj_id: () => text(s.rel_obj_id ?? undefined), rel_obj_content_type__app_label: () => text(s.rel_obj_app_label),
      rel_obj_content_type__model: () => text(s.rel_obj_model), paused: () => rng.pick(BOOLS), rel_obj_id__isnull: () => rng.pick(BOOLS),
      search: () => rng.weighted([[4, s.actor_name.split('.').pop()], [1, '\u0000'], [1, '']]), ordering: () => ordering(SCHED_ORDER, SCHED_ORDER_DROPPED),
    };
    for (const k of rng.some(Object.keys(c), many)) { pairs.push([k, c[k]()]); v.push(k); }
  };
  const detailQuery = (filters, v) => {
    if (!rng.chance(0.2)) return '';
    const pairs = []; filters(pairs, v, 1); return qs(pairs);
  };
  const scheduleBody = (v, put) => {
    const pairs = [];
    const fields = put ? rng.some(['crontab', 'crontab', 'paused', 'rel_obj_id', 'id', 'next_run', 'extra'], 1 + rng.int(3)) : rng.some(['crontab', 'paused', 'rel_obj_id', 'actor_name', 'next_run'], 1 + rng.int(2));
    for (const f of new Set(fields)) {
      let raw;
      if (f === 'crontab') raw = rng.chance(0.85) ? J(rng.pick(CRONTABS)) : rng.pick(CRON_TYPES);
      else if (f === 'paused') raw = rng.pick(PAUSED);
      else if (f === 'rel_obj_id') raw = rng.pick(REL_OBJ);
      else raw = J(f === 'next_run' ? '2030-01-01T00:00:00Z' : 'ignored');
      pairs.push(`${J(f)}:${raw}`); v.push(`${f}=${raw.slice(0, 24)}`);
    }
    const kind = rng.weighted([[12, 'object'], [1, 'array'], [1, 'string'], [1, 'broken'], [1, 'empty']]);
    if (kind !== 'object') v.push(`body:${kind}`);
    return { object: `{${pairs.join(',')}}`, array: '[]', string: '"x"', broken: '{"crontab":', empty: '' }[kind];
  };

  const families = {
    'tasks-list'(req) {
      const pairs = []; taskFilters(pairs, req.variant, rng.weighted([[3, 0], [5, 1], [3, 2], [1, 4]])); pagination(pairs, req.variant);
      req.path = T + qs(pairs);
    },
    'tasks-detail'(req) {
      const t = task();
      req.method = rng.weighted([[8, 'GET'], [1, 'HEAD'], [1, 'OPTIONS'], [1, 'PUT'], [1, 'PATCH'], [1, 'DELETE']]);
      req.path = T + id(t.message_id, req.variant) + '/' + detailQuery(taskFilters, req.variant);
      if (['PUT', 'PATCH'].includes(req.method)) { req.body = '{}'; req.headers['Content-Type'] = 'application/json'; }
    },
    'tasks-retry'(req) {
      const t = task();
      req.method = 'POST'; req.write = true; req.retry = true;
      req.variant.push(`state:${t.state}`);
      const mid = rng.chance(0.85) ? t.message_id : id(t.message_id, req.variant);
      req.path = T + mid + '/retry/' + detailQuery(taskFilters, req.variant); req.task = mid;
      if (rng.chance(0.2)) { req.body = '{"a":1}'; req.headers['Content-Type'] = 'application/json'; req.variant.push('body'); }
    },
    'schedules-list'(req) {
      const pairs = []; schedFilters(pairs, req.variant, rng.weighted([[3, 0], [5, 1], [3, 2], [1, 4]])); pagination(pairs, req.variant);
      req.path = S + qs(pairs);
    },
    'schedules-detail'(req) {
      const s = sched();
      req.method = rng.weighted([[8, 'GET'], [1, 'HEAD'], [1, 'OPTIONS'], [1, 'DELETE'], [1, 'POST']]);
      req.path = S + id(s.id, req.variant) + '/' + detailQuery(schedFilters, req.variant);
    },
    'schedules-update'(req) {
      const s = sched();
      req.method = rng.pick(['PATCH', 'PATCH', 'PUT']); req.write = true; req.schedule = true;
      req.path = S + (rng.chance(0.9) ? s.id : id(s.id, req.variant)) + '/' + (rng.chance(0.1) ? qs([['paused', rng.pick(BOOLS)]]) : '');
      req.body = scheduleBody(req.variant, req.method === 'PUT');
      req.headers['Content-Type'] = rng.weighted([[10, 'application/json'], [1, 'application/json; charset=utf-8'], [1, 'text/plain']]);
    },
    'schedules-send'(req) {
      const s = sched();
      req.method = 'POST'; req.write = true; req.send = true;
      req.path = S + (rng.chance(0.85) ? s.id : id(s.id, req.variant)) + '/send/' + (rng.chance(0.1) ? '?search=x' : '');
    },
    workers(req) {
      req.method = rng.weighted([[8, 'GET'], [1, 'HEAD'], [1, 'OPTIONS'], [1, 'POST'], [1, 'DELETE']]);
      req.path = rng.weighted([[8, W], [1, W + '/'], [1, W + '?page=2']]); req.workers = true;
    },
    'methods-2025'(req) {
      const t = task(), s = sched();
      const routes = { tasks: T, task: T + t.message_id + '/', retry: T + t.message_id + '/retry/', schedules: S, schedule: S + s.id + '/', send: S + s.id + '/send/', workers: W,
        events: E, actions: E + 'actions/', volume: E + 'volume/', top: E + 'top_per_user/' };
      const r = rng.pick(Object.keys(routes));
      const m = rng.pick(['GET', 'HEAD', 'OPTIONS', 'POST', 'PUT', 'PATCH', 'DELETE']);
      const pick = rng.pick([['super', 'acceptance-token'], ['viewer', 'viewer'], ['nobody', 'nobody'], ['events', 'events'], ['ops', 'ops'], ['unknown', 'no-such-token'], ['none', null]]);
      req.variant.push(`${m} ${r}`); auth(req, pick); req.fixedAuth = true;
      req.method = m; req.path = routes[r];
      if (['POST', 'PUT', 'PATCH'].includes(m)) { req.body = r === 'schedule' ? '{"paused":false}' : '{}'; req.headers['Content-Type'] = 'application/json'; }
      req.write = !['GET', 'HEAD', 'OPTIONS'].includes(m);
      if (r === 'retry' && m === 'POST') { req.retry = true; req.task = t.message_id; }
      if (r === 'send' && m === 'POST') req.send = true;
      if (r === 'schedule' && req.write) req.schedule = true;
      if (r === 'events' && m === 'POST') req.create = true;
      if (r === 'workers') req.workers = true;
    },
    'events-2025'(req) {
      const e = rng.pick(world.events);
      const pairs = [];
      const form = rng.pick(['actions', 'actions', 'username', 'search-quoted', 'search-nul', 'page-empty', 'volume', 'volume', 'per_month', 'dict-body']);
      req.variant.push(form);
      if (form === 'actions') {
        const n = 1 + rng.int(3);
        for (let i = 0; i < n; i++) pairs.push(['actions', rng.weighted([[4, e?.action ?? 'login'], [3, rng.pick(ACTIONS_F)]])]);
        if (rng.chance(0.3)) pairs.push(['action', 'log']);
        req.path = rng.weighted([[5, E], [1, E + 'volume/'], [1, E + (e?.pk ?? 'x') + '/']]) + qs(pairs);
      } else if (form === 'username') {
        const u = rng.weighted([[3, e?.user?.username ?? 'a'], [3, typeof e?.context?.username === 'string' ? e.context.username : 'akadmin'], [1, ''], [1, 'AKADMIN']]);
        req.path = E + qs([['username', u]]);
      } else if (form === 'search-quoted') {
        req.path = E + qs([['search', rng.pick([`"${e?.action ?? 'login'} x"`, `"${e?.app ?? 'authentik'}"`, `'${e?.action}'`, `"${e?.action}",${e?.app}`, '"unclosed', '""'])]]);
      } else if (form === 'search-nul') {
        req.path = rng.pick([E, E + 'volume/', E + (e?.pk ?? 'x') + '/', T, S]) + qs([['search', rng.pick(['\u0000', 'a\u0000', '\u0000b'])]]);
      } else if (form === 'page-empty') {
        req.path = rng.pick([E, T, S]) + qs([['page', ''], ...(rng.chance(0.5) ? [['page_size', '2']] : [])]);
      } else if (form === 'volume') {
        const h = rng.pick(HISTORY_DAYS); pairs.push(['history_days', h]); req.variant.push(`history_days=${J(h)}`);
        if (rng.chance(0.3)) pairs.push(['action', e?.action ?? 'login']);
        req.path = E + 'volume/' + qs(pairs);
      } else if (form === 'per_month') {
        req.path = E + rng.pick(['per_month/', 'per_month/?query=%7B%7D', 'per_month']);
      } else {
        req.method = rng.pick(['POST', 'PATCH', 'PUT']); req.write = true;
        const field = rng.pick(['context', 'user', 'brand']);
        const val = rng.pick(['[]', '"s"', '1', 'null', '{}', '{"a":1}', '[{"a":1}]', 'true']);
        req.body = `{"action":"login","app":"x",${J(field)}:${val}}`; req.headers['Content-Type'] = 'application/json'; req.variant.push(`${field}=${val}`);
        if (req.method === 'POST') { req.path = E; req.create = true; } else { req.path = E + (e?.pk ?? 'x') + '/'; req.target = e?.pk; }
      }
    },
  };
  const weights = [[10, 'tasks-list'], [4, 'tasks-detail'], [4, 'tasks-retry'], [7, 'schedules-list'], [3, 'schedules-detail'], [6, 'schedules-update'], [2, 'schedules-send'],
    [2, 'workers'], [5, 'methods-2025'], [8, 'events-2025'], [20, 'events']];
  let count = 0;
  return function next() {
    count++;
    const family = count <= 10 ? 'events' : rng.weighted(weights);
    if (family === 'events') return events();
    const req = { family, variant: [], method: 'GET', path: '', headers: {}, body: undefined, write: false };
    families[family](req);
    if (!req.fixedAuth) auth(req);
    return req;
  };
}

export function finalRequests2025() {
  const h = { Authorization: 'Bearer acceptance-token' };
  return [
    { family: 'final-state', variant: ['all events'], method: 'GET', path: E + '?ordering=pk&page_size=1000000', headers: h },
    { family: 'final-state', variant: ['all tasks'], method: 'GET', path: T + '?ordering=message_id&page_size=1000000', headers: h },
    { family: 'final-state', variant: ['all schedules'], method: 'GET', path: S + '?ordering=id&page_size=1000000', headers: h },
  ];
}
