import { createStore } from '../src/store/store';
import type { SystemTaskRecord } from '../src/store/records';
import { createTestApp, TASKS } from './helpers/test-app';

const at = (iso: string) => Date.parse(iso) * 1000;

/** A small, hand-made set of tasks whose order and matches are easy to state. */
function task(uuid: string, name: string, uid: string | undefined, status: SystemTaskRecord['status'], extra: Partial<SystemTaskRecord> = {}): SystemTaskRecord {
  return {
    uuid,
    name,
    ...(uid === undefined ? {} : { uid }),
    description: `${name} description`,
    start_timestamp: at('2024-10-01T10:00:00Z'),
    finish_timestamp: at('2024-10-01T10:00:02.5Z'),
    duration: 2.5,
    status,
    messages: [{ timestamp: '2024-10-01T10:00:01Z', log_level: 'info', logger: name, event: 'done', attributes: {} }],
    expires: at('2024-10-01T16:00:02.5Z'),
    expiring: true,
    ...extra,
  };
}

const store = createStore();
const rows = [
  task('00000000-0000-4000-8000-000000000001', 'outpost_controller', 'proxy-outpost', 'error'),
  task('00000000-0000-4000-8000-000000000002', 'clean_expired_models', undefined, 'successful', { description: 'Remove expired objects', duration: 3 }),
  task('00000000-0000-4000-8000-000000000003', 'outpost_controller', 'authentik-embedded-outpost', 'successful', { duration: 0.25 }),
  task('00000000-0000-4000-8000-000000000004', 'outpost_controller', undefined, 'warning', { duration: 10 }),
  task('00000000-0000-4000-8000-000000000005', 'apply_blueprint', 'default-brand', 'unknown', { duration: 0, expires: null, expiring: false }),
];
for (const row of rows) store.systemTasks.set(row.uuid, row);
const { api } = createTestApp({ store });

const ids = (body: { results: Array<{ uuid: string }> }) => body.results.map((t) => Number(t.uuid.slice(-1)));

describe('events_system_tasks_list', () => {
  it('orders by name, uid, status by default, tasks without uid last', async () => {
    const res = await api.get(TASKS);
    expect(ids(res.body)).toEqual([5, 2, 3, 1, 4]);
  });

  it.each([
    ['name=outpost_controller', [3, 1, 4]],
    ['name=%20outpost_controller%20', [3, 1, 4]],
    ['name=outpost', []],
    ['name=', [5, 2, 3, 1, 4]],
    ['uid=default-brand', [5]],
    ['uid=proxy', []],
    ['status=successful', [2, 3]],
    ['status=error&name=outpost_controller', [1]],
    ['status=warning&status=error', [1]],
    ['status=', [5, 2, 3, 1, 4]],
  ])('filters exactly: %s', async (query, expected) => {
    const res = await api.get(`${TASKS}?${query}`);
    expect(res.status).toBe(200);
    expect(ids(res.body)).toEqual(expected);
  });

  it.each(['bogus', 'Error', 'success', 'error ', ' error', ' '])('answers 400 for status=%j, quoting the value untrimmed', async (status) => {
    const res = await api.get(`${TASKS}?status=${encodeURIComponent(status)}`);
    expect([res.status, res.body]).toEqual([400, { status: [`Select a valid choice. ${status} is not one of the available choices.`] }]);
  });

  it('answers the measured body for status=error%20: two spaces between the value and "is"', async () => {
    const res = await api.get(`${TASKS}?status=error%20`);
    expect(res.text).toBe('{"status":["Select a valid choice. error  is not one of the available choices."]}');
  });

  it.each([
    ['search=outpost', [3, 1, 4]],
    ['search=OUTPOST', [3, 1, 4]],
    ['search=expired', [2]],
    ['search=outpost%20embedded', [3]],
    ['search=outpost,proxy', [1]],
    ['search=outpost+warning', [4]],
    ['search=brand%20unknown', [5]],
    ['search=nothing-matches', []],
    ['search=', [5, 2, 3, 1, 4]],
    ['search=%20,%20', [5, 2, 3, 1, 4]],
  ])('searches every term over name, description, uid and status: %s', async (query, expected) => {
    const res = await api.get(`${TASKS}?${query}`);
    expect(ids(res.body)).toEqual(expected);
  });

  it.each([
    ['ordering=-name', [1, 3, 4, 2, 5]],
    ['ordering=uid', [3, 5, 1, 2, 4]],
    ['ordering=-uid', [2, 4, 1, 5, 3]],
    ['ordering=duration', [5, 3, 1, 2, 4]],
    ['ordering=-duration,name', [4, 2, 1, 3, 5]],
    ['ordering=expires', [1, 2, 3, 4, 5]],
    ['ordering=-expires', [5, 1, 2, 3, 4]],
    ['ordering=status,-uid', [1, 2, 3, 5, 4]],
    ['ordering=%20-name%20,bogus', [1, 3, 4, 2, 5]],
    ['ordering=bogus', [5, 2, 3, 1, 4]],
    ['ordering=full_name', [5, 2, 3, 1, 4]],
    ['ordering=--name', [5, 2, 3, 1, 4]],
    ['ordering=', [5, 2, 3, 1, 4]],
  ])('orders by %s (unknown terms dropped, never an error; ties keep store order)', async (query, expected) => {
    const res = await api.get(`${TASKS}?${query}`);
    expect(res.status).toBe(200);
    expect(ids(res.body)).toEqual(expected);
  });
});

