import { join } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import type { MockOverview, MockScheduleList, MockTaskList } from '../../src/openapi/generated/schemas';
import { startMock, type RunningMock } from '../../src/index';
import { useChromium, screenshotDir } from '../helpers/chromium';
import { expectText, openDashboardPage } from '../helpers/dashboard-page';

// The dashboard of a mock started as authentik 2025.8 (--authentik-version 2025.8), in headless Chromium as in
// dashboard.test.ts: what the page shows is checked against what the admin API and authentik's API answer.
const TOKEN = 'qa-frontend';
const shots = screenshotDir('dashboard-2025.8');
const chromium = useChromium();

jest.setTimeout(45_000);

/** A 2025.8 mock and a page on its dashboard, ready once every panel has read the admin API; the 400 of a refused upsert is expected. */
async function openDashboard() {
  const opened = await openDashboardPage(chromium.browser, { tokens: TOKEN, authentikVersion: '2025.8' }, /status of 400/);
  await opened.page.locator('body[data-ready="true"]').waitFor();
  return opened;
}

const admin = async <T>(mock: RunningMock, path: string): Promise<T> => (await (await fetch(`${mock.url}/__mock__${path}`)).json()) as T;
const api = (mock: RunningMock, path: string) => fetch(`${mock.apiUrl}/${path}`, { headers: { Authorization: `Bearer ${TOKEN}` } });
const shoot = (page: Page, name: string) => page.screenshot({ path: join(shots, `${name}.png`), fullPage: false });
/** The row buttons of a table: the first cell's text of each row (the actor). */
const rowNames = (table: Locator) => table.locator('tbody tr:not(.detail) .row-toggle').allTextContents();

/** A finished task as authentik 2025.8.1 gives one (keys in its order), modified now so that it lists first. */
function pastedTask(messageId: string): Record<string, unknown> {
  const now = new Date().toISOString();
  const logger = "<class 'authentik.tasks.middleware.MessagesMiddleware'>";
  return {
    message_id: messageId,
    queue_name: 'default',
    actor_name: 'authentik.sources.ldap.tasks.ldap_sync',
    state: 'done',
    mtime: now,
    rel_obj_app_label: 'authentik_sources_ldap',
    rel_obj_model: 'ldapsource',
    rel_obj_id: '5d6b8f1e-4c43-4a5e-9d7b-0d8f3f6c2a10',
    uid: 'authentik.sources.ldap.tasks.ldap_sync:corp-ldap',
    messages: [
      { timestamp: now, log_level: 'info', logger, event: 'Task has been queued', attributes: { delay: null } },
      { timestamp: now, log_level: 'error', logger: 'authentik.sources.ldap.tasks.ldap_sync:corp-ldap', event: 'Failed to connect: ldap.corp.test:636 refused', attributes: {} },
    ],
    previous_messages: [{ timestamp: now, log_level: 'info', logger, event: 'Task will be retried', attributes: { delay: null } }],
    aggregated_status: 'error',
    description: 'Sync LDAP source.',
  };
}

