import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import type { InjectResponse } from './helpers/inject';
import type { EventActions } from '../src/openapi/generated/schemas';
import { days, hours, type Micros } from '../src/python/py-datetime';
import type { EventRecord } from '../src/store/records';
import { createStore } from '../src/store/store';
import { createTestApp, EVENTS } from './helpers/test-app';

// authentik-behaviour.md, "Measured on authentik's own code": the events list actions, and measured/README.md.
const MEASURED = join(__dirname, '..', 'reference', 'authentik-2024.8.6', 'measured');
const measured = (file: string) => JSON.stringify(JSON.parse(readFileSync(join(MEASURED, file), 'utf8')));

const NOW: Micros = Date.UTC(2026, 10, 29, 12, 0, 0) * 1000 + 123_456;
const HOUR = hours(1);

function event(action: EventActions, ageMicros: Micros, extra: Partial<EventRecord> = {}): EventRecord {
  const created = NOW - ageMicros;
  return { pk: randomUUID(), user: { pk: 1 }, action, app: 'test', context: {}, client_ip: '10.0.0.1', created, expires: created + days(365), brand: {}, ...extra };
}

/** The mock over these events, at a fixed now, with a superuser, a viewer of nothing and a token with no permissions. */
function appWith(events: EventRecord[]) {
  const store = createStore();
  for (const e of events) store.events.set(e.pk, e);
  const tokens = new Map([
    ['admin', { token: 'admin', superuser: true, permissions: new Set<never>() }],
    ['nobody', { token: 'nobody', superuser: false, permissions: new Set<never>() }],
  ]);
  return createTestApp({ store, clock: () => NOW, tokenPolicy: { mode: 'list', tokens } });
}
const as = (token: string) => ({ Authorization: `Bearer ${token}` });

/** The x_cord of point i, as authentik computes it: now + i × step, whole seconds, in milliseconds. */
const xCord = (i: number, step: Micros) => Math.floor((NOW + i * step) / 1_000_000) * 1000;

describe('events_events_actions_list', () => {
  const { http } = appWith([]);

  it('lists every EventAction as authentik does, byte for byte (measured/event-actions.json)', async () => {
    const res = await http.get(`${EVENTS}actions/`).set(as('admin'));
    expect([res.status, res.text, res.headers.allow, res.headers['content-type']]).toEqual([200, measured('event-actions.json'), 'GET, HEAD, OPTIONS', 'application/json; charset=utf-8']);
  });

  it('needs only authentication', async () => {
    expect((await http.get(`${EVENTS}actions/`).set(as('nobody'))).status).toBe(200);
    const anonymous = await http.get(`${EVENTS}actions/`);
    expect([anonymous.status, anonymous.body]).toEqual([403, { detail: 'Authentication credentials were not provided.' }]);
  });

  it('is routed before the detail route, so `actions` is never an event id', async () => {
    const res = await http.patch(`${EVENTS}actions/`).set(as('admin')).send({});
    expect([res.status, res.body, res.headers.allow]).toEqual([405, { detail: 'Method "PATCH" not allowed.' }, 'GET, HEAD, OPTIONS']);
  });

  it.each([
    ['actions/', 'options_event-actions.json'],
    ['volume/', 'options_event-volume.json'],
  ])('answers OPTIONS on %s with the measured metadata (%s)', async (path, file) => {
    const res = await http.options(`${EVENTS}${path}`).set(as('admin'));
    expect([res.status, res.text]).toEqual([200, measured(file)]);
  });
});

