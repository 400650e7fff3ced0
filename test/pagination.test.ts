import { createTestApp, TASKS } from './helpers/test-app';

const { api } = createTestApp({ tasks: 22 });
const INVALID_PAGE = { detail: 'Invalid page.' };

describe('events_system_tasks_list: pagination (22 tasks)', () => {
  it('answers the default page with every number authentik computes, keys in order', async () => {
    const res = await api.get(TASKS);
    expect(res.status).toBe(200);
    expect(Object.keys(res.body)).toEqual(['pagination', 'results']);
    expect(JSON.stringify(res.body.pagination)).toBe(
      '{"next":0,"previous":0,"count":22,"current":1,"total_pages":1,"start_index":1,"end_index":22}',
    );
    expect(res.body.results).toHaveLength(22);
  });

  it.each([
    ['page_size=5', { next: 2, previous: 0, count: 22, current: 1, total_pages: 5, start_index: 1, end_index: 5 }, 5],
    ['page_size=5&page=2', { next: 3, previous: 1, count: 22, current: 2, total_pages: 5, start_index: 6, end_index: 10 }, 5],
    ['page_size=5&page=5', { next: 0, previous: 4, count: 22, current: 5, total_pages: 5, start_index: 21, end_index: 22 }, 2],
    ['page_size=5&page=last', { next: 0, previous: 4, count: 22, current: 5, total_pages: 5, start_index: 21, end_index: 22 }, 2],
    ['page_size=22', { next: 0, previous: 0, count: 22, current: 1, total_pages: 1, start_index: 1, end_index: 22 }, 22],
    ['page_size=21&page=2', { next: 0, previous: 1, count: 22, current: 2, total_pages: 2, start_index: 22, end_index: 22 }, 1],
    ['page_size=1000', { next: 0, previous: 0, count: 22, current: 1, total_pages: 1, start_index: 1, end_index: 22 }, 22],
    ['page_size=%205&page=2', { next: 3, previous: 1, count: 22, current: 2, total_pages: 5, start_index: 6, end_index: 10 }, 5],
    ['page_size=%2B5&page=%2B2', { next: 3, previous: 1, count: 22, current: 2, total_pages: 5, start_index: 6, end_index: 10 }, 5],
    ['page_size=5&page=3&page_size=10&page=2', { next: 3, previous: 1, count: 22, current: 2, total_pages: 3, start_index: 11, end_index: 20 }, 10],
    // Python's int() reads any Unicode decimal digit (measured): ٥ is 5, ٢ is 2.
    [`page_size=${encodeURIComponent('\u0665')}&page=${encodeURIComponent('\u0662')}`, { next: 3, previous: 1, count: 22, current: 2, total_pages: 5, start_index: 6, end_index: 10 }, 5],
    [`page_size=${encodeURIComponent('\u0967_\u0966')}&page=${encodeURIComponent(' \uff12 ')}`, { next: 3, previous: 1, count: 22, current: 2, total_pages: 3, start_index: 11, end_index: 20 }, 10],
  ])('%s -> %j', async (query, pagination, rows) => {
    const res = await api.get(`${TASKS}?${query}`);
    expect(res.status).toBe(200);
    expect(res.body.pagination).toEqual(pagination);
    expect(res.body.results).toHaveLength(rows);
  });

  it.each(['0', '-1', 'abc', '1.5', ''])('falls back to 100 for page_size=%j', async (size) => {
    const res = await api.get(`${TASKS}?page_size=${size}`);
    expect(res.status).toBe(200);
    expect(res.body.pagination).toMatchObject({ total_pages: 1, end_index: 22 });
    expect(res.body.results).toHaveLength(22);
  });

  it.each(['0', '-1', 'abc', '1.0', '', '2', '99', 'first', 'LAST'])('answers 404 Invalid page. for page=%j', async (page) => {
    const res = await api.get(`${TASKS}?page=${page}`);
    expect([res.status, res.body]).toEqual([404, INVALID_PAGE]);
  });

  it('pages through the whole list without gaps or repeats', async () => {
    const seen: string[] = [];
    for (let page = 1; page <= 5; page++) {
      const res = await api.get(`${TASKS}?page_size=5&page=${page}`);
      seen.push(...res.body.results.map((t: { uuid: string }) => t.uuid));
    }
    const all = (await api.get(TASKS)).body.results.map((t: { uuid: string }) => t.uuid);
    expect(seen).toEqual(all);
  });

  describe('an empty list', () => {
    const EMPTY = { next: 0, previous: 0, count: 0, current: 1, total_pages: 1, start_index: 0, end_index: 0 };
    it.each(['', '&page=1', '&page=last', '&page_size=5'])('has page 1 (%s)', async (extra) => {
      const res = await api.get(`${TASKS}?name=no-such-task${extra}`);
      expect([res.status, res.body]).toEqual([200, { pagination: EMPTY, results: [] }]);
    });
    it('has no page 2', async () => {
      const res = await api.get(`${TASKS}?name=no-such-task&page=2`);
      expect([res.status, res.body]).toEqual([404, INVALID_PAGE]);
    });
  });

  it('answers a filter 400 before an Invalid page. 404', async () => {
    const res = await api.get(`${TASKS}?status=bogus&page=99`);
    expect([res.status, res.body]).toEqual([400, { status: ['Select a valid choice. bogus is not one of the available choices.'] }]);
  });
});
