import { analyseJournal } from '../contract-tests/upgrade-check/analyse';
import { journalUrl, parseJournal, type JournalRequest } from '../contract-tests/upgrade-check/journal';
import { loadVersion, versionView } from '../contract-tests/upgrade-check/version-specs';
import { BEHAVIOUR_NOTES_2025_8 } from '../src/versions/behaviour-notes-2025.8';
import { createTestApp, TASKS } from './helpers/test-app';

const EVENTS = '/api/v3/events/events/';
const from = loadVersion('2024.8');
const to = loadVersion('2025.8');

async function journalOf(send: (app: ReturnType<typeof createTestApp>) => Promise<void>): Promise<JournalRequest[]> {
  const app = createTestApp();
  await send(app);
  return parseJournal((await app.http.get('/__mock__/requests')).body, 'test').reverse();
}

const summary = (requests: JournalRequest[], target = to) =>
  analyseJournal(requests, from, target, BEHAVIOUR_NOTES_2025_8).findings.map((f) => `${f.severity} ${f.operationId} ${f.kind}: ${f.message}`);

describe('upgrade-check: the checks, each read from the specs or the DRF rules', () => {
  it('volume/: the response items lose x_cord and y_cord (breaking), and two new optional parameters', async () => {
    const requests = await journalOf(async ({ api }) => void expect((await api.get(`${EVENTS}volume/`)).status).toBe(200));
    expect(summary(requests)).toEqual([
      'breaking events_events_volume_list response-key-removed: response 200: 2025.8 no longer sends [].x_cord (integer), [].y_cord (integer)',
      'notice events_events_volume_list new-parameter: new optional query parameter actions (array of string)',
      'notice events_events_volume_list new-parameter: new optional query parameter history_days (number)',
      'notice events_events_volume_list response-key-added: response 200: 2025.8 also sends [].action (string), [].time (string), [].count (integer)',
    ]);
  });

  it('a query value 2024.8 ignored and 2025.8 validates: ?actions=bogus', async () => {
    const requests = await journalOf(async ({ api }) => void expect((await api.get(`${EVENTS}?actions=bogus&page_size=1`)).status).toBe(200));
    const findings = analyseJournal(requests, from, to, BEHAVIOUR_NOTES_2025_8).findings;
    expect(findings[0]).toMatchObject({ severity: 'breaking', kind: 'new-validation', subject: '?actions', requests: [{ detail: expect.stringMatching(/^actions="bogus": must be equal to one of the allowed values \(authorize_application, /) }] });
  });

  it('a system task detail: removed, no route in 2025.8', async () => {
    const requests = await journalOf(async ({ api }) => {
      const list = await api.get(`${TASKS}?page_size=1`);
      expect((await api.get(`${TASKS}${list.body.results[0].uuid as string}/`)).status).toBe(200);
    });
    expect(summary(requests)).toContain('breaking events_system_tasks_retrieve removed-operation: removed in 2025.8: no route matches GET /events/system_tasks/{uuid}/, the server answers with its (non-JSON) error page; use tasks_tasks_retrieve (GET /tasks/tasks/{message_id}/)');
  });

  it('a malformed id stays `Not found.` in both versions: no message finding', async () => {
    const requests = await journalOf(async ({ api }) => void expect((await api.get(`${EVENTS}not-a-uuid/`)).status).toBe(404));
    expect(summary(requests).filter((line) => line.includes('changed-message'))).toEqual([]);
  });

  it('a field newly required by the target spec is found from the spec, not from a list', async () => {
    const requests = await journalOf(async ({ api }) => void expect((await api.post(EVENTS).send({ action: 'login', app: 'my-app', context: {} })).status).toBe(201));
    const spec = structuredClone(to.spec);
    spec.components.schemas.EventRequest!.required = ['action', 'app', 'client_ip'];
    expect(summary(requests, versionView('2025.8', spec))).toContain('breaking events_events_create new-required-field: request body field client_ip is required in 2025.8 and the app does not send it (400)');
    expect(summary(requests).filter((line) => line.startsWith('breaking'))).toEqual([]);
  });
});

describe('upgrade-check: journal and routes', () => {
  it('finds the journal of a mock from its API root or its own root', () => {
    expect(journalUrl('http://localhost:9000/api/v3')).toBe('http://localhost:9000/__mock__/requests');
    expect(journalUrl('http://localhost:9000/api/v3/')).toBe('http://localhost:9000/__mock__/requests');
    expect(journalUrl('http://localhost:9000')).toBe('http://localhost:9000/__mock__/requests');
  });

  it('routes as DRF does: extra actions before the detail route, per_month now a detail lookup', () => {
    expect(to.route('GET', '/api/v3/events/events/actions/')?.operation.operationId).toBe('events_events_actions_list');
    expect(to.route('GET', '/api/v3/events/events/per_month/')).toMatchObject({ operation: { operationId: 'events_events_retrieve' }, pathParams: { event_uuid: 'per_month' } });
    expect(from.route('GET', '/api/v3/events/events/per_month/')?.operation.operationId).toBe('events_events_per_month_list');
    expect(to.route('GET', '/api/v3/events/system_tasks/')).toBeUndefined();
  });
});

describe('upgrade-check: an empty journal', () => {
  it('says that nothing was checked', async () => {
    const { toTextReport } = await import('../contract-tests/upgrade-check/report-text');
    const { toReport } = await import('../contract-tests/upgrade-check/report-model');
    const text = toTextReport(toReport(analyseJournal([], from, to, BEHAVIOUR_NOTES_2025_8), 'empty.json'));
    expect(text).toBe('authentik upgrade check 2024.8 → 2025.8: journal empty.json, 0 requests (0 to 0 operations of 2024.8)\n0 breaking, 0 notices\n\nno request of the journal reached an operation of 2024.8: nothing was checked\n');
  });
});