describe('events_events_volume_list', () => {
  const step = HOUR * 8;
  const events = [
    event('login', HOUR / 2), // hour component 0: point i = 0
    event('login', HOUR * 1.5), // 1: i = -1
    event('logout', days(1) + HOUR * 1.25), // the day is not counted, only the hour (1): i = -1
    event('login', -HOUR * 1.5), // created in the future: -1, the first point (i = 1)
    event('login', days(6) + HOUR * 20.5), // 20: the last point (i = -20)
    event('login', days(6) + HOUR * 21.5), // 21: no point shows hours 21 to 23
    event('login', days(7) + HOUR), // outside the 7 days
  ];
  const { http } = appWith(events);

  it('gives 22 points 8 hours apart, x_cord as orjson writes a float, y_cord per hour component of the age', async () => {
    const res = await http.get(`${EVENTS}volume/`).set(as('admin'));
    expect([res.status, res.headers.allow]).toEqual([200, 'GET, HEAD, OPTIONS']);
    const expectedY = new Map([[1, 1], [0, 1], [-1, 2], [-20, 1]]);
    const points = Array.from({ length: 22 }, (_, k) => 1 - k).map((i) => `{"x_cord":${xCord(i, step)}.0,"y_cord":${expectedY.get(i) ?? 0}}`);
    expect(res.text).toBe(`[${points.join(',')}]`);
  });

  it('applies the events list filters and search', async () => {
    const byAction = await http.get(`${EVENTS}volume/?action=logout`).set(as('admin'));
    expect((byAction.body as Array<{ y_cord: number }>).map((p) => p.y_cord)).toEqual([0, 0, 1, ...new Array(19).fill(0)]);
    const none = await http.get(`${EVENTS}volume/?search=nothing-matches`).set(as('admin'));
    expect((none.body as Array<{ y_cord: number }>).map((p) => p.y_cord)).toEqual(new Array(22).fill(0));
  });

  it('fails as authentik does on a client_ip filter that is no address', async () => {
    const res = await http.get(`${EVENTS}volume/?client_ip=abc`).set(as('admin'));
    expect([res.status, res.headers['content-type']]).toEqual([500, 'text/html; charset=utf-8']);
  });

  it('needs the view permission on events', async () => {
    const res = await http.get(`${EVENTS}volume/`).set(as('nobody'));
    expect([res.status, res.body]).toEqual([403, { detail: 'You do not have permission to perform this action.' }]);
  });
});

