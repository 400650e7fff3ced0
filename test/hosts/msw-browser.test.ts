import { build } from 'esbuild';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import type { Browser, Locator, Page } from 'playwright-core';
import type { MockAdmin } from '../../src/core/admin-client';
import type { MockCore } from '../../src/core/create-core';
import { launchChromium, screenshotDir } from '../helpers/chromium';

// examples/msw-browser in real Chromium: the page bundled with esbuild, msw's service worker, the mock's
// handlers and authentik's client, served under `Content-Security-Policy: script-src 'self'` (no eval).
const EXAMPLE = join(__dirname, '..', '..', 'examples', 'msw-browser');
const CSP = "script-src 'self'";
const UNKNOWN_STATUS = 'must be equal to one of the allowed values (unknown, successful, warning, error)';

let server: Server;
let browser: Browser;
let page: Page;
let origin: string;
let shots: string;
const pageErrors: string[] = [];

/**
 * The page's globals the test reaches, as seen from functions that run in Chromium (page.evaluate): this file is
 * type-checked without DOM types, and those functions cannot call helpers of this file.
 */
interface InPage {
  /** What examples/msw-browser/app.ts exposes. */
  authentikMock: { mock: MockAdmin; core: MockCore };
  cspViolations: string[];
  document: { addEventListener(type: 'securitypolicyviolation', listener: (event: { effectiveDirective: string; blockedURI: string }) => void): void };
}

/** Records every Content-Security-Policy violation of a page (added by DevTools, so the policy does not stop it). */
function recordViolations(): void {
  const page = globalThis as unknown as InPage;
  page.cspViolations = [];
  page.document.addEventListener('securitypolicyviolation', (event) => void page.cspViolations.push(`${event.effectiveDirective} refused ${event.blockedURI}`));
}
const violationsOf = (target: Page) => target.evaluate(() => (globalThis as unknown as InPage).cspViolations);

/** Serves the example as a static site would: the page, its bundle and msw's worker script, all same-origin. */
async function serveExample(): Promise<Server> {
  const bundle = await build({
    entryPoints: [join(EXAMPLE, 'app.ts')],
    bundle: true,
    format: 'esm',
    platform: 'browser',
    minify: true,
    write: false,
    logLevel: 'silent',
    // The example imports the package by name, as a team would; here that is this repository's source.
    alias: { 'authentik-events-mock': join(__dirname, '..', '..', 'src') },
  });
  const files: Record<string, [string, string | Uint8Array]> = {
    '/': ['text/html; charset=utf-8', readFileSync(join(EXAMPLE, 'index.html'))],
    '/app.css': ['text/css; charset=utf-8', readFileSync(join(EXAMPLE, 'app.css'))],
    '/app.js': ['text/javascript; charset=utf-8', bundle.outputFiles[0]!.contents],
    // What `npx msw init` copies into a site's public folder.
    '/mockServiceWorker.js': ['text/javascript; charset=utf-8', readFileSync(require.resolve('msw/mockServiceWorker.js'))],
    // The control: a script of this origin that tries what a run-time ajv compile does.
    '/eval-probe.html': ['text/html; charset=utf-8', '<!doctype html><title>eval probe</title><script src="/eval-probe.js"></script><p id="verdict"></p>'],
    '/eval-probe.js': ['text/javascript; charset=utf-8', "addEventListener('DOMContentLoaded', () => { let verdict; try { verdict = typeof new Function('return 1'); } catch (error) { verdict = error.name; } document.getElementById('verdict').textContent = verdict; });"],
  };
  const site = createServer((req, res) => {
    const file = files[req.url ?? ''];
    if (!file) return void res.writeHead(404).end();
    res.writeHead(200, { 'Content-Type': file[0], 'Content-Security-Policy': CSP, 'Cache-Control': 'no-store' }).end(file[1]);
  });
  await new Promise<void>((resolve) => site.listen(0, '127.0.0.1', resolve));
  return site;
}

/** Polls what the page shows until it is `expected` (the page updates after its fetches settle), then asserts it. */
async function eventually<T>(read: () => Promise<T>, expected: T, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let seen = await read();
  while (!isDeepStrictEqual(seen, expected) && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 50));
    seen = await read();
  }
  expect(seen).toEqual(expected);
}

const tasksTable = (): Locator => page.getByRole('table', { name: 'System tasks' });
/** The task table's rows as `name status`, and the summary line above it. */
const shownTasks = async () => ({
  summary: (await page.getByRole('region', { name: 'System tasks' }).locator('#tasks-summary').innerText()).trim(),
  rows: (await tasksTable().getByRole('row').allInnerTexts()).slice(1).map((row) => row.replace(/\s+/g, ' ').trim()),
});
const alertText = async () => (await page.getByRole('alert').innerText()).trim();
const screenshot = (name: string) => page.screenshot({ path: join(shots, `${name}.png`), fullPage: true });

const FAILING_TASKS = [
  'apply_blueprint:default-brand error',
  'certificate_discovery warning',
  'clean_expired_models successful',
  'ldap_sync:corp-ldap:user:0 error',
  'outpost_controller:authentik-embedded-outpost error',
  'update_latest_version warning',
];

