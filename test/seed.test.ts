import { toEventJson } from '../src/events/to-event-json';
import { seedStore } from '../src/seed/seed-store';
import { taskIdentities } from '../src/seed/system-task-factory';
import { toSystemTaskJson } from '../src/system-tasks/to-system-task-json';
import { contract, createTestApp, EVENTS, TASKS } from './helpers/test-app';

const validTask = contract.schemaValidator('SystemTask');
const validEvent = contract.schemaValidator('Event');

describe('seed data', () => {
  it.each([1, 2, 42, 2024, 987654321])('passes the response schemas for seed %i', (seed) => {
    const store = seedStore({ seed, tasks: 60, events: 300 });
    for (const task of store.systemTasks.all()) expect([task.uuid, validTask(toSystemTaskJson(task)), validTask.errors]).toEqual([task.uuid, true, null]);
    for (const event of store.events.all()) expect([event.pk, validEvent(toEventJson(event)), validEvent.errors]).toEqual([event.pk, true, null]);
  });

  it('is identical for the same seed and different for another', () => {
    const dump = (seed: number) => {
      const store = seedStore({ seed, tasks: 22, events: 50 });
      return JSON.stringify([store.systemTasks.all(), store.events.all()]);
    };
    expect(dump(7).length).toBeGreaterThan(10_000);
    expect(dump(7)).toBe(dump(7));
    expect(dump(7)).not.toBe(dump(8));
  });

  it('gives identical API answers after a restart with the same seed', async () => {
    const a = createTestApp();
    const b = createTestApp();
    for (const url of [TASKS, EVENTS, `${EVENTS}?page=2&page_size=7&ordering=app`]) {
      expect((await a.api.get(url)).text).toBe((await b.api.get(url)).text);
    }
  });

  it('looks like a real authentik: statuses, uids, task names as loggers, never-run tasks', () => {
    const tasks = seedStore({ seed: 1, tasks: 22, events: 0 }).systemTasks.all();
    expect(new Set(tasks.map((t) => t.status))).toEqual(new Set(['successful', 'warning', 'error', 'unknown']));
    expect(tasks.some((t) => t.uid === undefined)).toBe(true);
    expect(tasks.some((t) => t.uid !== undefined)).toBe(true);
    for (const task of tasks) {
      expect(task.messages.length).toBeGreaterThan(0);
      expect(task.messages.every((m) => m.logger === task.name)).toBe(true);
      if (task.status === 'unknown') {
        expect(task).toMatchObject({ duration: 0, expires: null, expiring: false });
        expect(task.messages.map((m) => m.event)).toEqual(['Task has not been run yet.']);
      } else {
        const keep = task.status === 'error' ? 9 : 6;
        expect(task.expires).toBe(task.finish_timestamp + keep * 3600e6);
        expect(task.expiring).toBe(true);
        expect(task.duration).toBeCloseTo((task.finish_timestamp - task.start_timestamp) / 1e6, 5);
      }
    }
    expect(tasks.map((t) => t.name)).toEqual(expect.arrayContaining(['clean_expired_models', 'apply_blueprint', 'outpost_controller']));
  });

  it('keeps (name, uid) unique however many tasks are asked for', () => {
    const tasks = seedStore({ seed: 3, tasks: taskIdentities().length * 4 + 5, events: 0 }).systemTasks.all();
    const keys = tasks.map((t) => `${t.name}\u0000${t.uid ?? ''}`);
    expect(new Set(keys).size).toBe(tasks.length);
  });

  it('records events the way authentik does', () => {
    const events = seedStore({ seed: 1, tasks: 0, events: 200 }).events.all();
    expect(new Set(events.map((e) => e.action)).size).toBeGreaterThan(10);
    for (const event of events) {
      expect(Object.keys(event.user as object)).toEqual(['pk', 'email', 'username']);
      expect(Object.keys((event.context as { http_request: object }).http_request).sort()).toEqual(['args', 'method', 'path', 'request_id', 'user_agent']);
      expect(event.brand).toMatchObject({ app: 'authentik_brands', model_name: 'brand', name: 'Brand fallback' });
      expect(event.expires - event.created).toBe(365 * 86_400e6);
    }
  });

  it('writes IPv6 client addresses as Postgres inet prints them: no leading zeros, zero runs as ::', () => {
    const addresses = seedStore({ seed: 1, tasks: 0, events: 300 }).events.all().map((e) => e.client_ip!).filter((ip) => ip.includes(':'));
    expect(addresses.length).toBeGreaterThan(10);
    for (const address of addresses) expect([address, /(^|:)0[0-9a-f]/.test(address), /[A-F]/.test(address)]).toEqual([address, false, false]);
  });
});