describe('events_events_per_month_list', () => {
  const step = days(28) / 30;
  const app = (id: string) => ({ authorized_application: { pk: id, name: id } });
  const events = [
    event('login', HOUR * 3, { context: app('a'), user: { pk: 5 } }), // day 0: i = 0
    event('login', days(2) + HOUR * 23, { context: app('b') }), // day 2: i = -2
    event('authorize_application', days(2), { context: app('a') }),
    event('login', days(27) + HOUR * 23, { client_ip: 'fb8f::1' }), // day 27: i = -27
    event('login', days(28) + HOUR), // outside the 4 weeks
  ];
  const { http } = appWith(events);
  const yCords = (res: InjectResponse) => (res.body as Array<{ y_cord: number }>).map((p) => p.y_cord);

  it('counts login events by day component of the age, 31 points 22.4 hours apart', async () => {
    const res = await http.get(`${EVENTS}per_month/`).set(as('admin'));
    const expectedY = new Map([[0, 1], [-2, 1], [-27, 1]]);
    const points = Array.from({ length: 31 }, (_, k) => 1 - k).map((i) => `{"x_cord":${xCord(i, step)}.0,"y_cord":${expectedY.get(i) ?? 0}}`);
    expect([res.status, res.text]).toEqual([200, `[${points.join(',')}]`]);
  });

  it.each([
    ['action=authorize_application', [0, 0, 0, 1]],
    ['action=', [0, 0, 0, 0]],
    [`query=${encodeURIComponent('{"context__authorized_application__pk": "a"}')}`, [0, 1, 0, 0]],
    [`query=${encodeURIComponent('{"user__pk": 5}')}`, [0, 1, 0, 0]],
    [`query=${encodeURIComponent('{"user__pk": "5"}')}`, [0, 0, 0, 0]],
    [`query=${encodeURIComponent('{"context__authorized_application__isnull": true}')}`, [0, 0, 0, 0]],
    [`query=${encodeURIComponent('{"client_ip": "FB8F:0::1", "app__icontains": "TES"}')}`, [0, 0, 0, 0]],
    [`query=${encodeURIComponent('{"created__gte": "2026-11-26T00:00:00Z"}')}`, [0, 1, 0, 1]],
  ])('filters by action (exact, login by default) and Django lookups in query: %s', async (query, firstFour) => {
    const res = await http.get(`${EVENTS}per_month/?${query}`).set(as('admin'));
    expect(res.status).toBe(200);
    expect(yCords(res).slice(0, 4)).toEqual(firstFour);
  });

  it('finds the day-27 event by its address, however it is spelt', async () => {
    const res = await http.get(`${EVENTS}per_month/?query=${encodeURIComponent('{"client_ip": "FB8F:0::0001"}')}`).set(as('admin'));
    expect(yCords(res)[28]).toBe(1);
  });

  it('answers a query that is not JSON with a 400 without a body or Content-Type', async () => {
    const res = await http.get(`${EVENTS}per_month/?query=%7Bnope`).set(as('admin'));
    expect([res.status, res.text, res.headers['content-type'], res.headers['content-length'], res.headers.allow]).toEqual([400, '', undefined, undefined, 'GET, HEAD, OPTIONS']);
  });

  it.each([
    ['a JSON array', '[1]'],
    ['an unknown field', '{"nope": 1}'],
    ['an unknown lookup', '{"app__nope": 1}'],
    ['a value Django cannot convert', '{"pk": "qwerqwer"}'],
    ['isnull with a string', '{"app__isnull": "yes"}'],
  ])('fails as authentik does on %s', async (_what, query) => {
    const res = await http.get(`${EVENTS}per_month/?query=${encodeURIComponent(query)}`).set(as('admin'));
    expect([res.status, res.headers['content-type']]).toEqual([500, 'text/html; charset=utf-8']);
  });

  it('says so for a Django lookup the mock does not cover', async () => {
    const res = await http.get(`${EVENTS}per_month/?query=${encodeURIComponent('{"created__date": "2026-11-28"}')}`).set(as('admin'));
    expect([res.status, res.body]).toEqual([400, { detail: 'The mock does not implement the lookup "created__date" in per_month\'s query.' }]);
  });

  it('needs only authentication, and counts no event for a token without the view permission (measured)', async () => {
    const res = await http.get(`${EVENTS}per_month/`).set(as('nobody'));
    expect(res.status).toBe(200);
    expect((res.body as Array<{ y_cord: number }>).map((point) => point.y_cord)).toEqual(Array(res.body.length).fill(0));
    const bad = await http.get(`${EVENTS}per_month/?query=not%20json`).set(as('nobody'));
    expect([bad.status, bad.text]).toEqual([400, '']);
    expect((await http.get(`${EVENTS}per_month/`)).status).toBe(403);
  });
});

