import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startMock } from '../src/index';
import { createTestApp, EVENTS } from './helpers/test-app';

// What a JSON field holds survives the state export and its import, through the API's own JSON writer:
// float literals, ints beyond 2^53 and 64 bits, key orders JS objects would reorder, non-ASCII text.
const AWKWARD = [
  '{"action":"login","app":"floats","context":{"one":1.0,"list":[1.0,2,0.5],"zero":-0.0,"tiny":1e-7}}',
  '{"action":"login","app":"huge","context":{"e":1e20},"user":{"pk":18446744073709551615}}',
  '{"action":"login","app":"keys","context":{"10":3,"b":4,"01":2,"1":1,"a":5,"é":"ü","nested":{"2":"x","1":"y"}}}',
  '{"action":"custom_","app":"日本語 ✓","context":{"emoji":"🙂","ß":"ẞ"},"brand":{"name":"Brand ☃"}}',
];

async function seeded() {
  const app = createTestApp({ tasks: 3, events: 5 });
  const pks: string[] = [];
  for (const body of AWKWARD) {
    const created = await app.api.post(EVENTS).set('Content-Type', 'application/json').send(body);
    expect(created.status).toBe(201);
    pks.push((created.body as { pk: string }).pk);
  }
  return { app, pks };
}

/** Every answer that shows the events: each one, and the list, as status and bytes. */
async function answers(app: ReturnType<typeof createTestApp>, pks: string[]): Promise<string[]> {
  const each = await Promise.all(pks.map((pk) => app.api.get(`${EVENTS}${pk}/`)));
  const list = await app.api.get(`${EVENTS}?ordering=pk&page_size=1000&app=keys`);
  return [...each, list].map((res) => `${res.status} ${res.text}`);
}


