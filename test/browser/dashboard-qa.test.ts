import { join } from 'node:path';
import type { Page } from 'playwright-core';
import type { MockJournalEntry, MockSystemTaskList } from '../../src/openapi/generated/schemas';
import { startMock, type RunningMock } from '../../src/index';
import { useChromium, screenshotDir } from '../helpers/chromium';
import { expectText, openDashboardPage } from '../helpers/dashboard-page';

// What the QA engineer who tried the dashboard asked for (issue 18, part 6), on an authentik 2024.8 mock, in
// headless Chromium: found by role and label, each test checking the exact text shown, then what the API answers.
const TOKEN = 'qa-frontend';
const shots = screenshotDir('dashboard-qa');
const chromium = useChromium();

jest.setTimeout(90_000);

/** A mock and its dashboard, ready once every panel has read the admin API; a 400 or 404 of the admin API is expected where a test provokes it. */
async function openDashboard(options: Parameters<typeof startMock>[0] = {}) {
  const opened = await openDashboardPage(chromium.browser, { tokens: TOKEN, ...options }, /status of 40[04]/);
  await ready(opened.page);
  return opened;
}

const ready = (page: Page) => page.locator('body[data-ready="true"]').waitFor();
const admin = async <T>(mock: RunningMock, path: string, init: RequestInit = {}): Promise<T> => {
  const res = await fetch(`${mock.url}/__mock__${path}`, { ...init, headers: { 'Content-Type': 'application/json', ...init.headers } });
  return (res.status === 204 ? undefined : await res.json()) as T;
};
const api = (mock: RunningMock, path: string) => fetch(`${mock.apiUrl}/${path}`, { headers: { Authorization: `Bearer ${TOKEN}` } });
const shoot = (page: Page, name: string) => page.screenshot({ path: join(shots, `${name}.png`), fullPage: false });

/** A finished system task named `qa_task_00042` (zero-padded, so that the name order is the number order). */
function numberedTask(n: number): Record<string, unknown> {
  const name = `qa_task_${String(n).padStart(5, '0')}`;
  const at = '2024-10-01T10:00:00Z';
  return { uuid: crypto.randomUUID(), name, description: `QA task ${n}`, start_timestamp: at, finish_timestamp: at, duration: 0, status: n % 10 === 0 ? 'error' : 'successful', messages: [], expires: null, expiring: false };
}

