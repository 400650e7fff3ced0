import { appWith, as, at, DENIED, event, EVENTS, NOW } from './helpers';
import { days } from '../../src/python/py-datetime';

// authentik-2025.8-behaviour.md, "GET /events/events/volume/".
const VOLUME = `${EVENTS}volume/`;

describe('2025.8 volume/: 6-hour UTC buckets × action', () => {
  const example = [
    event('login', at('2025-08-22T16:32:11Z'), { user: { username: 'alice' } }),
    event('login', at('2025-08-22T16:26:00Z')),
    event('logout', at('2025-08-22T15:38:00Z'), { context: { username: 'alice' } }),
    event('login', at('2025-08-22T11:38:00Z')),
  ];

  it('answers the reference\'s literal: time without zone, keys action, time, count, ordered by time then action', async () => {
    const { http } = appWith(example);
    const res = await http.get(VOLUME).set(as('viewer'));
    expect([res.status, res.headers['content-type'], res.headers.allow]).toEqual([200, 'application/json; charset=utf-8', 'GET, HEAD, OPTIONS']);
    expect(res.text).toBe('[{"action":"login","time":"2025-08-22T06:00:00","count":1},{"action":"login","time":"2025-08-22T12:00:00","count":2},{"action":"logout","time":"2025-08-22T12:00:00","count":1}]');
  });

  it('buckets start at 00:00, 06:00, 12:00 and 18:00 UTC; only non-empty pairs; actions in code-point order within a bucket', async () => {
    const { http } = appWith([
      event('model_updated', at('2025-08-21T23:59:59.999999Z')),
      event('login_failed', at('2025-08-21T18:00:00Z')),
      event('login', at('2025-08-21T18:00:00Z')),
      event('login_failed', at('2025-08-22T00:00:00Z')),
      event('logout', at('2025-08-22T05:59:59Z')),
      event('logout', at('2025-08-22T05:00:00Z')),
    ]);
    const res = await http.get(VOLUME).set(as('admin'));
    expect(res.body).toEqual([
      { action: 'login', time: '2025-08-21T18:00:00', count: 1 },
      { action: 'login_failed', time: '2025-08-21T18:00:00', count: 1 },
      { action: 'model_updated', time: '2025-08-21T18:00:00', count: 1 },
      { action: 'login_failed', time: '2025-08-22T00:00:00', count: 1 },
      { action: 'logout', time: '2025-08-22T00:00:00', count: 2 },
    ]);
  });

  describe('history_days', () => {
    const edges = [
      event('login', NOW - days(1)),
      event('login', NOW - days(1) - 1),
      event('logout', NOW - days(7)),
      event('logout', NOW - days(7) - 1),
      event('logout', NOW - days(10)),
      event('user_write', NOW - days(60)),
      event('user_write', NOW - days(60) - 1),
      event('custom_', NOW + 5),
      event('custom_', NOW + days(3)),
    ];
    const { http } = appWith(edges);
    const total = async (query: string) => {
      const res = await http.get(`${VOLUME}${query}`).set(as('admin'));
      expect(res.status).toBe(200);
      return (res.body as { count: number }[]).reduce((sum, row) => sum + row.count, 0);
    };

    it('absent or empty is 7 days; the window starts at now minus the days, included', async () => {
      expect(await total('')).toBe(4 + 1);
      expect(await total('?history_days=')).toBe(5);
      expect(await total('?history_days=7')).toBe(5);
    });

    it('is capped at 60', async () => {
      expect(await total('?history_days=1')).toBe(3);
      expect(await total('?history_days=10')).toBe(7);
      expect(await total('?history_days=60')).toBe(8);
      expect(await total('?history_days=90')).toBe(8);
      expect(await total('?history_days=99999999999999999999')).toBe(8);
    });

    it('0 or a negative number starts the window at now or later', async () => {
      expect(await total('?history_days=0')).toBe(2);
      expect(await total('?history_days=-1')).toBe(1);
      expect(await total('?history_days=-4')).toBe(0);
    });

    it('takes Python int() spellings: whitespace, a sign, underscores', async () => {
      expect(await total('?history_days=%201_0%20')).toBe(7);
      expect(await total('?history_days=%2B1')).toBe(3);
      expect(await total('?history_days=%0A1%09')).toBe(3);
    });

    it('the last of repeated values counts (QueryDict.get)', async () => {
      expect(await total('?history_days=60&history_days=1')).toBe(3);
    });

    it.each(['1.5', 'abc', '1e3', '0x10', '1__0', '-99999999999', '-2913000'])('%s is authentik\'s 500 (int() fails, or the date leaves datetime\'s range)', async (value) => {
      const res = await http.get(`${VOLUME}?history_days=${encodeURIComponent(value)}`).set(as('admin'));
      expect([res.status, res.headers['content-type']]).toEqual([500, 'text/html; charset=utf-8']);
    });

    it('a negative value that stays in datetime\'s range is only an empty answer', async () => {
      expect(await total('?history_days=-2000000')).toBe(0);
    });
  });

  describe('the events list\'s filters and search apply; ordering and paging do not', () => {
    const { http } = appWith(example);
    const get = (query: string) => http.get(`${VOLUME}?${query}`).set(as('admin'));

    it('actions and username (user or context)', async () => {
      expect((await get('actions=logout')).text).toBe('[{"action":"logout","time":"2025-08-22T12:00:00","count":1}]');
      expect((await get('username=alice')).text).toBe('[{"action":"login","time":"2025-08-22T12:00:00","count":1},{"action":"logout","time":"2025-08-22T12:00:00","count":1}]');
    });

    it('search', async () => {
      expect((await get('search=logout')).body).toEqual([{ action: 'logout', time: '2025-08-22T12:00:00', count: 1 }]);
    });

    it('ordering is overridden and page parameters mean nothing', async () => {
      const plain = (await get('')).text;
      for (const query of ['ordering=-action', 'ordering=-created', 'page=abc', 'page_size=1']) expect((await get(query)).text).toBe(plain);
    });

    it('a filter\'s 400 comes before the history_days 500', async () => {
      const res = await get('actions=bad&history_days=abc');
      expect([res.status, res.body]).toEqual([400, { actions: ['Select a valid choice. bad is not one of the available choices.'] }]);
    });

    it('a client_ip that is no address crashes when the rows are read (500)', async () => {
      expect((await get('client_ip=abc')).status).toBe(500);
    });
  });

  it('needs the view permission (403), and authentication', async () => {
    const { http } = appWith([]);
    const denied = await http.get(VOLUME).set(as('nobody'));
    expect([denied.status, denied.body]).toEqual([403, DENIED]);
    const anonymous = await http.get(VOLUME);
    expect([anonymous.status, anonymous.body]).toEqual([403, { detail: 'Authentication credentials were not provided.' }]);
    const empty = await http.get(VOLUME).set(as('viewer'));
    expect([empty.status, empty.text]).toEqual([200, '[]']);
  });

  it('is routed before the detail route: other methods are 405 (403 first without the view permission)', async () => {
    const { http } = appWith([]);
    const res = await http.post(VOLUME).set(as('admin')).send({});
    expect([res.status, res.body, res.headers.allow]).toEqual([405, { detail: 'Method "POST" not allowed.' }, 'GET, HEAD, OPTIONS']);
  });

  it('OPTIONS names the view after its function and describes it by its docstring', async () => {
    const { http } = appWith([]);
    const res = await http.options(VOLUME).set(as('viewer'));
    expect([res.status, res.text]).toEqual([200, '{"name":"Volume","description":"Get event volume for specified filters and timeframe","renders":["application/json"],"parses":["application/json"]}']);
  });
});
