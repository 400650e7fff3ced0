import type { JournalRecord } from '../../src/mock-control/journal';
import { createRequestLogger } from '../../src/node/request-log';

// The CLI's line per request says when the real authentik answered, in both formats; the mock's own lines are as before.
const record = (answeredBy: JournalRecord['answeredBy']): JournalRecord => ({
  at: Date.UTC(2026, 0, 2, 3, 4, 5),
  method: 'GET',
  path: '/api/v3/core/users/',
  url: '/api/v3/core/users/?page=2',
  operationId: 'core_users_list',
  status: 200,
  durationMs: 12.34,
  requestBody: undefined,
  responseBody: null,
  headers: {},
  principal: undefined,
  answeredBy,
  session: 'default',
});

test('an upstream answer is marked in the text and the JSON line', () => {
  const lines: string[] = [];
  for (const format of ['text', 'json'] as const) {
    const log = createRequestLogger(format, (line) => lines.push(line));
    log(record('upstream'));
    log(record('mock'));
  }
  expect(lines).toEqual([
    'GET /api/v3/core/users/?page=2 200 12.3 ms from upstream',
    'GET /api/v3/core/users/?page=2 200 12.3 ms',
    '{"time":"2026-01-02T03:04:05.000Z","method":"GET","url":"/api/v3/core/users/?page=2","operationId":"core_users_list","status":200,"ms":12.3,"answeredBy":"upstream"}',
    '{"time":"2026-01-02T03:04:05.000Z","method":"GET","url":"/api/v3/core/users/?page=2","operationId":"core_users_list","status":200,"ms":12.3}',
  ]);
});