describe('events_system_tasks_retrieve', () => {
  const id = '00000000-0000-4000-8000-000000000003';

  it('answers the task with every field in authentik order, full_name = name:uid', async () => {
    const res = await api.get(`${TASKS}${id}/`);
    expect(res.status).toBe(200);
    expect(res.text).toBe(
      '{"uuid":"00000000-0000-4000-8000-000000000003","name":"outpost_controller","full_name":"outpost_controller:authentik-embedded-outpost",' +
        '"uid":"authentik-embedded-outpost","description":"outpost_controller description","start_timestamp":"2024-10-01T10:00:00Z",' +
        '"finish_timestamp":"2024-10-01T10:00:02.500000Z","duration":0.25,"status":"successful","messages":[{"timestamp":"2024-10-01T10:00:01Z",' +
        '"log_level":"info","logger":"outpost_controller","event":"done","attributes":{}}],"expires":"2024-10-01T16:00:02.500000Z","expiring":true}',
    );
  });

  it('prints a whole-number duration as a Python float and omits a missing uid', async () => {
    const res = await api.get(`${TASKS}00000000-0000-4000-8000-000000000002/`);
    expect(res.text).toContain('"full_name":"clean_expired_models","description"');
    expect(res.text).toContain('"duration":3.0,');
    const never = await api.get(`${TASKS}00000000-0000-4000-8000-000000000005/`);
    expect(never.text).toContain('"duration":0.0,');
    expect(never.body).toMatchObject({ status: 'unknown', expires: null, expiring: false });
  });

  it.each([
    id.toUpperCase(),
    id.replaceAll('-', ''),
    `%7B${id}%7D`,
    `urn:uuid:${id}`,
  ])('finds the same task by %s', async (spelling) => {
    const res = await api.get(`${TASKS}${spelling}/`);
    expect([res.status, res.body.uuid]).toEqual([200, id]);
  });

  it.each(['qwerqwer', '00000000-0000-4000-8000-000000000009', `${id}0`])('answers 404 Not found. for %s', async (spelling) => {
    const res = await api.get(`${TASKS}${spelling}/`);
    expect([res.status, res.body]).toEqual([404, { detail: 'Not found.' }]);
  });

  it('applies list filters and search before the lookup', async () => {
    expect((await api.get(`${TASKS}${id}/?status=error`)).status).toBe(404);
    expect((await api.get(`${TASKS}${id}/?status=successful`)).status).toBe(200);
    expect((await api.get(`${TASKS}${id}/?search=zzz`)).status).toBe(404);
    expect((await api.get(`${TASKS}${id}/?search=embedded`)).status).toBe(200);
    const bad = await api.get(`${TASKS}${id}/?status=bogus`);
    expect([bad.status, bad.body]).toEqual([400, { status: ['Select a valid choice. bogus is not one of the available choices.'] }]);
  });

  it('ignores paging and ordering parameters on the detail route', async () => {
    expect((await api.get(`${TASKS}${id}/?page=99&ordering=bogus`)).status).toBe(200);
  });
});
