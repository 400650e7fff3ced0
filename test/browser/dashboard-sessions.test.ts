import type { Page } from 'playwright-core';
import { createAdminClient } from '../../src/index';
import { useChromium } from '../helpers/chromium';
import { expectText, openDashboardPage } from '../helpers/dashboard-page';

// The dashboard's session picker (issue 18) in headless Chromium, by accessible names: the page shows the
// session picked, its state, its requests, and what it changes stays in that session.
const TOKEN = 'qa-sessions';
const chromium = useChromium();

jest.setTimeout(45_000);

const ready = (page: Page) => page.locator('body[data-ready="true"]').waitFor();

describe('the session picker', () => {
  it('lists the server\'s sessions, shows the picked one\'s state and journal, and loads a scenario there only', async () => {
    const { mock, page, close } = await openDashboardPage(chromium.browser, { tokens: TOKEN }, /status of 40[03]/);
    try {
      const admin = createAdminClient(mock.url);
      await admin.startSession('checkout', { scenario: 'failing-tasks' });
      await ready(page);
      const picker = page.getByRole('combobox', { name: 'Session', exact: true });
      // The page was opened before "checkout" existed: a reload of the list is what a person does, here a new page load.
      await page.reload();
      await ready(page);
      expect(await picker.locator('option').allTextContents()).toEqual(['default', 'checkout']);
      expect(await picker.inputValue()).toBe('default');
      await expectText(page.locator('#overview-system-tasks'), '22');

      await picker.selectOption('checkout');
      await ready(page);
      expect(await page.getByRole('combobox', { name: 'Session', exact: true }).inputValue()).toBe('checkout');
      await expectText(page.locator('#overview-scenario'), 'failing-tasks');
      await expectText(page.locator('#overview-system-tasks'), '6');

      // A request in the session shows in the page's journal; one without the session does not.
      await fetch(`${mock.apiUrl}/events/system_tasks/?status=error`, { headers: { Authorization: `Bearer ${TOKEN}`, 'X-Mock-Session': 'checkout' } });
      await fetch(`${mock.apiUrl}/events/system_tasks/?via=default`, { headers: { Authorization: `Bearer ${TOKEN}` } });
      const requests = page.getByRole('table', { name: 'Requests' });
      await requests.getByRole('button', { name: '/api/v3/events/system_tasks/?status=error' }).waitFor();
      expect(await requests.getByRole('button', { name: '/api/v3/events/system_tasks/?via=default' }).count()).toBe(0);

      // Loading a scenario from the page changes the picked session, not the default one.
      await page.getByLabel('Scenario', { exact: true }).selectOption('empty');
      await page.getByRole('button', { name: 'Load', exact: true }).click();
      await expectText(page.locator('#overview-system-tasks'), '0');
      expect([(await admin.session('checkout').describeSession()).state.system_tasks, (await admin.describeSession()).state.system_tasks]).toEqual([0, 22]);
    } finally {
      await close();
    }
  });

  it('opens a new session by name, and refuses a name the server would refuse, with a sentence', async () => {
    const { mock, page, close } = await openDashboardPage(chromium.browser, { tokens: TOKEN }, /status of 40[03]/);
    try {
      await ready(page);
      await page.getByLabel('New session', { exact: true }).fill('a b');
      await page.getByRole('button', { name: 'Open session' }).click();
      await expectText(page.getByRole('group', { name: 'Sessions' }).getByRole('alert'), `"a b" is not a session name; use 1 to 64 letters, digits, '.', '_', '~' or '-'.`);

      await page.getByLabel('New session', { exact: true }).fill('qa-anna');
      await page.getByRole('button', { name: 'Open session' }).click();
      await ready(page);
      expect(await page.getByRole('combobox', { name: 'Session', exact: true }).inputValue()).toBe('qa-anna');
      // The page's own admin calls started the session on the server.
      expect((await createAdminClient(mock.url).sessions()).sessions.map((session) => session.name).sort()).toEqual(['default', 'qa-anna']);
    } finally {
      await close();
    }
  });
});
