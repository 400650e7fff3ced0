// Checks of the dashboard from the installed package: its files over HTTP, and the page in Chromium (scripts/chromium/).
import { chromium } from 'playwright-core';
import resolver from '../chromium/resolve-chromium.cjs';

export const DASHBOARD_PATHS = ['/__mock__/', '/__mock__/ui/dashboard.js', '/__mock__/ui/dashboard.css'];

/** Status, the headers that matter and the body of one dashboard file, as one comparable text. */
export async function dashboardAsset(origin, path) {
  const res = await fetch(`${origin}${path}`);
  const headers = ['content-type', 'content-security-policy', 'content-length'].map((name) => `${name}: ${res.headers.get(name)}`);
  return [String(res.status), ...headers, await res.text()].join('\n');
}

/** Opens the dashboard and waits until every panel has read the admin API; fails on any script or CSP error. */
export async function openDashboard(origin) {
  const { executablePath, env } = await resolver.resolveChromium();
  const browser = await chromium.launch({ executablePath, env: { ...process.env, ...env }, headless: true, args: resolver.CHROMIUM_ARGS });
  try {
    const page = await browser.newPage();
    const problems = [];
    page.on('pageerror', (error) => problems.push(error.message));
    page.on('console', (message) => message.type() === 'error' && problems.push(message.text()));
    await page.goto(`${origin}/__mock__/`);
    await page.locator('body[data-ready="true"]').waitFor({ timeout: 15_000 });
    const scenario = await page.locator('#overview-scenario').textContent();
    if (scenario !== 'seed 1') throw new Error(`the overview shows scenario ${scenario}`);
    if (problems.length > 0) throw new Error(problems.join('\n'));
  } finally {
    await browser.close();
  }
}
