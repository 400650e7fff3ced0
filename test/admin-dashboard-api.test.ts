import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import YAML from 'js-yaml';
import type { AddressInfo } from 'node:net';
import type { CoreResponse } from '../src/core/core-types';
import { DASHBOARD_CSP } from '../src/core/dashboard';
import { createFetchHandler } from '../src/fetch';
import { loadDashboardAssets } from '../src/node/dashboard-files';
import { listOperations } from '../src/openapi/operations';
import { AUTH, contract, contractFor, createTestApp, EVENTS, onlyTokens, TASKS } from './helpers/test-app';

const PAGE = '<!doctype html><title>t</title><script type="module" src="/__mock__/ui/dashboard.js"></script>';
const fakeAssets = new Map([
  ['', { contentType: 'text/html; charset=utf-8', text: PAGE }],
  ['ui/dashboard.js', { contentType: 'text/javascript; charset=utf-8', text: 'console.log("é")' }],
]);

/** Reads chunks from a streamed core answer until `done` says enough, or fails after `ms`. */
async function readUntil(chunks: AsyncIterator<string>, done: (text: string) => boolean, ms = 2000): Promise<string> {
  let text = '';
  const deadline = Date.now() + ms;
  while (!done(text)) {
    const next = await Promise.race([chunks.next(), new Promise<'timeout'>((resolve) => setTimeout(() => resolve('timeout'), Math.max(0, deadline - Date.now())))]);
    if (next === 'timeout' || next.done) throw new Error(`stream ended or timed out; read so far:\n${text}`);
    text += next.value;
  }
  return text;
}

const dataOf = (text: string) =>
  text
    .split('\n\n')
    .filter((event) => event.startsWith('data: '))
    .map((event) => JSON.parse(event.slice('data: '.length)) as { method: string; url: string; status: number; operationId: string | null });

describe('the dashboard page and its assets at /__mock__/', () => {
  it('serves the page with a CSP that allows no inline script or eval, and its script, outside JSON validation', async () => {
    const { http } = createTestApp({ dashboard: fakeAssets });
    const page = await http.get('/__mock__/');
    expect([page.status, page.headers['content-type'], page.headers['content-security-policy'], page.headers['cache-control'], page.text]).toEqual([200, 'text/html; charset=utf-8', DASHBOARD_CSP, 'no-cache', PAGE]);
    expect(DASHBOARD_CSP).not.toMatch(/unsafe-inline|unsafe-eval/);
    const script = await http.get('/__mock__/ui/dashboard.js');
    expect([script.status, script.headers['content-type'], script.headers['content-length'], script.headers['x-frame-options']]).toEqual([200, 'text/javascript; charset=utf-8', '17', 'DENY']);
    const head = await http.head('/__mock__/ui/dashboard.js');
    expect([head.status, head.text, head.headers['content-length']]).toEqual([200, '', '17']);
    expect([(await http.get('/__mock__/ui/missing.js')).status, (await http.get('/__mock__/ui/missing.js')).body]).toEqual([404, { detail: 'Not found.' }]);
  });

  it('asks for no token for the page (a browser navigation cannot send one), but does for the admin API', async () => {
    const { http } = createTestApp({ dashboard: fakeAssets, adminToken: 'secret' });
    expect((await http.get('/__mock__/')).status).toBe(200);
    const api = await http.get('/__mock__/overview');
    expect([api.status, api.body]).toEqual([403, { detail: 'The admin API needs the bearer token given with --admin-token.' }]);
  });

  it('is built: the page has no inline script or style, and the script is under 50 KB gzipped', () => {
    const assets = loadDashboardAssets();
    if (!assets) throw new Error('dist/ui/ is missing: run npm run build (npm test does)');
    const page = assets.get('')!.text;
    expect(page.match(/<script\b[^>]*>/g)).toEqual(['<script type="module" src="/__mock__/ui/dashboard.js"></script>'.replace('</script>', '')]);
    expect(page).not.toMatch(/<style|\sstyle=|\son[a-z]+=/i);
    expect(gzipSync(assets.get('ui/dashboard.js')!.text).length).toBeLessThan(50 * 1024);
  });
});

