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

describe('JSON field key order', () => {
  it('echoes the keys of a write in the order sent, and reads give them in jsonb order (shorter first, then bytes)', async () => {
    const { api } = createTestApp({ events: 0 });
    const created = await api.post(EVENTS).set('Content-Type', 'application/json').send('{"action":"login","app":"k","context":{"10":3,"b":4,"01":2,"1":1,"a":5}}');
    expect(created.text).toContain('"context":{"10":3,"b":4,"01":2,"1":1,"a":5}');
    const read = await api.get(`${EVENTS}${(created.body as { pk: string }).pk}/`);
    expect(read.text).toContain('"context":{"1":1,"a":5,"b":4,"01":2,"10":3}');
  });
});
