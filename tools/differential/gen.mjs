// Request generator: S-seeded requests from families meant to find differences.
// Each request: { family, variant, method, path, headers, body, write, target }.
const E = '/api/v3/events/events/';
const T = '/api/v3/events/system_tasks/';
const enc = (s) => encodeURIComponent(s).replace(/%25(00|0[0-9A-F]|1[0-9A-F]|7F)/g, '%$1');
const qs = (pairs) => (pairs.length ? '?' + pairs.map(([k, v]) => `${enc(k)}=${enc(v)}`).join('&') : '');

export const TOKENS = {
  super: 'acceptance-token', viewer: 'viewer', nobody: 'nobody', events: 'events',
};
export const TOKEN_LIST = 'acceptance-token,viewer:view_event+view_systemtask,nobody:,events:view_event+add_event+change_event+delete_event';

const EVENT_ORDER = ['pk', 'user', 'action', 'app', 'context', 'client_ip', 'created', 'expires', 'brand'];
const TASK_ORDER = ['uuid', 'name', 'full_name', 'uid', 'description', 'start_timestamp', 'finish_timestamp', 'duration', 'status', 'messages', 'expires', 'expiring'];
const ODD_TEXT = ['ß', 'SS', 'İ', 'i̇', 'ﬁ', 'FI', 'é', 'é', 'É', '🎉', 'a\u0301', 'ÄÖÜ', 'ünïcode', '%', '_', '\\', "'", '"', '*', ' ', '', '\t'];
const CTRL = ['\u0000', '\u0001', '\u001f', '\u007f', '\u0000x'];
const IPS = ['10/8', '10.0.0.0/8', '::ffff:1.2.3.4', '1.2.3', '1.2.3.4', '127.0.0.1', '::1', '0:0:0:0:0:0:0:1', '0000:0000:0000:0000:0000:ffff:192.168.100.200',
  'fe80::1', 'fe80::1%eth0', '2001:DB8::1', 'abc', '', ' 1.2.3.4', '1.2.3.4 ', '1.2.3.4/32', '256.1.1.1', '01.02.03.04', '::', '1.2.3.4\u0000'];
const DATES = ['2030-01-01T00:00:00Z', '2030-01-01', '20300101T000000', '2030-01-01T00:00:00+00:00', '2030-01-01T00:00:00.1234567Z', '2030-01-01T05:30:00+05:30',
  '2030-01-01T00:00:00-0800', '2030-01-01 00:00:00', '2030-13-01T00:00:00Z', '2030-02-30T00:00:00Z', '2020-01-01T00:00:00Z', '2030-01-01T00:00', 'tomorrow', '', '2030-01-01T24:00:00Z', '2030-01-01T00:00:00.123Z'];
const NUMS = ['1', '1.0', '-0', '0.0', '1e2', '1E2', '1e400', '-1e400', '1e20', '1e16', '0.30000000000000004', '0.1', '9007199254740993', '9223372036854775807',
  '9223372036854775808', '18446744073709551615', '18446744073709551616', '123456789012345678901234567890', '-9223372036854775809', '1.5e-7', '100000000000000000000.0', '2.0e0'];
const PAGES = ['0', '1', '2', '3', '-1', '3e2', '1.0', '1.5', '', 'abc', ' 2', '2 ', '99999999999999999999', '1000000', 'last', '0x1', '+1', '٣'];
const PAGE_SIZES = ['0', '1', '3', '7', '10', '99', '100', '101', '1000000', '-1', '-5', '3e2', '1.0', ' 5', '1_0', 'abc', '', '99999999999999999999', '+5', '٣'];

const ACTIONS = ['login', 'login_failed', 'logout', 'user_write', 'suspicious_request', 'password_set', 'secret_view', 'secret_rotate', 'invitation_used', 'authorize_application',
  'source_linked', 'impersonation_started', 'impersonation_ended', 'flow_execution', 'policy_execution', 'policy_exception', 'property_mapping_exception', 'system_task_execution',
  'system_task_exception', 'system_exception', 'configuration_error', 'model_created', 'model_updated', 'model_deleted', 'email_sent', 'update_available', 'custom_'];


const MATRIX_FORMS = ['empty', 'whitespace', 'nul', 'long', 'non-ascii', 'wildcard', 'upper', 'lower', 'swapcase', 'spaces', 'repeated', 'exact'];
const JSON_VALUES = ['1', '0', '-1', '2', '10', '1.0', '1e16', '-0.0', '0.0', '1.5', '1e-7', '12345678901234567890', '9007199254740993', '-9223372036854775809', '100',
  '"str"', '""', '"1"', '"a"', '"B"', '"true"', '"null"', '"é"', 'true', 'false', 'null', '[]', '[1]', '[1,2]', '[2]', '[[]]', '[{}]', '[null]', '["a"]', '[[1,[2]],{"a":[]}]',
  '{}', '{"a":1}', '{"b":1}', '{"aa":1}', '{"a":2}', '{"a":"1"}', '{"a":true}', '{"a":null}', '{"a":[1,2]}', '{"a":{"b":[1,{"c":null}]}}', '{"1":1}', '{"10":1}', '{"2":1}', '{"01":1}',
  '{"a":1,"bb":2}', '{"bb":1,"a":2}', '{"ccc":1}', '{"pk":1,"username":"u"}', '{"pk":"1","username":"U"}', '{"pk":2,"username":"ß","email":"x@y"}', '{"username":"admin"}',
  '{"a":1.0}', '{"a":1e16}', '{"a":-0.0}', '{"a":123456789012345678901234567890}', '{"name":"Brand","pk":"abc"}', '{"":1}', '{"a":{"a":{"a":{}}}}'];