describe('what the built dashboard takes from the specs', () => {
  it('filters 2025.8\'s tasks by the state and aggregated_status enums of spec/authentik-2025.8.yaml, put in at build time', () => {
    const assets = loadDashboardAssets();
    if (!assets) throw new Error('dist/ui/ is missing: run npm run build (npm test does)');
    const script = assets.get('ui/dashboard.js')!.text;
    const schemas = (YAML.load(readFileSync(join(__dirname, '..', 'spec', 'authentik-2025.8.yaml'), 'utf8'), { schema: YAML.CORE_SCHEMA }) as { components: { schemas: Record<string, { enum?: string[] }> } }).components.schemas;
    for (const name of ['StateEnum', 'TaskAggregatedStatusEnum']) {
      expect(schemas[name]!.enum!.length).toBeGreaterThan(0);
      expect(script).toContain(JSON.stringify(schemas[name]!.enum));
    }
  });
});

describe('the admin operations the dashboard reads', () => {
  it('mock_overview_retrieve: state, token mode, validation mode, admin token and operations', async () => {
    const { http } = createTestApp({ tokenPolicy: onlyTokens('a', 'b'), validateResponses: 'warn', adminToken: 's' });
    const res = await http.get('/__mock__/overview').set('Authorization', 'Bearer s');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      authentik_version: '2024.8',
      state: { scenario: 'seed 1', system_tasks: 22, events: 40, tokens: 2 },
      token_mode: 'list',
      admin_token: true,
      response_validation: 'warn',
      // authentik's operationIds in our spec (the ones faults may name), sorted.
      operations: listOperations(contract.spec).filter((op) => !op.path.startsWith('/__mock__')).map((op) => op.operationId).sort(),
      warnings: [],
    });
    expect(res.body.operations).toContain('events_system_tasks_list');
    expect(res.body.operations).not.toContain('mock_reset');
  });

  it('mock_overview_retrieve in 2025.8: the version, the counts of tasks, schedules and workers (no system tasks), and 2025.8\'s operations', async () => {
    const { http } = createTestApp({ version: '2025.8' });
    const res = await http.get('/__mock__/overview');
    expect(res.status).toBe(200);
    // What the dashboard decides its panels by: the version is shown, the state's keys pick the panels.
    expect([res.body.authentik_version, Object.keys(res.body.state).sort()]).toEqual(['2025.8', ['events', 'scenario', 'schedules', 'tasks', 'workers']]);
    expect(res.body.operations).toEqual(listOperations(contractFor('2025.8').spec).filter((op) => !op.path.startsWith('/__mock__')).map((op) => op.operationId).sort());
    expect(res.body.operations).toEqual(expect.arrayContaining(['tasks_tasks_list', 'tasks_schedules_list', 'tasks_workers_list']));
    expect(res.body.operations).not.toContain('events_system_tasks_list');
    expect((await http.get('/__mock__/system-tasks')).status).toBe(404);
  });

  it('mock_system_tasks_list: tasks by full_name, at most limit, with the count of all', async () => {
    const { http } = createTestApp();
    const res = await http.get('/__mock__/system-tasks?limit=3');
    const names = res.body.system_tasks.map((t: { full_name: string }) => t.full_name);
    expect([res.status, res.body.count, names.length]).toEqual([200, 22, 3]);
    expect(names).toEqual([...names].sort());
    const all = (await http.get(`${TASKS}?page_size=100&ordering=full_name`).set(AUTH)).body.results.map((t: { full_name: string }) => t.full_name);
    expect(names).toEqual([...all].sort().slice(0, 3));
    const bad = await http.get('/__mock__/system-tasks?limit=0');
    expect([bad.status, bad.body]).toEqual([400, { detail: 'limit must be a whole number from 1 to 10000' }]);
  });

  it('mock_events_list: the newest events first, as authentik gives them', async () => {
    const { http } = createTestApp();
    const res = await http.get('/__mock__/events?limit=5');
    const api = await http.get(`${EVENTS}?ordering=-created&page_size=5`).set(AUTH);
    expect([res.status, res.body.count]).toEqual([200, 40]);
    expect(res.body.events).toEqual(api.body.results);
  });
});