beforeAll(async () => {
  shots = screenshotDir('msw-browser');
  server = await serveExample();
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  browser = await launchChromium();
  const context = await browser.newContext();
  await context.addInitScript(recordViolations);
  page = await context.newPage();
  page.on('pageerror', (error) => pageErrors.push(error.message));
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await new Promise((resolve) => server?.close(resolve));
});

describe('examples/msw-browser in Chromium, under a strict Content-Security-Policy', () => {
  it('starts the worker and shows the seeded system tasks', async () => {
    const response = await page.goto(origin);
    expect(response!.headers()['content-security-policy']).toBe(CSP);
    await eventually(async () => (await page.getByRole('status').innerText()).trim(), 'The mock answers in a service worker.');
    await eventually(async () => (await shownTasks()).summary, '22 system tasks');
    const { rows } = await shownTasks();
    expect([rows.length, ...rows.slice(0, 3)]).toEqual([22, 'apply_blueprint:default-authentication-flow successful', 'apply_blueprint:default-brand successful', 'apply_blueprint:default-provider-authorization-implicit-consent successful']);
    await screenshot('01-seeded-tasks');
  });

  it('creates an event and shows it back as the API returns it', async () => {
    await page.getByLabel('Action').selectOption('login');
    await page.getByLabel('App').fill('chromium-example');
    await page.getByRole('button', { name: 'Create event' }).click();
    const created = page.getByRole('region', { name: 'Created event' });
    await eventually(async () => (await created.locator('dt').allInnerTexts()).join(' '), 'Event Action App Brand');
    const [pk, ...rest] = await created.locator('dd').allInnerTexts();
    expect([pk, rest]).toEqual([expect.stringMatching(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/), ['login', 'chromium-example', 'Brand fallback']]);
    const journal = await page.evaluate(async () => (await (globalThis as unknown as InPage).authentikMock.mock.requests()).map((entry) => `${entry.method} ${entry.path} ${entry.status}`));
    expect(journal.slice(0, 2)).toEqual([`GET /api/v3/events/events/${pk}/ 200`, 'POST /api/v3/events/events/ 201']);
    await screenshot('02-created-event');
  });

  it('switches scenario', async () => {
    await page.getByLabel('Scenario').selectOption('failing-tasks');
    await page.getByRole('button', { name: 'Load scenario' }).click();
    await eventually(shownTasks, { summary: '6 system tasks', rows: FAILING_TASKS });
    await screenshot('03-failing-tasks');
  });

  it('shows the injected 503, then recovers when the faults are cleared', async () => {
    await page.getByRole('button', { name: 'Inject a 503 on the task list' }).click();
    await eventually(alertText, 'Loading the system tasks failed: HTTP 503: Injected fault: HTTP 503');
    expect(await shownTasks()).toEqual({ summary: '', rows: [] });
    await screenshot('04-injected-503');
    await page.getByRole('button', { name: 'Clear faults' }).click();
    await eventually(shownTasks, { summary: '6 system tasks', rows: FAILING_TASKS });
    expect(await alertText()).toBe('');
  });

  it('turns a dropped connection into a network error', async () => {
    await page.evaluate(() => (globalThis as unknown as InPage).authentikMock.mock.setFaults({ events_system_tasks_list: { drop_connection: true } }));
    await page.getByRole('button', { name: 'Reload tasks' }).click();
    await eventually(alertText, 'Loading the system tasks failed: network error (no response)');
    await page.getByRole('button', { name: 'Clear faults' }).click();
    await eventually(async () => (await shownTasks()).summary, '6 system tasks');
  });

  it('validates responses in the browser: a task that breaks the spec becomes the 500 response_contract_violation', async () => {
    // What a bug in the mock would do: a stored task with a status the spec does not allow.
    await page.evaluate(() => {
      const { store } = (globalThis as unknown as InPage).authentikMock.core.runtime;
      const first = store.systemTasks.all().find((task) => task.name === 'apply_blueprint')!;
      store.systemTasks.set(first.uuid, { ...first, status: 'finished' as never });
    });
    await page.getByRole('button', { name: 'Reload tasks' }).click();
    await eventually(alertText, `Loading the system tasks failed: HTTP 500: Response of events_system_tasks_list (200) violates the spec at /results/0/status: ${UNKNOWN_STATUS}`);
    await screenshot('05-contract-violation');
  });

  it('ran without eval: nothing was refused, and the same policy refuses eval to a script of this origin', async () => {
    expect([await violationsOf(page), pageErrors]).toEqual([[], []]);
    // The control, in a page's own script (DevTools' evaluate is not subject to the policy).
    const probe = await page.context().newPage();
    await probe.goto(`${origin}/eval-probe.html`);
    await eventually(async () => (await probe.locator('#verdict').innerText()).trim(), 'EvalError');
    expect(await violationsOf(probe)).toEqual(['script-src refused eval']);
    await probe.close();
  });

  it('type-checks as browser code (DOM types, no Node types)', () => {
    expect(() => execFileSync(process.execPath, [require.resolve('typescript/bin/tsc'), '-p', join(EXAMPLE, 'tsconfig.json')], { stdio: 'pipe' })).not.toThrow();
  }, 60_000);
});