const SEARCH_JSON = ['"', ':', '{', '}', '[', '\\', '\\\\', '1', '42', '1.0', '1e16', 'true', 'null', 'false', '\\u00e9', '\\u0000', 'é', '": "', '{"', '":', 'pk', 'username', '[]', '{}', ', "', '-0', '0.0'];
const DATE_FORMS = ['2030-01-01', '2030-01-01T00:00', '2030-01-01T00:00Z', '2030-01-01T00:00:00Z', '2030-01-01T00:00:00+00:00', '2030-01-01T00:00:00-0800', '2030-01-01T00:00:00-08:00',
  '2030-01-01T00:00:00.1234567Z', '2030-01-01T00:00:00.123456789+01:00', '2030-01-01 00:00:00', '2030-01-01 00:00:00Z', '2030-01-01t00:00:00z', '2024-02-30T00:00:00Z', '2024-02-29T12:00:00Z',
  '2023-02-29T00:00:00Z', '0001-01-01T00:00:00Z', '0001-01-01T00:00:00+01:00', '9999-12-31T23:59:59Z', '9999-12-31T23:59:59.999999Z', '9999-12-31T23:59:59-01:00', '3000-01-01T00:00:00Z',
  '2030-01-01T00:00:00+14:00', '2030-01-01T00:00:00+24:00', '2030-01-01T00:00:00,5Z', '2030-1-1T0:0:0Z', ' 2030-01-01T00:00:00Z', '2030-01-01T00:00:60Z', '2030-01-01T00:00:00+0530',
  '2030-01-01T00:00:00+05', '2030-W01', '20300101', '', 'now', '2030-01-01T00:00:00.Z', '1970-01-01T00:00:00Z', '2030-01-01T23:59:59.9999995Z'];
const IP_FORMS = ['1.2.3.4', '::1', '::ffff:1.2.3.4', '::ffff:102:304', '2001:db8::1', '2001:DB8:0:0:0:0:0:1', '2001:0db8:0000:0000:0000:0000:0000:0001', 'fe80::1%eth0', 'FE80::ABCD',
  '0.0.0.0', '255.255.255.255', '1.2.3', 'abc', '', ' 1.2.3.4', '1.2.3.4 ', '1.2.3.4/32', '01.2.3.4', '::', '1::', '::ffff:0.0.0.0', '64:ff9b::1.2.3.4', '1:2:3:4:5:6:7:8',
  '1:2:3:4:5:6:7:8:9', '::1:2:3:4:5:6:7', '2001:db8::1/128', '[::1]', '1.2.3.4:80', '::FFFF:1.2.3.4', '0:0:0:0:0:ffff:1.2.3.4', '2001:db8:0:0:1:0:0:1'];
const APP_EDGES = ['""', '" "', '"\\t"', JSON.stringify('a'.repeat(255)), JSON.stringify('a'.repeat(256)), JSON.stringify('a'.repeat(1000)), JSON.stringify('é'.repeat(255)), JSON.stringify('é'.repeat(256)),
  JSON.stringify('🎉'.repeat(200)), '1', '1.5', 'true', 'null', '[]', '{}', '["a"]', '" x "', '"a\\u0000"'];
const ACTION_EDGES = ['""', '" "', '"login "', '" login"', '"LOGIN"', '"custom_"', '"custom_x"', JSON.stringify('custom_' + 'x'.repeat(300)), '1', 'true', 'null', '[]', '{}', '["login"]', '"Login"', '"login\\u0000"'];
const PER_MONTH_QUERIES = ['{"app__icontains":"AUTH"}', '{"app__icontains":"%"}', '{"app__icontains":""}', '{"context__a":1}', '{"context__a":"1"}', '{"context__model__pk":"1"}', '{"context__model__app":"authentik_core"}',
  '{"context__a__b":null}', '{"context__has_key":"a"}', '{"created__gte":"2024-01-01"}', '{"created__gte":"2024-01-01T00:00:00Z"}', '{"created__gte":"abc"}', '{"created__lt":"9999-12-31"}',
  '{"client_ip__in":["1.2.3.4","::1"]}', '{"client_ip__in":["1.2.3.4","10/8"]}', '{"client_ip":"10/8"}', '{"client_ip__in":[]}', '{"pk__in":[]}', '{"pk__in":["00000000-0000-4000-8000-000000000000"]}',
  '{"pk__in":["abc"]}', '{"pk":"abc"}', '{"action__in":["login","logout"]}', '{"action__in":"login"}', '{"action__in":[]}', '{"action":"logout"}', '{"user__pk":1}', '{"user__pk__gt":0}',
  '{"user__username__icontains":"a"}', '{"brand__name":"x"}', '{"foo__bar":1}', '{"app":null}', '{"app":["x"]}', '{"app":{"a":1}}', '{"app__regex":"["}', '{"app__regex":"^a"}',
  '{"expires__year":2030}', '{"created__year__gte":2000}', '{"context__isnull":true}', '{"app__startswith":"authentik"}', '{"client_ip__startswith":"1"}', '{"client_ip__contains":"abc"}',
  '[]', '"x"', '1', 'null', '{"action__in":[1,2]}', '{"pk__in":[1]}', '{"created__range":["2020-01-01","2040-01-01"]}', '{"context__n__gt":0}', '{"context":{}}', '{"user":{}}'];
