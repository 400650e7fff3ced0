import { seedDramatiqStore } from '../../src/seed/dramatiq-seed';
import { createFallbackBrand } from '../../src/seed/seed-store';
import { profileFor } from '../../src/versions/profiles';
import { createTestApp, DRAMATIQ_TASKS, SCHEDULES, WORKERS } from '../helpers/test-app';
import { at } from './dramatiq-fixtures';

const REFERENCE = at('2025-08-22T00:00:00Z');
const seed = (n: number) => seedDramatiqStore({ seed: n, tasks: 40, events: 20, reference: REFERENCE }, createFallbackBrand(n));

describe('the 2025.8 seed', () => {
  it('is the same for the same seed and differs for another', () => {
    const rows = (n: number) => JSON.stringify([seed(n).tasks.all(), seed(n).schedules.all(), seed(n).workers.all()]);
    expect(rows(1)).toBe(rows(1));
    expect(rows(1)).not.toBe(rows(2));
  });

  it('has the schedules of a fresh install, one {m} for all, next_run after the reference', () => {
    const schedules = seed(1).schedules.all();
    expect(schedules).toHaveLength(17);
    const byActor = new Map(schedules.map((s) => [s.actor_name, s]));
    const minute = byActor.get('authentik.admin.tasks.update_latest_version')!.crontab.split(' ')[0];
    expect(byActor.get('authentik.core.tasks.clean_expired_models')!.crontab).toBe('2-59/5 * * * *');
    expect(byActor.get('authentik.outposts.tasks.outpost_token_ensurer')!.crontab).toBe(`${minute} */8 * * *`);
    expect(byActor.get('authentik.outposts.tasks.outpost_controller')).toMatchObject({ uid_suffix: 'authentik Embedded Outpost', rel_obj: { app_label: 'authentik_outposts', model: 'outpost' } });
    expect(schedules.filter((s) => s.rel_obj === null && s.identifier === null)).toHaveLength(15);
    for (const s of schedules) expect(s.next_run).toBeGreaterThan(REFERENCE);
  });

  it('has tasks in every state, mostly finished, within two days before the reference, and exception events for failures', () => {
    const store = seed(1);
    const tasks = store.tasks.all();
    expect(tasks).toHaveLength(40);
    expect(new Set(tasks.map((t) => t.state))).toEqual(new Set(['done', 'rejected', 'queued', 'consumed']));
    expect(new Set(tasks.filter((t) => t.state === 'done').map((t) => t.aggregated_status))).toEqual(new Set(['info', 'warning', 'error']));
    expect(tasks.filter((t) => t.state === 'done').length).toBeGreaterThan(25);
    for (const t of tasks) expect(t.mtime).toBeLessThan(REFERENCE);
    for (const t of tasks) expect(t.mtime).toBeGreaterThan(REFERENCE - 2 * 86_400_000_000);
    expect(tasks.some((t) => t.rel_obj === null)).toBe(true);
    expect(tasks.some((t) => t.actor_name === 'authentik.blueprints.v1.tasks.apply_blueprint' && t.uid_suffix !== null)).toBe(true);
    const exceptions = store.events.all().filter((e) => e.action === 'system_task_exception' && e.app === 'authentik.tasks.middleware');
    expect(exceptions).toHaveLength(tasks.filter((t) => t.state === 'rejected').length);
  });

  it('is the profile\'s seed, and the seeded app answers it within the contract (rel_obj_* left out where authentik leaves them out)', async () => {
    const app = createTestApp({ version: '2025.8' });
    expect(profileFor('2025.8').seed({ seed: 1, tasks: 5, events: 3 }, app.fallbackBrand).tasks.size).toBe(5);
    const tasks = await app.api.get(`${DRAMATIQ_TASKS}?page_size=1000`);
    const schedules = await app.api.get(SCHEDULES);
    const workers = await app.api.get(WORKERS);
    expect([tasks.status, schedules.status, workers.status]).toEqual([200, 200, 200]);
    expect(workers.body).toHaveLength(1);
    expect(tasks.body.results.some((task: Record<string, unknown>) => !('rel_obj_app_label' in task))).toBe(true);
    expect(schedules.body.results.some((schedule: Record<string, unknown>) => !('rel_obj_model' in schedule))).toBe(true);
    expect(app.logs).toEqual([]);
  });
});
