import type { Browser, Locator, Page } from 'playwright-core';
import { startMock, type RunningMock } from '../../src/hosts/start-mock';

/**
 * A mock (startMock with `options`) and a fresh page on its dashboard, for the browser tests. A script error or
 * a CSP violation the page logs fails the test at `close()`; failed loads whose status matches `expectedFailures`
 * (the 403 of a token prompt, the 400 of a refused upsert) are expected and not counted.
 */
export async function openDashboardPage(browser: Browser, options: Parameters<typeof startMock>[0], expectedFailures: RegExp): Promise<{ mock: RunningMock; page: Page; close(): Promise<void> }> {
  const mock = await startMock(options);
  const context = await browser.newContext({ viewport: { width: 1280, height: 1000 } });
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('console', (message) => void (message.type() === 'error' && !expectedFailures.test(message.text()) && problems.push(message.text())));
  page.on('pageerror', (error) => void problems.push(error.message));
  // 127.0.0.1 whatever the mock listens on (a mock on 0.0.0.0 is reached there too).
  await page.goto(`http://127.0.0.1:${mock.port}/__mock__/`);
  return {
    mock,
    page,
    async close() {
      await context.close();
      await mock.close();
      expect(problems).toEqual([]);
    },
  };
}

/** Waits until the element's text is `text` (panels render after their reads), then asserts it exactly. */
export async function expectText(locator: Locator, text: string): Promise<void> {
  const deadline = Date.now() + 5000;
  let last = '';
  while (Date.now() < deadline) {
    last = (await locator.textContent({ timeout: 2000 }).catch(() => null)) ?? '';
    if (last === text) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  expect(last).toBe(text);
}
