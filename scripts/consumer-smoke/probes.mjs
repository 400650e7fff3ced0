// Requests whose answers are deterministic under one seed (no creates): what every host must answer exactly
// as `npm start` does. Each answer is reduced to text: status, headers (less the per-request ones), body.

const json = { 'Content-Type': 'application/json' };
export const PROBES = [
  { method: 'GET', path: '/api/v3/events/system_tasks/' },
  { method: 'GET', path: '/api/v3/events/system_tasks/?ordering=-name&page_size=3&page=2' },
  { method: 'GET', path: '/api/v3/events/system_tasks/?status=bogus' },
  { method: 'GET', path: '/api/v3/events/events/?page=99' },
  { method: 'GET', path: '/api/v3/events/events/?page=last&page_size=7&search=login' },
  { method: 'HEAD', path: '/api/v3/events/events/' },
  { method: 'OPTIONS', path: '/api/v3/events/events/' },
  { method: 'GET', path: '/api/v3/events/events' },
  { method: 'POST', path: '/api/v3/events/events', headers: json, body: '{}' },
  { method: 'GET', path: '/api/v3/events/system_tasks/', auth: false },
  { method: 'GET', path: '/api/v3/events/system_tasks/qwerqwer/', auth: false },
  { method: 'GET', path: '/api/v3/events/system_tasks/', headers: { Authorization: 'Basic eDp5' } },
  { method: 'GET', path: '/api/v3/events/system_tasks/', headers: { Authorization: 'Bearer wrong' } },
  { method: 'DELETE', path: '/api/v3/events/events/' },
  { method: 'GET', path: '/api/v3/events/events/qwerqwer/' },
  { method: 'POST', path: '/api/v3/events/events/', headers: json, body: '{"action": "bogus", "app": " "}' },
  { method: 'POST', path: '/api/v3/events/events/', headers: json, body: '{"action": ' },
  { method: 'POST', path: '/api/v3/events/events/', headers: { 'Content-Type': 'text/plain' }, body: 'x' },
  { method: 'GET', path: '/api/v3/events/events/', headers: { Accept: 'text/html' } },
  { method: 'GET', path: '/__mock__/faults', auth: false },
  { method: 'GET', path: '/__mock__/nothing-here', auth: false },
];

/** The same for a mock started with --authentik-version 2025.8: events' changes, tasks, schedules, workers. */
export const PROBES_2025_8 = [
  { method: 'GET', path: '/api/v3/tasks/tasks/' },
  { method: 'GET', path: '/api/v3/tasks/tasks/?state=bogus&aggregated_status=error&aggregated_status=nope' },
  { method: 'GET', path: '/api/v3/tasks/tasks/?ordering=actor_name&page_size=3&page=' },
  { method: 'GET', path: '/api/v3/tasks/tasks/00000000-0000-4000-8000-000000000000/' },
  { method: 'POST', path: '/api/v3/tasks/tasks/00000000-0000-4000-8000-000000000000/retry/' },
  { method: 'GET', path: '/api/v3/tasks/schedules/' },
  { method: 'GET', path: '/api/v3/tasks/schedules/?search=x' },
  { method: 'PATCH', path: '/api/v3/tasks/schedules/00000000-0000-4000-8000-000000000000/', headers: json, body: '{"crontab":"61 * * * *"}' },
  { method: 'GET', path: '/api/v3/tasks/workers' },
  { method: 'GET', path: '/api/v3/tasks/workers/' },
  { method: 'GET', path: '/api/v3/events/events/?actions=login&actions=bogus' },
  { method: 'GET', path: '/api/v3/events/events/?page_size=2&search=%22login%20failed%22' },
  { method: 'GET', path: '/api/v3/events/events/00000000-0000-4000-8000-000000000000/' },
  { method: 'GET', path: '/api/v3/events/events/per_month/' },
  { method: 'GET', path: '/api/v3/events/system_tasks/' },
  { method: 'POST', path: '/api/v3/events/events/', headers: json, body: '{"action": "login", "app": "x", "context": "text"}' },
  { method: 'GET', path: '/api/v3/events/events/?search=a%00b', auth: false },
  { method: 'GET', path: '/__mock__/overview', auth: false },
];

const VARYING = new Set(['x-authentik-id', 'date', 'connection', 'keep-alive', 'transfer-encoding']);

export async function probe(origin, request, token) {
  const headers = { ...(request.auth === false || request.headers?.Authorization ? {} : { Authorization: `Bearer ${token}` }), ...request.headers };
  const res = await fetch(`${origin}${request.path}`, { method: request.method, headers, body: request.body });
  const kept = [...res.headers].filter(([name]) => !VARYING.has(name)).map(([name, value]) => `${name}: ${value}`);
  return `${res.status}\n${kept.join('\n')}\n\n${await res.text()}`;
}