describe('the dashboard for QA (issue 18, part 6)', () => {
  it('shows the running scenario in the picker, and the seed as a state no file holds', async () => {
    const seeded = await openDashboard();
    try {
      const picker = seeded.page.getByLabel('Scenario', { exact: true });
      expect(await picker.inputValue()).toBe('');
      await expectText(picker.locator('option:checked'), 'seed 1 (running; not a file in fixtures/)');
      expect(await seeded.page.getByRole('button', { name: 'Load', exact: true }).isDisabled()).toBe(true);
      expect((await admin<{ state: { scenario: string } }>(seeded.mock, '/overview')).state.scenario).toBe('seed 1');
    } finally {
      await seeded.close();
    }
    const { mock, page, close } = await openDashboard({ scenario: 'failing-tasks' });
    try {
      expect(await page.getByLabel('Scenario', { exact: true }).inputValue()).toBe('failing-tasks');
      await page.getByLabel('Scenario', { exact: true }).selectOption('empty');
      await page.getByRole('button', { name: 'Load', exact: true }).click();
      await expectText(page.getByRole('status').filter({ hasText: 'Loaded empty' }), 'Loaded empty: 0 system tasks, 0 events.');
      await page.getByRole('button', { name: 'Reset', exact: true }).click();
      await expectText(page.locator('#overview').getByRole('status'), 'Reset: the state is back to failing-tasks, 0 faults and 0 stubs removed, the request journal kept.');
      // The panels read the state again a moment after the reset.
      await expectText(page.locator('#overview-scenario'), 'failing-tasks');
      await page.locator('#scenario-select option:checked[value="failing-tasks"]').waitFor({ state: 'attached' });
      expect(await page.getByLabel('Scenario', { exact: true }).inputValue()).toBe('failing-tasks');
      expect((await admin<{ state: { scenario: string } }>(mock, '/overview')).state.scenario).toBe('failing-tasks');
    } finally {
      await close();
    }
  });

  it('lists the faults and stubs in force, and Reset says it removes them, removes them and keeps the journal', async () => {
    const { mock, page, close } = await openDashboard({ scenario: 'failing-tasks' });
    try {
      await expectText(page.locator('#overview-faults'), 'none');
      await expectText(page.locator('#overview-stubs'), 'none');
      await admin(mock, '/faults', { method: 'PUT', body: JSON.stringify({ events_system_tasks_list: { status: 503, failure_rate: 0.5 }, events_events_create: { latency_ms: [200, 400] } }) });
      await api(mock, 'events/events/?page=1');
      await admin(mock, '/stubs', { method: 'POST', body: JSON.stringify({ operationId: 'events_events_list', match: { query: { page: '1' } }, fault: { status: 500 }, times: 2 }) });
      await page.reload();
      await ready(page);
      expect(await page.locator('#overview-faults').getByRole('listitem').allTextContents()).toEqual(['events_system_tasks_list: answers 503, 50% of requests', 'events_events_create: 200-400 ms latency']);
      expect(await page.locator('#overview-stubs').getByRole('listitem').allTextContents()).toEqual(['stub-1 on events_events_list: answers 500 when query page=1, 2 left']);
      // The stub answers once: the Overview counts it down as the answer reaches the journal.
      expect((await api(mock, 'events/events/?page=1')).status).toBe(500);
      await expectText(page.locator('#overview-stubs').getByRole('listitem'), 'stub-1 on events_events_list: answers 500 when query page=1, 1 left');
      await expectText(page.locator('#reset-hint'), 'Reset puts back the state the mock started with and removes every fault and stub; the request journal is kept.');
      expect(await page.getByRole('button', { name: 'Reset', exact: true }).getAttribute('aria-describedby')).toBe('reset-hint');
      await shoot(page, 'overview-faults-stubs');

      await page.getByRole('button', { name: 'Reset', exact: true }).click();
      await expectText(page.locator('#overview').getByRole('status'), 'Reset: the state is back to failing-tasks, 2 faults and 1 stub removed, the request journal kept.');
      await expectText(page.locator('#overview-faults'), 'none');
      await expectText(page.locator('#overview-stubs'), 'none');
      // The faults panel follows: the status it showed is gone.
      expect(await page.getByLabel('Status for events_system_tasks_list').inputValue()).toBe('');
      expect(await admin(mock, '/faults')).toEqual({});
      expect(await admin(mock, '/stubs')).toEqual({ stubs: [] });
      expect((await admin<{ requests: MockJournalEntry[] }>(mock, '/requests?operationId=events_events_list')).requests.map((r) => [r.url, r.answered_by])).toEqual([['/api/v3/events/events/?page=1', 'stub'], ['/api/v3/events/events/?page=1', 'mock']]);
      expect((await api(mock, 'events/events/?page=1')).status).toBe(200);
    } finally {
      await close();
    }
  });

  it('shows every fault row without an inner scroll bar', async () => {
    const { mock, page, close } = await openDashboard();
    try {
      const operations = (await admin<{ operations: string[] }>(mock, '/overview')).operations;
      const table = page.getByRole('table', { name: 'Faults' });
      expect(await table.getByRole('row').count()).toBe(operations.length + 1);
      const box = await table.evaluate((element) => {
        const scroller = element.parentElement!;
        return { scrolls: scroller.scrollHeight > scroller.clientHeight, table: element.getBoundingClientRect().height, shown: scroller.getBoundingClientRect().height };
      });
      expect(box.scrolls).toBe(false);
      expect(box.shown).toBeGreaterThanOrEqual(box.table);
      const last = page.getByLabel(`Status for ${operations[operations.length - 1]}`);
      await last.scrollIntoViewIfNeeded();
      await last.fill('502');
      await page.getByRole('button', { name: 'Apply', exact: true }).click();
      await expectText(page.locator('#faults').getByRole('status'), `Faults on ${operations[operations.length - 1]}.`);
      await shoot(page, 'faults-all-rows');
      expect(Object.keys(await admin<object>(mock, '/faults'))).toEqual([operations[operations.length - 1]]);
      // "Faults on …" stays while it is true (a write through the API leaves the faults as they are), and goes with them.
      const events = Number(await page.locator('#overview-events').textContent());
      await fetch(`${mock.apiUrl}/events/events/`, { method: 'POST', headers: { Authorization: `Bearer ${TOKEN}`, 'Content-Type': 'application/json' }, body: '{"action":"login","app":"qa"}' });
      await expectText(page.locator('#overview-events'), String(events + 1));
      await expectText(page.locator('#faults').getByRole('status'), `Faults on ${operations[operations.length - 1]}.`);
      await page.getByRole('button', { name: 'Reset', exact: true }).click();
      await expectText(page.locator('#faults .message'), '');
      expect(await admin(mock, '/faults')).toEqual({});
    } finally {
      await close();
    }
  });

  it('says the admin API\'s refusal of a fault as its sentence, the same the API answers', async () => {
    const { mock, page, close } = await openDashboard();
    try {
      await page.getByLabel('Status for events_system_tasks_list').fill('700');
      await page.getByRole('button', { name: 'Apply', exact: true }).click();
      await expectText(page.locator('#faults').getByRole('alert'), 'The status of the fault on events_system_tasks_list must be at most 599.');
      await shoot(page, 'fault-refused');
      const res = await fetch(`${mock.url}/__mock__/faults`, { method: 'PUT', headers: { 'Content-Type': 'application/json' }, body: '{"events_system_tasks_list":{"status":700}}' });
      expect([res.status, await res.json()]).toEqual([400, { detail: 'The status of the fault on events_system_tasks_list must be at most 599.' }]);
      expect(await admin(mock, '/faults')).toEqual({});
      await page.getByLabel('Latency for events_events_list').fill('soon');
      await page.getByRole('button', { name: 'Apply', exact: true }).click();
      await expectText(page.locator('#faults').getByRole('alert'), 'The latency for events_events_list must be milliseconds (200) or a range (200-400), not "soon".');
    } finally {
      await close();
    }
  });

  it('shows a request\'s principal and headers, the credential masked as the journal keeps it', async () => {
    const { mock, page, close } = await openDashboard();
    try {
      await fetch(`${mock.apiUrl}/events/events/?via=qa`, { headers: { Authorization: `Bearer ${TOKEN}`, 'X-Qa-Run': 'nightly-7' } });
      await page.getByRole('table', { name: 'Requests' }).getByRole('button', { name: '/api/v3/events/events/?via=qa', exact: true }).click();
      await expectText(page.locator('#requests .principal'), 'Principal: qa-f… (superuser)');
      const headers = page.getByRole('table', { name: 'Request headers' });
      expect(await headers.getByRole('row', { name: 'authorization' }).getByRole('cell').textContent()).toBe('Bearer qa-f…');
      expect(await headers.getByRole('row', { name: 'x-qa-run' }).getByRole('cell').textContent()).toBe('nightly-7');
      await shoot(page, 'request-principal-headers');
      const [entry] = (await admin<{ requests: MockJournalEntry[] }>(mock, '/requests?query=via=qa')).requests;
      expect([entry!.principal, entry!.request_headers.authorization, entry!.request_headers['x-qa-run']]).toEqual([{ token: 'qa-f…', superuser: true, permissions: [] }, 'Bearer qa-f…', 'nightly-7']);

      // "The journal is empty." goes when the next request arrives.
      await page.getByRole('button', { name: 'Clear journal', exact: true }).click();
      await expectText(page.locator('#requests').getByRole('status').filter({ hasText: 'journal' }), 'The journal is empty.');
      await api(mock, 'events/events/?via=after');
      await page.getByRole('table', { name: 'Requests' }).getByRole('button', { name: '/api/v3/events/events/?via=after', exact: true }).waitFor();
      await expectText(page.locator('#requests > .message'), '');
      expect((await admin<{ requests: MockJournalEntry[] }>(mock, '/requests')).requests.map((r) => r.url)).toEqual(['/api/v3/events/events/?via=after']);
    } finally {
      await close();
    }
  });

  it('runs and deletes a system task from its row, and the line that said what was loaded goes once the state changed', async () => {
    const { mock, page, close } = await openDashboard();
    try {
      await page.getByLabel('Scenario', { exact: true }).selectOption('failing-tasks');
      await page.getByRole('button', { name: 'Load', exact: true }).click();
      const loaded = page.locator('#scenarios').getByRole('status');
      await expectText(loaded, 'Loaded failing-tasks: 6 system tasks, 30 events.');
      // The table shows the loaded tasks once it has read them again (the seed has a task of that name too).
      await expectText(page.locator('#system-tasks-shown'), '1–6 of 6 system tasks, by name (page 1 of 1).');
      const region = page.getByRole('region', { name: 'System tasks' });
      await region.getByRole('button', { name: 'Run apply_blueprint:default-brand', exact: true }).click();
      await expectText(region.getByRole('status'), 'Ran apply_blueprint:default-brand: successful.');
      expect(await loaded.count()).toBe(0);
      await expectText(page.locator('#scenarios .message'), '');
      const { results } = (await (await api(mock, 'events/system_tasks/?name=apply_blueprint')).json()) as { results: Array<{ status: string; uuid: string }> };
      expect(results.map((t) => t.status)).toEqual(['successful']);
      const row = page.getByRole('table', { name: 'System tasks' }).getByRole('row').filter({ has: page.getByRole('button', { name: 'apply_blueprint:default-brand', exact: true }) });
      await expectText(row.locator('.badge'), 'successful');

      await region.getByRole('button', { name: 'Delete ldap_sync:corp-ldap:user:0', exact: true }).click();
      await expectText(region.getByRole('status'), 'Deleted ldap_sync:corp-ldap:user:0.');
      await expectText(page.locator('#overview-system-tasks'), '5');
      await expectText(page.locator('#system-tasks-shown'), '1–5 of 5 system tasks, by name (page 1 of 1).');
      expect(await page.getByRole('button', { name: 'ldap_sync:corp-ldap:user:0', exact: true }).count()).toBe(0);
      await shoot(page, 'task-run-deleted');
      expect(((await (await api(mock, 'events/system_tasks/')).json()) as { pagination: { count: number } }).pagination.count).toBe(5);

      // A write through authentik's API changes the state too: the row's outcome line goes.
      await fetch(`${mock.apiUrl}/events/events/`, { method: 'POST', headers: { Authorization: `Bearer ${TOKEN}`, 'Content-Type': 'application/json' }, body: '{"action":"login","app":"qa"}' });
      await expectText(page.locator('#system-tasks > .message'), '');
      expect(await region.getByRole('status').count()).toBe(0);
    } finally {
      await close();
    }
  });

  it('searches and pages through 10,000 system tasks, fifty rows at a time, as authentik\'s API lists them', async () => {
    const { mock, page, close } = await openDashboard({ scenario: 'empty' });
    try {
      for (let from = 0; from < 10_000; from += 2500) {
        const summary = await admin<{ created: number }>(mock, '/system-tasks', { method: 'POST', body: JSON.stringify(Array.from({ length: 2500 }, (_, i) => numberedTask(from + i + 1))) });
        expect(summary.created).toBe(2500);
      }
      await page.reload();
      await ready(page);
      const region = page.getByRole('region', { name: 'System tasks' });
      const table = page.getByRole('table', { name: 'System tasks' });
      const names = () => table.locator('tbody tr:not(.detail) .row-toggle').allTextContents();
      await expectText(page.locator('#system-tasks-shown'), '1–50 of 10,000 system tasks, by name (page 1 of 200).');
      expect(await names()).toEqual(Array.from({ length: 50 }, (_, i) => `qa_task_${String(i + 1).padStart(5, '0')}`));
      expect(await region.getByRole('button', { name: 'Previous page' }).isDisabled()).toBe(true);

      await region.getByRole('button', { name: 'Next page' }).click();
      await expectText(page.locator('#system-tasks-shown'), '51–100 of 10,000 system tasks, by name (page 2 of 200).');
      const second = (await (await api(mock, 'events/system_tasks/?ordering=full_name&page=2&page_size=50')).json()) as { results: Array<{ full_name: string }> };
      expect(await names()).toEqual(second.results.map((t) => t.full_name));

      await region.getByLabel('Search', { exact: true }).fill('qa_task_0999');
      await expectText(page.locator('#system-tasks-shown'), '1–10 of 10 system tasks matching "qa_task_0999", by name (page 1 of 1).');
      const found = (await (await api(mock, 'events/system_tasks/?search=qa_task_0999&ordering=full_name')).json()) as { results: Array<{ full_name: string }> };
      expect(await names()).toEqual(found.results.map((t) => t.full_name));
      expect(await region.getByRole('button', { name: 'Next page' }).isDisabled()).toBe(true);

      // authentik's search also reads the status: the thousand error tasks, then their last page.
      await region.getByLabel('Search', { exact: true }).fill('error');
      await expectText(page.locator('#system-tasks-shown'), '1–50 of 1,000 system tasks matching "error", by name (page 1 of 20).');
      for (let i = 0; i < 19; i++) await region.getByRole('button', { name: 'Next page' }).click();
      await expectText(page.locator('#system-tasks-shown'), '951–1,000 of 1,000 system tasks matching "error", by name (page 20 of 20).');
      expect((await names()).at(-1)).toBe('qa_task_10000');
      expect(await table.locator('tbody tr').count()).toBe(100); // fifty rows and their (empty) detail rows
      await shoot(page, 'ten-thousand-tasks');
      const errors = (await (await api(mock, 'events/system_tasks/?search=error&page_size=1')).json()) as { pagination: { count: number } };
      expect(errors.pagination.count).toBe(1000);
      expect((await admin<MockSystemTaskList>(mock, '/system-tasks?search=error&limit=1')).count).toBe(1000);
    } finally {
      await close();
    }
  });
});
