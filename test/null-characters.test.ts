import { createTestApp, EVENTS, TASKS } from './helpers/test-app';

// NUL (%00) in what authentik reads, as authentik 2024.8.6's own code answered it (measured 2026-12-03):
// django-filter's CharFilters refuse it before any query runs, in the filterset's field order, on list and
// detail routes alike; where a value reaches PostgreSQL unvalidated, authentik crashes; search strips it.
const NUL = 'Null characters are not allowed.';
const { api, http } = createTestApp({ tasks: 4, events: 20 });

async function firstIds(): Promise<{ event: string; task: string }> {
  const [events, tasks] = await Promise.all([api.get(EVENTS), api.get(TASKS)]);
  return { event: events.body.results[0].pk as string, task: tasks.body.results[0].uuid as string };
}

describe('NUL in a filter value', () => {
  it('is a 400 naming every events filter that holds one, in the filterset\'s order', async () => {
    const names = ['username', 'action', 'brand_name', 'client_ip', 'context_model_pk', 'context_model_name', 'context_model_app', 'context_authorized_app'];
    const res = await api.get(`${EVENTS}?${names.map((name) => `${name}=%00`).join('&')}`);
    expect(res.status).toBe(400);
    expect(res.text).toBe(
      `{"action":["${NUL}"],"client_ip":["${NUL}"],"username":["${NUL}"],"context_model_pk":["${NUL}"],"context_model_name":["${NUL}"],"context_model_app":["${NUL}"],"context_authorized_app":["${NUL}"],"brand_name":["${NUL}"]}`,
    );
  });

  it('is a 400 on the task list, beside the choice filter\'s own error, in the order name, uid, status', async () => {
    const all = await api.get(`${TASKS}?uid=%00&status=%00&name=%00`);
    expect([all.status, all.text]).toEqual([400, `{"name":["${NUL}"],"uid":["${NUL}"],"status":["Select a valid choice. \\u0000 is not one of the available choices."]}`]);
    const two = await api.get(`${TASKS}?status=bad&name=%00`);
    expect([two.status, two.text]).toEqual([400, `{"name":["${NUL}"],"status":["Select a valid choice. bad is not one of the available choices."]}`]);
  });

  it('comes after stripping (" \\0 " is still a NUL) and before a client_ip that is no address', async () => {
    const padded = await api.get(`${EVENTS}?action=%20%00%20`);
    const beside = await api.get(`${EVENTS}?client_ip=abc&action=%00`);
    expect([padded.status, padded.text, beside.status, beside.text]).toEqual([400, `{"action":["${NUL}"]}`, 400, `{"action":["${NUL}"]}`]);
  });

  it('is a 400 on detail routes too, for every method, since DRF filters before its lookup', async () => {
    const { event, task } = await firstIds();
    const answers = await Promise.all([
      api.get(`${EVENTS}${event}/?action=%00`),
      http.patch(`${EVENTS}${event}/?action=%00`).set('Authorization', 'Bearer t').send({ app: 'x' }),
      http.delete(`${EVENTS}${event}/?action=%00`).set('Authorization', 'Bearer t'),
      api.get(`${TASKS}${task}/?name=%00`),
      api.get(`${EVENTS}volume/?action=%00`),
    ]);
    expect(answers.map((res) => [res.status, res.text])).toEqual([
      [400, `{"action":["${NUL}"]}`],
      [400, `{"action":["${NUL}"]}`],
      [400, `{"action":["${NUL}"]}`],
      [400, `{"name":["${NUL}"]}`],
      [400, `{"action":["${NUL}"]}`],
    ]);
    expect((await api.get(`${EVENTS}${event}/`)).body.app).not.toBe('x');
  });

  it("crashes authentik where the value reaches PostgreSQL unchecked: per_month/'s action and query, top_per_user/'s action", async () => {
    const crashes = await Promise.all([
      api.get(`${EVENTS}per_month/?action=%00`),
      api.get(`${EVENTS}per_month/?query=${encodeURIComponent('{"app":"\\u0000"}')}`),
      api.get(`${EVENTS}top_per_user/?action=login%00`),
    ]);
    expect(crashes.map((res) => [res.status, res.headers['content-type']])).toEqual(Array(3).fill([500, 'text/html; charset=utf-8']));
  });

  it('is stripped from search terms, as DRF\'s SearchFilter does', async () => {
    const [withNul, without, alone, all] = await Promise.all([api.get(`${EVENTS}?search=a%00b`), api.get(`${EVENTS}?search=ab`), api.get(`${EVENTS}?search=%00`), api.get(EVENTS)]);
    expect([withNul.status, withNul.text, alone.text]).toEqual([200, without.text, all.text]);
  });
});
