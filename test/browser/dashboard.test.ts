import { Configuration, EventsApi, EventsSystemTasksListStatusEnum } from '@goauthentik/api';
import { execFile } from 'node:child_process';
import { copyFileSync, mkdirSync } from 'node:fs';
import { createServer, request as httpRequest, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { Page } from 'playwright-core';
import { startMock, type RunningMock } from '../../src/index';
import { useChromium, screenshotDir } from '../helpers/chromium';
import { expectText, openDashboardPage } from '../helpers/dashboard-page';

// The dashboard in headless Chromium (test/helpers/chromium.ts), driven by accessible names as a person finds things, each test checking
// what the page shows and then what the API answers. One browser for the file; a mock (startMock) per test.
const TOKEN = 'qa-frontend';
const shots = screenshotDir('dashboard');
const chromium = useChromium();

jest.setTimeout(45_000);

/** A mock and a fresh page on its dashboard; the 403 of a token prompt is expected. */
const openDashboard = (options: Parameters<typeof startMock>[0] = {}) => openDashboardPage(chromium.browser, { tokens: TOKEN, ...options }, /status of 40[03]/);

const ready = (page: Page) => page.locator('body[data-ready="true"]').waitFor();
const api = (mock: RunningMock, path: string, init: RequestInit = {}) => fetch(`${mock.apiUrl}/${path}`, { ...init, headers: { Authorization: `Bearer ${TOKEN}`, ...init.headers } });
const shoot = (page: Page, name: string) => page.screenshot({ path: join(shots, `${name}.png`), fullPage: false });

describe('the dashboard at /__mock__/ in Chromium', () => {
  it('loads failing-tasks with the buttons, and the API lists its error tasks', async () => {
    const { mock, page, close } = await openDashboard();
    try {
      await ready(page);
      await page.getByLabel('Scenario', { exact: true }).selectOption('failing-tasks');
      await page.getByRole('button', { name: 'Load', exact: true }).click();
      await expectText(page.getByRole('status').filter({ hasText: 'Loaded failing-tasks' }), 'Loaded failing-tasks: 6 system tasks, 30 events.');
      await expectText(page.locator('#overview-scenario'), 'failing-tasks');
      const table = page.getByRole('table', { name: 'System tasks' });
      await table.getByRole('button', { name: 'ldap_sync:corp-ldap:user:0', exact: true }).waitFor();
      expect(await table.locator('.badge-error').allTextContents()).toEqual(['error', 'error', 'error']);
      await shoot(page, 'failing-tasks-loaded');
      const failing = (await (await api(mock, 'events/system_tasks/?status=error&ordering=full_name')).json()) as { results: Array<{ full_name: string }> };
      expect(failing.results.map((t) => t.full_name)).toEqual(['apply_blueprint:default-brand', 'ldap_sync:corp-ldap:user:0', 'outpost_controller:authentik-embedded-outpost']);
      // The README's picture of the dashboard: UPDATE_SCREENSHOT=1 npx jest test/browser writes it.
      if (process.env.UPDATE_SCREENSHOT === '1') {
        await api(mock, 'events/system_tasks/?status=error');
        await api(mock, 'events/events/', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{"action":"login","app":"frontend"}' });
        await api(mock, 'events/events/?page=99');
        await page.getByRole('table', { name: 'Requests' }).getByRole('button', { name: '/api/v3/events/events/?page=99' }).waitFor();
        await page.screenshot({ path: join(shots, 'readme.png'), clip: { x: 0, y: 0, width: 1280, height: 800 } });
        mkdirSync(join(__dirname, '..', '..', 'docs', 'images'), { recursive: true });
        copyFileSync(join(shots, 'readme.png'), join(__dirname, '..', '..', 'docs', 'images', 'dashboard.png'));
      }
    } finally {
      await close();
    }
  });

  it('names authentik 2024.8 and shows its system tasks, not 2025.8\'s tasks and schedules panels', async () => {
    const { mock, page, close } = await openDashboard();
    try {
      await ready(page);
      const overview = (await (await fetch(`${mock.url}/__mock__/overview`)).json()) as { authentik_version: string; state: Record<string, unknown> };
      expect([overview.authentik_version, Object.keys(overview.state)]).toEqual(['2024.8', ['scenario', 'system_tasks', 'events', 'tokens']]);
      await expectText(page.locator('#overview-version'), '2024.8');
      await expectText(page.locator('#overview-system-tasks'), String(overview.state.system_tasks));
      expect(await page.getByRole('navigation', { name: 'Sections' }).getByRole('link').allTextContents()).toEqual(['Overview', 'Scenarios', 'Requests', 'System tasks', 'Events', 'Faults']);
      await page.getByRole('table', { name: 'System tasks' }).waitFor();
      expect(await page.locator('#tasks, #schedules, #overview-tasks, #overview-schedules').count()).toBe(0);
      expect(await page.getByRole('table', { name: 'Tasks', exact: true }).count()).toBe(0);
      expect(await page.getByRole('table', { name: 'Schedules', exact: true }).count()).toBe(0);
      // The faults panel offers 2024.8's operations, as the overview lists them, and none of 2025.8's.
      expect(await page.getByLabel('Status for events_system_tasks_list').count()).toBe(1);
      expect(await page.getByLabel('Status for tasks_tasks_list').count()).toBe(0);
    } finally {
      await close();
    }
  });

  it('exports the state, refuses a bad scenario file with one line and no change, imports a good one and resets', async () => {
    const { mock, page, close } = await openDashboard({ scenario: 'failing-tasks' });
    try {
      await ready(page);
      const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export', exact: true }).click()]);
      const exported = JSON.parse(await streamText(await download.createReadStream())) as { systemTasks: Array<{ status: string }> };
      expect(exported.systemTasks).toHaveLength(6);
      const before = JSON.stringify(await mock.admin.state());
      const broken = { ...exported, systemTasks: exported.systemTasks.map((task, i) => (i === 1 ? { ...task, status: 'finished' } : task)) };
      await page.getByLabel('Import', { exact: true }).setInputFiles({ name: 'broken.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(broken)) });
      await expectText(page.locator('#scenarios').getByRole('alert'), 'broken.json: The status of system task 2 must be one of: unknown, successful, warning, error.');
      await shoot(page, 'import-refused');
      expect(JSON.stringify(await mock.admin.state())).toBe(before);
      const good = { description: 'one task', systemTasks: [exported.systemTasks[0]] };
      await page.getByLabel('Import', { exact: true }).setInputFiles({ name: 'one-task.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(good)) });
      await expectText(page.locator('#scenarios').getByRole('status'), 'Loaded one-task.json: 1 system tasks, 0 events.');
      await expectText(page.locator('#overview-system-tasks'), '1');
      expect(((await (await api(mock, 'events/system_tasks/')).json()) as { pagination: { count: number } }).pagination.count).toBe(1);
      await page.getByRole('button', { name: 'Reset', exact: true }).click();
      await expectText(page.locator('#overview-scenario'), 'failing-tasks');
      expect(((await (await api(mock, 'events/system_tasks/')).json()) as { pagination: { count: number } }).pagination.count).toBe(6);
    } finally {
      await close();
    }
  });

  it('adds a task with the form, which authentik\'s client then fetches', async () => {
    const { mock, page, close } = await openDashboard({ scenario: 'empty' });
    try {
      await ready(page);
      const form = page.getByRole('form', { name: 'Add or replace a task' });
      await form.getByLabel('Name').fill('qa_sync');
      await form.getByLabel('UID').fill('nightly');
      await form.getByLabel('Status').selectOption('error');
      await form.getByLabel('Description').fill('Nightly QA sync');
      await form.getByLabel('Messages').fill('error: upstream refused\ninfo: retry scheduled');
      await form.getByRole('button', { name: 'Save task' }).click();
      await expectText(form.getByRole('status'), 'Added qa_sync.');
      await page.getByRole('table', { name: 'System tasks' }).getByRole('button', { name: 'qa_sync:nightly', exact: true }).click();
      await expectText(page.locator('.messages'), 'error upstream refusedinfo retry scheduled');
      await shoot(page, 'task-added');
      const client = new EventsApi(new Configuration({ basePath: mock.apiUrl, accessToken: TOKEN }));
      const [task] = (await client.eventsSystemTasksList({ status: EventsSystemTasksListStatusEnum.Error })).results;
      expect([task!.fullName, task!.description, task!.messages.map((m) => [m.logLevel, m.event])]).toEqual(['qa_sync:nightly', 'Nightly QA sync', [['error', 'upstream refused'], ['info', 'retry scheduled']]]);
      expect(await client.eventsSystemTasksRetrieve({ uuid: task!.uuid })).toEqual(task);
    } finally {
      await close();
    }
  });

  it('shows the spec\'s error beside the field for an invalid task, and stores nothing', async () => {
    const { mock, page, close } = await openDashboard({ scenario: 'empty' });
    try {
      await ready(page);
      const form = page.getByRole('form', { name: 'Add or replace a task' });
      await form.getByLabel('Name').fill('qa_broken');
      await form.getByLabel('Messages').fill('loud: disk full');
      await form.getByRole('button', { name: 'Save task' }).click();
      const error = page.locator('#task-messages-error');
      await expectText(error, 'The log_level of message 1 of system task 1 must be one of: critical, exception, error, warn, warning, info, debug, notset.');
      expect(await form.getByLabel('Messages').getAttribute('aria-invalid')).toBe('true');
      expect(await form.getByLabel('Messages').getAttribute('aria-describedby')).toContain('task-messages-error');
      await shoot(page, 'task-invalid');
      const tasks = (await (await api(mock, 'events/system_tasks/')).json()) as { pagination: { count: number } };
      expect(tasks.pagination.count).toBe(0);
    } finally {
      await close();
    }
  });

  it('applies a 503 fault on events_system_tasks_list, which the API then answers, and clears it (warning: listening beyond loopback)', async () => {
    const { mock, page, close } = await openDashboard({ host: '0.0.0.0' });
    try {
      await ready(page);
      await expectText(page.locator('#warnings').getByRole('alert'), 'warning: listening on 0.0.0.0 without --admin-token: anyone who can reach this port can read the request journal and replace the state; pass --admin-token');
      await page.getByLabel('Status for events_system_tasks_list').fill('503');
      await page.getByRole('button', { name: 'Apply', exact: true }).click();
      await expectText(page.locator('#faults').getByRole('status'), 'Faults on events_system_tasks_list.');
      await shoot(page, 'fault-applied');
      const failing = await fetch(`http://127.0.0.1:${mock.port}/api/v3/events/system_tasks/`, { headers: { Authorization: `Bearer ${TOKEN}` } });
      expect([failing.status, await failing.json()]).toEqual([503, { detail: 'Injected fault: HTTP 503' }]);
      await page.getByRole('button', { name: 'Clear all', exact: true }).click();
      await expectText(page.locator('#faults').getByRole('status'), 'No faults.');
      expect(await page.getByLabel('Status for events_system_tasks_list').inputValue()).toBe('');
      expect((await fetch(`http://127.0.0.1:${mock.port}/api/v3/events/system_tasks/`, { headers: { Authorization: `Bearer ${TOKEN}` } })).status).toBe(200);
    } finally {
      await close();
    }
  });

  it('shows a request made with curl in Requests within 2 s, and its curl command', async () => {
    const { mock, page, close } = await openDashboard();
    try {
      await ready(page);
      await expectText(page.locator('#requests').getByRole('status').first(), 'Live: new requests appear at the top.');
      const body = '{"action":"custom_","app":"from-curl"}';
      await promisify(execFile)('curl', ['-s', '-o', '/dev/null', '-X', 'POST', '-H', `Authorization: Bearer ${TOKEN}`, '-H', 'Content-Type: application/json', '--data', body, `${mock.apiUrl}/events/events/?via=curl`]);
      const row = page.getByRole('table', { name: 'Requests' }).getByRole('button', { name: '/api/v3/events/events/?via=curl' });
      await row.waitFor({ timeout: 2000 });
      await row.click();
      const curl = page.getByLabel('curl command');
      await expectText(curl, `curl -i -X POST -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' --data-raw '${body}' '${mock.url}/api/v3/events/events/?via=curl'`);
      await expectText(page.getByRole('table', { name: 'Requests' }).locator('tbody tr').first().locator('.badge'), '201');
      await shoot(page, 'request-live');
      const [entry] = await mock.admin.requests({ operationId: 'events_events_create' });
      expect([entry!.url, entry!.status, entry!.request_body]).toEqual(['/api/v3/events/events/?via=curl', 201, JSON.parse(body)]);
    } finally {
      await close();
    }
  });

  it('under --admin-token, asks for the token, shows a wrong token\'s 403 message, then works with the right one', async () => {
    const { mock, page, close } = await openDashboard({ adminToken: 'qa-admin-secret' });
    try {
      const input = page.getByLabel('Admin token', { exact: true });
      await input.waitFor();
      await shoot(page, 'token-prompt');
      await input.fill('wrong');
      await page.getByRole('button', { name: 'Use token' }).click();
      await expectText(page.getByRole('alert'), 'The admin API needs the bearer token given with --admin-token.');
      await shoot(page, 'token-refused');
      const refused = await fetch(`${mock.url}/__mock__/overview`, { headers: { Authorization: 'Bearer wrong' } });
      expect([refused.status, await refused.json()]).toEqual([403, { detail: 'The admin API needs the bearer token given with --admin-token.' }]);
      await page.getByLabel('Admin token', { exact: true }).fill('qa-admin-secret');
      await page.getByRole('button', { name: 'Use token' }).click();
      await ready(page);
      await expectText(page.locator('#overview-admin'), 'needs the admin token');
      // Kept for the tab: a reload does not ask again.
      await page.reload();
      await ready(page);
    } finally {
      await close();
    }
  });

  it('lets no page on another origin read the journal or reset the state, and refuses Host: evil.example', async () => {
    const { mock, page, close } = await openDashboard({ scenario: 'empty' });
    const other = await serveOtherOrigin();
    try {
      await ready(page);
      const foreign = await page.context().newPage();
      await foreign.goto(other.url);
      const attempt = await foreign.evaluate(async (target) => {
        const read = await fetch(`${target}/__mock__/requests`).then((res) => `read ${res.status}`, (error: Error) => `failed: ${error.name}`);
        // A POST without a preflight still reaches the server; the admin API refuses it.
        const reset = await fetch(`${target}/__mock__/reset`, { method: 'POST', mode: 'no-cors' }).then((res) => `sent (${res.type})`, (error: Error) => `failed: ${error.name}`);
        return { read, reset };
      }, mock.url);
      expect(attempt).toEqual({ read: 'failed: TypeError', reset: 'sent (opaque)' });
      await foreign.screenshot({ path: join(shots, 'other-origin.png') });
      // Still the empty scenario (its own description), not reset to the start-up state.
      expect((await mock.admin.state()).description).toBe('No system tasks, no events: the empty screens of a frontend.');
      const rebound = await getWithHost(`${mock.url}/__mock__/requests`, 'evil.example');
      expect(rebound).toEqual({ status: 403, body: { detail: 'Host "evil.example" is not allowed for the admin API and the dashboard (DNS rebinding protection); start the mock with --allowed-hosts evil.example to allow it.' } });
    } finally {
      await other.close();
      await close();
    }
  });
});


async function streamText(stream: NodeJS.ReadableStream): Promise<string> {
  let text = '';
  for await (const chunk of stream) text += String(chunk);
  return text;
}

/** A page on another origin (another port of the same machine), as any site open in the browser would be. */
async function serveOtherOrigin(): Promise<{ url: string; close(): Promise<void> }> {
  const server: Server = createServer((_req, res) => void res.writeHead(200, { 'Content-Type': 'text/html' }).end('<!doctype html><title>another site</title><p>another site</p>'));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://localhost:${(server.address() as AddressInfo).port}/`, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

/** A GET with a chosen Host header, which fetch does not let a caller set. */
function getWithHost(url: string, host: string): Promise<{ status: number; body: unknown }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(url, { headers: { Host: host } }, (res) => {
      let text = '';
      res.on('data', (chunk: Buffer) => (text += chunk));
      res.on('end', () => resolve({ status: res.statusCode!, body: JSON.parse(text) }));
    });
    req.on('error', reject);
    req.end();
  });
}