describe('the dashboard of an authentik 2025.8 mock', () => {
  it('names 2025.8 and lists the seeded tasks and schedules, not the system tasks', async () => {
    const { mock, page, close } = await openDashboard();
    try {
      const overview = await admin<MockOverview>(mock, '/overview');
      expect(overview.authentik_version).toBe('2025.8');
      expect(overview.state.system_tasks).toBeUndefined();
      await expectText(page.locator('#overview-version'), '2025.8');
      await expectText(page.locator('#overview-tasks'), String(overview.state.tasks));
      await expectText(page.locator('#overview-schedules'), String(overview.state.schedules));
      await expectText(page.locator('#overview-workers'), String(overview.state.workers));
      expect(await page.getByRole('navigation', { name: 'Sections' }).getByRole('link').allTextContents()).toEqual(['Overview', 'Scenarios', 'Requests', 'Tasks', 'Schedules', 'Events', 'Faults']);
      expect(await page.locator('#system-tasks, #overview-system-tasks').count()).toBe(0);
      expect(await page.getByRole('table', { name: 'System tasks' }).count()).toBe(0);

      const { tasks, count } = await admin<MockTaskList>(mock, '/tasks?limit=1000');
      expect(tasks.length).toBeGreaterThan(0);
      const table = page.getByRole('table', { name: 'Tasks', exact: true });
      expect(await rowNames(table)).toEqual(tasks.map((t) => t.actor_name));
      await expectText(page.locator('#tasks-shown'), `1–${count} of ${count} tasks, newest first (page 1 of 1).`);
      const first = table.locator('tbody tr:not(.detail)').first();
      expect(await first.locator('td').allTextContents()).toEqual([
        tasks[0]!.actor_name,
        tasks[0]!.state ?? '',
        tasks[0]!.aggregated_status,
        tasks[0]!.queue_name ?? '',
        await first.locator('td time').first().textContent(),
        tasks[0]!.uid,
        expect.any(String),
        'RetryDelete',
      ]);
      expect(await first.locator('td time').getAttribute('datetime')).toBe(tasks[0]!.mtime);

      // A task with earlier attempts opens both logs, each entry's event as the API gives it.
      const retried = tasks.findIndex((t) => t.previous_messages.length > 0);
      const index = retried === -1 ? 0 : retried;
      await table.locator('tbody tr:not(.detail)').nth(index).locator('.row-toggle').click();
      const detail = table.locator('tr.detail:not([hidden])');
      expect(await detail.locator('.task-messages .event').allTextContents()).toEqual(tasks[index]!.messages.map((m) => m.event));
      if (retried !== -1) expect(await detail.locator('.task-previous-messages .event').allTextContents()).toEqual(tasks[index]!.previous_messages.map((m) => m.event));
      await page.locator('#tasks').scrollIntoViewIfNeeded();
      await shoot(page, 'tasks');

      const { schedules } = await admin<MockScheduleList>(mock, '/schedules?limit=500');
      expect(schedules.length).toBeGreaterThan(0);
      const scheduleTable = page.getByRole('table', { name: 'Schedules', exact: true });
      expect(await rowNames(scheduleTable)).toEqual(schedules.map((s) => s.actor_name));
      expect(await scheduleTable.locator('tbody tr:not(.detail) td:nth-child(3)').allTextContents()).toEqual(schedules.map((s) => s.crontab));
      expect(await scheduleTable.locator('tbody tr:not(.detail) td:nth-child(6)').allTextContents()).toEqual(schedules.map((s) => s.last_task_status ?? 'none'));
      await page.locator('#schedules').scrollIntoViewIfNeeded();
      await shoot(page, 'schedules');
    } finally {
      await close();
    }
  });

  it('loads 2025.8\'s failing-tasks with the buttons and filters it down to the rejected tasks and the one applied with errors', async () => {
    const { mock, page, close } = await openDashboard();
    try {
      await page.getByLabel('Scenario', { exact: true }).selectOption('failing-tasks');
      await page.getByRole('button', { name: 'Load', exact: true }).click();
      await expectText(page.getByRole('status').filter({ hasText: 'Loaded failing-tasks' }), 'Loaded failing-tasks: 30 events, 6 tasks, 4 schedules, 1 workers.');
      await expectText(page.locator('#overview-scenario'), 'failing-tasks');
      const table = page.getByRole('table', { name: 'Tasks', exact: true });
      await expectText(page.locator('#tasks-shown'), '1–6 of 6 tasks, newest first (page 1 of 1).');
      await page.getByLabel('State', { exact: true }).selectOption('rejected');
      await expectText(page.locator('#tasks-shown'), '1–2 of 2 tasks, newest first (page 1 of 1).');
      expect(await rowNames(table)).toEqual(['authentik.sources.ldap.tasks.ldap_sync', 'authentik.outposts.tasks.outpost_controller']);
      expect(await table.locator('tbody tr:not(.detail) td:nth-child(6)').allTextContents()).toEqual(['authentik.sources.ldap.tasks.ldap_sync:corp-ldap', 'authentik.outposts.tasks.outpost_controller:authentik Embedded Outpost']);
      await page.getByLabel('State', { exact: true }).selectOption('');
      await page.getByLabel('Aggregated status', { exact: true }).selectOption('error');
      await expectText(page.locator('#tasks-shown'), '1–1 of 1 task, newest first (page 1 of 1).');
      expect(await rowNames(table)).toEqual(['authentik.blueprints.v1.tasks.apply_blueprint']);
      await page.locator('#tasks').scrollIntoViewIfNeeded();
      await shoot(page, 'failing-tasks-filtered');
      const rejected = (await (await api(mock, 'tasks/tasks/?state=rejected&ordering=-mtime')).json()) as { results: Array<{ uid: string }> };
      expect(rejected.results.map((t) => t.uid)).toEqual(['authentik.sources.ldap.tasks.ldap_sync:corp-ldap', 'authentik.outposts.tasks.outpost_controller:authentik Embedded Outpost']);
      expect(await rowNames(page.getByRole('table', { name: 'Schedules', exact: true }))).toHaveLength(4);
    } finally {
      await close();
    }
  });

  it('filters the tasks by state and by aggregated status, as authentik\'s API filters them', async () => {
    const { mock, page, close } = await openDashboard();
    try {
      const { tasks } = await admin<MockTaskList>(mock, '/tasks?limit=1000');
      const table = page.getByRole('table', { name: 'Tasks', exact: true });
      // The state the seed has fewest of, so that the filter visibly leaves rows out.
      const states = [...new Set(tasks.map((t) => t.state!))].sort((a, b) => tasks.filter((t) => t.state === a).length - tasks.filter((t) => t.state === b).length);
      const state = states[0]!;
      await page.getByLabel('State', { exact: true }).selectOption(state);
      const expected = tasks.filter((t) => t.state === state);
      const shown = (n: number) => `1–${n} of ${n} ${n === 1 ? 'task' : 'tasks'}, newest first (page 1 of 1).`;
      await expectText(page.locator('#tasks-shown'), shown(expected.length));
      expect(await rowNames(table)).toEqual(expected.map((t) => t.actor_name));
      const byApi = (await (await api(mock, `tasks/tasks/?state=${state}&page_size=100`)).json()) as { pagination: { count: number } };
      expect(byApi.pagination.count).toBe(expected.length);
      await page.getByLabel('State', { exact: true }).selectOption('');
      const status = tasks[tasks.length - 1]!.aggregated_status;
      await page.getByLabel('Aggregated status', { exact: true }).selectOption(status);
      const withStatus = tasks.filter((t) => t.aggregated_status === status);
      await expectText(page.locator('#tasks-shown'), shown(withStatus.length));
      expect(await rowNames(table)).toEqual(withStatus.map((t) => t.actor_name));
      // The choices are the spec's: every state and aggregated status of Task, and `any`.
      expect(await page.getByLabel('State', { exact: true }).locator('option').allTextContents()).toEqual(['any', 'queued', 'consumed', 'rejected', 'done']);
      expect(await page.getByLabel('Aggregated status', { exact: true }).locator('option').allTextContents()).toEqual(['any', 'queued', 'consumed', 'rejected', 'done', 'info', 'warning', 'error']);
    } finally {
      await close();
    }
  });

  it('adds a pasted task, which the table and authentik\'s API then list, and shows the admin API\'s 400 line for a bad one', async () => {
    const { mock, page, close } = await openDashboard();
    try {
      const before = await admin<MockTaskList>(mock, '/tasks?limit=1');
      const form = page.getByRole('form', { name: 'Add or replace tasks' });
      const messageId = crypto.randomUUID();
      await form.getByLabel('JSON').fill(JSON.stringify(pastedTask(messageId)));
      await form.getByRole('button', { name: 'Save tasks' }).click();
      await expectText(form.getByRole('status'), 'Added 1 task.');
      const table = page.getByRole('table', { name: 'Tasks', exact: true });
      await expectText(table.locator('tbody tr:not(.detail) td:nth-child(6)').first(), 'authentik.sources.ldap.tasks.ldap_sync:corp-ldap');
      await expectText(page.locator('#overview-tasks'), String(before.count + 1));
      await table.locator('tbody tr:not(.detail)').first().locator('.row-toggle').click();
      expect(await table.locator('tr.detail:not([hidden]) .task-messages .event').allTextContents()).toEqual(['Task has been queued', 'Failed to connect: ldap.corp.test:636 refused']);
      await shoot(page, 'task-added');
      const stored = (await (await api(mock, `tasks/tasks/${messageId}/`)).json()) as { uid: string; aggregated_status: string };
      expect([stored.uid, stored.aggregated_status]).toEqual(['authentik.sources.ldap.tasks.ldap_sync:corp-ldap', 'error']);

      // A state authentik does not have: the admin API refuses the whole body and the page shows its line.
      const bad = { ...pastedTask(crypto.randomUUID()), state: 'finished' };
      await form.getByLabel('JSON').fill(JSON.stringify([bad]));
      await form.getByRole('button', { name: 'Save tasks' }).click();
      const direct = await fetch(`${mock.url}/__mock__/tasks`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify([bad]) });
      const refusal = (await direct.json()) as { detail: string };
      expect(direct.status).toBe(400);
      expect(refusal.detail).toBe('The state of task 1 must be one of: queued, consumed, rejected, done.');
      await expectText(form.getByRole('alert'), refusal.detail);
      await shoot(page, 'task-refused');
      expect((await admin<MockTaskList>(mock, '/tasks?limit=1')).count).toBe(before.count + 1);

      // Not JSON at all: the page says so and sends nothing.
      await form.getByLabel('JSON').fill('{"actor_name": ');
      await form.getByRole('button', { name: 'Save tasks' }).click();
      expect(await form.getByRole('alert').textContent()).toMatch(/^Not valid JSON: /);
    } finally {
      await close();
    }
  });

  it('replaces a schedule edited from its row, which authentik\'s API then gives', async () => {
    const { mock, page, close } = await openDashboard();
    try {
      const { schedules } = await admin<MockScheduleList>(mock, '/schedules?limit=500');
      const target = schedules[0]!;
      const table = page.getByRole('table', { name: 'Schedules', exact: true });
      await table.locator('tbody tr:not(.detail)').first().locator('.row-toggle').click();
      await table.getByRole('button', { name: 'Edit as JSON' }).click();
      const form = page.getByRole('form', { name: 'Add or replace schedules' });
      const field = form.getByLabel('JSON');
      expect(JSON.parse(await field.inputValue())).toEqual(target);
      await field.fill(JSON.stringify({ ...target, crontab: '7 3 * * 1', paused: true }));
      await form.getByRole('button', { name: 'Save schedules' }).click();
      await expectText(form.getByRole('status'), 'Replaced 1 schedule.');
      await expectText(table.locator('tbody tr:not(.detail) td:nth-child(3)').first(), '7 3 * * 1');
      await expectText(table.locator('tbody tr:not(.detail) td:nth-child(4)').first(), 'paused');
      await shoot(page, 'schedule-replaced');
      const stored = (await (await api(mock, `tasks/schedules/${target.id}/`)).json()) as { crontab: string; paused: boolean };
      expect([stored.crontab, stored.paused]).toEqual(['7 3 * * 1', true]);
    } finally {
      await close();
    }
  });

  it('offers 2025.8\'s operationIds in Faults: a 503 on tasks_tasks_list, which the API then answers', async () => {
    const { mock, page, close } = await openDashboard();
    try {
      const { operations } = await admin<MockOverview>(mock, '/overview');
      expect(operations).toContain('tasks_tasks_list');
      const rows = page.getByRole('table', { name: 'Faults' }).locator('tbody th');
      expect(await rows.allTextContents()).toEqual(operations);
      expect(await page.getByLabel('Status for events_system_tasks_list').count()).toBe(0);
      await page.getByLabel('Status for tasks_tasks_list').fill('503');
      await page.getByRole('button', { name: 'Apply', exact: true }).click();
      await expectText(page.locator('#faults').getByRole('status'), 'Faults on tasks_tasks_list.');
      await page.locator('#faults').scrollIntoViewIfNeeded();
      await shoot(page, 'fault-applied');
      const failing = await api(mock, 'tasks/tasks/');
      expect([failing.status, await failing.json()]).toEqual([503, { detail: 'Injected fault: HTTP 503' }]);
      // The journal's filter has the same operations, and the Events panel reads 2025.8's events.
      expect(await page.getByLabel('operationId').locator('option').allTextContents()).toEqual(['any', ...operations]);
      const events = await admin<{ count: number; events: Array<{ action: string }> }>(mock, '/events?limit=100');
      expect(await rowNames(page.getByRole('table', { name: 'Events' }))).toEqual(events.events.map((e) => e.action));
    } finally {
      await close();
    }
  });
});