describe('events_events_top_per_user_list', () => {
  const application = (pk: string) => ({ pk, app: 'authentik_core', name: `app ${pk}`, model_name: 'application' });
  const authorize = (pk: string, user: unknown) => event('authorize_application', HOUR, { context: { authorized_application: application(pk) }, user });
  const events = [
    authorize('b', { pk: 1 }),
    authorize('a', { pk: 1 }),
    authorize('a', { pk: 2 }),
    authorize('a', { pk: '2' }), // the same user by `->>` text
    authorize('b', { pk: 3 }),
    authorize('c', {}), // no user pk: counted, not a user
    authorize('b', { pk: 3 }),
    event('authorize_application', HOUR, { context: { authorized_application: null } }),
    event('authorize_application', HOUR, { context: {} }),
    event('login', HOUR, { context: { authorized_application: application('z') } }),
  ];
  const { http } = appWith(events);

  it('groups an action\'s events by context.authorized_application, most events first', async () => {
    const res = await http.get(`${EVENTS}top_per_user/?action=authorize_application`).set(as('admin'));
    expect(res.status).toBe(200);
    expect(res.body).toEqual([
      { application: application('b'), counted_events: 3, unique_users: 2 },
      { application: application('a'), counted_events: 3, unique_users: 2 },
      { application: application('c'), counted_events: 1, unique_users: 0 },
    ]);
    // The application comes back from jsonb: keys shorter first.
    expect(res.text.startsWith('[{"application":{"pk":"b","app":"authentik_core","name":"app b","model_name":"application"},"counted_events":3,"unique_users":2}')).toBe(true);
  });

  it.each([
    ['top_n=1', 1],
    ['top_n=0', 0],
    [`top_n=${encodeURIComponent(' \u0662 ')}`, 2],
    ['top_n=100', 3],
  ])('keeps the first top_n groups: %s', async (query, length) => {
    const res = await http.get(`${EVENTS}top_per_user/?action=authorize_application&${query}`).set(as('admin'));
    expect([res.status, (res.body as unknown[]).length]).toEqual([200, length]);
  });

  it('takes login as the default action', async () => {
    const res = await http.get(`${EVENTS}top_per_user/`).set(as('admin'));
    expect(res.body).toEqual([{ application: application('z'), counted_events: 1, unique_users: 1 }]);
  });

  it.each(['abc', '1.5', '', '-1'])('fails as authentik does on top_n=%j', async (topN) => {
    const res = await http.get(`${EVENTS}top_per_user/?top_n=${topN}`).set(as('admin'));
    expect([res.status, res.headers['content-type']]).toEqual([500, 'text/html; charset=utf-8']);
  });

  it('needs only authentication, and groups no event for a token without the view permission (measured)', async () => {
    const res = await http.get(`${EVENTS}top_per_user/`).set(as('nobody'));
    expect([res.status, res.text]).toEqual([200, '[]']);
    expect((await http.get(`${EVENTS}volume/`).set(as('nobody'))).status).toBe(403);
  });

  it.each(['9223372036854775808', '99999999999999999999'])('fails as PostgreSQL does on a top_n beyond bigint (%s)', async (topN) => {
    const res = await http.get(`${EVENTS}top_per_user/?top_n=${topN}`).set(as('admin'));
    expect([res.status, res.headers['content-type']]).toEqual([500, 'text/html; charset=utf-8']);
    expect((await http.get(`${EVENTS}top_per_user/?top_n=9223372036854775807`).set(as('admin'))).status).toBe(200);
  });
});

describe('the admin dashboard\'s volume chart (seed data dated from today, decision 014)', () => {
  it('shows seeded events, and an event created now in the current point', async () => {
    // Seeds are dated from the start of today; a clock that stands still keeps every age where it is.
    const now = Date.now() * 1000;
    const { api } = createTestApp({ events: 250, clock: () => now });
    const before = (await api.get(`${EVENTS}volume/?action=login`)).body as Array<{ x_cord: number; y_cord: number }>;
    expect(before.reduce((sum, p) => sum + p.y_cord, 0)).toBeGreaterThan(0);
    expect((await api.post(EVENTS).send({ action: 'login', app: 'dashboard' })).status).toBe(201);
    const after = (await api.get(`${EVENTS}volume/?action=login`)).body as Array<{ x_cord: number; y_cord: number }>;
    expect(after[1]!.y_cord).toBe(before[1]!.y_cord + 1);
  });
});