const TOP_N = [' 3 ', '3.0', '+3', '0', '1_0', '٣', '３', '-0', '03', '3 ', '\t3', '3\n', '1e1', '0x10', '', 'abc', '2147483648', '9223372036854775807', '-1', '−1', '١٠', '1__0', '_1', '00', '+0', ' ', '1 0'];

export function makeGenerator(rng, world, opts = {}) {
  // world: { events: [event], tasks: [task] } kept current by the runner
  // opts.weights: the families to draw from (2025.8 keeps only the events families, see gen-2025.mjs)
  const pickEvent = () => (world.events.length ? rng.pick(world.events) : null);
  const pickTask = () => rng.pick(world.tasks);
  const tokenPick = () => rng.weighted([[14, ['super', TOKENS.super]], [2, ['viewer', TOKENS.viewer]], [1, ['nobody', TOKENS.nobody]], [2, ['events', TOKENS.events]], [0.5, ['unknown', 'no-such-token']], [0.5, ['none', null]], [0.3, ['scheme Token', 'Token acceptance-token']]]);
  const auth = (req) => {
    const [name, tok] = tokenPick();
    if (name !== 'super') req.variant.push(`auth:${name}`);
    if (tok === null) return;
    req.headers.Authorization = tok.includes(' ') ? tok : `Bearer ${tok}`;
  };
  const textValue = (real) => rng.weighted([
    [4, real ?? 'x'], [2, (real ?? 'x').toUpperCase()], [1, (real ?? 'xy').slice(1, 4)], [3, rng.pick(ODD_TEXT)],
    [2, (real ?? 'x') + rng.pick(CTRL)], [1, rng.pick(CTRL)], [1, ` ${real ?? 'x'} `], [0.5, 'zzz-none'],
  ]);
  const ctxModel = (e, k) => { const m = e && e.context && e.context.model; return m && typeof m === 'object' ? String(m[k] ?? '') : undefined; };
  const ordering = (fields, extra) => {
    const n = rng.weighted([[6, 1], [3, 2], [1, 3]]);
    const terms = [];
    for (let i = 0; i < n; i++) {
      const f = rng.weighted([[8, rng.pick(fields)], [1, rng.pick(extra)]]);
      terms.push((rng.chance(0.45) ? '-' : '') + f);
    }
    return terms.join(rng.weighted([[6, ','], [1, ', '], [1, ',,']]));
  };
  const pagination = (pairs, v) => {
    if (rng.chance(0.35)) { const p = rng.pick(PAGES); pairs.push(['page', p]); v.push(`page=${JSON.stringify(p)}`); }
    if (rng.chance(0.45)) { const p = rng.pick(PAGE_SIZES); pairs.push(['page_size', p]); v.push(`page_size=${JSON.stringify(p)}`); }
  };
  const eventFilters = (pairs, v, many) => {
    const e = pickEvent();
    const cands = {
      action: () => textValue(e?.action), client_ip: () => rng.weighted([[2, e?.client_ip ?? '1.2.3.4'], [5, rng.pick(IPS)]]),
      username: () => textValue(e?.user?.username), brand_name: () => textValue(e?.brand?.name),
      context_model_pk: () => textValue(ctxModel(e, 'pk')), context_model_name: () => textValue(ctxModel(e, 'model_name')),
      context_model_app: () => textValue(ctxModel(e, 'app')), context_authorized_app: () => textValue(e?.context?.authorized_application?.pk),
      search: () => searchTerm(e), ordering: () => ordering(EVENT_ORDER, ['foo', '', '-', 'created ', 'event_uuid', 'user__username', 'context__n', 'pk;drop']),
    };
    for (const k of rng.some(Object.keys(cands), many)) { pairs.push([k, cands[k]()]); v.push(k); }
  };
  const searchTerm = (e) => rng.weighted([
    [3, e?.action ?? 'login'], [2, (e?.app ?? 'auth').slice(0, 4).toUpperCase()], [3, rng.pick(ODD_TEXT)], [1, e?.user?.username ?? 'a'], [1, e?.client_ip ?? '1.2'],
    [1, 'login ' + rng.pick(ODD_TEXT)], [1, 'login,logout'], [1, 'x' + rng.pick(CTRL)], [1, (e?.pk ?? '').slice(0, 8)], [1, 'http_request'], [1, '"n": 1'],
  ]);
  const oddId = (id, v) => {
    const form = rng.weighted([[10, 'canonical'], [1, 'uppercase'], [1, '32 hex'], [1, 'braces'], [1, 'urn:uuid'], [1, 'missing uuid'], [1, 'not a uuid'], [0.5, 'nul'], [0.5, 'dot']]);
    if (form !== 'canonical') v.push(form); else v.push('canonical');
    switch (form) {
      case 'uppercase': return id.toUpperCase();
      case '32 hex': return id.replace(/-/g, '');
      case 'braces': return '%7B' + id + '%7D';
      case 'urn:uuid': return 'urn:uuid:' + id;
      case 'missing uuid': return '00000000-0000-4000-8000-' + String(rng.int(1e12)).padStart(12, '0');
      case 'not a uuid': return rng.pick(['qwerqwer', '1', 'abc%20def', '%C3%9F']);
      case 'nul': return id + '%00';
      case 'dot': return id + '.json';
      default: return id;
    }
  };
  const detailQuery = (v) => {
    if (!rng.chance(0.2)) return '';
    const q = rng.pick([[['client_ip', 'abc']], [['action', 'zzz']], [['search', 'zzz']], [['page', 'abc']], [['ordering', 'foo']], [['username', '\u0000']], [['page_size', '-1']], [['client_ip', '10/8']], [['format', 'json']]]);
    v.push(qs(q));
    return qs(q);
  };

  // ---- bodies (raw JSON text, so duplicate keys and number spellings survive)
  const J = (x) => JSON.stringify(x);
  const obj = (pairs) => '{' + pairs.map(([k, raw]) => J(k) + ':' + raw).join(',') + '}';
  const oddContext = (v) => {
    const kind = rng.pick(['odd keys', 'numbers', 'nested arrays', 'duplicate keys', 'nul in string', 'deep', 'plain', 'model', 'non-object', 'long key']);
    v.push(`context=${kind}`);
    switch (kind) {
      case 'odd keys': return obj(rng.some([['', '1'], ['__proto__', '{"x":1}'], ['constructor', '"c"'], ['1', '"one"'], ['01', '"zero-one"'], ['10', '"ten"'], ['ß', '"s"'], ['🎉', 'true'], ['toString', '2'], ['a.b', '3'], ['0', 'null']], 4 + rng.int(4)));
      case 'numbers': return obj(rng.some(NUMS, 3 + rng.int(3)).map((n, i) => [`n${i}`, n]));
      case 'nested arrays': return obj([['a', '[[1,[2,[3,[]]]],{},[{"b":[null,1.0]}]]'], ['e', '[]']]);
      case 'duplicate keys': return obj([['k', '1'], ['k', '2'], ['m', '{"x":1,"x":"y"}']]);
      case 'nul in string': return obj([['s', J('a\u0000b')], ['t', '"\\u0000"']]);
      case 'deep': { let s = '{"leaf":true}'; for (let i = 0; i < 40; i++) s = `{"l${i}":${s}}`; return s; }
      case 'model': return J({ model: { pk: String(rng.int(100)), app: 'authentik_core', name: 'x', model_name: 'user' }, authorized_application: { pk: 'abc' } });
      case 'non-object': return rng.pick(['[]', '"str"', '1', 'null', '[1,2]', 'true']);
      case 'long key': return obj([['k'.repeat(300 + rng.int(3000)), '1'], ['é'.repeat(50), '"v"']]);
      default: return J({ message: 'hello', n: 1, http_request: { path: '/x/', method: 'GET' } });
    }
  };
  const eventBody = (v, partial) => {
    const pairs = [];
    const fields = partial ? rng.some(['action', 'app', 'context', 'client_ip', 'expires', 'user', 'brand', 'created', 'pk'], 1 + rng.int(3))
      : ['action', 'app', ...rng.some(['context', 'client_ip', 'expires', 'user', 'brand', 'created', 'pk', '__proto__', 'extra'], 1 + rng.int(4))];
    for (const f of fields) {
      switch (f) {
        case 'action': { const a = rng.weighted([[8, rng.pick(ACTIONS)], [1, 'bogus'], [1, 'LOGIN'], [0.5, '']]); pairs.push(['action', J(a)]); if (a === 'bogus' || a === 'LOGIN' || a === '') v.push(`action=${J(a)}`); break; }
        case 'app': { const a = rng.weighted([[6, '"differential"'], [1, rng.pick(NUMS)], [1, J(rng.pick(ODD_TEXT))], [0.5, '"a\\u0000b"'], [0.5, J('x'.repeat(300))], [0.3, 'null']]); pairs.push(['app', a]); if (a !== '"differential"') v.push(`app=${a.slice(0, 20)}`); break; }
        case 'context': pairs.push(['context', oddContext(v)]); break;
        case 'client_ip': { const ip = rng.pick(IPS); pairs.push(['client_ip', rng.chance(0.1) ? 'null' : J(ip)]); v.push(`client_ip=${J(ip)}`); break; }
        case 'expires': { const d = rng.pick(DATES); pairs.push(['expires', J(d)]); v.push(`expires=${J(d)}`); break; }
        case 'created': { pairs.push(['created', J('2020-01-01T00:00:00Z')]); v.push('created given'); break; }
        case 'pk': { pairs.push(['pk', J('11111111-1111-4111-8111-111111111111')]); v.push('pk given'); break; }
        case 'user': { const u = rng.pick(['{}', '{"pk":1,"username":"u","email":"e@x"}', '"str"', 'null', '[1]', '{"pk":1e2}']); pairs.push(['user', u]); v.push(`user=${u}`); break; }
        case 'brand': { const b = rng.pick(['{"pk":"abc","name":"Brand x"}', '{}', '"x"', 'null', '{"name":"ß"}']); pairs.push(['brand', b]); v.push(`brand=${b}`); break; }
        default: pairs.push([f, '1']); v.push(`key ${f}`);
      }
    }
    if (!partial && !fields.includes('expires') && rng.chance(0.5)) { pairs.push(['expires', '"2031-01-01T00:00:00Z"']); }
    let text = obj(pairs);
    const shape = rng.weighted([[20, null], [1, 'empty'], [1, 'array'], [1, 'truncated'], [0.5, 'trailing comma'], [0.5, 'bom'], [0.5, 'latin-1 bytes'], [0.5, 'NaN']]);
    if (shape) v.push(`body ${shape}`);
    if (shape === 'empty') text = '';
    if (shape === 'array') text = '[' + text + ']';
    if (shape === 'truncated') text = text.slice(0, Math.max(1, text.length - 3));
    if (shape === 'trailing comma') text = text.slice(0, -1) + ',}';
    if (shape === 'bom') text = '\ufeff' + text;
    if (shape === 'NaN') text = text.slice(0, -1) + ',"nan":NaN}';
    if (shape === 'latin-1 bytes') return Buffer.concat([Buffer.from(text.slice(0, -1) + ',"l":"'), Buffer.from([0xe9]), Buffer.from('"}')]);
    return text;
  };
  const contentType = (v) => {
    const ct = rng.weighted([[12, 'application/json'], [1, 'application/json; charset=utf-8'], [1, 'application/json; charset=latin-1'], [1, 'application/json;charset=UTF-8'],
      [1, 'text/plain'], [1, 'application/x-www-form-urlencoded'], [0.5, null], [0.5, 'APPLICATION/JSON'], [0.5, 'application/json; charset="utf-8"'], [0.5, 'application/vnd.api+json'], [0.3, 'application/json; charset=bogus']]);
    if (ct !== 'application/json') v.push(`content-type:${J(ct)}`);
    return ct;
  };


  const eventFilterBase = () => {
    const e = pickEvent();
    const k = rng.pick(['action', 'client_ip', 'username', 'brand_name', 'context_model_pk', 'context_model_name', 'context_model_app', 'context_authorized_app', 'search', 'ordering']);
    const base = { action: e?.action, client_ip: e?.client_ip ?? '1.2.3.4', username: e?.user?.username, brand_name: e?.brand?.name, context_model_pk: ctxModel(e, 'pk'),
      context_model_name: ctxModel(e, 'model_name'), context_model_app: ctxModel(e, 'app'), context_authorized_app: e?.context?.authorized_application?.pk,
      search: e?.app, ordering: rng.pick(EVENT_ORDER) }[k];
    return [k, typeof base === 'string' && base ? base : rng.pick(['login', 'Admin', 'authentik_core', 'x'])];
  };
  const taskFilterBase = () => {
    const t = pickTask();
    const k = rng.pick(['name', 'uid', 'status', 'search', 'ordering']);
    const base = { name: t.name, uid: t.uid, status: t.status, search: t.name, ordering: rng.pick(TASK_ORDER) }[k];
    return [k, typeof base === 'string' && base ? base : 'x'];
  };
  const swapCase = (s) => [...s].map((c) => (c === c.toUpperCase() ? c.toLowerCase() : c.toUpperCase())).join('');
  const matrixValues = (base, form, k) => {
    switch (form) {
      case 'empty': return [''];
      case 'whitespace': return [rng.pick([' ', '   ', '\t', '\n', '\u00a0', '\u3000', ' \t '])];
      case 'nul': return [rng.pick(['\u0000', base + '\u0000', '\u0000' + base])];
      case 'long': return [(base + 'x'.repeat(300)).slice(0, 300)];
      case 'non-ascii': return [rng.pick(['ünïcode', 'ß', 'İ', '日本語', '🎉', 'é', base + 'é', 'Ω'])];
      case 'wildcard': return [rng.pick(['%', '_', '%%', base.slice(0, 2) + '%', base.slice(0, 1) + '_' + base.slice(2), '\\%', '\\_', '%' + base.slice(1)])];
      case 'upper': return [base.toUpperCase()];
      case 'lower': return [base.toLowerCase()];
      case 'swapcase': return [swapCase(base)];
      case 'spaces': return [` ${base} `];
      case 'repeated': return rng.chance(0.5) ? [base, rng.pick(['zzz', '', base.toUpperCase()])] : [rng.pick(['zzz', '']), base];
      default: return [base];
    }
  };
  const families = {
    'tasks-list'(req) {
      const t = pickTask(); const pairs = [];
      const cands = {
        name: () => textValue(t.name), uid: () => textValue(t.uid ?? ''), status: () => rng.pick(['successful', 'error', 'warning', 'unknown', 'bogus', 'SUCCESSFUL', '', ' error ', 'error\u0000']),
        search: () => rng.weighted([[3, t.name.slice(0, 3 + rng.int(4))], [2, rng.pick(ODD_TEXT)], [1, 'apply blueprint'], [1, 'ens,cor'], [1, (t.description ?? 'Remove').toUpperCase()], [1, 'x\u0000']]),
        ordering: () => ordering(TASK_ORDER, ['foo', '', 'uid__x', '-', 'pk']),
      };
      for (const k of rng.some(Object.keys(cands), rng.int(4))) { pairs.push([k, cands[k]()]); req.variant.push(k); }
      pagination(pairs, req.variant);
      if (rng.chance(0.05)) { pairs.push(['name', t.name]); req.variant.push('repeated name'); }
      req.path = T + qs(pairs);
      req.method = rng.weighted([[20, 'GET'], [1, 'HEAD'], [1, 'OPTIONS'], [0.5, 'POST'], [0.3, 'DELETE']]);
      if (!pairs.length && req.method === 'GET') req.variant.push('plain');
    },
    'tasks-detail'(req) {
      const t = pickTask();
      req.path = T + oddId(t.uuid, req.variant) + '/' + detailQuery(req.variant);
      req.method = rng.weighted([[10, 'GET'], [1, 'HEAD'], [1, 'OPTIONS'], [1, 'PATCH'], [1, 'DELETE']]);
      if (req.method === 'PATCH') { req.body = '{"status":"error"}'; req.headers['Content-Type'] = 'application/json'; }
    },
    'tasks-run'(req) {
      const t = pickTask();
      req.variant.push('task');
      req.path = T + oddId(t.uuid, req.variant) + '/run/' + detailQuery(req.variant);
      req.method = rng.weighted([[12, 'POST'], [1, 'GET'], [0.5, 'PUT']]);
      req.write = req.method === 'POST';
      req.task = t.uuid;
      if (req.method !== 'GET' && rng.chance(0.2)) { const ct = contentType(req.variant); if (ct) req.headers['Content-Type'] = ct; req.body = rng.pick(['{"action":"login","app":"x"}', '', '{', 'null']); }
    },
    'events-list'(req) {
      const pairs = [];
      eventFilters(pairs, req.variant, rng.weighted([[2, 0], [5, 1], [3, 2], [1, 4]]));
      pagination(pairs, req.variant);
      req.path = E + qs(pairs);
      req.method = rng.weighted([[20, 'GET'], [1, 'HEAD'], [1, 'OPTIONS'], [0.3, 'DELETE'], [0.3, 'PATCH']]);
      if (!pairs.length && req.method === 'GET') req.variant.push('plain');
    },
    'events-detail'(req) {
      const e = pickEvent();
      const id = e ? e.pk : '00000000-0000-4000-8000-000000000000';
      req.path = E + oddId(id, req.variant) + '/' + detailQuery(req.variant);
      req.method = rng.weighted([[8, 'GET'], [1, 'HEAD'], [1, 'OPTIONS'], [4, 'PATCH'], [2, 'PUT'], [1.5, 'DELETE']]);
      req.target = id;
      if (req.method === 'PATCH' || req.method === 'PUT') {
        req.variant.push('body:');
        req.body = eventBody(req.variant, req.method === 'PATCH');
        const ct = contentType(req.variant); if (ct) req.headers['Content-Type'] = ct;
      }
      req.write = !['GET', 'HEAD', 'OPTIONS'].includes(req.method);
    },
    'events-create'(req) {
      req.method = 'POST'; req.path = E + (rng.chance(0.05) ? '?client_ip=abc' : ''); req.write = true;
      req.variant.push('body:');
      req.body = eventBody(req.variant, false);
      const ct = contentType(req.variant); if (ct) req.headers['Content-Type'] = ct;
    },
    'events-actions'(req) {
      const pairs = rng.chance(0.3) ? [[rng.pick(['search', 'ordering', 'page', 'page_size', 'action']), rng.pick(['login', '-name', '2', '5', '\u0000'])]] : [];
      pairs.forEach(([k]) => req.variant.push(k));
      req.path = E + 'actions/' + qs(pairs); req.method = rng.weighted([[10, 'GET'], [1, 'HEAD'], [1, 'OPTIONS'], [0.5, 'POST']]);
    },
    'events-volume'(req) {
      const pairs = []; eventFilters(pairs, req.variant, rng.int(3));
      if (rng.chance(0.2)) { pairs.push(['history_days', rng.pick(['7', '0', '-1', 'abc'])]); req.variant.push('history_days'); }
      req.path = E + 'volume/' + qs(pairs); req.method = 'GET';
    },
    'events-per_month'(req) {
      const pairs = [];
      if (rng.chance(0.7)) { pairs.push(['action', rng.weighted([[5, rng.pick(ACTIONS)], [1, 'bogus'], [1, ''], [1, 'login\u0000']])]); req.variant.push('action'); }
      if (rng.chance(0.6)) { pairs.push(['query', rng.pick(['{}', '{"app":"authentik.events.signals"}', '{"client_ip":"1.2.3.4"}', '{"context__model__app":"authentik_core"}', 'not json', '[]', '{"foo":1}', '{"app__icontains":"AUTH"}', '{"user__pk":2}', '{"app":"\\u0000"}', ''])]); req.variant.push(`query=${pairs[pairs.length - 1][1].slice(0, 30)}`); }
      if (rng.chance(0.2)) { pairs.push(['search', rng.pick(['login', 'ß'])]); req.variant.push('search'); }
      req.path = E + 'per_month/' + qs(pairs); req.method = 'GET';
    },
    'events-top_per_user'(req) {
      const pairs = [];
      if (rng.chance(0.7)) { pairs.push(['action', rng.pick([...ACTIONS.slice(0, 6), 'bogus', ''])]); req.variant.push('action'); }
      if (rng.chance(0.7)) { const n = rng.pick(['1', '3', '15', '0', '-1', 'abc', '1.5', '3e2', '99999999999999999999', '']); pairs.push(['top_n', n]); req.variant.push(`top_n=${J(n)}`); }
      if (rng.chance(0.15)) { pairs.push(['search', 'login']); req.variant.push('search'); }
      req.path = E + 'top_per_user/' + qs(pairs); req.method = 'GET';
    },
    // ---- wider families (second round)
    'filter-matrix'(req) {
      // one filter of either list route, on a route where the list's filters run, with an edge value
      const route = rng.weighted([[5, 'events-list'], [2, 'events-detail GET'], [1.5, 'events-detail PATCH'], [1, 'events-detail PUT'], [1, 'events-detail DELETE'],
        [3, 'tasks-list'], [1.5, 'tasks-detail'], [1, 'tasks-run'], [2, 'events-volume']]);
      const [k, base] = rng.weighted([[3, ['events', null]], [1, ['tasks', null]]])[0] === 'events' ? eventFilterBase() : taskFilterBase();
      const pairs = []; const form = rng.pick(MATRIX_FORMS);
      req.variant.push(`${route} ${k} ${form}`);
      for (const v of matrixValues(base, form, k)) pairs.push([k, v]);
      if (rng.chance(0.25)) { const [k2, b2] = rng.chance(0.5) ? eventFilterBase() : taskFilterBase(); pairs.push([k2, b2]); req.variant.push(`+${k2}`); }
      const q = qs(pairs);
      const e = pickEvent(); const t = pickTask();
      const eid = e ? e.pk : '00000000-0000-4000-8000-000000000000';
      switch (route) {
        case 'events-list': req.path = E + q; break;
        case 'events-volume': req.path = E + 'volume/' + q; break;
        case 'tasks-list': req.path = T + q; break;
        case 'tasks-detail': req.path = T + t.uuid + '/' + q; break;
        case 'tasks-run': req.path = T + t.uuid + '/run/' + q; req.method = 'POST'; req.write = true; req.runTask = true; req.task = t.uuid; break;
        default: {
          req.method = route.split(' ')[1]; req.path = E + eid + '/' + q; req.target = eid;
          if (req.method === 'PATCH') { req.body = J({ app: 'filtered-' + rng.int(1000) }); req.headers['Content-Type'] = 'application/json'; }
          if (req.method === 'PUT') { req.body = J({ action: rng.pick(ACTIONS), app: 'put-filtered', context: { n: rng.int(9) } }); req.headers['Content-Type'] = 'application/json'; }
          req.write = req.method !== 'GET';
        }
      }
    },
    'ordering-matrix'(req) {
      const tasks = rng.chance(0.3);
      const fields = tasks ? TASK_ORDER : EVENT_ORDER;
      const n = rng.weighted([[4, 1], [4, 2], [2, 3]]);
      const terms = [];
      const json = tasks ? ['messages'] : ['context', 'user', 'brand'];
      for (let i = 0; i < n; i++) terms.push((rng.chance(0.5) ? '-' : '') + (i === 0 && rng.chance(0.5) ? rng.pick(json) : rng.pick(fields)));
      const pairs = [['ordering', terms.join(',')]];
      req.variant.push(`ordering=${terms.join(',')}`);
      if (rng.chance(0.3)) { const ps = rng.pick(['1', '2', '5', '1000']); pairs.push(['page_size', ps]); req.variant.push(`page_size=${ps}`); if (rng.chance(0.5)) { pairs.push(['page', '2']); req.variant.push('page=2'); } }
      req.path = (tasks ? T : E) + qs(pairs);
    },
    'events-create-json'(req) {
      // events whose user / context / brand are every JSON type, so orderings and search have diverse rows
      const pairs = [['action', J(rng.pick(ACTIONS.slice(0, 8)))], ['app', J('json-' + rng.int(100))]];
      for (const f of ['user', 'context', 'brand']) if (rng.chance(f === 'brand' ? 0.6 : 0.85)) { const v = rng.pick(JSON_VALUES); pairs.push([f, v]); req.variant.push(`${f}=${v.slice(0, 40)}`); }
      if (rng.chance(0.3)) { const ip = rng.pick(['1.2.3.4', '::1', '10.0.0.1', '2001:db8::1']); pairs.push(['client_ip', J(ip)]); }
      req.method = 'POST'; req.path = E; req.write = true; req.create = true;
      req.body = obj(pairs); req.headers['Content-Type'] = 'application/json';
    },
    'events-search-json'(req) {
      const n = rng.weighted([[5, 1], [3, 2], [1, 3]]);
      const terms = []; for (let i = 0; i < n; i++) terms.push(rng.pick(SEARCH_JSON));
      const term = terms.join(rng.pick([' ', ' ', ',', '  ']));
      const pairs = [['search', term]];
      if (rng.chance(0.3)) pairs.push(['ordering', rng.pick(['pk', '-user', 'context', 'brand,pk', '-created'])]);
      req.variant.push(`search=${J(term)}`);
      req.path = rng.weighted([[6, E], [1, E + 'volume/'], [1, E + 'per_month/'], [1, E + 'top_per_user/'], [1, T]]) + qs(pairs);
    },
    'events-create-edge'(req) {
      const mode = rng.weighted([[5, 'POST'], [3, 'PATCH'], [2, 'PUT']]);
      const e = pickEvent();
      const eid = e ? e.pk : '00000000-0000-4000-8000-000000000000';
      req.method = mode; req.write = true;
      if (mode === 'POST') { req.path = E; req.create = true; } else { req.path = E + eid + '/'; req.target = eid; }
      const edge = rng.pick(['expires', 'created', 'client_ip', 'app', 'action', 'user', 'context', 'brand', 'body', 'duplicate', 'deep']);
      const pairs = mode === 'PATCH' ? [] : [['action', '"login"'], ['app', '"edge"']];
      const set = (k, raw) => { const i = pairs.findIndex(([x]) => x === k); if (i >= 0) pairs[i] = [k, raw]; else pairs.push([k, raw]); req.variant.push(`${k}=${raw.length > 50 ? raw.slice(0, 30) + `…(${raw.length})` : raw}`); };
      let text = null;
      switch (edge) {
        case 'expires': case 'created': set(edge, rng.chance(0.85) ? J(rng.pick(DATE_FORMS)) : rng.pick(['null', '1893456000', '[]', '{}', 'true'])); break;
        case 'client_ip': set('client_ip', rng.chance(0.85) ? J(rng.pick(IP_FORMS)) : rng.pick(['null', '1234', 'true', '[]', '["1.2.3.4"]'])); break;
        case 'app': case 'action': set(edge, rng.pick(edge === 'app' ? APP_EDGES : ACTION_EDGES)); break;
        case 'user': case 'context': case 'brand': set(edge, rng.pick(JSON_VALUES)); break;
        case 'body': text = rng.pick(['[]', '[{"action":"login","app":"x"}]', '"str"', '1', '1.5', 'null', 'true', '{}', '""', '[1,2]']); req.variant.push(`body=${text}`); break;
        case 'duplicate': text = rng.pick(['{"action":"login","action":"logout","app":"x"}', '{"app":"a","app":"b","action":"login"}', '{"action":"login","app":"x","context":{"a":1},"context":{"b":2}}',
          '{"action":"login","app":"x","user":{"pk":1,"pk":2}}', '{"action":"login","app":"x","expires":"2030-01-01T00:00:00Z","expires":"2031-01-01T00:00:00Z"}', '{"action":"login","app":"x","client_ip":"1.2.3.4","client_ip":"::1"}']); req.variant.push(`duplicate ${text.slice(0, 60)}`); break;
        case 'deep': {
          const d = 90 + rng.int(20); const arr = rng.chance(0.5);
          const v = arr ? '['.repeat(d) + '1' + ']'.repeat(d) : '{"a":'.repeat(d) + '1' + '}'.repeat(d);
          set(rng.pick(['context', 'user', 'brand']), v); req.variant.push(`deep ${arr ? 'arrays' : 'objects'} ${d}`); break;
        }
      }
      req.body = text ?? obj(pairs); req.headers['Content-Type'] = 'application/json';
    },
    'per_month-query'(req) {
      const pairs = [];
      if (rng.chance(0.5)) pairs.push(['action', rng.pick(['login', 'model_created', 'custom_', ''])]);
      const q = rng.pick(PER_MONTH_QUERIES);
      pairs.push(['query', q]); req.variant.push(`query=${q.slice(0, 60)}`);
      req.path = E + 'per_month/' + qs(pairs);
    },
    'top_n-forms'(req) {
      const n = rng.pick(TOP_N);
      const pairs = [['top_n', n]];
      if (rng.chance(0.4)) pairs.push(['action', rng.pick(['login', 'model_created', 'bogus'])]);
      req.variant.push(`top_n=${J(n)}`);
      req.path = E + 'top_per_user/' + qs(pairs);
    },
    'methods'(req) {
      // HEAD / OPTIONS on every route with each token, and methods a route does not allow
      const e = pickEvent(); const t = pickTask();
      const eid = e ? e.pk : '00000000-0000-4000-8000-000000000000';
      const routes = { list: E, detail: E + eid + '/', actions: E + 'actions/', volume: E + 'volume/', per_month: E + 'per_month/', top_per_user: E + 'top_per_user/',
        tasks: T, task: T + t.uuid + '/', run: T + t.uuid + '/run/' };
      const r = rng.pick(Object.keys(routes));
      const m = rng.weighted([[4, 'HEAD'], [4, 'OPTIONS'], [1, 'GET'], [1.5, 'POST'], [1.5, 'PUT'], [1.5, 'PATCH'], [1.5, 'DELETE']]);
      const [tn, tok] = rng.pick([['super', TOKENS.super], ['viewer', TOKENS.viewer], ['nobody', TOKENS.nobody], ['events', TOKENS.events], ['unknown', 'no-such-token'], ['none', null], ['scheme Token', 'Token acceptance-token']]);
      req.variant.push(`${m} ${r} auth:${tn}`);
      req.fixedAuth = true; if (tok) req.headers.Authorization = tok.includes(' ') ? tok : `Bearer ${tok}`;
      req.method = m; req.path = routes[r];
      if (['POST', 'PUT', 'PATCH'].includes(m)) { req.body = J({ action: 'login', app: 'methods', context: {} }); req.headers['Content-Type'] = 'application/json'; }
      req.write = !['GET', 'HEAD', 'OPTIONS'].includes(m);
      if (r === 'list' && m === 'POST') req.create = true;
      if (r === 'detail') req.target = eid;
      if (r === 'run' && m === 'POST') { req.runTask = true; req.task = t.uuid; }
    },
  };
  const weights = [[9, 'tasks-list'], [3, 'tasks-detail'], [3, 'tasks-run'], [18, 'events-list'], [12, 'events-detail'], [8, 'events-create'],
    [1, 'events-actions'], [2, 'events-volume'], [2, 'events-per_month'], [2, 'events-top_per_user'],
    [14, 'filter-matrix'], [8, 'ordering-matrix'], [6, 'events-create-json'], [5, 'events-search-json'], [9, 'events-create-edge'], [3, 'per_month-query'], [2, 'top_n-forms'], [6, 'methods']];
  if (opts.weights) weights.splice(0, weights.length, ...opts.weights);
  let count = 0;

  return function next() {
    count++;
    // the first requests create events with diverse JSON, so orderings and searches later meet them
    const family = count <= 15 && rng.chance(0.6) ? 'events-create-json' : rng.weighted(weights);
    const req = { family, variant: [], method: 'GET', path: '', headers: {}, body: undefined, write: false };
    families[family](req);
    if (!req.fixedAuth) auth(req);
    if (req.family.startsWith('events-') && ['actions', 'volume', 'per_month', 'top_per_user', 'list'].some((s) => req.family.endsWith(s)) && req.method === 'GET' && rng.chance(0.03)) {
      req.headers.Accept = rng.pick(['text/html', 'application/xml', '*/*', 'application/json; indent=2']); req.variant.push(`accept:${req.headers.Accept}`);
    }
    return req;
  };
}

export function finalRequests() {
  return [
    { family: 'final-state', variant: ['all events'], method: 'GET', path: E + '?ordering=pk&page_size=1000000', headers: { Authorization: `Bearer ${TOKENS.super}` } },
    { family: 'final-state', variant: ['all tasks'], method: 'GET', path: T + '?ordering=uuid&page_size=1000000', headers: { Authorization: `Bearer ${TOKENS.super}` } },
  ];
}