/** A done task (rejected for every tenth) of the LDAP sync with uid `…:qa-00042`, modified n seconds after a fixed time, so that newest first is n descending. */
function numberedTask(n: number): Record<string, unknown> {
  const actor = 'authentik.sources.ldap.tasks.ldap_sync';
  return { message_id: crypto.randomUUID(), queue_name: 'default', actor_name: actor, state: n % 10 === 0 ? 'rejected' : 'done', mtime: new Date(Date.UTC(2025, 8, 1) + n * 1000).toISOString(), uid: `${actor}:qa-${String(n).padStart(5, '0')}`, messages: [], previous_messages: [] };
}

describe('the 2025.8 tasks table for QA (issue 18, part 6)', () => {
  it('retries and deletes a task from its row, and shows the admin API\'s sentence for a task that cannot be retried', async () => {
    const { mock, page, close } = await openDashboard();
    try {
      await page.getByLabel('Scenario', { exact: true }).selectOption('failing-tasks');
      await page.getByRole('button', { name: 'Load', exact: true }).click();
      await expectText(page.locator('#tasks-shown'), '1–6 of 6 tasks, newest first (page 1 of 1).');
      const region = page.getByRole('region', { name: 'Tasks', exact: true });
      const uid = 'authentik.sources.ldap.tasks.ldap_sync:corp-ldap';
      await region.getByRole('button', { name: `Retry ${uid}`, exact: true }).click();
      await expectText(region.getByRole('status'), `Retried ${uid}: queued.`);
      expect(await page.locator('#scenarios').getByRole('status').count()).toBe(0);
      const [task] = ((await (await api(mock, `tasks/tasks/?search=corp-ldap&actor_name=authentik.sources.ldap.tasks.ldap_sync`)).json()) as { results: Array<{ message_id: string; state: string }> }).results;
      expect(task!.state).toBe('queued');
      const row = page.getByRole('table', { name: 'Tasks', exact: true }).getByRole('row').filter({ hasText: uid });
      await expectText(row.locator('.badge').first(), 'queued');

      await region.getByRole('button', { name: `Retry ${uid}`, exact: true }).click();
      await expectText(region.getByRole('alert'), `The task ${task!.message_id} is queued: only a done or rejected task can be retried.`);
      await shoot(page, 'task-retry-refused');

      await region.getByRole('button', { name: `Delete ${uid}`, exact: true }).click();
      await expectText(region.getByRole('status'), `Deleted ${uid}.`);
      await expectText(page.locator('#tasks-shown'), '1–5 of 5 tasks, newest first (page 1 of 1).');
      await expectText(page.locator('#overview-tasks'), '5');
      expect((await api(mock, `tasks/tasks/${task!.message_id}/`)).status).toBe(404);
    } finally {
      await close();
    }
  });

  it('searches, filters and pages through 10,000 tasks, fifty rows at a time, as authentik\'s API lists them', async () => {
    const { mock, page, close } = await openDashboard();
    try {
      await fetch(`${mock.url}/__mock__/scenarios/empty`, { method: 'POST' });
      for (let from = 0; from < 10_000; from += 2500) {
        const res = await fetch(`${mock.url}/__mock__/tasks`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(Array.from({ length: 2500 }, (_, i) => numberedTask(from + i + 1))) });
        expect(await res.json()).toEqual({ created: 2500, replaced: 0 });
      }
      await page.reload();
      await page.locator('body[data-ready="true"]').waitFor();
      const region = page.getByRole('region', { name: 'Tasks', exact: true });
      const table = page.getByRole('table', { name: 'Tasks', exact: true });
      const uids = () => table.locator('tbody tr:not(.detail) td:nth-child(6)').allTextContents();
      const qa = (n: number) => `authentik.sources.ldap.tasks.ldap_sync:qa-${String(n).padStart(5, '0')}`;
      await expectText(page.locator('#tasks-shown'), '1–50 of 10,000 tasks, newest first (page 1 of 200).');
      expect(await uids()).toEqual(Array.from({ length: 50 }, (_, i) => qa(10_000 - i)));

      await region.getByRole('button', { name: 'Next page' }).click();
      await expectText(page.locator('#tasks-shown'), '51–100 of 10,000 tasks, newest first (page 2 of 200).');
      const second = (await (await api(mock, 'tasks/tasks/?page=2&page_size=50')).json()) as { results: Array<{ uid: string }> };
      expect(await uids()).toEqual(second.results.map((t) => t.uid));

      await region.getByLabel('Search', { exact: true }).fill('qa-0999');
      await expectText(page.locator('#tasks-shown'), '1–10 of 10 tasks matching "qa-0999", newest first (page 1 of 1).');
      const found = (await (await api(mock, 'tasks/tasks/?search=qa-0999')).json()) as { results: Array<{ uid: string }> };
      expect(await uids()).toEqual(found.results.map((t) => t.uid));

      await region.getByLabel('Search', { exact: true }).fill('');
      await page.getByLabel('State', { exact: true }).selectOption('rejected');
      await expectText(page.locator('#tasks-shown'), '1–50 of 1,000 tasks, newest first (page 1 of 20).');
      await region.getByRole('button', { name: 'Next page' }).click();
      await expectText(page.locator('#tasks-shown'), '51–100 of 1,000 tasks, newest first (page 2 of 20).');
      const rejected = (await (await api(mock, 'tasks/tasks/?state=rejected&page=2&page_size=50')).json()) as { pagination: { count: number }; results: Array<{ uid: string }> };
      expect([rejected.pagination.count, await uids()]).toEqual([1000, rejected.results.map((t) => t.uid)]);
      expect(await table.locator('tbody tr').count()).toBe(100); // fifty rows and their (empty) detail rows
      await shoot(page, 'ten-thousand-tasks');
    } finally {
      await close();
    }
  });
});