describe('the list actions, measured against authentik 2024.8.6 with the differential tool', () => {
  function appWithViewer() {
    const tokens = new Map([
      ['admin', { token: 'admin', superuser: true, permissions: new Set<never>() }],
      ['viewer', { token: 'viewer', superuser: false, permissions: new Set(['view_event'] as const) }],
    ]);
    return createTestApp({ events: 5, clock: () => NOW, tokenPolicy: { mode: 'list', tokens } });
  }

  it.each([
    ['PUT', 'top_per_user/'],
    ['PATCH', 'actions/'],
    ['DELETE', 'actions/'],
    ['POST', 'per_month/'],
  ])('answers %s %s with 403 for a token without the permission the method maps to, 405 for a superuser', async (method, route) => {
    const { http } = appWithViewer();
    const send = (token: string) => http[method.toLowerCase() as 'put' | 'patch' | 'delete' | 'post'](`${EVENTS}${route}`).set(as(token));
    const denied = await send('viewer');
    expect([denied.status, denied.body, denied.headers.allow]).toEqual([403, { detail: 'You do not have permission to perform this action.' }, 'GET, HEAD, OPTIONS']);
    const refused = await send('admin');
    expect([refused.status, refused.body]).toEqual([405, { detail: `Method "${method}" not allowed.` }]);
  });

  it("reads an int in per_month's pk lookups as uuid.UUID(int=…), as Django's UUIDField does", async () => {
    const { http } = appWithViewer();
    for (const query of ['{"pk__in": [1]}', '{"pk": 0}', '{"event_uuid__in": [true]}']) {
      const res = await http.get(`${EVENTS}per_month/?query=${encodeURIComponent(query)}`).set(as('admin'));
      expect([query, res.status]).toEqual([query, 200]);
    }
    for (const query of ['{"pk__in": [-1]}', '{"pk": 1.5}']) {
      const res = await http.get(`${EVENTS}per_month/?query=${encodeURIComponent(query)}`).set(as('admin'));
      expect([query, res.status]).toEqual([query, 500]);
    }
  });
});

describe("per_month's query: the lookups measured against authentik 2024.8.6 (PostgreSQL 15)", () => {
  const total = (body: unknown) => (body as Array<{ y_cord: number }>).reduce((sum, point) => sum + point.y_cord, 0);
  function appWithLookups() {
    return appWith([
      event('login', HOUR, { app: 'lk', context: { n: 5, s: 'x', arr: ['a', 'b'] }, user: { pk: 3 }, client_ip: '10.1.2.3', expires: Date.UTC(2031, 0, 1) * 1000 }),
      event('login', HOUR, { app: 'lk2', context: { n: '5', m: null }, user: { pk: '7' }, client_ip: '2001:db8::1', expires: Date.UTC(2029, 5, 1) * 1000 }),
      event('login', HOUR, { app: 'Lk3', context: { n: [1] }, user: 5, client_ip: null, expires: Date.UTC(2031, 11, 31, 23, 59, 59, 999) * 1000 + 999 }),
    ]);
  }

  it.each([
    ['{"user__pk__gt": 0}', 1], // jsonb: the string "7" sorts below any number
    ['{"user__pk__lte": 3}', 2], // 3, and "7" (a string sorts below any number)
    ['{"context__n__gt": 4}', 2], // 5, and the array [1] (arrays sort above numbers)
    ['{"context__n__gte": "5"}', 3],
    ['{"context__has_key": "n"}', 3],
    ['{"context__arr__has_key": "a"}', 1],
    ['{"context__s__has_key": "x"}', 1],
    ['{"expires__range": ["2030-01-01", "2032-01-01"]}', 2],
    ['{"expires__year": 2031}', 2],
    ['{"expires__year__gte": "2031"}', 2],
    ['{"expires__year__lt": 2031}', 1],
    ['{"expires__year__lte": 2029.9}', 1],
    ['{"client_ip__contains": "10.1"}', 1],
    ['{"client_ip__icontains": "DB8"}', 1],
    ['{"app__regex": "^l"}', 2],
    ['{"app__iregex": "^l"}', 3],
    ['{"app__regex": "k[0-9]$"}', 2],
  ])('%s counts %d events', async (query, count) => {
    const res = await appWithLookups().http.get(`${EVENTS}per_month/?query=${encodeURIComponent(query)}`).set(as('admin'));
    expect([res.status, total(res.body)]).toEqual([200, count]);
  });

  it.each(['{"app__regex": "["}', '{"expires__year": 0}', '{"expires__year": "abc"}', '{"context__m__gt": null}'])('%s is authentik\'s 500', async (query) => {
    const res = await appWithLookups().http.get(`${EVENTS}per_month/?query=${encodeURIComponent(query)}`).set(as('admin'));
    expect([res.status, res.headers['content-type']]).toEqual([500, 'text/html; charset=utf-8']);
  });
});
