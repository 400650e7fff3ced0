import { KNOWN_DIFFERENCES, knownDifferenceOf } from '../src/verify/known-differences';
import type { PlannedRequest } from '../src/verify/request-plan';
import type { Answer } from '../src/verify/sides';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

// The deliberate differences verify lists apart (README, "Where the mock knowingly differs from authentik").
const json = (body: string): Answer => ({ status: 200, contentType: 'application/json', allow: 'GET, HEAD, OPTIONS', body });
const request = (operationId: string, path: string): PlannedRequest => ({ operationId, method: 'GET', path, family: 'list' });
const PAGE = '"pagination":{"next":0,"previous":0,"count":2,"current":1,"total_pages":1,"start_index":1,"end_index":2}';

describe('known differences', () => {
  it('each names an entry of the README list as it is written there', () => {
    const readme = readFileSync(join(__dirname, '..', 'README.md'), 'utf8');
    const section = readme.slice(readme.indexOf('## Where the mock knowingly differs from authentik'));
    for (const known of KNOWN_DIFFERENCES) expect([known.id, section.includes(`**${known.readme}`)]).toEqual([known.id, true]);
  });

  it('error pages: HTML bodies of the same status', () => {
    const page = (body: string): Answer => ({ status: 404, contentType: 'text/html; charset=utf-8', allow: null, body });
    expect(knownDifferenceOf(request('events_events_retrieve', '/events/events/x/'), page('<h1>Not Found</h1>'), page('<html>authentik</html>'))?.id).toBe('error-pages');
  });

  it('ties in ordering: rows that tie on every ordering term in other places, and nothing else', () => {
    const rows = (a: string, b: string) => json(`{${PAGE},"results":[{"pk":"${a}","action":"login"},{"pk":"${b}","action":"login"}]}`);
    expect(knownDifferenceOf(request('events_events_list', '/events/events/?ordering=action'), rows('1', '2'), rows('2', '1'))?.id).toBe('ties-in-ordering');
    // Ordered by pk, the same swap is a difference.
    expect(knownDifferenceOf(request('events_events_list', '/events/events/?ordering=pk'), rows('1', '2'), rows('2', '1'))).toBeUndefined();
    const top = (a: number, b: number) => json(`[{"application":{"n":${a}},"counted_events":3,"unique_users":1},{"application":{"n":${b}},"counted_events":3,"unique_users":1}]`);
    expect(knownDifferenceOf(request('events_events_top_per_user_list', '/events/events/top_per_user/'), top(1, 2), top(2, 1))?.id).toBe('ties-in-ordering');
  });

  it('schema-valid data: a task\'s uid: null left out, description: null as "", a never-run message\'s log_level as info', () => {
    const target = json('{"uuid":"u","name":"n","uid":null,"description":null,"messages":[{"log_level":"","event":"never ran"}]}');
    const mock = json('{"uuid":"u","name":"n","description":"","messages":[{"log_level":"info","event":"never ran"}]}');
    expect(knownDifferenceOf(request('events_system_tasks_retrieve', '/events/system_tasks/u/'), target, mock)?.id).toBe('schema-valid-data');
    expect(knownDifferenceOf(request('events_system_tasks_retrieve', '/events/system_tasks/u/'), target, json('{"uuid":"u","name":"other","description":"","messages":[]}'))).toBeUndefined();
  });
});