describe('the state export', () => {
  it('writes the JSON fields as the API does: 1.0 stays 1.0, ints stay exact, keys keep jsonb order', async () => {
    const { app } = await seeded();
    const exported = (await app.http.get('/__mock__/state')).text;
    expect(exported).toContain('"context":{"one":1.0,"list":[1.0,2,0.5],"tiny":1e-7,"zero":0.0}');
    // 1e20 is stored as the int numeric gives back, which the API cannot write (a 500) but the export must.
    expect(exported).toContain('"context":{"e":100000000000000000000},"client_ip":null');
    expect(exported).toContain('"user":{"pk":18446744073709551615}');
    expect(exported).toContain('"context":{"1":1,"a":5,"b":4,"01":2,"10":3,"é":"ü","nested":{"1":"y","2":"x"}}');
    expect(exported).toContain('"app":"日本語 ✓","context":{"ß":"ẞ","emoji":"🙂"}');
  });

  it('loads back byte for byte: the same export, and the same answer to every request', async () => {
    const { app, pks } = await seeded();
    const before = await answers(app, pks);
    expect(before[1]).toMatch(/^500 /); // authentik cannot write the row holding 1e20 back
    const exported = (await app.http.get('/__mock__/state')).text;

    const fresh = createTestApp({ tasks: 0, events: 0 });
    const loaded = await fresh.http.put('/__mock__/state').set('Content-Type', 'application/json').send(exported);
    expect([loaded.status, loaded.body]).toEqual([200, { scenario: 'request body', system_tasks: 3, events: 9 }]);
    expect((await fresh.http.get('/__mock__/state')).text).toBe(exported);
    expect(await answers(fresh, pks)).toEqual(before);
  });

  it('the state file holds the same text, and a restart from it answers the same', async () => {
    const stateFile = join(mkdtempSync(join(tmpdir(), 'state-export-')), 'state.json');
    const first = await startMock({ stateFile, tasks: 2, events: 3 });
    for (const body of AWKWARD) {
      const created = await fetch(`${first.apiUrl}/events/events/`, { method: 'POST', headers: { Authorization: 'Bearer t', 'Content-Type': 'application/json' }, body });
      expect(created.status).toBe(201);
    }
    const exported = await (await fetch(`${first.url}/__mock__/state`)).text();
    for (const held of ['"context":{"one":1.0,"list":[1.0,2,0.5],"tiny":1e-7,"zero":0.0}', '"user":{"pk":18446744073709551615}', '"01":2,"10":3']) expect(exported).toContain(held);
    await first.close();
    // The state file says when it was saved; the rest is the export's text.
    const saved = readFileSync(stateFile, 'utf8');
    expect(saved.replace(/^\{"description":"[^"]*",/, '{')).toBe(exported.replace(/^\{"description":"[^"]*",/, '{'));

    const second = await startMock({ stateFile });
    try {
      expect(await (await fetch(`${second.url}/__mock__/state`)).text()).toBe(saved);
    } finally {
      await second.close();
    }
  });
});

describe('the state file of a 2025.8 mock', () => {
  it('keeps tasks, schedules and workers across a restart, with a retry and a paused schedule, byte for byte', async () => {
    const stateFile = join(mkdtempSync(join(tmpdir(), 'state-2025-')), 'state.json');
    const first = await startMock({ authentikVersion: '2025.8', stateFile, tasks: 6, events: 3 });
    const auth = { Authorization: 'Bearer t', 'Content-Type': 'application/json' };
    const done = (await (await fetch(`${first.apiUrl}/tasks/tasks/?state=done`, { headers: auth })).json()) as { results: Array<{ message_id: string }> };
    expect((await fetch(`${first.apiUrl}/tasks/tasks/${done.results[0]!.message_id}/retry/`, { method: 'POST', headers: auth })).status).toBe(204);
    const schedules = (await (await fetch(`${first.apiUrl}/tasks/schedules/`, { headers: auth })).json()) as { results: Array<{ id: string }> };
    expect((await fetch(`${first.apiUrl}/tasks/schedules/${schedules.results[0]!.id}/`, { method: 'PATCH', headers: auth, body: '{"paused":true}' })).status).toBe(200);
    const exported = await (await fetch(`${first.url}/__mock__/state`)).text();
    expect(Object.keys(JSON.parse(exported) as object)).toEqual(['description', 'events', 'tasks', 'schedules', 'workers']);
    await first.close();
    const saved = readFileSync(stateFile, 'utf8');
    expect(saved.replace(/^\{"description":"[^"]*",/, '{')).toBe(exported.replace(/^\{"description":"[^"]*",/, '{'));

    const second = await startMock({ authentikVersion: '2025.8', stateFile });
    try {
      expect(await (await fetch(`${second.url}/__mock__/state`)).text()).toBe(saved);
      const retried = (await (await fetch(`${second.apiUrl}/tasks/tasks/${done.results[0]!.message_id}/`, { headers: auth })).json()) as { state: string };
      expect(retried.state).toBe('queued');
      const paused = (await (await fetch(`${second.apiUrl}/tasks/schedules/${schedules.results[0]!.id}/`, { headers: auth })).json()) as { next_run: string };
      expect(paused.next_run).toBe('1970-01-01T00:00:00Z');
    } finally {
      await second.close();
    }
  });

  it('refuses a 2024.8 state file for a 2025.8 mock with one line naming the file and the key', async () => {
    const stateFile = join(mkdtempSync(join(tmpdir(), 'state-2024-')), 'state.json');
    const first = await startMock({ stateFile, tasks: 1, events: 0 });
    await first.close();
    await expect(startMock({ authentikVersion: '2025.8', stateFile })).rejects.toThrow(`${stateFile}: /: must NOT have additional properties (systemTasks)`);
  });
});

describe('JSON field key order', () => {
  it('echoes the keys of a write in the order sent, and reads give them in jsonb order (shorter first, then bytes)', async () => {
    const { api } = createTestApp({ events: 0 });
    const created = await api.post(EVENTS).set('Content-Type', 'application/json').send('{"action":"login","app":"k","context":{"10":3,"b":4,"01":2,"1":1,"a":5}}');
    expect(created.text).toContain('"context":{"10":3,"b":4,"01":2,"1":1,"a":5}');
    const read = await api.get(`${EVENTS}${(created.body as { pk: string }).pk}/`);
    expect(read.text).toContain('"context":{"1":1,"a":5,"b":4,"01":2,"10":3}');
  });
});
