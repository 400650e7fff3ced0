import { SERVER_VERSION } from '../../src/tasks/to-dramatiq-json';
import { profileFor } from '../../src/versions/profiles';
import type { WorkerRecord } from '../../src/store/dramatiq-records';
import { WORKERS } from '../helpers/test-app';
import { at, DENIED, fixtureStore, NOT_PROVIDED, NOW, tasksApp } from './dramatiq-fixtures';

const worker = (id: string, fields: Partial<WorkerRecord> = {}): WorkerRecord => ({ worker_id: `${id}@3f9c2d7a1b4e`, version: '2025.8.1', last_seen: NOW, alive: true, heartbeat: false, ...fields });

describe('GET /tasks/workers (authentik 2025.8)', () => {
  it('matches a worker against the 2025.8 profile\'s release', () => {
    expect(SERVER_VERSION).toBe(profileFor('2025.8').release);
  });

  it('lists the workers seen in the last two minutes whose lock is held, as a bare array', async () => {
    const store = fixtureStore({
      workers: [
        worker('0d4a6b1e-5f1c-4c7e-9a43-2f8e1c3b9d70', { last_seen: at('2025-08-22T16:38:00.000001Z') }),
        worker('1d4a6b1e-5f1c-4c7e-9a43-2f8e1c3b9d70', { last_seen: at('2025-08-22T16:38:00Z') }),
        worker('2d4a6b1e-5f1c-4c7e-9a43-2f8e1c3b9d70', { version: '2025.8.0' }),
        worker('3d4a6b1e-5f1c-4c7e-9a43-2f8e1c3b9d70', { alive: false }),
      ],
    });
    const { as } = tasksApp({ store });
    const res = await as('system').get(WORKERS);
    expect([res.status, res.headers.allow, res.text]).toEqual([
      200,
      'GET, HEAD, OPTIONS',
      '[{"worker_id":"0d4a6b1e-5f1c-4c7e-9a43-2f8e1c3b9d70@3f9c2d7a1b4e","version":"2025.8.1","version_matching":true},{"worker_id":"2d4a6b1e-5f1c-4c7e-9a43-2f8e1c3b9d70@3f9c2d7a1b4e","version":"2025.8.0","version_matching":false}]',
    ]);
  });

  it('answers [] when no worker is alive, and keeps a heartbeating worker listed however late it is asked', async () => {
    const store = fixtureStore({ workers: [worker('0d4a6b1e-5f1c-4c7e-9a43-2f8e1c3b9d70', { last_seen: at('2025-08-22T10:00:00Z'), heartbeat: true })] });
    expect((await tasksApp({ store: fixtureStore() }).as('system').get(WORKERS)).text).toBe('[]');
    expect((await tasksApp({ store }).as('system').get(WORKERS)).body).toHaveLength(1);
    const stale = fixtureStore({ workers: [worker('0d4a6b1e-5f1c-4c7e-9a43-2f8e1c3b9d70', { last_seen: at('2025-08-22T10:00:00Z') })] });
    expect((await tasksApp({ store: stale }).as('system').get(WORKERS)).text).toBe('[]');
  });

  it('needs view_system_info: anonymous is not provided, others denied; with it (or as a superuser) POST is 405', async () => {
    const { as } = tasksApp();
    expect((await as('anonymous').get(WORKERS)).text).toBe(NOT_PROVIDED);
    expect((await as('viewer').get(WORKERS)).text).toBe(DENIED);
    expect((await as('anonymous').post(WORKERS)).text).toBe(NOT_PROVIDED);
    expect((await as('viewer').post(WORKERS)).text).toBe(DENIED);
    // HasPermission is one permission for every method, checked before the method: not `add_system_info`.
    for (const who of ['admin', 'system'] as const) {
      const post = await as(who).post(WORKERS);
      expect([post.status, post.text, post.headers.allow]).toEqual([405, '{"detail":"Method \\"POST\\" not allowed."}', 'GET, HEAD, OPTIONS']);
    }
  });

  it('has no trailing slash: /tasks/workers/ is Django\'s 404 page', async () => {
    const { as } = tasksApp();
    const res = await as('system').get(`${WORKERS}/`);
    expect([res.status, res.headers['content-type']]).toEqual([404, 'text/html; charset=utf-8']);
  });
});
