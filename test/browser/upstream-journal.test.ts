import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { startMock, type RunningMock } from '../../src/index';
import { launchChromium, screenshotDir } from '../helpers/chromium';
import { expectText, openDashboardPage } from '../helpers/dashboard-page';

// The dashboard's Requests panel behind --proxy: an upstream answer is marked, one that breaks the spec says so.
const shots = screenshotDir('upstream-journal');
let browser: Browser;
let real: RunningMock;
beforeAll(async () => {
  [browser, real] = await Promise.all([launchChromium(), startMock({ quiet: true, seed: 5, events: 2 })]);
}, 30_000);
afterAll(() => Promise.all([browser?.close(), real?.close()]));

jest.setTimeout(45_000);

it('marks upstream answers in Requests, and a schema-breaking one with its violation in the detail', async () => {
  await real.admin.addStub({ operationId: 'events_system_tasks_list', outsideContract: true, response: { status: 200, body: { results: [] } } });
  const logged: string[] = [];
  const spy = jest.spyOn(console, 'error').mockImplementation((line: string) => void logged.push(line));
  const { mock, page, close } = await openDashboardPage(browser, { quiet: true, upstream: real.apiUrl, proxy: true }, /^$/);
  try {
    await page.locator('body[data-ready="true"]').waitFor();
    await expectText(page.locator('#requests').getByRole('status').first(), 'Live: new requests appear at the top.');
    const auth = { headers: { Authorization: 'Bearer t' } };
    await fetch(`${mock.apiUrl}/events/events/?via=good`, auth);
    await fetch(`${mock.apiUrl}/events/system_tasks/?via=broken`, auth);
    const table = page.getByRole('table', { name: 'Requests' });
    const broken = table.getByRole('button', { name: '/api/v3/events/system_tasks/?via=broken' });
    await broken.waitFor({ timeout: 2000 });
    const rows = table.locator('tbody tr:not(.detail)');
    expect(await rows.nth(0).locator('.badge').allTextContents()).toEqual(['200', 'upstream', 'violates the spec']);
    expect(await rows.nth(1).locator('.badge').allTextContents()).toEqual(['200', 'upstream']);
    await broken.click();
    await expectText(page.locator('.request-detail .message.error'), "Response of events_system_tasks_list (200) violates the spec at /: must have required property 'pagination'");
    await page.screenshot({ path: join(shots, 'requests.png'), fullPage: true });
    expect(logged).toEqual(["upstream_contract_violation: GET /api/v3/events/system_tasks/?via=broken: Response of events_system_tasks_list (200) violates the spec at /: must have required property 'pagination'"]);
  } finally {
    spy.mockRestore();
    await close();
  }
});