describe('mock_requests_stream: the journal as server-sent events', () => {
  it('sends the entries held (oldest first), then each new request, filtered, until the reader stops', async () => {
    const mock = createTestApp();
    await mock.api.get(`${TASKS}?page_size=1`);
    await mock.api.get(`${TASKS}nope/`);
    const outcome = (await mock.handle({ method: 'GET', url: '/__mock__/requests/stream', headers: {} })) as CoreResponse;
    expect([outcome.status, outcome.body, outcome.headers.slice(-4)]).toEqual([200, undefined, ['Content-Type', 'text/event-stream; charset=utf-8', 'Cache-Control', 'no-cache']]);
    const chunks = outcome.stream![Symbol.asyncIterator]();
    const held = await readUntil(chunks, (text) => dataOf(text).length === 2);
    expect(held.startsWith('retry: 2000\n\n')).toBe(true);
    expect(dataOf(held).map((e) => [e.url, e.status])).toEqual([[`${TASKS}?page_size=1`, 200], [`${TASKS}nope/`, 404]]);
    await mock.api.post(EVENTS).send({ action: 'login', app: 'live' });
    expect(dataOf(await readUntil(chunks, (text) => dataOf(text).length === 1)).map((e) => [e.method, e.operationId, e.status])).toEqual([['POST', 'events_events_create', 201]]);
    expect(mock.journal.subscribers).toBe(1);
    await chunks.return!();
    expect([mock.journal.subscribers, await chunks.next()]).toEqual([0, { value: undefined, done: true }]);
  });

  it('filters by status as the journal list does, and refuses a status that is not a number', async () => {
    const mock = createTestApp();
    const outcome = (await mock.handle({ method: 'GET', url: '/__mock__/requests/stream?status=404', headers: {} })) as CoreResponse;
    const chunks = outcome.stream![Symbol.asyncIterator]();
    await mock.api.get(TASKS);
    await mock.api.get(`${TASKS}nope/`);
    expect(dataOf(await readUntil(chunks, (text) => dataOf(text).length === 1)).map((e) => e.status)).toEqual([404]);
    await chunks.return!();
    expect((await mock.http.get('/__mock__/requests/stream?status=x')).body).toEqual({ detail: 'status must be a whole number' });
  });

  it('is written chunk by chunk by the Node host, and ends when the client goes away', async () => {
    const mock = createTestApp();
    const server = (await import('node:http')).createServer(mock.app).listen(0, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
    const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const abort = new AbortController();
    try {
      const res = await fetch(`${origin}/__mock__/requests/stream`, { signal: abort.signal });
      expect([res.status, res.headers.get('content-type'), res.headers.get('content-length')]).toEqual([200, 'text/event-stream; charset=utf-8', null]);
      const reader = res.body!.pipeThrough(new TextDecoderStream()).getReader();
      await fetch(`${origin}${TASKS}?page_size=2`, { headers: AUTH });
      const chunks: AsyncIterator<string> = { next: async () => { const r = await reader.read(); return r.done ? { done: true, value: undefined } : { done: false, value: r.value }; } };
      expect(dataOf(await readUntil(chunks, (text) => dataOf(text).length === 1)).map((e) => e.url)).toEqual([`${TASKS}?page_size=2`]);
      abort.abort();
      const deadline = Date.now() + 2000;
      while (mock.journal.subscribers > 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
      expect(mock.journal.subscribers).toBe(0);
    } finally {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    }
  });

  it('is a ReadableStream in the fetch host, which cancelling ends', async () => {
    const handle = createFetchHandler();
    const res = await handle(new Request('http://mock.test/__mock__/requests/stream'));
    const reader = res.body!.pipeThrough(new TextDecoderStream()).getReader();
    await handle(new Request('http://mock.test/api/v3/events/events/?page_size=1', { headers: { Authorization: 'Bearer t' } }));
    let text = '';
    while (dataOf(text).length < 1) text += (await reader.read()).value;
    expect(dataOf(text).map((e) => [e.operationId, e.status])).toEqual([['events_events_list', 200]]);
    await reader.cancel();
    expect(handle.mock.journal.subscribers).toBe(0);
  });
});
