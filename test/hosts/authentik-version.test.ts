import express from 'express';
import { setupServer } from 'msw/node';
import request from 'supertest';
import { createMockMiddleware } from '../../src/express';
import { createFetchHandler } from '../../src/fetch';
import { createHandlers } from '../../src/msw';
import { startMock } from '../../src/hosts/start-mock';

// `authentikVersion` on every host: one core, so each answers 2025.8's routes alike, and 2024.8 by default.
const AUTH = { Authorization: 'Bearer t' };
const WORKERS = '/api/v3/tasks/workers';
const SYSTEM_TASKS = '/api/v3/events/system_tasks/';
const ONE_WORKER = /^\[\{"worker_id":"[0-9a-f-]{36}@[0-9a-f]{12}","version":"2025\.8\.1","version_matching":true\}\]$/;

describe('authentikVersion on every host', () => {
  it('the fetch handler', async () => {
    const v2025 = createFetchHandler({ authentikVersion: '2025.8' });
    const workers = await v2025(new Request(`http://mock.test${WORKERS}`, { headers: AUTH }));
    expect([workers.status, await workers.text()]).toEqual([200, expect.stringMatching(ONE_WORKER)]);
    expect((await v2025(new Request(`http://mock.test${SYSTEM_TASKS}`, { headers: AUTH }))).status).toBe(404);
    const v2024 = createFetchHandler();
    expect((await v2024(new Request(`http://mock.test${WORKERS}`, { headers: AUTH }))).status).toBe(404);
    expect((await v2024(new Request(`http://mock.test${SYSTEM_TASKS}`, { headers: AUTH }))).status).toBe(200);
    expect(await v2025.admin.reset()).toEqual({ scenario: 'seed 1', events: 251, tasks: 22, schedules: 17, workers: 1 });
  });

  it('the MSW handlers', async () => {
    const { handlers, mock } = createHandlers({ baseUrl: 'https://authentik.company', authentikVersion: '2025.8', scenario: 'failing-tasks' });
    const server = setupServer(...handlers);
    server.listen({ onUnhandledRequest: 'error' });
    try {
      const tasks = await fetch('https://authentik.company/api/v3/tasks/tasks/?state=rejected', { headers: AUTH });
      expect(((await tasks.json()) as { pagination: { count: number } }).pagination.count).toBe(2);
      expect(await mock.addSchedules([])).toEqual({ created: 0, replaced: 0 });
    } finally {
      server.close();
    }
  });

  it('the Express middleware and startMock', async () => {
    const app = express().use(createMockMiddleware({ authentikVersion: '2025.8', quiet: true }, { announce: false }));
    const res = await request(app).get(WORKERS).set(AUTH);
    expect([res.status, res.text]).toEqual([200, expect.stringMatching(ONE_WORKER)]);
    const mock = await startMock({ authentikVersion: '2025.8', quiet: true });
    try {
      const overview = await fetch(`${mock.url}/__mock__/overview`);
      expect(((await overview.json()) as { authentik_version: string }).authentik_version).toBe('2025.8');
      const missing = await fetch(`${mock.apiUrl}/tasks/tasks/00000000-0000-4000-8000-000000000000/`, { headers: AUTH });
      expect([missing.status, await missing.text()]).toEqual([404, '{"detail":"No Task matches the given query."}']);
    } finally {
      await mock.close();
    }
  });

  it('refuses an unknown version with the CLI\'s one line', async () => {
    expect(() => createFetchHandler({ authentikVersion: '2030.1' as never })).toThrow('--authentik-version must be 2024.8 or 2025.8, not "2030.1"');
    await expect(startMock({ authentikVersion: '2024.9' as never })).rejects.toThrow('--authentik-version must be 2024.8 or 2025.8, not "2024.9"');
  });
});
